"""An IMAP folder as a source of import candidates, incrementally: ``disputedesk import imap://user@host:port/FOLDER``
(``sources.import_imap`` runs it through the pipeline).

Each run remembers the folder's UIDVALIDITY and the highest UID imported (RFC 3501 §2.3.1.1);
the next run fetches only UIDs above it. If the server reports a new UIDVALIDITY (the folder
was re-created), the whole folder is fetched again and messages already in the vault are
reported as duplicates, never stored twice. Messages are fetched with ``BODY.PEEK[]`` (the
exact bytes, without setting \\Seen) one at a time, so memory stays flat. ``imaps://`` uses TLS
(port 993 by default), ``imap://`` plain IMAP with STARTTLS when the server offers it (not on
127.0.0.1, where tests run a local server).

The password comes from ``DISPUTEDESK_IMAP_PASSWORD`` or, at a terminal, a prompt.
"""

from __future__ import annotations

import getpass
import imaplib
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from sqlalchemy import select

from ...store.db import lock_workspace, unit_of_work
from ...store.models_mail import ImapSyncState
from ..context import Context
from ..workspaces import get_workspace
from .pipeline import FAILED, Candidate, ImportReport, Outcome


@dataclass(frozen=True)
class ImapSource:
    tls: bool
    user: str
    host: str
    port: int
    folder: str

    @property
    def account(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"

    def __str__(self) -> str:
        return f"{'imaps' if self.tls else 'imap'}://{self.account}/{self.folder}"


def is_imap_url(value: str) -> bool:
    return value.startswith(("imap:/", "imaps:/"))


def parse_imap_url(value: str) -> ImapSource:
    """``imap://user@host[:port]/FOLDER`` (a path-normalised ``imap:/user@…`` is accepted too)."""
    m = re.match(r"^(imaps?):/+(.*)$", value)
    if not m:
        raise ValueError(f"{value}: not an imap:// or imaps:// URL")
    scheme, rest = m.groups()
    u = urlparse(f"{scheme}://{rest}")
    if not u.hostname:
        raise ValueError(f"{value}: no host in the IMAP URL")
    if not u.username:
        raise ValueError(f"{value}: no user in the IMAP URL (imap://user@host/FOLDER)")
    if u.password:
        raise ValueError(f"{value}: do not put the password in the URL; set DISPUTEDESK_IMAP_PASSWORD")
    folder = unquote(u.path.lstrip("/")) or "INBOX"
    tls = scheme == "imaps"
    return ImapSource(tls, unquote(u.username), u.hostname, u.port or (993 if tls else 143), folder)


def default_password(src: ImapSource) -> str:
    pw = os.environ.get("DISPUTEDESK_IMAP_PASSWORD")
    if pw:
        return pw
    if sys.stdin.isatty():
        return getpass.getpass(f"IMAP password for {src.account}: ")
    raise ValueError(f"{src}: no password: set DISPUTEDESK_IMAP_PASSWORD")


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _connect(src: ImapSource, password: str) -> imaplib.IMAP4:
    try:
        conn: imaplib.IMAP4 = (
            imaplib.IMAP4_SSL(src.host, src.port, timeout=60)
            if src.tls
            else imaplib.IMAP4(src.host, src.port, timeout=60)
        )
    except OSError as exc:
        raise ValueError(f"{src}: cannot connect to {src.host}:{src.port}: {exc.strerror or exc}") from exc
    try:
        if not src.tls and "STARTTLS" in conn.capabilities and src.host not in ("127.0.0.1", "localhost", "::1"):
            conn.starttls()
        conn.login(src.user, password)
    except imaplib.IMAP4.error as exc:
        conn.shutdown()
        raise ValueError(f"{src}: sign-in refused: {exc}") from exc
    return conn


@contextmanager
def imap_source(
    ctx: Context,
    workspace: str,
    url: str,
    *,
    password: str | Callable[[ImapSource], str] | None,
    report: ImportReport,
) -> Iterator[Iterator[Candidate] | None]:
    """An IMAP folder as a source for the import pipeline: yields the candidates above the last UID
    imported (``None`` when the folder cannot be reached or selected; the reason is in ``report``).
    When the ``with`` block ends without an error, the folder's position is saved, so the next run
    starts after it; the connection is closed either way."""
    try:
        src = parse_imap_url(url)
        pw = password(src) if callable(password) else (password or default_password(src))
        conn = _connect(src, pw)
    except ValueError as exc:
        report.outcomes.append(Outcome(url, url, FAILED, reason=str(exc).removeprefix(f"{url}: ")))
        yield None
        return
    try:
        typ, data = conn.select(_quote(src.folder), readonly=True)
        if typ != "OK":
            reason = data[0].decode(errors="replace") if data and data[0] else "cannot be selected"
            report.outcomes.append(Outcome(src.folder, str(src), FAILED, reason=f"folder {src.folder}: {reason}"))
            yield None
            return
        uidvalidity = int(conn.untagged_responses.get("UIDVALIDITY", [b"0"])[-1])
        with unit_of_work(ctx.engine) as s:
            ws = get_workspace(s, workspace)
            state = s.execute(
                select(ImapSyncState).where(
                    ImapSyncState.workspace_id == ws.id,
                    ImapSyncState.account == src.account,
                    ImapSyncState.folder == src.folder,
                )
            ).scalar_one_or_none()
            start = state.last_uid + 1 if state is not None and state.uidvalidity == uidvalidity else 1
        typ, data = conn.uid("SEARCH", None, f"UID {start}:*")
        uids = sorted(int(x) for x in (data[0] or b"").split() if int(x) >= start) if typ == "OK" else []
        fetched: list[int] = []

        def candidates() -> Iterator[Candidate]:
            for uid in uids:
                typ, parts = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
                raw = next((p[1] for p in parts or [] if isinstance(p, tuple) and len(p) > 1), None)
                where = f"{src};UIDVALIDITY={uidvalidity}/;UID={uid}"
                if typ != "OK" or raw is None:
                    report.outcomes.append(Outcome(f"UID {uid}", where, FAILED, reason="the server did not return it"))
                    continue
                fetched.append(uid)
                yield Candidate(
                    name=f"{src.folder.replace('/', '_')}-{uid}.eml",
                    source=where,
                    open=lambda raw=raw: io.BytesIO(raw),  # type: ignore[misc]
                )

        yield candidates()
        last = max(uids, default=start - 1)
        with unit_of_work(ctx.engine) as s:
            ws = get_workspace(s, workspace)
            # Another import of the same folder may be saving its position now: one at a time, so
            # the row is created once and the furthest position wins.
            lock_workspace(s, ws.id)
            state = s.execute(
                select(ImapSyncState).where(
                    ImapSyncState.workspace_id == ws.id,
                    ImapSyncState.account == src.account,
                    ImapSyncState.folder == src.folder,
                )
            ).scalar_one_or_none()
            if state is None:
                state = ImapSyncState(
                    workspace_id=ws.id, account=src.account, folder=src.folder, uidvalidity=uidvalidity, last_uid=0
                )
                s.add(state)
            previous = state.last_uid if state.uidvalidity == uidvalidity else 0
            state.uidvalidity = uidvalidity
            state.last_uid = max(last, previous, 0)
            state.synced_at = ctx.clock()
            state.details = {"fetched": len(fetched), "uids": [min(uids), max(uids)] if uids else []}
    finally:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
