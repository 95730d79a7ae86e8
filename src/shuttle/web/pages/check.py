"""The check page, open to anyone (no sign-in): upload a document someone gave you -- a record
or an agreement, PDF or JSON -- and learn whether it is this server's record (`checking`).

The form posts from this page only: a post another site's page sends is shown this page
instead, to check by its own button. Checks are counted per address (`checking.spend_a_check`).
A file larger than the check accepts is answered by this page too, saying so (`too_large`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from shuttle.web.body_limit import MIB, in_words
from shuttle.web.checking import spend_a_check, verdict
from shuttle.web.cross_site import from_another_site
from shuttle.web.deps import talk_service
from shuttle.web.downloads import CHECK_PATH
from shuttle.web.pages.render import page
from shuttle.web.settings import Settings

router = APIRouter(include_in_schema=False)

FIELD = "document"


def _context(request: Request, **more: Any) -> dict[str, Any]:
    settings: Settings = request.app.state.settings
    return {"max_upload": size(settings.max_upload), "checked": False} | more


def size(limit: int) -> str:
    """The largest file accepted, as the page says it: "20 MiB"."""
    return f"{limit // MIB} MiB" if limit % MIB == 0 else in_words(limit)


@router.get(CHECK_PATH)
async def check_page(request: Request) -> Response:
    return page("check.html", _context(request))


@router.post(CHECK_PATH)
async def check(request: Request) -> Response:
    if from_another_site(request):
        return RedirectResponse(CHECK_PATH, status_code=303)
    if not await spend_a_check(request):
        return page("check.html", _context(request, too_many=True), status=429)
    data = await _uploaded(request)
    settings: Settings = request.app.state.settings
    found = await run_in_threadpool(verdict, talk_service(request), data, settings.seal)
    return page("check.html", _context(request, checked=True, match=found))


async def _uploaded(request: Request) -> bytes:
    """The uploaded file's bytes; nothing when there is none, or the form cannot be read (the
    check then answers no, as for any other file that is not a document)."""
    try:
        form = await request.form(max_files=1, max_fields=4)
    except HTTPException:
        return b""
    upload = form.get(FIELD)
    if not isinstance(upload, UploadFile):
        return b""
    data: bytes = await upload.read()
    return data


def too_large(limit: int) -> Response:
    """The check page's answer to a file larger than it accepts (body_limit.Allowance)."""
    context = {"max_upload": size(limit), "checked": False, "too_large": True}
    response = page("check.html", context, status=413)
    response.headers["Connection"] = "close"
    return response
