"""Who is asking: invite links, sessions, bearer tokens, mediators' passwords, rate limits."""

from shuttle.web.auth.access import Access, Identity
from shuttle.web.auth.limits import RateLimiter

__all__ = ["Access", "Identity", "RateLimiter"]
