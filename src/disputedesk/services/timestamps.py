"""Trusted timestamps (RFC 3161) of the ledger head: a proof of the ledger's age from outside.

The chain and its anchor show that nothing was changed *unless* someone rewrote both (they sit
in the database and the blob store). A token from an independent time-stamping authority (TSA)
over the head hash cannot be made later: it proves that entries #1..#N existed, as they are, by
the TSA's time, and a chain rewritten afterwards no longer matches it.

* configured by ``DISPUTEDESK_TSA_URL`` and ``DISPUTEDESK_TSA_CA`` (PEM file of the CA that
  certifies the TSA); without a URL nothing here runs and nothing changes;
* taken after every import that recorded something, by ``disputedesk timestamp``, and hourly by
  the worker (or the web process in the embedded mode) for workspaces with entries not yet
  stamped once the last token is ``DISPUTEDESK_TSA_INTERVAL_HOURS`` old (default 23: at least daily);
* kept as ledger entries ``ledger.timestamped`` whose payload carries the token (base64 DER
  TimeStampResp), so the chain, backups and evidence bundles carry them too;
* checked by ``disputedesk verify`` (:func:`check_chain_tokens`) and ``bundle verify``.

The protocol (request, response, CMS signature, certificate chain, nonce) is the
``rfc3161-client`` library's; the stamped text and the token check are in
``documents/timestamp_token.py``, shared with the stand-alone bundle verifier.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..documents.timestamp_token import (
    TIMESTAMP_ACTION,
    ChainTokens,
    TokenCheck,
    TokenError,
    TokenInfo,
    check_token,
    check_tokens,
    head_message,
    utc_text,
)
from ..domain.ledger import Entry
from ..domain.text import T
from ..store.db import lock_workspace, unit_of_work
from ..store.ledger import LedgerWriter
from ..store.models import LedgerEntry, Workspace
from .context import Context
from .workspaces import get_workspace, list_workspaces

log = logging.getLogger("disputedesk.timestamps")
MAX_REPLY = 1024 * 1024


class TimestampError(Exception):
    pass


def configured(ctx: Context) -> bool:
    return bool(ctx.settings.tsa_url)


def trust_pem(ctx: Context) -> bytes | None:
    """The CA certificate(s) tokens must chain to (``DISPUTEDESK_TSA_CA``), or None if unset."""
    if not ctx.settings.tsa_ca:
        return None
    path = Path(ctx.settings.tsa_ca)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TimestampError(f"DISPUTEDESK_TSA_CA: cannot read {path}: {exc.strerror}") from None


@dataclass
class Stamp:
    workspace: str
    seq: int  # the ledger entry that holds the token
    head: int  # the entry whose hash was stamped
    head_hash: str
    info: TokenInfo

    def as_dict(self) -> dict[str, Any]:
        return {
            "workspace": self.workspace,
            "entry": self.seq,
            "head": self.head,
            "head_hash": self.head_hash,
            "time": utc_text(self.info.gen_time),
            "tsa": self.info.tsa,
            "serial": str(self.info.serial),
        }


def request_token(ctx: Context, message: bytes) -> tuple[bytes, TokenInfo]:
    """Ask the configured TSA for a token over ``message``; return it only once it checks out."""
    from rfc3161_client import HashAlgorithm, TimestampRequestBuilder

    if not ctx.settings.tsa_url:
        raise TimestampError("no time-stamping authority configured (set DISPUTEDESK_TSA_URL and DISPUTEDESK_TSA_CA)")
    url, auth = split_credentials(ctx.settings.tsa_url)
    pem = trust_pem(ctx)
    if pem is None:
        raise TimestampError(
            "DISPUTEDESK_TSA_CA is not set: a token cannot be checked without the TSA's CA certificate"
        )
    req = TimestampRequestBuilder().data(message).hash_algorithm(HashAlgorithm.SHA256).build()
    headers = {"Content-Type": "application/timestamp-query"}
    if auth:
        headers["Authorization"] = auth
    http = urllib.request.Request(url, data=req.as_bytes(), method="POST", headers=headers)
    try:
        with urllib.request.urlopen(http, timeout=ctx.settings.tsa_timeout) as r:  # noqa: S310 - the user's TSA
            raw = r.read(MAX_REPLY + 1)
    except urllib.error.HTTPError as exc:
        raise TimestampError(f"the TSA at {url} answered HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TimestampError(f"the TSA at {url} cannot be reached: {reason}") from None
    if len(raw) > MAX_REPLY:
        raise TimestampError(f"the TSA at {url} sent more than {MAX_REPLY} bytes")
    try:
        info = check_token(raw, message, pem, nonce=req.nonce)
    except TokenError as exc:
        raise TimestampError(f"the TSA at {url} sent a token that does not check out: {exc}") from None
    return raw, info


def split_credentials(url: str) -> tuple[str, str | None]:
    """A TSA that wants HTTP basic auth is configured as ``https://USER:PASSWORD@host/path``: the
    credentials go into the Authorization header, and never into the ledger, bundles or messages."""
    from urllib.parse import unquote, urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    user, password = unquote(parts.username), unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def _head(s: Any, ws: Workspace) -> tuple[int, str, str] | None:
    row = s.execute(
        select(LedgerEntry.seq, LedgerEntry.hash, LedgerEntry.action)
        .where(LedgerEntry.workspace_id == ws.id)
        .order_by(LedgerEntry.seq.desc())
        .limit(1)
    ).first()
    return (int(row[0]), str(row[1]), str(row[2])) if row else None


def _last_stamp_at(s: Any, ws: Workspace) -> str | None:
    return s.execute(
        select(LedgerEntry.at)
        .where(LedgerEntry.workspace_id == ws.id, LedgerEntry.action == TIMESTAMP_ACTION)
        .order_by(LedgerEntry.seq.desc())
        .limit(1)
    ).scalar()


def take_timestamp(ctx: Context, workspace: str, *, actor: str, force: bool = False) -> Stamp | None:
    """Timestamp the workspace's current ledger head and record the token as a ledger entry.

    None when there is nothing new to stamp (the head is itself a timestamp entry) unless ``force``.
    The TSA is asked outside any transaction; entries appended meanwhile are stamped next time.
    """
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        head = _head(s, ws)
    if head is None:
        return None
    seq, head_hash, action = head
    if action == TIMESTAMP_ACTION and not force:
        return None
    raw, info = request_token(ctx, head_message(workspace, seq, head_hash))
    payload = {
        "head": seq,
        "head_hash": head_hash,
        "tsa_url": split_credentials(ctx.settings.tsa_url)[0],
        "tsa": info.tsa,
        "time": utc_text(info.gen_time),
        "serial": str(info.serial),
        "token": base64.b64encode(raw).decode("ascii"),
    }
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        writer = LedgerWriter(s, ws)
        row = writer.append(actor=actor, action=TIMESTAMP_ACTION, at=ctx.clock(), payload=payload)
        entry_seq = row.seq
    writer.write_anchor(ctx.blobs)
    return Stamp(workspace, entry_seq, seq, head_hash, info)


def due(ctx: Context, workspace: str, now: datetime | None = None) -> bool:
    """Entries not yet stamped, and the last token older than ``tsa_interval_hours`` (or none)."""
    now = now or ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        head = _head(s, ws)
        if head is None or head[2] == TIMESTAMP_ACTION:
            return False
        last = _last_stamp_at(s, ws)
    if last is None:
        return True
    when = datetime.fromisoformat(last.replace("Z", "+00:00"))
    return now - when >= timedelta(hours=ctx.settings.tsa_interval_hours)


def stamp_due(ctx: Context, *, actor: str = "system:timestamps") -> list[Stamp]:
    """The periodic check (worker, or the web process's timer in the embedded mode): a token for
    every workspace that is :func:`due`. A TSA that fails is logged; the next run tries again."""
    if not configured(ctx):
        return []
    out: list[Stamp] = []
    for ws in list_workspaces(ctx):
        try:
            if due(ctx, ws.slug):
                stamp = take_timestamp(ctx, ws.slug, actor=actor)
                if stamp:
                    out.append(stamp)
        except TimestampError as exc:
            log.warning("timestamp of workspace %s not taken: %s", ws.slug, exc)
    return out


def start_timer(ctx: Context, every: float = 3600.0) -> threading.Event | None:
    """The embedded mode has no worker: the web process runs :func:`stamp_due` at start and then
    every ``every`` seconds in a daemon thread. Returns the event that stops it (None: no TSA)."""
    if not configured(ctx):
        return None
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                stamp_due(ctx)
            except Exception:  # noqa: BLE001 - a database hiccup must not end the timer
                log.exception("periodic timestamp check failed")
            stop.wait(every)

    threading.Thread(target=loop, name="disputedesk-timestamps", daemon=True).start()
    return stop


def after_import(ctx: Context, workspace: str, recorded: int) -> Stamp | None:
    """After an import that recorded something: stamp the new head. Never fails the import (its
    entries are committed already); a TSA that is down is logged and the periodic check catches up."""
    if not recorded or not configured(ctx):
        return None
    try:
        return take_timestamp(ctx, workspace, actor="system:timestamps")
    except TimestampError as exc:
        log.warning("timestamp after import into %s not taken: %s", workspace, exc)
    except Exception:  # noqa: BLE001 - e.g. the database busy: the import stands, the periodic check retries
        log.exception("timestamp after import into %s not taken", workspace)
    return None


# --- checking ------------------------------------------------------------------------------------


def check_chain_tokens(workspace: str, entries: list[Entry], pem: bytes | None) -> ChainTokens:
    hashes = {e.seq: e.hash for e in entries}
    tokens = []
    for e in entries:
        if e.action != TIMESTAMP_ACTION:
            continue
        try:
            tokens.append((e.seq, e.payload_obj()))
        except ValueError:
            tokens.append((e.seq, {}))
    out = check_tokens(workspace, hashes, tokens, pem)
    if out.unproven_from is not None:  # the timestamp entries themselves need no proof
        stamps = {seq for seq, _p in tokens}
        rest = [e.seq for e in entries if e.seq >= out.unproven_from and e.seq not in stamps]
        out.unproven_from = rest[0] if rest else None
    return out


def late_proofs(entries: list[Entry], checks: list[TokenCheck], hours: float) -> list[str]:
    """Entries whose first proof came more than ``hours`` after they were recorded. Expected once
    (entries from before a TSA was configured) and after a TSA or worker outage; otherwise the mark
    of a chain rewritten and stamped anew: their age before that token rests on the vault alone."""
    at = {e.seq: e.at for e in entries}
    out = []
    for c in checks:
        if not c.ok or c.first_proven is None or not c.time or not c.entry:
            continue
        recorded = [at[s] for s in range(c.first_proven, c.head + 1) if s in at]
        if not recorded:
            continue
        earliest = min(recorded)
        proven = datetime.fromisoformat(c.time.replace("Z", "+00:00"))
        gap = proven - datetime.fromisoformat(earliest.replace("Z", "+00:00"))
        if gap > timedelta(hours=hours):
            days = f"{gap.total_seconds() / 86400:.1f}"
            recorded = f"{earliest[:19]}Z"
            out.append(
                T(
                    "entries #%(first)s–#%(last)s, recorded from %(recorded)s, are proven only from %(proven)s "
                    "(%(days)s days later): before that their age rests on the vault alone (a TSA not yet "
                    "configured, a TSA or worker outage, or a chain rewritten and stamped anew)",
                    first=c.first_proven,
                    last=c.head,
                    recorded=recorded,
                    proven=c.time,
                    days=days,
                )
            )
    return out


def message_digest(workspace: str, seq: int, head_hash: str) -> str:
    return hashlib.sha256(head_message(workspace, seq, head_hash)).hexdigest()


# --- tokens kept outside the vault ---------------------------------------------------------------
# Someone who can rewrite the chain can also drop its timestamp entries; the chain is then
# consistent again and proves nothing about its age. Tokens kept elsewhere (this export, or an
# evidence bundle handed out earlier) still name such a rewrite: `verify --timestamps FILE`.

EXPORT_FORMAT = "disputedesk-timestamps/1"


def export_tokens(ctx: Context, workspace: str) -> dict[str, Any]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(LedgerEntry.seq, LedgerEntry.payload)
            .where(LedgerEntry.workspace_id == ws.id, LedgerEntry.action == TIMESTAMP_ACTION)
            .order_by(LedgerEntry.seq)
        ).all()
    import json

    tokens = []
    for seq, payload in rows:
        obj = json.loads(payload)
        obj["entry"] = seq
        tokens.append(obj)
    return {"format": EXPORT_FORMAT, "workspace": workspace, "tokens": tokens}


def load_kept_tokens(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Tokens from an export (``timestamp --export``) or an evidence bundle: workspace → payloads."""
    import json
    import zipfile

    if zipfile.is_zipfile(path):
        from ..ingest.archives import check_zip, read_member_bounded

        found: dict[str, list[dict[str, Any]]] = {}
        with zipfile.ZipFile(path) as zf:
            for info in check_zip(path):
                if not info.filename.endswith("/data/ledger/entries.jsonl"):
                    continue
                raw = b"".join(read_member_bounded(zf, info))
                for line in raw.decode("utf-8").splitlines():
                    if not line.strip():
                        continue
                    e = json.loads(line)
                    if e.get("action") == TIMESTAMP_ACTION:
                        found.setdefault(str(e["workspace"]), []).append(json.loads(e["payload"]))
        return found
    try:
        obj = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise TimestampError(f"{path}: not a token file or bundle ({exc})") from None
    parts = obj.get("workspaces", [obj]) if isinstance(obj, dict) else []
    out: dict[str, list[dict[str, Any]]] = {}
    for part in parts:
        if not isinstance(part, dict) or part.get("format") != EXPORT_FORMAT:
            raise TimestampError(f"{path}: not a token file written by `disputedesk timestamp --export`")
        out.setdefault(str(part["workspace"]), []).extend(part.get("tokens", []))
    return out
