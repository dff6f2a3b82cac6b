"""Accounts, roles, API tokens, share links, one-time sign-in links, and the audit trail.

Who may do what is decided here (``can``) and enforced in one place in the web layer
(``web/auth.py``): every request is bound to one user and one workspace with a role.

Roles per workspace:
- **owner**: everything, including members, roles, share links, API tokens and the audit trail;
- **member**: reads and edits (imports evidence, changes records);
- **counsel**: reads, annotates, renders letters, exports bundles;
- **viewer**: reads.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, or_, select, text
from sqlalchemy.exc import IntegrityError

from ..domain.text import Quoted, T, field_error
from ..store.db import lock_workspace, unit_of_work
from ..store.ledger import LedgerWriter
from ..store.models import (
    ApiToken,
    AppSecret,
    AuditEvent,
    Case,
    LoginToken,
    Membership,
    ShareLink,
    User,
    Workspace,
)
from .context import Context
from .workspaces import NAME_LIMIT, get_workspace

ROLES = ("owner", "member", "counsel", "viewer")
PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset({"owner", "member", "counsel", "viewer"}),
    "annotate": frozenset({"owner", "member", "counsel"}),
    "export": frozenset({"owner", "member", "counsel"}),
    "edit": frozenset({"owner", "member"}),
    "admin": frozenset({"owner"}),
}
USERNAME = re.compile(r"^[a-zA-Z0-9._@-]{2,80}$")
MIN_PASSWORD = 10
THROTTLE_WINDOW = timedelta(minutes=15)
THROTTLE_MAX_FAILURES = 5
_SIGNIN_LOCK = 0x5349474E  # PostgreSQL advisory lock key: sign-in attempts are counted one at a time

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
_cheap_hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)  # tests only: see hasher()


def hasher(ctx: Context) -> PasswordHasher:
    """The recommended Argon2id parameters; the cheapest ones only under the test suite's explicit
    ``test_cheap_password_hashes`` setting (a hash keeps its parameters: either verifies any hash)."""
    return _cheap_hasher if ctx.settings.test_cheap_password_hashes else _hasher


class AccountError(ValueError):
    """Bad account input; the message names the field."""


class SignInRefused(Exception):
    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def can(role: str | None, permission: str) -> bool:
    return role is not None and role in PERMISSIONS[permission]


def sha256_text(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


# -- users ---------------------------------------------------------------------------------


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(field_error("password", "at least %(n)s characters", n=MIN_PASSWORD))


def create_user(
    ctx: Context, username: str, password: str, *, display_name: str | None = None, is_admin: bool = False
) -> User:
    if not USERNAME.match(username):
        raise AccountError(field_error("username", "2–80 letters, digits, dots, dashes, underscores or @"))
    if display_name and len(display_name) > NAME_LIMIT:  # refused, not cut (on PostgreSQL it failed to store)
        raise AccountError(field_error("name", "longer than %(limit)s characters", limit=NAME_LIMIT))
    validate_password(password)
    try:
        with unit_of_work(ctx.engine) as s:
            u = User(
                username=username,
                display_name=display_name,
                password_hash=hasher(ctx).hash(password),
                is_admin=is_admin,
                disabled=False,
                created_at=ctx.clock(),
                session_version=1,
            )
            s.add(u)
            s.flush()
            return u
    except IntegrityError as exc:
        raise AccountError(field_error("username", "%(value)s exists already", value=Quoted(username))) from exc


def get_user(ctx: Context, username: str) -> User:
    with unit_of_work(ctx.engine) as s:
        u = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if u is None:
        raise AccountError(field_error("username", "no user %(value)s", value=Quoted(username)))
    return u


def user_by_id(ctx: Context, user_id: int) -> User | None:
    with unit_of_work(ctx.engine) as s:
        return s.get(User, user_id)


def set_password(ctx: Context, username: str, password: str, *, actor: str) -> None:
    validate_password(password)
    with unit_of_work(ctx.engine) as s:
        u = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if u is None:
            raise AccountError(field_error("username", "no user %(value)s", value=Quoted(username)))
        u.password_hash = hasher(ctx).hash(password)
        u.session_version += 1  # signs out every existing session
    audit(ctx, "user.password_reset", actor, detail={"username": username})


def end_sessions(ctx: Context, user_id: int, session_version: int) -> None:
    """Sign-out on the server: every session cookie of the user (copies included) stops working."""
    with unit_of_work(ctx.engine) as s:
        u = s.get(User, user_id)
        if u is not None and u.session_version == session_version:
            u.session_version += 1


def list_users(ctx: Context) -> list[tuple[User, list[tuple[str, str]]]]:
    with unit_of_work(ctx.engine) as s:
        users = list(s.execute(select(User).order_by(User.username)).scalars())
        rows = s.execute(
            select(Membership.user_id, Workspace.slug, Membership.role).join(
                Workspace, Workspace.id == Membership.workspace_id
            )
        ).all()
    by_user: dict[int, list[tuple[str, str]]] = {}
    for uid, slug, role in rows:
        by_user.setdefault(uid, []).append((slug, role))
    return [(u, sorted(by_user.get(u.id, []))) for u in users]


def grant(ctx: Context, username: str, workspace: str, role: str, *, actor: str, address: str | None = None) -> None:
    """Give (or change, or with role 'none' remove) a user's role in a workspace."""
    if role not in (*ROLES, "none"):
        raise AccountError(field_error("role", "one of %(roles)s (or 'none' to remove)", roles=", ".join(ROLES)))
    with unit_of_work(ctx.engine) as s:
        u = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if u is None:
            raise AccountError(field_error("username", "no user %(value)s", value=Quoted(username)))
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        m = s.execute(
            select(Membership).where(Membership.user_id == u.id, Membership.workspace_id == ws.id)
        ).scalar_one_or_none()
        before = m.role if m else None
        if role == "none":
            if m is not None:
                s.delete(m)
                u.session_version += 1  # a removed member's sessions end at once
        elif m is None:
            s.add(Membership(user_id=u.id, workspace_id=ws.id, role=role))
        else:
            m.role = role
        payload = {"username": username, "from": before, "to": None if role == "none" else role}
        writer = LedgerWriter(s, ws)
        writer.append(actor=actor, action="access.role_changed", at=ctx.clock(), payload=payload)
        s.add(_audit_row(ctx, "access.role_changed", actor, address, ws.id, payload))
    writer.write_anchor(ctx.blobs)


