"""The `shuttle` command line."""

from __future__ import annotations

import sys

import typer

from shuttle.cli.app import app
from shuttle.cli.errors import Exit, fail


def main() -> None:
    """Run the command; a usage error is reported, like every failure, in one line on stderr."""
    try:
        app(standalone_mode=False)
    except typer.TyperException as error:
        if type(error).__name__ == "NoArgsIsHelpError":
            # `shuttle` or `shuttle talk` alone: the help is the answer, shown as help.
            print(error.format_message(), file=sys.stderr)
            raise SystemExit(Exit.USAGE) from None
        code = Exit.USAGE if error.exit_code == Exit.USAGE else Exit.REFUSED
        fail(code, f"invalid: {error.format_message()}")
    except typer.Abort:
        fail(Exit.REFUSED, "aborted")


__all__ = ["app", "main"]
