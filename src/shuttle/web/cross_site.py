"""Whether a form came from another site's page. A page elsewhere can make a visitor's browser
send a form here (sign it in to an account of the page's choosing, enter by a link, spend its
checks); the browser says where the form came from, and such a form is not carried out.

`Sec-Fetch-Site` is what a current browser sends: only `same-origin` (a page of this site) and
`none` (typed in, or a bookmark) are the visitor's own doing. A browser too old for it still
sends `Origin` with a form, which must then be this site's. Programs send neither."""

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
    here = request.headers.get("host", "")
    return origin == "null" or urlsplit(origin).netloc.lower() != here.lower()