@dataclass(frozen=True)
class Access:
    """What a request may touch: one user (or share link) in one workspace, with a role."""

    user_id: int | None
    username: str
    workspace_id: int
    workspace_slug: str
    workspace_name: str
    role: str
    via: str  # session | token | share
    share_case_id: int | None = None

    def can(self, permission: str) -> bool:
        return can(self.role, permission)

    @property
    def slug(self) -> str:
        return self.workspace_slug

    @property
    def name(self) -> str:
        return self.workspace_name


def memberships(ctx: Context, user_id: int) -> list[tuple[Workspace, str]]:
    with unit_of_work(ctx.engine) as s:
        return [
            (w, r)
            for w, r in s.execute(
                select(Workspace, Membership.role)
                .join(Membership, Membership.workspace_id == Workspace.id)
                .where(Membership.user_id == user_id)
                .order_by(Workspace.slug)
            ).all()
        ]


# -- signing in ----------------------------------------------------------------------------


def authenticate(ctx: Context, username: str, password: str, address: str | None) -> User:
    """Check a password, with throttling: 5 failures per user or address in 15 minutes.

    Parallel guesses count too: each attempt is recorded (``signin.attempt``, counted as a failure
    until its outcome is known) in the same short, serialised transaction that counts the earlier
    ones, so a burst of requests gets 5 tries, not one per request thread."""
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SIGNIN_LOCK})
        attempt = _audit_row(ctx, "signin.attempt", username, address, None, {})
        s.add(attempt)
        s.flush()  # SQLite: takes the write lock, so counting and recording are one step
        conds = [AuditEvent.actor == username]
        if address:
            conds.append(AuditEvent.address == address)
        failures = s.execute(
            select(func.count(AuditEvent.id), func.min(AuditEvent.at)).where(
                AuditEvent.action.in_(("signin.failed", "signin.attempt")),
                AuditEvent.at > now - THROTTLE_WINDOW,
                AuditEvent.id != attempt.id,
                or_(*conds),
            )
        ).one()
        throttled = failures[0] >= THROTTLE_MAX_FAILURES
        if throttled:
            attempt.action = "signin.throttled"
        attempt_id = attempt.id
        u = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if throttled:
        retry = int(((failures[1] or now) + THROTTLE_WINDOW - now).total_seconds()) + 1
        raise SignInRefused(
            T("too many failed sign-ins; try again in %(minutes)s min", minutes=max(1, retry // 60)), retry
        )
    ok = False
    try:
        if u is not None and not u.disabled:
            try:
                ok = hasher(ctx).verify(u.password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
        else:
            hasher(ctx).hash(password)  # same work either way: no user enumeration by timing
    finally:
        with unit_of_work(ctx.engine) as s:
            row = s.get(AuditEvent, attempt_id)
            if row is not None:
                row.action = "signin" if ok and u is not None else "signin.failed"
    if not ok or u is None:
        raise SignInRefused(T("wrong user name or password"))
    if hasher(ctx).check_needs_rehash(u.password_hash):
        with unit_of_work(ctx.engine) as s:
            s.get(User, u.id).password_hash = hasher(ctx).hash(password)  # type: ignore[union-attr]
    return u


def create_login_token(ctx: Context, username: str, ttl: timedelta = timedelta(hours=12)) -> str:
    u = get_user(ctx, username)
    token = secrets.token_urlsafe(32)
    with unit_of_work(ctx.engine) as s:
        s.add(LoginToken(user_id=u.id, token_hash=sha256_text(token), expires_at=ctx.clock() + ttl))
    return token


def consume_login_token(ctx: Context, token: str, address: str | None) -> User | None:
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        lt = s.execute(select(LoginToken).where(LoginToken.token_hash == sha256_text(token))).scalar_one_or_none()
        if lt is None or lt.used_at is not None or lt.expires_at <= now:
            user = None
        else:
            lt.used_at = now
            user = s.get(User, lt.user_id)
    if user is None:
        audit(ctx, "signin.failed", "(one-time link)", address)
        return None
    audit(ctx, "signin", user.username, address, detail={"via": "one-time link"})
    return user


def secret_key(ctx: Context) -> str:
    """The installation's session-signing key, created once and shared by all web processes."""
    with unit_of_work(ctx.engine) as s:
        row = s.get(AppSecret, "session_key")
        if row is not None:
            return row.value
    try:
        with unit_of_work(ctx.engine) as s:
            value = secrets.token_urlsafe(48)
            s.add(AppSecret(name="session_key", value=value))
            return value
    except IntegrityError:
        return secret_key(ctx)


# -- API tokens ----------------------------------------------------------------------------


#: The longest API-token name (its column, ``api_tokens.name``, is VARCHAR(200)).
TOKEN_NAME_LIMIT = NAME_LIMIT


def create_api_token(ctx: Context, username: str, workspace: str, name: str, *, actor: str) -> tuple[str, ApiToken]:
    name = (name or "").strip()
    if not name:
        raise AccountError(field_error("name", "required"))
    if len(name) > TOKEN_NAME_LIMIT:  # refused, not cut: the user says what the token is for
        raise AccountError(field_error("name", "longer than %(limit)s characters", limit=TOKEN_NAME_LIMIT))
    u = get_user(ctx, username)
    token = "ddt_" + secrets.token_urlsafe(32)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        m = s.execute(
            select(Membership).where(Membership.user_id == u.id, Membership.workspace_id == ws.id)
        ).scalar_one_or_none()
        if m is None:
            raise AccountError(
                field_error(
                    "workspace",
                    "%(user)s has no role in %(workspace)s",
                    user=Quoted(username),
                    workspace=Quoted(workspace),
                )
            )
        row = ApiToken(
            user_id=u.id,
            workspace_id=ws.id,
            name=name,
            token_hash=sha256_text(token),
            prefix=token[:12],
            created_at=ctx.clock(),
        )
        s.add(row)
        s.flush()
        ws_id = ws.id
    audit(ctx, "token.created", actor, workspace_id=ws_id, detail={"username": username, "name": name})
    return token, row


def list_api_tokens(ctx: Context, username: str | None = None) -> list[tuple[ApiToken, str, str]]:
    with unit_of_work(ctx.engine) as s:
        q = (
            select(ApiToken, User.username, Workspace.slug)
            .join(User, User.id == ApiToken.user_id)
            .join(Workspace, Workspace.id == ApiToken.workspace_id)
            .order_by(ApiToken.id)
        )
        if username:
            q = q.where(User.username == username)
        return [(t, u, w) for t, u, w in s.execute(q).all()]


def revoke_api_token(ctx: Context, token_id: int, *, actor: str) -> None:
    with unit_of_work(ctx.engine) as s:
        t = s.get(ApiToken, token_id)
        if t is None:
            raise AccountError(field_error("token", "no token #%(id)s", id=token_id))
        t.revoked_at = t.revoked_at or ctx.clock()
        ws_id = t.workspace_id
    audit(ctx, "token.revoked", actor, workspace_id=ws_id, detail={"token": token_id})


def access_for_token(ctx: Context, token: str) -> Access | None:
    with unit_of_work(ctx.engine) as s:
        row = s.execute(
            select(ApiToken, User, Workspace, Membership.role)
            .join(User, User.id == ApiToken.user_id)
            .join(Workspace, Workspace.id == ApiToken.workspace_id)
            .join(Membership, (Membership.user_id == User.id) & (Membership.workspace_id == Workspace.id))
            .where(ApiToken.token_hash == sha256_text(token))
        ).first()
        if row is None:
            return None
        t, u, w, role = row
        if t.revoked_at is not None or u.disabled:
            return None
        now = ctx.clock()
        if t.last_used_at is None or now - t.last_used_at > timedelta(minutes=1):
            t.last_used_at = now  # at most one write a minute per token, not one per request
        return Access(u.id, u.username, w.id, w.slug, w.name, role, "token")


# -- share links ---------------------------------------------------------------------------


def _share_serializer(ctx: Context) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key(ctx), salt="disputedesk.share-link")


def create_share_link(
    ctx: Context,
    workspace: str,
    *,
    created_by: str,
    days: int = 14,
    case_number: str | None = None,
    label: str | None = None,
) -> tuple[str, ShareLink]:
    if not 1 <= days <= 365:
        raise AccountError(field_error("days", "a share link lasts 1 to 365 days"))
    u = get_user(ctx, created_by)
    nonce = secrets.token_urlsafe(24)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        role = s.execute(
            select(Membership.role).where(Membership.user_id == u.id, Membership.workspace_id == ws.id)
        ).scalar_one_or_none()
        if not can(role, "admin"):
            raise AccountError(
                field_error(
                    "by",
                    "%(user)s is not an owner of %(workspace)s (role: %(role)s); "
                    "only an owner may hand out a share link",
                    user=Quoted(created_by),
                    workspace=Quoted(workspace),
                    role=role or "none",
                )
            )
        case_id = None
        if case_number:
            case_id = s.execute(
                select(Case.id).where(Case.workspace_id == ws.id, Case.number == case_number)
            ).scalar_one_or_none()
            if case_id is None:
                raise AccountError(
                    field_error(
                        "case",
                        "no case %(case)s in %(workspace)s",
                        case=Quoted(case_number),
                        workspace=Quoted(workspace),
                    )
                )
        link = ShareLink(
            workspace_id=ws.id,
            case_id=case_id,
            scope="case" if case_id else "workspace",
            label=label,
            nonce=nonce,
            created_by=u.id,
            created_at=ctx.clock(),
            expires_at=ctx.clock() + timedelta(days=days),
        )
        s.add(link)
        s.flush()
        ws_id = ws.id
    token = _share_serializer(ctx).dumps({"id": link.id, "n": nonce})
    audit(ctx, "share.created", created_by, workspace_id=ws_id, detail={"link": link.id, "days": days})
    return token, link


def access_for_share(ctx: Context, token: str, address: str | None = None) -> Access | None:  # noqa: ARG001
    try:
        data = _share_serializer(ctx).loads(token)
    except BadSignature:
        return None
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        link = s.get(ShareLink, int(data.get("id", 0))) if isinstance(data, dict) else None
        if link is None or link.nonce != data.get("n") or link.revoked_at is not None or link.expires_at <= now:
            return None
        ws = s.get(Workspace, link.workspace_id)
        assert ws is not None
        acc = Access(None, f"share-link#{link.id}", ws.id, ws.slug, ws.name, "viewer", "share", link.case_id)
    return acc


def record_share_use(ctx: Context, access: Access, path: str, address: str | None) -> None:
    """Every use of a share link is a ledger entry with time and address."""
    record(ctx, access.workspace_id, "share.used", access.username, address, {"path": path}, ledger=True)


def revoke_share_link(ctx: Context, link_id: int, *, actor: str) -> None:
    with unit_of_work(ctx.engine) as s:
        link = s.get(ShareLink, link_id)
        if link is None:
            raise AccountError(field_error("link", "no share link #%(id)s", id=link_id))
        link.revoked_at = link.revoked_at or ctx.clock()
        ws_id = link.workspace_id
    audit(ctx, "share.revoked", actor, workspace_id=ws_id, detail={"link": link_id})


def list_share_links(ctx: Context, workspace_id: int) -> list[ShareLink]:
    with unit_of_work(ctx.engine) as s:
        return list(
            s.execute(select(ShareLink).where(ShareLink.workspace_id == workspace_id).order_by(ShareLink.id)).scalars()
        )


# -- audit ---------------------------------------------------------------------------------


def _audit_row(
    ctx: Context, action: str, actor: str, address: str | None, workspace_id: int | None, detail: dict[str, Any]
) -> AuditEvent:
    return AuditEvent(
        workspace_id=workspace_id, at=ctx.clock(), actor=actor, action=action, address=address, detail=detail
    )


def audit(
    ctx: Context,
    action: str,
    actor: str,
    address: str | None = None,
    *,
    workspace_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    with unit_of_work(ctx.engine) as s:
        s.add(_audit_row(ctx, action, actor, address, workspace_id, detail or {}))


def record(
    ctx: Context,
    workspace_id: int,
    action: str,
    actor: str,
    address: str | None,
    detail: dict[str, Any],
    *,
    subject: str = "",
    ledger: bool = True,
) -> None:
    """An audit event, and (for what touches evidence) a ledger entry in the same transaction."""
    with unit_of_work(ctx.engine) as s:
        writer = None
        if ledger:
            ws = s.get(Workspace, workspace_id)
            assert ws is not None
            lock_workspace(s, ws.id)
            writer = LedgerWriter(s, ws)
            writer.append(
                actor=actor, action=action, at=ctx.clock(), subject=subject, payload={**detail, "address": address}
            )
        s.add(_audit_row(ctx, action, actor, address, workspace_id, detail))
    if writer is not None:
        writer.write_anchor(ctx.blobs)


def list_audit(ctx: Context, workspace_id: int | None, limit: int = 200) -> list[AuditEvent]:
    """The workspace's events plus installation-wide sign-in events of its members."""
    with unit_of_work(ctx.engine) as s:
        q = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
        if workspace_id is not None:
            members = (
                select(User.username)
                .join(Membership, Membership.user_id == User.id)
                .where(Membership.workspace_id == workspace_id)
            )
            q = q.where(
                or_(
                    AuditEvent.workspace_id == workspace_id,
                    (AuditEvent.workspace_id.is_(None)) & (AuditEvent.actor.in_(members)),
                )
            )
        return list(s.execute(q).scalars())


def recent_failures(ctx: Context, since: datetime) -> int:
    with unit_of_work(ctx.engine) as s:
        return int(
            s.execute(
                select(func.count(AuditEvent.id)).where(AuditEvent.action == "signin.failed", AuditEvent.at > since)
            ).scalar_one()
        )
