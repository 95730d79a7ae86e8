"""Right-to-left words keep their place: every piece of text someone typed -- a title, party,
participant and room names, the agenda's issues and options, statements, paraphrases, notes,
clauses, comments, incidents, a closing's reason -- sits in an element that isolates it for
direction (a <bdi>, or an element with dir="auto"), and that element holds nothing of the
page's own English words, so an Arabic or Persian name moves nothing around it.

The pages are read with the standard library's HTML parser, as a tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx

from tests.web.pages.rooms import Rooms
from tests.web.running import Server

TITLE = "گفتگوهای مسقط"
IRAN, ARABS = "ایران", "الولايات المتحدة"
MEDIATOR, IRAN_HEAD, US_HEAD = "بدر البوسعيدي", "عباس عراقچی", "ستيف ويتكوف"
ISSUES = {"تحریم": ["لغو", "تعلیق"], "غنی سازی": ["صفر", "پایین", "بالا"]}
IRAN_WORDS = "ما آماده گفتگو هستیم."
US_WORDS = "نحن مستعدون للحوار."
PARAPHRASE = "الإيرانيون مستعدون للحوار."
MEDIATOR_WORDS = "شكراً لكم على صبركم."
NOTE = "یادداشت محرمانه میانجی"
CLAUSE = "بازبینی در ماه ژوئن"
COMMENT = "قابل قبول نیست"
INCIDENT = "حادثة في مضيق هرمز"
JOINT_WORDS = "سلام به همه"
REASON = "لا توجد منطقة اتفاق"

TYPED = [
    TITLE, IRAN, ARABS, MEDIATOR, IRAN_HEAD, US_HEAD,
    *ISSUES, *(option for options in ISSUES.values() for option in options),
    IRAN_WORDS, US_WORDS, PARAPHRASE, MEDIATOR_WORDS, NOTE, CLAUSE, COMMENT, INCIDENT,
    JOINT_WORDS, REASON,
]  # fmt: skip
"""Everything typed in this talk, longest first when one holds another (none does)."""

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
UNRENDERED = {"title", "script", "style"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def isolates(self) -> bool:
        return self.tag == "bdi" or "dir" in self.attrs

    def path(self) -> str:
        node: Node | None = self
        tags = []
        while node is not None:
            tags.append(node.tag + (f"#{node.attrs['id']}" if "id" in node.attrs else ""))
            node = node.parent
        return " < ".join(tags)


class Tree(HTMLParser):
    """A page as a tree of elements and their text."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.at = self.root
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def texts(node: Node) -> list[tuple[str, Node]]:
    """Every rendered text of the tree, with the element holding it."""
    found: list[tuple[str, Node]] = []
    for child in node.children:
        if isinstance(child, str):
            found.append((child, node))
        elif child.tag not in UNRENDERED:
            found += texts(child)
    return found


def unisolated_typing(page: str) -> list[str]:
    """Each typed text of `page` that sits in no isolating element of its own: with no <bdi>
    or dir attribute around it, or in one that also holds words of the page."""
    problems = []
    for text, holder in texts(Tree(page).root):
        for typed in TYPED:
            if typed not in text:
                continue
            node: Node | None = holder
            while node is not None and not node.isolates():
                node = node.parent
            if node is None:
                problems.append(f"{typed!r} not isolated: {holder.path()}")
                continue
            rest = node.text()
            for other in TYPED:
                rest = rest.replace(other, "")
            if re.search(r"[^\W\d_]", rest):
                problems.append(
                    f"{typed!r} isolated with page words {rest.strip()!r}: {node.path()}"
                )
    return problems


def open_talk(server: Server) -> Rooms:
    talk = server.open_talk(
        "--title", TITLE, "--party", IRAN, "--party", ARABS, "--mediator", MEDIATOR,
        "--delegate", f"{IRAN}={IRAN_HEAD}", "--delegate", f"{ARABS}={US_HEAD}",
    )  # fmt: skip
    sessions = (server.browser_session(talk, n) for n in (MEDIATOR, US_HEAD, IRAN_HEAD))
    return Rooms(talk, *sessions)


def ok(answer: httpx.Response) -> None:
    assert answer.status_code == 303, answer.text[-2000:]


def said(rooms: Rooms, text: str) -> int:
    events = rooms.mediator.get(f"/api/talks/{rooms.talk}").json()["events"]
    return next(int(e["seq"]) for e in events if e.get("text") == text)


def negotiate_in_persian_and_arabic(rooms: Rooms) -> None:
    agenda = "\n".join(f"{issue}: {', '.join(options)}" for issue, options in ISSUES.items())
    ok(rooms.post(rooms.mediator, "/agenda", {"issues": agenda}))
    ok(rooms.post(rooms.iran, "/say", {"text": IRAN_WORDS, "handling": "may-convey"}))
    ok(rooms.post(rooms.us, "/say", {"text": US_WORDS, "handling": "may-convey"}))
    carry = {"to": ARABS, "mode": "paraphrase", "text": PARAPHRASE}
    ok(rooms.post(rooms.mediator, f"/statements/{said(rooms, IRAN_WORDS)}/carry", carry))
    ok(rooms.post(rooms.mediator, "/say", {"text": MEDIATOR_WORDS, "room": IRAN}))
    ok(rooms.post(rooms.mediator, "/note", {"text": NOTE}))
    options = [options[0] for options in ISSUES.values()]
    terms = {f"term-{i}": option for i, option in enumerate(options)}
    ok(rooms.post(rooms.mediator, "/draft", {**terms, "clauses": CLAUSE}))
    answer = {"version": "1", "accept": "no", "comment": COMMENT, "prefer-0": "تعلیق"}
    ok(rooms.post(rooms.iran, "/answer", answer))
    ok(rooms.post(rooms.mediator, "/incident", {"text": INCIDENT, "drop": "0.05"}))
    for who in (rooms.iran, rooms.us):
        ok(rooms.post(who, "/consent", {"confirm": "yes"}))
    ok(rooms.post(rooms.iran, "/say", {"text": JOINT_WORDS, "room": "joint"}))


def test_every_typed_text_is_isolated_for_direction(server: Server) -> None:
    rooms = open_talk(server)
    negotiate_in_persian_and_arabic(rooms)
    pages = {who: rooms.page(client) for who, client in rooms_of(rooms)}
    for who, page in pages.items():
        assert unisolated_typing(page) == [], who
    everything = "".join(pages.values())
    assert all(typed in everything for typed in TYPED if typed != REASON)

    ok(rooms.post(rooms.mediator, "/close", {"reason": REASON, "confirm": "yes"}))
    for who, client in rooms_of(rooms):
        page = rooms.page(client)
        assert REASON in page and "This talk is closed." in page
        assert unisolated_typing(page) == [], who


def rooms_of(rooms: Rooms) -> list[tuple[str, httpx.Client]]:
    return [("Iran's room", rooms.iran), ("the other room", rooms.us), ("console", rooms.mediator)]


def test_the_check_finds_text_left_unisolated() -> None:
    """The check itself: a name in a sentence, or isolated with the sentence around it."""
    assert unisolated_typing(f"<p>Said by <bdi>{IRAN_HEAD}</bdi>.</p>") == []
    assert unisolated_typing(f'<q dir="auto">{IRAN_WORDS}</q>') == []
    assert len(unisolated_typing(f"<p>Said by {IRAN_HEAD}.</p>")) == 1
    assert len(unisolated_typing(f'<p dir="auto">Said by {IRAN_HEAD}.</p>')) == 1
    assert unisolated_typing(f"<title>{TITLE}</title>") == []  # not rendered on the page
