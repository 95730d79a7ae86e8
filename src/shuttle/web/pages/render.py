"""Turning templates into responses: one Jinja2 environment (autoescape always on) and the
security headers every page carries.

The Content-Security-Policy allows scripts and styles from this server only: no inline
script, no inline style, no other origin. HTMX's own indicator styles (which it would inject
as an inline <style>) are switched off in its meta config and defined in shuttle.css instead,
so the policy needs no 'unsafe-inline'.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, get_args

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.responses import HTMLResponse

from shuttle.talks import AgendaIssue, Handling, Seen, TalkView
from shuttle.web.pages.agenda_text import agenda_text
from shuttle.web.pages.agreement_text import intent_statement, short_head, utc_time
from shuttle.web.pages.page_view import (
    agenda_basis,
    may_sign,
    mediators_ever,
    still_negotiating,
    still_open,
    unsigned,
)
from shuttle.web.pages.readers import joined_since, mediators_of, people, readers_of_room

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # An invite link carries its secret in the path: never send it on as a referrer.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def audience(handling: Handling | str, view: TalkView) -> Markup:
    """Who will be able to read a delegate's statement under `handling`, in a sentence that
    names them all as they are now (late joiners and co-mediators included)."""
    readers = readers_of_room(view, view.party or "")
    mediators = mediators_of(view)
    match Handling(handling):
        case Handling.MEDIATOR_ONLY:
            return Markup("Only ") + readers + Markup(" can read it.")
        case Handling.MAY_CONVEY:
            return (
                capitalized(readers)
                + Markup(" can read it, and ")
                + mediators
                + Markup(" may carry it, in their own words, to the other rooms.")
            )
        case Handling.VERBATIM_ONLY:
            return (
                capitalized(readers)
                + Markup(" can read it; ")
                + mediators
                + Markup(" may carry it to the other rooms word for word or not at all.")
            )


def capitalized(phrase: Markup) -> Markup:
    """A phrase that starts a sentence (it starts with a word, never with markup)."""
    return Markup(phrase[:1].upper()) + phrase[1:] if phrase[:1].isalpha() else phrase


def isolated(text: str | None) -> Markup:
    """Words someone typed (a name, a room, an option), isolated for direction inline, so that
    a right-to-left name keeps its place in an English sentence and moves nothing around it."""
    return Markup("<bdi>{}</bdi>").format("" if text is None else text)


def isolated_names(names: Sequence[str]) -> Markup:
    """Names as a list a person reads, each isolated: "A", "A and B", "A, B and C"."""
    return people([isolated(name) for name in names])


def mediator_names(view: TalkView) -> Markup:
    """The mediators by name, each isolated ("the mediator" while there is none)."""
    return isolated_names(view.mediators) if view.mediators else Markup("the mediator")


def terms_text(terms: Sequence[Sequence[str]]) -> Markup:
    """Terms as people read them, "Issue: option; Issue: option", every issue and option
    isolated (each is a name the mediator typed)."""
    return Markup("; ").join(
        Markup("{}: {}").format(isolated(issue), isolated(option)) for issue, option in terms
    )


def agenda_lines(issues: Sequence[AgendaIssue]) -> str:
    """A talk's issues as the console's agenda editor shows them."""
    return agenda_text([(issue.name, issue.options) for issue in issues])


def _test_name(view: type) -> str:
    """The Jinja test for a view class: its name without "View", in snake case
    (StatementView -> statement, CarriedInView -> carried_in)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", view.__name__.removesuffix("View")).lower()


VIEW_TESTS: dict[str, type] = {_test_name(view): view for view in get_args(Seen)}
"""One template test per kind of sight, so templates ask `{% if s is statement %}` by type."""
assert len(VIEW_TESTS) == len(get_args(Seen)), "two view classes would share a test's name"


def _is(view: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, view)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["terms"] = terms_text
    env.filters["bdi"] = isolated
    env.filters["agenda_lines"] = agenda_lines
    env.filters["agenda_basis"] = agenda_basis
    env.filters["utc_time"] = utc_time
    env.filters["short_head"] = short_head
    for name, view in VIEW_TESTS.items():
        assert name not in env.tests, f"the view test {name!r} would hide Jinja's own"
        env.tests[name] = _is(view)
    env.globals["audience"] = audience
    env.globals["readers_of_room"] = readers_of_room
    env.globals["joined_since"] = joined_since
    env.globals["handlings"] = list(Handling)
    env.globals["names"] = isolated_names
    env.globals["mediator_names"] = mediator_names
    env.globals["negotiating"] = still_negotiating
    env.globals["still_open"] = still_open
    env.globals["may_sign"] = may_sign
    env.globals["unsigned"] = unsigned
    env.globals["mediators_ever"] = mediators_ever
    env.globals["intent_statement"] = intent_statement
    return env


templates = _environment()


def html(template: str, context: Mapping[str, Any]) -> str:
    return templates.get_template(template).render(context)


def page(template: str, context: Mapping[str, Any], status: int = 200) -> HTMLResponse:
    """A whole page or a fragment, with the security headers."""
    return answer(html(template, context), status)


def answer(text: str, status: int = 200) -> HTMLResponse:
    """HTML already rendered (a fragment and its out-of-band pieces), with the security
    headers."""
    return HTMLResponse(text, status_code=status, headers=SECURITY_HEADERS)
