"""Import files into the evidence vault (CLI ``disputedesk import``, web upload, demo loader).

Pipeline, in named stages (after paperless-ngx's consumption pipeline):

1. **collect**  – expand folders (sorted, symlinked folders not followed); a path that does
   not exist is reported, the others go on;
2. **store**    – stream each file into the blob store, hashing in the same pass (outside any
   database transaction, so the web app is never blocked by a long copy);
3. **flush**    – make the batch's blobs durable (one ``syncfs``) *before* any row points to them;
4. **record**   – one short transaction per batch: the workspace lock, duplicate check by
   SHA-256, the evidence rows (numbered E-0001 …) and one ledger entry each;
5. **anchor**   – after the commit, the ledger head is anchored.

A failure of one file (vanished, unreadable, empty, disk full) is reported with its reason and
the import goes on. A crash leaves at most blobs without rows (harmless, never the reverse),
so re-running the same import finishes the job: files already in the vault are reported as
duplicates of their existing number.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select

from ..ingest import files as filetypes
from ..store.blobs import BlobStoreError, StoredBlob
from ..store.db import lock_workspace, unit_of_work
from ..store.ledger import LedgerWriter
from ..store.models import EvidenceItem, Workspace
from .context import Context
from .workspaces import get_workspace

IMPORTED, DUPLICATE, FAILED = "imported", "duplicate", "failed"


@dataclass
class Outcome:
    name: str
    source: str
    status: str
    evidence: str | None = None  # E-0001 (the new item, or the existing one for a duplicate)
    sha256: str | None = None
    size: int = 0
    reason: str | None = None


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def imported(self) -> int:
        return self.count(IMPORTED)

    @property
    def duplicates(self) -> int:
        return self.count(DUPLICATE)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    @property
    def bytes_imported(self) -> int:
        return sum(o.size for o in self.outcomes if o.status == IMPORTED)

    def as_dict(self) -> dict[str, object]:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "items": [o.__dict__ for o in self.outcomes],
        }


@dataclass
class Candidate:
    """One file to import: a display name, where it came from, and how to open it."""

    name: str
    source: str
    open: Callable[[], BinaryIO]
    size_hint: int | None = None
    kind: str | None = None
    description: str | None = None
    parent_number: int | None = None


@dataclass
class _Stored:
    cand: Candidate
    blob: StoredBlob
    media_type: str
    text: str | None
    doc_date: datetime | None


def collect_paths(paths: Iterable[Path], report: ImportReport) -> Iterator[Candidate]:
    """Expand files and folders into candidates; missing paths are reported as failed."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            report.outcomes.append(Outcome(p.name, str(p), FAILED, reason="does not exist"))
            continue
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    yield _file_candidate(Path(root) / n)
        else:
            yield _file_candidate(p)


def _file_candidate(p: Path) -> Candidate:
    return Candidate(name=p.name, source=str(p.resolve()), open=lambda p=p: open(p, "rb"))  # type: ignore[misc]


