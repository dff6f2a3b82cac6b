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

A server or folder that cannot be used is one failed outcome whose reason names the server (or
folder) and what is wrong in words a person can act on (connection refused, sign-in refused, no
such folder, TLS, no answer in time), each a catalogue sentence (``T``) with the server's own
words kept as its ``detail`` parameter for support.
"""

from __future__ import annotations

import getpass
import imaplib
import io
import os
import re
import socket
import ssl
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from sqlalchemy import select

from ...domain.text import T, Text
from ...store.db import lock_workspace, unit_of_work
from ...store.models_mail import ImapSyncState
from ..context import Context
from ..workspaces import get_workspace
from .candidates import FAILED, Candidate, ImportReport, Outcome


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


TIMEOUT = 60  # seconds a mail server may take to answer


class ImapError(ValueError):
    """A mail server or folder that cannot be used; the argument is the sentence (a ``Text``)."""


def is_imap_url(value: str) -> bool:
    return value.startswith(("imap:/", "imaps:/"))


def parse_imap_url(value: str) -> ImapSource:
    """``imap://user@host[:port]/FOLDER`` (a path-normalised ``imap:/user@…`` is accepted too)."""
    m = re.match(r"^(imaps?):/+(.*)$", value)
    if not m:
        raise ImapError(T("not an imap:// or imaps:// address (imaps://user@host/FOLDER)"))
    scheme, rest = m.groups()
    u = urlparse(f"{scheme}://{rest}")
    if not u.hostname:
        raise ImapError(T("no mail server in the IMAP address (imaps://user@host/FOLDER)"))
    if not u.username:
        raise ImapError(T("no user name in the IMAP address (imaps://user@host/FOLDER)"))
    if u.password:
        raise ImapError(T("do not put the password in the IMAP address; give it separately"))
    folder = unquote(u.path.lstrip("/")) or "INBOX"
    tls = scheme == "imaps"
    return ImapSource(tls, unquote(u.username), u.hostname, u.port or (993 if tls else 143), folder)


def default_password(src: ImapSource) -> str:
    pw = os.environ.get("DISPUTEDESK_IMAP_PASSWORD")
    if pw:
        return pw
    if sys.stdin.isatty():
        return getpass.getpass(f"IMAP password for {src.account}: ")
    raise ImapError(T("no password for %(account)s: set DISPUTEDESK_IMAP_PASSWORD", account=src.account))


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _detail(exc: BaseException) -> str:
    """The technical words of an error (the server's answer, the system's reason), for support."""
    arg = exc.args[0] if len(exc.args) == 1 else None
    if isinstance(arg, bytes):
        return arg.decode("utf-8", errors="replace")
    if isinstance(exc, ssl.SSLCertVerificationError) and exc.verify_message:
        return str(exc.verify_message)
    if isinstance(exc, OSError) and exc.strerror:
        return str(exc.strerror)
    return str(exc) or type(exc).__name__


def _unreachable(src: ImapSource, exc: BaseException) -> Text:
    """Why the mail server could not be reached, by the kind of failure a person can act on."""
    server, detail = f"{src.host}:{src.port}", _detail(exc)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return T(
            "the mail server %(server)s did not show a trusted certificate: no secure connection was made (%(detail)s)",
            server=server,
            detail=detail,
        )
    if isinstance(exc, ssl.SSLError):
        return T(
            "no secure connection (TLS) could be made with the mail server %(server)s: check the port "
            "(imaps:// is usually 993, imap:// 143) (%(detail)s)",
            server=server,
            detail=detail,
        )
    if isinstance(exc, ConnectionRefusedError):
        return T(
            "the mail server %(server)s refused the connection: nothing answers on port %(port)s; check the server "
            "name and the port (%(detail)s)",
            server=server,
            port=src.port,
            detail=detail,
        )
    if isinstance(exc, TimeoutError):
        return T(
            "the mail server %(server)s did not answer within %(seconds)s seconds (%(detail)s)",
            server=server,
            seconds=TIMEOUT,
            detail=detail,
        )
    if isinstance(exc, socket.gaierror):
        return T(
            "there is no mail server called %(host)s: check its spelling (%(detail)s)", host=src.host, detail=detail
        )
    if isinstance(exc, imaplib.IMAP4.error):  # connected, but it does not speak IMAP
        return T("%(server)s does not answer as an IMAP mail server (%(detail)s)", server=server, detail=detail)
    return T("cannot connect to the mail server %(server)s (%(detail)s)", server=server, detail=detail)


