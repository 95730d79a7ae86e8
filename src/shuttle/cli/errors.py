"""How the command line reports failure: one line on stderr and an exit code a script can test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import NoReturn

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from shuttle.cli.hints import cli_hint
from shuttle.talks import Invalid, NotFound, Refusal, Refused


class Exit(IntEnum):
    DONE = 0
    REFUSED = 1
    USAGE = 2
    NOT_FOUND = 3


def fail(code: Exit, message: str) -> NoReturn:
    """Print `message` as one line on stderr and exit with `code`."""
    one_line = " ".join(message.split())
    print(f"shuttle: {one_line}", file=sys.stderr)
    raise SystemExit(int(code))


@contextmanager
def reported() -> Iterator[None]:
    """Turn refusals and database failures into the documented exit codes."""
    try:
        yield
    except NotFound as error:
        fail(Exit.NOT_FOUND, f"not found: {error}{cli_hint(error.hint)}")
    except Invalid as error:
        fail(Exit.USAGE, f"invalid: {error}{cli_hint(error.hint)}")
    except Refused as error:
        fail(Exit.REFUSED, f"refused: {error}{cli_hint(error.hint)}")
    except Refusal as error:  # pragma: no cover - every refusal is one of the three above
        fail(Exit.REFUSED, f"refused: {error}{cli_hint(error.hint)}")
    except ArgumentError as error:
        fail(Exit.USAGE, f"invalid database URL: {error}")
    except SQLAlchemyError as error:
        # The driver's own message says what went wrong; SQLAlchemy's wrapper adds only noise.
        detail = getattr(error, "orig", None) or error
        fail(Exit.REFUSED, f"database error: {detail}")
