"""A participant in a browser window: its own context (cookies), opened by its invite link."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.web.running import Server

WAIT_MS = 10_000


@dataclass
class Window:
    name: str
    context: BrowserContext
    page: Page
    problems: list[str] = field(default_factory=list)

    def shot(self, artifacts: Path, step: str) -> None:
        slug = self.name.split()[0].lower()
        # caret="initial": hiding the caret would inject a <style>, which the CSP (rightly)
        # refuses and reports as an error.
        path = str(artifacts / f"{step}-{slug}.png")
        self.page.screenshot(path=path, full_page=True, caret="initial")

    def live(self) -> None:
        """Wait until the page's live stream is open (shuttle.js says so)."""
        # (A locator, not wait_for_function: that evaluates a string, which the CSP forbids.)
        expect(self.page.locator("#live-state")).to_contain_text("Live:", timeout=WAIT_MS)


def open_window(
    browser: Browser,
    server: Server,
    talk: str,
    name: str,
    viewport: dict[str, int] | None = None,
) -> Window:
    """`name`'s window: a fresh context that opened `name`'s invite link, watched for any
    script error or refused content (a CSP violation shows up on the console)."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})  # type: ignore[arg-type]
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    window = Window(name, context, page)
    page.on("console", lambda m: window.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: window.problems.append(str(error)))
    page.goto(server.invite(talk, name))
    page.get_by_role("button", name="Enter the talk").click()  # the link's page spends nothing
    page.wait_for_url("**/talks/**")
    return window
