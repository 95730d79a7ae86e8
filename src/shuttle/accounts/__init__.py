"""Who is asking: invite links, sessions, bearer tokens, mediators' passwords, rate limits."""

from shuttle.accounts.access import Access, Identity, Invite
from shuttle.accounts.limits import RateLimiter

__all__ = ["Access", "Identity", "Invite", "RateLimiter"]