def _connect(src: ImapSource, password: str) -> imaplib.IMAP4:
    server = f"{src.host}:{src.port}"
    try:
        conn: imaplib.IMAP4 = (
            imaplib.IMAP4_SSL(src.host, src.port, timeout=TIMEOUT)
            if src.tls
            else imaplib.IMAP4(src.host, src.port, timeout=TIMEOUT)
        )
    except (OSError, imaplib.IMAP4.error) as exc:
        raise ImapError(_unreachable(src, exc)) from exc
    try:
        if not src.tls and "STARTTLS" in conn.capabilities and src.host not in ("127.0.0.1", "localhost", "::1"):
            try:
                conn.starttls()
            except (OSError, imaplib.IMAP4.error) as exc:
                raise ImapError(
                    T(
                        "the mail server %(server)s offers a secure connection (STARTTLS) but it could not be made "
                        "(%(detail)s)",
                        server=server,
                        detail=_detail(exc),
                    )
                ) from exc
        try:
            conn.login(src.user, password)
        except imaplib.IMAP4.abort as exc:  # the connection dropped: not a wrong password
            raise ImapError(_unreachable(src, exc)) from exc
        except imaplib.IMAP4.error as exc:
            raise ImapError(
                T(
                    "sign-in refused by the mail server %(server)s for %(user)s: wrong user name or password, or "
                    "IMAP is not enabled for this account (%(detail)s)",
                    server=server,
                    user=src.user,
                    detail=_detail(exc),
                )
            ) from exc
        except OSError as exc:
            raise ImapError(_unreachable(src, exc)) from exc
    except ImapError:
        conn.shutdown()
        raise
    return conn


def _reason(exc: ValueError) -> str:
    """The sentence of a refusal (its message id kept), else the exception's English text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Text) else str(exc)


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
        report.outcomes.append(Outcome(url, url, FAILED, reason=_reason(exc)))
        yield None
        return
    server = f"{src.host}:{src.port}"
    try:
        try:
            typ, data = conn.select(_quote(src.folder), readonly=True)
        except (OSError, imaplib.IMAP4.error) as exc:
            typ, data = "NO", [_detail(exc).encode()]
        if typ != "OK":
            answer = data[0].decode(errors="replace") if data and isinstance(data[0], bytes) else ""
            if "NONEXISTENT" in answer or "exist" in answer.lower():
                reason = T(
                    "there is no folder %(folder)s on the mail server %(server)s: check its name (upper and lower "
                    "case count; sub-folders as the server writes them, e.g. INBOX/Supplier) (%(detail)s)",
                    folder=src.folder,
                    server=server,
                    detail=answer,
                )
            else:
                reason = T(
                    "the folder %(folder)s on the mail server %(server)s cannot be opened (%(detail)s)",
                    folder=src.folder,
                    server=server,
                    detail=answer or typ,
                )
            report.outcomes.append(Outcome(src.folder, str(src), FAILED, reason=reason))
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
        try:
            typ, data = conn.uid("SEARCH", None, f"UID {start}:*")
        except (OSError, imaplib.IMAP4.error) as exc:
            report.outcomes.append(Outcome(src.folder, str(src), FAILED, reason=_lost(server, exc)))
            yield None
            return
        uids = sorted(int(x) for x in (data[0] or b"").split() if int(x) >= start) if typ == "OK" else []
        fetched: list[int] = []
        lost: list[bool] = []

        def candidates() -> Iterator[Candidate]:
            for uid in uids:
                where = f"{src};UIDVALIDITY={uidvalidity}/;UID={uid}"
                try:
                    typ, parts = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
                except (OSError, imaplib.IMAP4.error) as exc:  # the rest is fetched by the next run
                    report.outcomes.append(Outcome(f"UID {uid}", where, FAILED, reason=_lost(server, exc)))
                    lost.append(True)
                    return
                raw = next((p[1] for p in parts or [] if isinstance(p, tuple) and len(p) > 1), None)
                if typ != "OK" or raw is None:
                    report.outcomes.append(
                        Outcome(
                            f"UID {uid}",
                            where,
                            FAILED,
                            reason=T("the mail server did not return this message (UID %(uid)s)", uid=str(uid)),
                        )
                    )
                    continue
                fetched.append(uid)
                yield Candidate(
                    name=f"{src.folder.replace('/', '_')}-{uid}.eml",
                    source=where,
                    open=lambda raw=raw: io.BytesIO(raw),  # type: ignore[misc]
                )

        yield candidates()
        # after a lost connection, the next run starts after the last message fetched
        last = max(fetched, default=start - 1) if lost else max(uids, default=start - 1)
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


def _lost(server: str, exc: BaseException) -> Text:
    return T(
        "the connection to the mail server %(server)s was lost; the next import continues from here (%(detail)s)",
        server=server,
        detail=_detail(exc),
    )
