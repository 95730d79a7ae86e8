"""The agreement as a page shows it: the statement a delegate confirms before it signs, and the
signatures' times and heads as people read them."""

from __future__ import annotations

import secrets

from markupsafe import Markup, escape

from shuttle.talks import TalkView
from shuttle.talks.single_text.events import intent_to_sign


def intent_statement(view: TalkView) -> Markup:
    """The statement of intent the reader confirms before it signs for its party: word for
    word the domain's (`intent_to_sign`), which the record keeps as said -- with the reader's
    name and party isolated for direction, so a right-to-left name keeps its place in it."""
    agreed, party = view.agreed, view.party
    if agreed is None or party is None:
        return Markup("")
    # Markers no name can hold (fresh each time), replaced by the isolated names once the
    # sentence around them is escaped: the text a reader sees is exactly the domain's.
    name_mark, party_mark = (f"@{secrets.token_hex(8)}@" for _ in range(2))
    sentence = escape(intent_to_sign(name_mark, party_mark, agreed.text_hash))
    isolated = {name_mark: view.name, party_mark: party}
    for mark, text in isolated.items():
        sentence = Markup(sentence.replace(mark, Markup("<bdi>{}</bdi>").format(text)))
    return sentence


def utc_time(at: str) -> str:
    """An ISO time as people read it: "2026-12-06 15:04 UTC"."""
    return at[:16].replace("T", " ") + " UTC" if len(at) >= 16 else at


def short_head(head: str) -> Markup:
    """A head (SEQ:HASH) shortened to its seq and the hash's first 12 characters, the whole
    head in the title (shown on hover, and read by the check)."""
    seq, colon, digest = head.partition(":")
    shown = f"{seq}:{digest[:12]}…" if colon and len(digest) > 12 else head
    return Markup('<code class="hash" title="{}">{}</code>').format(head, shown)
