"""The leak guard on a mediator's page: before the mediator's own words go into a room (a
statement, or a paraphrase it carries), the page asks first when they come close to what that
room may not have, naming each statement and what is close. "Send anyway" sends them; "Don't
send" keeps them on the form. Either way the mediators' notes keep the warning and the choice.
Parties never see a warning: only a mediator's words are checked, on the mediator's own page.
"""

from __future__ import annotations

from markupsafe import Markup

from shuttle.guard import Warning
from shuttle.talks import TalkView
from shuttle.web.guarded import Warned
from shuttle.web.pages.confirmations import Confirmation


def question(view: TalkView, warned: Warned) -> Confirmation:
    """What the mediator reads before sending: each kept statement its words come close to,
    what is close, and that the notes will keep the choice."""
    # Within a talk each statement links to its place on the page; across tracks a number
    # may be the other track's, so the reason names the track instead.
    number = Markup("<a href='#room-item-{0}'>#{0}</a>") if warned.track is None else Markup("#{0}")
    items = Markup("").join(
        Markup("<li>statement {} in the <bdi>{}</bdi> room, {}: {}</li>").format(
            number.format(w.seq), w.room, w.why, _closeness(w)
        )
        for w in warned.warnings
    )
    where = Markup("<bdi>{}</bdi> room").format(warned.room)
    if warned.track is not None:
        where = Markup("{} of the track <bdi>{}</bdi>").format(where, warned.track)
    text = Markup(
        "Careful: these words come close to something the {} may not have."
        '<ul class="warnings">{}</ul>'
        "If you send them anyway, or hold them back, your notes will say so. No party sees "
        "this warning."
    ).format(where, items)
    return Confirmation(text, "Send anyway", decline="Don't send")


def _closeness(warning: Warning) -> Markup:
    parts = []
    for close in warning.close:
        if close.what == "meaning":
            parts.append(Markup("the same meaning ({:.0%})").format(close.score))
        elif close.said == close.source:
            parts.append(Markup('the {} <q dir="auto">{}</q>').format(close.what, close.said))
        else:
            parts.append(
                Markup('the {} <q dir="auto">{}</q>, close to <q dir="auto">{}</q>').format(
                    close.what, close.said, close.source
                )
            )
    return Markup(", ").join(parts)
