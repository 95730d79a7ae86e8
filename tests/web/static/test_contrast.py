"""Contrast of shuttle.css, computed from the stylesheet itself: every colour of text is
paired with the background it sits on, and the pair's contrast ratio (WCAG 2's relative
luminance formula) must be at least 4.5:1 -- and 3:1 for the focus outline and the form
fields' borders, which are not text but must be seen (WCAG 1.4.11).

Where text sits is read from the rules: a rule that sets both a colour and a background is
one pair; a colour alone sits on the background of the rule its selector descends from
(`header.top a` on `header.top`), else on the page's surfaces (the paper and the cards); a
background alone carries the colour of the rule it refines (`button.danger` on `button`),
else the page's ink. A rule that fades an element (opacity) is blended over a card as the
browser would composite it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[3] / "src" / "shuttle" / "web" / "static" / "shuttle.css"

TEXT = 4.5
NON_TEXT = 3.0

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class Rule:
    selector: str
    declarations: dict[str, str]


def rules(css: str) -> list[Rule]:
    """Every innermost `selector { declarations }` block (rules inside @media included),
    one Rule per selector of a selector list."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {}
        for declaration in body.split(";"):
            name, colon, value = declaration.partition(":")
            if colon:
                declarations[name.strip()] = value.strip()
        for selector in selectors.split(","):
            found.append(Rule(" ".join(selector.split()), declarations))
    return found


def variables(found: list[Rule]) -> dict[str, str]:
    return {
        name: value
        for rule in found
        if rule.selector == ":root"
        for name, value in rule.declarations.items()
        if name.startswith("--")
    }


