"""Tiny Genius XML scenarios written on the fly, for tests that need one defect at a time."""

from __future__ import annotations

from pathlib import Path

DOMAIN = """<negotiation_template><utility_space><objective index="0" name="root">
  <issue index="1" name="Color" type="discrete"><item index="1" value="red"/>
    <item index="2" value="green"/></issue>
  <issue index="2" name="Count" type="integer" lowerbound="0" upperbound="2"/>
</objective></utility_space></negotiation_template>"""

PROFILE = """<utility_space><objective index="0" name="root">
  <issue index="1" name="Color"><item value="red" evaluation="{red}"/>
    <item value="green" evaluation="2"/></issue>
  <issue index="2" name="Count"><evaluator ftype="linear" slope="0.5" offset="0"/></issue>
  <weight index="1" value="{weight}"/><weight index="2" value="1"/>
</objective>{extra}</utility_space>"""


def profile(red: str = "1", weight: str = "1", extra: str = "") -> str:
    """A valid profile over `DOMAIN`, with the pieces a test wants to spoil."""
    return PROFILE.format(red=red, weight=weight, extra=extra)


def write_folder(folder: Path, domain: str = DOMAIN, **profiles: str) -> Path:
    """`folder` holding `domain` as domain.xml and each profile as NAME.xml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "domain.xml").write_text(domain, encoding="utf-8")
    for name, text in (profiles or {"a": profile(), "b": profile()}).items():
        (folder / f"{name}.xml").write_text(text, encoding="utf-8")
    return folder
