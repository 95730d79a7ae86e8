"""A page's forms as a browser reads them (stdlib html.parser), and filled as a person would:
every field that needs something gets something, every choice its first allowed option, every
required box is ticked (a signature's confirmation of intent)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx

WORDS = "Words for the record."


@dataclass
class Choice:
    value: str
    selected: bool = False
    disabled: bool = False


@dataclass
class Field:
    tag: str  # input, textarea, select, button
    name: str
    kind: str = ""  # an input's or a button's type
    value: str = ""
    checked: bool = False
    disabled: bool = False
    choices: list[Choice] = field(default_factory=list)
    required: bool = False


@dataclass
class PageForm:
    id: str
    action: str
    classes: str
    fields: list[Field] = field(default_factory=list)

    def filled(self) -> dict[str, str]:
        """What submitting the form sends once every field is given a sensible value."""
        data: dict[str, str] = {}
        for f in self.fields:
            if f.disabled or not f.name:
                continue
            if f.tag == "textarea" or (f.tag == "input" and f.kind in ("", "text")):
                data[f.name] = f.value if f.value.strip() else WORDS
            elif f.tag == "input" and f.kind == "hidden":
                data[f.name] = f.value
            elif f.tag == "input" and f.kind in ("radio", "checkbox"):
                if f.checked or f.required or (f.kind == "radio" and f.name not in data):
                    data[f.name] = f.value
            elif f.tag == "select":
                allowed = [c for c in f.choices if not c.disabled and c.value]
                chosen = [c for c in allowed if c.selected] or allowed[:1]
                data[f.name] = chosen[0].value if chosen else ""
        buttons = [f for f in self.fields if f.tag == "button" and f.kind == "submit" and f.name]
        if buttons:
            data[buttons[0].name] = buttons[0].value
        return data

    def submit(self, who: httpx.Client) -> httpx.Response:
        """Send the form without JavaScript (no HX-Request)."""
        return who.post(self.action, data=self.filled())


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self.form: PageForm | None = None
        self.text: Field | None = None  # the textarea being read
        self.select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.form = PageForm(a.get("id", ""), a.get("action", ""), a.get("class", ""))
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        disabled = "disabled" in a
        if tag == "input":
            kind = a.get("type", "")
            checked = "checked" in a
            f = Field("input", a.get("name", ""), kind, a.get("value", ""), checked, disabled)
            f.required = "required" in a
            self.form.fields.append(f)
        elif tag == "button":
            f = Field("button", a.get("name", ""), a.get("type", "submit"), a.get("value", ""))
            self.form.fields.append(f)
        elif tag == "textarea":
            self.text = Field("textarea", a.get("name", ""), disabled=disabled)
            self.form.fields.append(self.text)
        elif tag == "select":
            self.select = Field("select", a.get("name", ""), disabled=disabled)
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            choice = Choice(a.get("value", ""), "selected" in a, disabled)
            self.select.choices.append(choice)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.text = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.value += data


def forms_of(page: str) -> list[PageForm]:
    """Every form of `page`, in page order."""
    reader = _Reader()
    reader.feed(page)
    return reader.forms