def colour(value: str | None, names: dict[str, str]) -> RGB | None:
    """The first colour in a declaration's value (a custom property resolved), or None."""
    if value is None:
        return None
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: names[m.group(1)], value)
    match = re.search(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", value)
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return (red, green, blue)


def luminance(rgb: RGB) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(one: RGB, other: RGB) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(top: RGB, alpha: float, under: RGB) -> RGB:
    r, g, b = (alpha * t + (1 - alpha) * u for t, u in zip(top, under, strict=True))
    return (r, g, b)


@dataclass(frozen=True)
class Pair:
    where: str
    text: RGB
    background: RGB
    minimum: float = TEXT

    @property
    def ratio(self) -> float:
        return ratio(self.text, self.background)


class Sheet:
    def __init__(self, css: str) -> None:
        self.rules = rules(css)
        self.names = variables(self.rules)
        self.ink = self.var("--ink")
        self.surfaces = {"paper": self.var("--paper"), "card": self.var("--card")}

    def var(self, name: str) -> RGB:
        found = colour(self.names[name], self.names)
        assert found is not None, name
        return found

    def fg(self, rule: Rule) -> RGB | None:
        return colour(rule.declarations.get("color"), self.names)

    def bg(self, rule: Rule) -> RGB | None:
        d = rule.declarations
        return colour(d.get("background-color", d.get("background")), self.names)

    def with_selector(self, selector: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.selector == selector]

    def ancestor_background(self, selector: str) -> RGB | None:
        """The background of the nearest rule `selector` descends from."""
        parts = selector.replace(">", " ").split()
        for end in range(len(parts) - 1, 0, -1):
            for rule in self.with_selector(" ".join(parts[:end])):
                if (found := self.bg(rule)) is not None:
                    return found
        return None

    def base_colour(self, selector: str) -> RGB:
        """The text colour of the rule `selector` refines (its element alone), else ink."""
        last = selector.split()[-1]
        element = re.match(r"[a-z][a-z0-9]*", last)
        if element and element.group(0) != last:
            for rule in self.with_selector(element.group(0)):
                if (found := self.fg(rule)) is not None:
                    return found
        return self.ink

    def base_background(self, selector: str) -> RGB | None:
        element = re.match(r"[a-z][a-z0-9]*", selector.split()[-1])
        if element is None:
            return None
        return next(
            (b for r in self.with_selector(element.group(0)) if (b := self.bg(r)) is not None),
            None,
        )

    def text_pairs(self) -> list[Pair]:
        pairs = []
        for rule in self.rules:
            fg, bg, s = self.fg(rule), self.bg(rule), rule.selector
            if fg is not None and bg is not None:
                pairs.append(Pair(s, fg, bg))
            elif fg is not None:
                under = self.ancestor_background(s)
                if under is not None:
                    pairs.append(Pair(f"{s} (on its container)", fg, under))
                else:
                    pairs += [Pair(f"{s} (on the {n})", fg, c) for n, c in self.surfaces.items()]
            elif bg is not None:
                pairs.append(Pair(f"{s} (its inherited colour)", self.base_colour(s), bg))
            pairs += self.faded(rule)
        return pairs

    def faded(self, rule: Rule) -> list[Pair]:
        """A rule that fades an element with text (`.htmx-request button`): each variant of
        that element (`button`, `button.secondary`...) composited over a card."""
        opacity = rule.declarations.get("opacity")
        element = re.match(r"[a-z][a-z0-9]*", rule.selector.split()[-1])
        if opacity is None or float(opacity) in (0.0, 1.0) or element is None:
            return []
        name, alpha, card = element.group(0), float(opacity), self.surfaces["card"]
        pairs = []
        for variant in self.rules:
            if not re.fullmatch(rf"{name}(\.[\w-]+)*", variant.selector):
                continue
            bg = self.bg(variant) or self.base_background(variant.selector)
            fg = self.fg(variant) or self.base_colour(variant.selector)
            if bg is None:
                continue
            where = f"{rule.selector} faded to {opacity}, as {variant.selector}"
            pairs.append(Pair(where, blend(fg, alpha, card), blend(bg, alpha, card)))
        return pairs

    def non_text_pairs(self) -> list[Pair]:
        pairs = []
        for rule in self.rules:
            outline = colour(rule.declarations.get("outline"), self.names)
            if outline is not None:
                pairs += [
                    Pair(f"{rule.selector} outline on the {n}", outline, c, NON_TEXT)
                    for n, c in self.surfaces.items()
                ]
            if rule.selector in ("select", "textarea"):  # the form fields
                border = colour(rule.declarations.get("border"), self.names)
                if border is not None:
                    card = self.surfaces["card"]
                    pairs.append(Pair(f"{rule.selector} border", border, card, NON_TEXT))
        return pairs


@pytest.fixture(scope="module")
def sheet() -> Sheet:
    return Sheet(CSS.read_text())


def test_every_text_colour_meets_4_5_to_1(sheet: Sheet) -> None:
    pairs = sheet.text_pairs()
    assert len(pairs) >= 20  # the sheet was read: body, header, buttons, notices, states...
    low = [f"{p.where}: {p.ratio:.2f}:1" for p in pairs if p.ratio < p.minimum]
    assert not low, "text below 4.5:1 in shuttle.css:\n" + "\n".join(low)


def test_focus_outline_and_field_borders_meet_3_to_1(sheet: Sheet) -> None:
    pairs = sheet.non_text_pairs()
    assert any("outline" in p.where for p in pairs) and any("border" in p.where for p in pairs)
    low = [f"{p.where}: {p.ratio:.2f}:1" for p in pairs if p.ratio < p.minimum]
    assert not low, "non-text contrast below 3:1 in shuttle.css:\n" + "\n".join(low)


def test_every_rule_with_a_colour_is_checked(sheet: Sheet) -> None:
    where = " ".join(p.where for p in sheet.text_pairs())
    coloured = [r.selector for r in sheet.rules if sheet.fg(r) or sheet.bg(r)]
    assert coloured and all(selector in where for selector in coloured)


def test_the_formula_matches_wcags_known_values() -> None:
    assert ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
