"""Whether a form came from another site's page, as the browser tells it."""

from __future__ import annotations

from starlette.requests import Request

from shuttle.web.cross_site import from_another_site


def request(**headers: str) -> Request:
    raw = [(k.lower().replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
    return Request({"type": "http", "headers": [(b"host", b"shuttle.example:8000"), *raw]})


def test_the_browsers_word_decides_and_only_this_sites_own_pages_pass() -> None:
    assert not from_another_site(request(Sec_Fetch_Site="same-origin"))
    assert not from_another_site(request(Sec_Fetch_Site="none"))
    for other in ("cross-site", "same-site", "anything else"):
        assert from_another_site(request(Sec_Fetch_Site=other))
    # Sec-Fetch-Site, when sent, is the answer: a matching Origin beside it changes nothing.
    assert from_another_site(
        request(Sec_Fetch_Site="cross-site", Origin="http://shuttle.example:8000")
    )


def test_an_older_browser_is_judged_by_its_origin_and_a_program_by_nothing() -> None:
    assert not from_another_site(request(Origin="http://shuttle.example:8000"))
    assert not from_another_site(request(Origin="https://SHUTTLE.example:8000"))
    assert from_another_site(request(Origin="http://shuttle.example:8001"))
    assert from_another_site(request(Origin="https://elsewhere.example"))
    assert from_another_site(request(Origin="null"))
    assert not from_another_site(request())


def test_behind_a_proxy_the_servers_own_address_is_its_site() -> None:
    class State:
        settings = type("Settings", (), {"base_url": "https://talks.example.org"})()

    class App:
        state = State()

    scope = {
        "type": "http",
        "app": App(),
        "headers": [(b"host", b"127.0.0.1:8000"), (b"origin", b"https://talks.example.org")],
    }
    assert not from_another_site(Request(scope))
    scope["headers"] = [(b"host", b"127.0.0.1:8000"), (b"origin", b"https://else.example.org")]
    assert from_another_site(Request(scope))
