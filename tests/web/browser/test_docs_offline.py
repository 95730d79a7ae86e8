"""/docs works with no internet: every file it loads comes from the server itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from playwright.sync_api import Browser, Route

from tests.web.running import Server


def cut_off(server: Server, elsewhere: list[str]) -> Callable[[Route], None]:
    """A route handler that lets through only requests to `server`, as a machine with no
    internet would, and notes every other one."""
    ours = urlsplit(server.url).netloc

    def only_ours(route: Route) -> None:
        if urlsplit(route.request.url).netloc == ours:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    return only_ours


def test_the_api_documentation_renders_with_every_other_origin_cut_off(
    browser: Browser, server: Server, artifacts: Path
) -> None:
    elsewhere: list[str] = []

    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/*", cut_off(server, elsewhere))
        page.goto(f"{server.url}/docs")
        page.locator(".opblock").first.wait_for(timeout=15_000)  # an operation, drawn
        assert page.locator(".opblock").count() > 10
        assert "Shuttle" in page.locator(".info .title").inner_text()
        page.screenshot(path=artifacts / "docs-offline.png")
    finally:
        context.close()
    assert elsewhere == []


def test_no_documentation_page_fetches_from_another_origin(server: Server) -> None:
    """ReDoc's bundle loads its logo from its makers' CDN, so the app offers Swagger UI alone."""
    with httpx.Client(base_url=server.url) as client:
        assert client.get("/redoc").status_code == 404
        page = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in page and "https://" not in page
