"""Whether a form came from another site's page. A page elsewhere can make a visitor's browser
send a form here (sign it in to an account of the page's choosing, enter by a link, spend its
checks); the browser says where the form came from, and such a form is not carried out.

`Sec-Fetch-Site` is what a current browser sends: only `same-origin` (a page of this site) and
`none` (typed in, or a bookmark) are the visitor's own doing. A browser too old for it still
sends `Origin` with a form, which must then be this site's (the request's Host, or the
server's `--base-url`). Programs send neither."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request

_OWN = frozenset({"same-origin", "none"})


def from_another_site(request: Request) -> bool:
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site not in _OWN
    origin = request.headers.get("origin")
    if origin is None:
        return False
    # "null" is a sandboxed page or a local file: never this site's own page.
    if origin == "null":
        return True
    return urlsplit(origin).netloc.lower() not in _own_hosts(request)


def _own_hosts(request: Request) -> set[str]:
    """This site's host as the request names it, and as `--base-url` does (a proxy in front
    may pass on a Host of its own)."""
    hosts = {request.headers.get("host", "").lower()}
    settings = getattr(getattr(request.scope.get("app"), "state", None), "settings", None)
    base_url = getattr(settings, "base_url", None)
    if isinstance(base_url, str) and base_url:
        hosts.add(urlsplit(base_url).netloc.lower())
    return hosts
