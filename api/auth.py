"""Roles from bearer tokens: anonymous, case worker, admin.

Tokens come from settings, are compared in constant time and never logged; an actor is
recorded only as a short fingerprint. A missing token on a protected endpoint is 401, an
unknown token is 401 everywhere, a token of the wrong role is 403. An address that sends
``auth_failures_per_minute`` wrong tokens gets 429 for any token until its allowance refills.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import math
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request, status

from assistant.config import Settings
from assistant.models import Scope


class Role(enum.IntEnum):
    anonymous = 0
    caseworker = 1
    admin = 2


@dataclass(frozen=True)
class Caller:
    role: Role
    actor: str  # "anonymous" or "<role>:<fingerprint>", safe to log and audit

    @property
    def scope(self) -> Scope:
        """What retrieval may see: case workers and admins see internal supplier input too."""
        return Scope.everything() if self.role >= Role.caseworker else Scope.public()


ANONYMOUS = Caller(Role.anonymous, "anonymous")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def identify(authorization: str | None, settings: Settings) -> Caller:
    """The caller behind an ``Authorization`` header; raises 401 for a malformed or unknown token."""
    if not authorization:
        return ANONYMOUS
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Use 'Authorization: Bearer <token>'.", _CHALLENGE)
    role = _role_of(token, settings)
    if role is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Unknown or expired token.", _CHALLENGE)
    return Caller(role, f"{role.name}:{fingerprint(token)}")


def fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:10]


def _role_of(token: str, settings: Settings) -> Role | None:
    found: Role | None = None
    given = token.encode()
    # Compare with every token (no early exit), so timing says nothing about which matched.
    for role, tokens in ((Role.admin, settings.admin_tokens), (Role.caseworker, settings.caseworker_tokens)):
        for candidate in tokens:
            if hmac.compare_digest(given, candidate.encode()) and found is None:
                found = role
    return found


def current_caller(request: Request) -> Caller:
    """The caller of this request; failed tokens are throttled per address (429 once they run out)."""
    authorization = request.headers.get("authorization")
    if not authorization:
        return ANONYMOUS
    failures = request.app.state.auth_failures
    address = client_address(request)
    wait = failures.waiting(address)
    if wait > 0:  # refused before the token is even compared: guessing goes no faster than the limit
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "Too many failed sign-ins; try again later.",
                            headers={"Retry-After": str(max(1, math.ceil(wait)))})
    try:
        return identify(authorization, request.app.state.settings)
    except HTTPException:
        failures.check(address)
        raise


def client_address(request: Request) -> str:
    """The client's address: the socket's peer, or the entry our proxy appended to ``X-Forwarded-For``."""
    settings = request.app.state.settings
    forwarded = request.headers.get("x-forwarded-for") if settings.trust_forwarded_for else None
    if forwarded:
        # The last entry is the one our proxy appended; entries before it come from the client and
        # could be anything, so taking the first would give every request a fresh bucket.
        return forwarded.split(",")[-1].strip()
    return request.client.host if request.client else "unknown"


def require(role: Role):
    """A dependency that lets through callers of at least ``role``."""

    def _check(caller: Caller = Depends(current_caller)) -> Caller:
        if caller.role == Role.anonymous:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "This endpoint needs a bearer token.", _CHALLENGE)
        if caller.role < role:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"This endpoint needs the {role.name} role.")
        return caller

    return _check


require_caseworker = require(Role.caseworker)
require_admin = require(Role.admin)
