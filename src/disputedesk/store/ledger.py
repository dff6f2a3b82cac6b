"""Appending to and reading the evidence ledger (the hash definition is in domain/ledger.py).

Only :class:`LedgerWriter` inserts rows; nothing updates or deletes them (the database
triggers refuse it too). After a transaction that appended entries commits, the new head
(seq, hash) is written as an *anchor* next to the blobs: the anchor lets ``verify`` notice
entries deleted from the end of the chain, which the chain alone cannot show.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..domain import ledger as chain
from .blobs import BlobStore
from .models import LedgerEntry, Workspace


def utc_text(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("ledger time must be tz-aware")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class LedgerWriter:
    """Appends entries to one workspace's chain inside the caller's transaction.

    The caller must hold the workspace lock (``store.db.lock_workspace``) so that two writers
    never pick the same sequence number; the primary key (workspace, seq) would refuse it.
    """

    def __init__(self, session: Session, workspace: Workspace) -> None:
        self.session = session
        self.workspace = workspace
        last = session.execute(
            select(LedgerEntry.seq, LedgerEntry.hash)
            .where(LedgerEntry.workspace_id == workspace.id)
            .order_by(LedgerEntry.seq.desc())
            .limit(1)
        ).first()
        self.seq, self.head = (last[0], last[1]) if last else (0, chain.GENESIS)
        self.appended = 0
        self._rows: list[dict[str, Any]] = []

    def append(
        self, *, actor: str, action: str, at: datetime, subject: str = "", payload: Mapping[str, Any] | None = None
    ) -> LedgerEntry:
        row = LedgerEntry(**self._next(actor=actor, action=action, at=at, subject=subject, payload=payload))
        self.session.add(row)
        return row

    def append_row(
        self, *, actor: str, action: str, at: datetime, subject: str = "", payload: Mapping[str, Any] | None = None
    ) -> int:
        """Like :meth:`append`, for bulk writers: the row is kept until :meth:`insert_rows`
        (one multi-row INSERT); returns its sequence number."""
        values = self._next(actor=actor, action=action, at=at, subject=subject, payload=payload)
        self._rows.append(values)
        return int(values["seq"])

    def insert_rows(self) -> None:
        """Insert the rows of :meth:`append_row` (in sequence order) in the caller's transaction."""
        if self._rows:
            self.session.execute(insert(LedgerEntry.__table__), self._rows)
            self._rows = []

    def _next(
        self, *, actor: str, action: str, at: datetime, subject: str, payload: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        e = chain.make_entry(
            seq=self.seq + 1,
            workspace=self.workspace.slug,
            at=utc_text(at),
            actor=actor,
            action=action,
            subject=subject,
            payload=payload or {},
            prev_hash=self.head,
        )
        self.seq, self.head = e.seq, e.hash
        self.appended += 1
        return {
            "workspace_id": self.workspace.id,
            "seq": e.seq,
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "subject": e.subject,
            "payload": e.payload,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }

    def write_anchor(self, blobs: BlobStore) -> None:
        """Call after the transaction has committed."""
        if self.appended:
            write_anchor(blobs, self.workspace.slug, self.seq, self.head)


def anchor_name(workspace_slug: str) -> str:
    return f"ledger-anchor-{workspace_slug}.json"


def write_anchor(blobs: BlobStore, workspace_slug: str, seq: int, head: str) -> None:
    # Writers anchor after their commits, in any order: under the lock, a later head is never
    # replaced by an earlier one (which would hide entries later removed from the end).
    with blobs.meta_lock(anchor_name(workspace_slug)):
        current = read_anchor(blobs, workspace_slug)
        if current is not None and current[0] >= seq:
            return  # another writer already anchored a later head
        data = json.dumps({"workspace": workspace_slug, "seq": seq, "hash": head}).encode()
        blobs.write_meta(anchor_name(workspace_slug), data)


def read_anchor(blobs: BlobStore, workspace_slug: str) -> tuple[int, str] | None:
    raw = blobs.read_meta(anchor_name(workspace_slug))
    if raw is None:
        return None
    obj = json.loads(raw)
    return int(obj["seq"]), str(obj["hash"])


def to_domain(row: LedgerEntry, workspace_slug: str) -> chain.Entry:
    return chain.Entry(
        seq=row.seq,
        workspace=workspace_slug,
        at=row.at,
        actor=row.actor,
        action=row.action,
        subject=row.subject,
        payload=row.payload,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def iter_entries(session: Session, workspace: Workspace, batch: int = 5000) -> Iterator[chain.Entry]:
    """Every entry of a workspace in ``seq`` order, streamed in batches."""
    after = -1
    while True:
        rows = (
            session.execute(
                select(LedgerEntry)
                .where(LedgerEntry.workspace_id == workspace.id, LedgerEntry.seq > after)
                .order_by(LedgerEntry.seq)
                .limit(batch)
            )
            .scalars()
            .all()
        )
        if not rows:
            return
        for r in rows:
            yield to_domain(r, workspace.slug)
        after = rows[-1].seq


def entries_for_subject(session: Session, workspace: Workspace, subject: str) -> list[LedgerEntry]:
    return list(
        session.execute(
            select(LedgerEntry)
            .where(LedgerEntry.workspace_id == workspace.id, LedgerEntry.subject == subject)
            .order_by(LedgerEntry.seq)
        ).scalars()
    )
