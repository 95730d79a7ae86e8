"""The web application: JSON API, pages, live updates, sign-in -- one FastAPI app.

Every read of the record goes through `TalkService.view` or `.advice`, and so through
`view_of`; no route touches the store directly.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from shuttle.accounts import Access
from shuttle.assembly import access_to, live_bell, rate_limiter
from shuttle.service import TalkService
from shuttle.web import errors, pages, sessions
from shuttle.web.api import router as api_router
from shuttle.web.body_limit import Allowance, BodyLimit, too_large
from shuttle.web.credential_gate import CredentialGate
from shuttle.web.downloads import CHECK_PATH
from shuttle.web.pages.check import too_large as check_too_large
from shuttle.web.settings import Settings

DOCS_ASSETS = "/docs-assets"
"""Where the documentation pages' own scripts and styles are served."""


def create_app(
    service: TalkService,
    settings: Settings | None = None,
    access: Access | None = None,
) -> FastAPI:
    """The app over `service`, whose store also keeps the web's credentials. The service's
    bell must be a `LocalBell` or a `PostgresBell` (which feeds one) for live updates; a
    `LocalBell` is fitted if it has none."""
    settings = settings or Settings()
    bell = live_bell(service)
    # FastAPIOffline serves /docs with Swagger UI's files from its own package, never from a
    # CDN: the documentation works on a machine with no internet. No /redoc: ReDoc's bundle
    # fetches its logo from its makers' CDN, telling a third party who reads the documentation.
    app = FastAPIOffline(
        redoc_url=None,
        title="Shuttle",
        summary="Proximity talks: private rooms, a mediator, a tamper-evident record.",
        version="0.1.0",
        static_url=DOCS_ASSETS,
    )
    app.state.service = service
    app.state.bell = bell
    app.state.settings = settings
    app.state.access = access or access_to(service)
    app.state.login_limiter = rate_limiter(service, settings.login_limit, settings.limit_window)
    app.state.invite_limiter = rate_limiter(service, settings.invite_limit, settings.limit_window)
    app.state.check_limiter = rate_limiter(service, settings.check_limit, settings.limit_window)
    app.state.document_limiter = rate_limiter(
        service, settings.document_limit, settings.limit_window
    )
    errors.install(app)
    app.include_router(api_router())
    app.include_router(sessions.router)
    pages.install(app)
    # Both answer before any route reads the body. The one added last runs first: a body too
    # large is 413 whoever sends it; then an unsafe /api/ request with no credential is 401.
    # The check (page and API) alone reads a whole document, and so takes more.
    app.add_middleware(CredentialGate)
    allowances = {
        CHECK_PATH: Allowance(settings.max_upload, check_too_large),
        f"/api{CHECK_PATH}": Allowance(settings.max_upload, too_large),
    }
    app.add_middleware(BodyLimit, limit=settings.max_body, allowances=allowances)
    return app