def import_paths(
    ctx: Context,
    workspace: str,
    paths: Iterable[Path],
    *,
    actor: str,
    kind: str | None = None,
    description: str | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> ImportReport:
    report = ImportReport()

    def candidates() -> Iterator[Candidate]:
        for c in collect_paths(paths, report):
            c.kind = kind
            c.description = description
            yield c

    return import_candidates(ctx, workspace, candidates(), actor=actor, progress=progress, report=report)


def import_candidates(
    ctx: Context,
    workspace: str,
    candidates: Iterable[Candidate],
    *,
    actor: str,
    progress: Callable[[Outcome], None] | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    report = report or ImportReport()
    ctx.blobs.check_writable()
    with unit_of_work(ctx.engine) as s:
        get_workspace(s, workspace)  # fail early with a clear message
    batch: list[_Stored] = []
    batch_bytes = 0
    settings = ctx.settings

    def emit(o: Outcome) -> None:
        report.outcomes.append(o)
        if progress:
            progress(o)

    for cand in candidates:
        if cand.kind and cand.kind not in filetypes.KINDS:
            emit(Outcome(cand.name, cand.source, FAILED, reason=f"kind {cand.kind!r} is not one of {filetypes.KINDS}"))
            continue
        stored = _store_one(ctx, cand)
        if isinstance(stored, Outcome):
            emit(stored)
            continue
        batch.append(stored)
        batch_bytes += stored.blob.size
        if len(batch) >= settings.import_batch_files or batch_bytes >= settings.import_batch_bytes:
            for o in _record_batch(ctx, workspace, batch, actor):
                emit(o)
            batch, batch_bytes = [], 0
    if batch:
        for o in _record_batch(ctx, workspace, batch, actor):
            emit(o)
    return report


def _store_one(ctx: Context, cand: Candidate) -> _Stored | Outcome:
    try:
        stream = cand.open()
    except FileNotFoundError:
        return Outcome(cand.name, cand.source, FAILED, reason="file vanished before it could be read")
    except IsADirectoryError:
        return Outcome(cand.name, cand.source, FAILED, reason="is a folder, not a file")
    except PermissionError:
        return Outcome(cand.name, cand.source, FAILED, reason="not readable (permission denied)")
    except OSError as exc:
        return Outcome(cand.name, cand.source, FAILED, reason=f"cannot be opened: {exc.strerror or exc}")
    try:
        with closing(stream):
            blob = ctx.blobs.put_stream(stream, label=cand.source)
    except BlobStoreError as exc:
        reason = str(exc)
        if reason.startswith(cand.source + ": "):
            reason = reason[len(cand.source) + 2 :]
        return Outcome(cand.name, cand.source, FAILED, reason=reason)
    if blob.size == 0:
        return Outcome(
            cand.name, cand.source, FAILED, sha256=blob.sha256, reason="empty file (0 bytes): nothing to keep"
        )
    media_type = filetypes.detect_media_type(cand.name, blob.head)
    text = None
    local = getattr(ctx.blobs, "path", None)
    if local is not None:
        text = filetypes.extract_text(local(blob.sha256), media_type)
    return _Stored(cand, blob, media_type, text, filetypes.document_date(media_type, blob.head))


def _record_batch(ctx: Context, workspace: str, batch: list[_Stored], actor: str) -> list[Outcome]:
    ctx.blobs.flush()
    outcomes: list[Outcome] = []
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        s.refresh(ws)
        writer = LedgerWriter(s, ws)
        hashes = list({st.blob.sha256 for st in batch})
        existing: dict[str, int] = {}
        for i in range(0, len(hashes), 500):
            existing.update(
                s.execute(
                    select(EvidenceItem.sha256, EvidenceItem.number).where(
                        EvidenceItem.workspace_id == ws.id, EvidenceItem.sha256.in_(hashes[i : i + 500])
                    )
                ).all()
            )
        parents = _parent_ids(s, ws, {st.cand.parent_number for st in batch if st.cand.parent_number})
        for st in batch:
            c, b = st.cand, st.blob
            if b.sha256 in existing:
                outcomes.append(
                    Outcome(
                        c.name,
                        c.source,
                        DUPLICATE,
                        evidence=f"E-{existing[b.sha256]:04d}",
                        sha256=b.sha256,
                        size=b.size,
                        reason=f"same bytes as E-{existing[b.sha256]:04d}: not stored twice",
                    )
                )
                continue
            number = ws.next_evidence_no
            ws.next_evidence_no = number + 1
            kind = c.kind or filetypes.guess_kind(c.name, st.media_type)
            entry = writer.append(
                actor=actor,
                action="evidence.added",
                at=now,
                subject=b.sha256,
                payload={
                    "number": number,
                    "name": c.name,
                    "size": b.size,
                    "media_type": st.media_type,
                    "source": c.source,
                    "kind": kind,
                },
            )
            s.add(
                EvidenceItem(
                    workspace_id=ws.id,
                    number=number,
                    original_name=c.name,
                    media_type=st.media_type,
                    size=b.size,
                    sha256=b.sha256,
                    source=c.source,
                    imported_by=actor,
                    imported_at=now,
                    kind=kind,
                    description=c.description,
                    document_date=st.doc_date,
                    parent_id=parents.get(c.parent_number) if c.parent_number else None,
                    ledger_seq=entry.seq,
                    text=st.text,
                )
            )
            existing[b.sha256] = number
            outcomes.append(
                Outcome(c.name, c.source, IMPORTED, evidence=f"E-{number:04d}", sha256=b.sha256, size=b.size)
            )
    writer.write_anchor(ctx.blobs)
    return outcomes


def _parent_ids(s, ws: Workspace, numbers: set[int | None]) -> dict[int, int]:  # type: ignore[no-untyped-def]
    nums = [n for n in numbers if n]
    if not nums:
        return {}
    rows = s.execute(
        select(EvidenceItem.number, EvidenceItem.id).where(
            EvidenceItem.workspace_id == ws.id, EvidenceItem.number.in_(nums)
        )
    ).all()
    return dict(rows)
