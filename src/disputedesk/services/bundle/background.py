"""Notes on items, and exports run in the background for the web (start, run, list, download)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ...domain.labels import evidence_label, evidence_number
from ...domain.text import Quoted, Seq, T, Text, field_error
from ...domain.text import dumps as text_dumps
from ...domain.text import loads as text_loads
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models import (
    EvidenceItem,
)
from ...store.models_documents import BundleExport, EvidenceNote
from ..context import Context
from ..evidence import parse_label
from ..workspaces import get_workspace, one_in
from .export import export_bundle
from .items import CHUNK

# -- notes, background exports (web) ------------------------------------------------------------


# How long each part of an item's description may be, for the API and the command line alike
# (longer is refused, never cut): a title as an item's title (String(500)), what it proves as any
# typed note, a translation as a long document's (the ledger entry carries it whole).
NOTE_LIMITS = {"title": 500, "proves_en": 2000, "proves_zh": 2000, "translation_zh": 100_000}


def set_note(
    ctx: Context,
    workspace: str,
    label: str,
    *,
    actor: str,
    title: str | None = None,
    proves_en: str | None = None,
    proves_zh: str | None = None,
    translation_zh: str | None = None,
    certified_translation: str | None = None,
) -> None:
    """Describe an item for the evidence list; a ledger entry records the change."""
    for name, value in (
        ("title", title),
        ("proves_en", proves_en),
        ("proves_zh", proves_zh),
        ("translation_zh", translation_zh),
    ):
        if value is not None and len(value.strip()) > NOTE_LIMITS[name]:
            raise ValueError(field_error(name, "longer than %(limit)s characters", limit=NOTE_LIMITS[name]))
    number = parse_label(label)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        item = one_in(
            s,
            ws,
            EvidenceItem,
            EvidenceItem.number == number,
            missing=f"{label} does not exist in workspace {workspace!r}",
        )
        cert_id = None
        if certified_translation:
            cn = parse_label(certified_translation)
            cert_id = s.execute(
                select(EvidenceItem.id).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == cn)
            ).scalar_one_or_none()
            if cert_id is None:
                raise ValueError(f"certified_translation: {certified_translation} does not exist")
        note = s.execute(select(EvidenceNote).where(EvidenceNote.evidence_id == item.id)).scalar_one_or_none()
        if note is None:
            note = EvidenceNote(workspace_id=ws.id, evidence_id=item.id, updated_at=ctx.clock(), updated_by=actor)
            s.add(note)
        changed: dict[str, Any] = {}
        for name, value in (
            ("title", title),
            ("proves_en", proves_en),
            ("proves_zh", proves_zh),
            ("translation_zh", translation_zh),
        ):
            if value is not None:
                value = value.strip() or None
                setattr(note, name, value)
                changed[name] = value
        if certified_translation is not None:
            note.certified_translation_id = cert_id
            changed["certified_translation"] = certified_translation or None
        note.updated_at = ctx.clock()
        note.updated_by = actor
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="evidence.described",
            at=ctx.clock(),
            subject=item.sha256,
            payload={"number": item.number, **changed},
        )
    writer.write_anchor(ctx.blobs)


def exports_dir(ctx: Context, workspace: str) -> Path:
    d = Path(ctx.settings.data_dir) / "exports" / workspace
    d.mkdir(parents=True, exist_ok=True)
    return d


def _check_selection(s: Any, workspace_id: int, labels: list[str]) -> None:
    """Every label of a selection is an evidence number of this workspace, else a ValueError naming
    the form's field (said before an export is queued, not as the failure of a background job)."""
    numbers = []
    for raw in labels:
        n = evidence_number(raw)
        if n is None:
            raise ValueError(field_error("items", "%(value)s is not an evidence number like E-0042", value=Quoted(raw)))
        numbers.append(n)
    found = set(
        s.execute(
            select(EvidenceItem.number).where(
                EvidenceItem.workspace_id == workspace_id, EvidenceItem.number.in_(numbers)
            )
        ).scalars()
    )
    missing = [evidence_label(n) for n in numbers if n not in found]
    if missing:
        label = Seq(missing, sep=", ")
        raise ValueError(field_error("items", "%(label)s does not exist in this workspace", label=label))


def _case_is_empty(ctx: Context, workspace: str, case: str, field: str) -> None:
    """A case with no evidence linked to it: a ValueError naming ``field`` before an export is
    queued (it built a bundle of 0 items, its note about it shown nowhere on the page)."""
    from .items import _case_evidence

    if not _case_evidence(ctx, workspace, case)[1]:
        raise ValueError(
            field_error(
                field,
                "case %(case)s has no evidence linked to it yet: link evidence to it on the case's page, "
                "or choose a selection",
                case=case,
            )
        )


def start_export(
    ctx: Context, workspace: str, *, case: str | None, labels: list[str] | None, actor: str, scope_field: str = "case"
) -> int:
    """Record a queued export and run it in a background thread; returns the export id. Nothing to
    bundle is refused (a ValueError naming ``scope_field``, or ``items`` for a selection)."""
    import threading

    scope = case or ("selection" if labels else "all")
    if case:
        _case_is_empty(ctx, workspace, case, scope_field)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        if labels:
            _check_selection(s, ws.id, labels)
        elif (
            not case
            and s.execute(select(EvidenceItem.id).where(EvidenceItem.workspace_id == ws.id).limit(1)).first() is None
        ):
            raise ValueError(
                field_error(scope_field, "the workspace has no evidence yet: import files on the Evidence page first")
            )
        row = BundleExport(
            workspace_id=ws.id,
            scope=scope,
            selection=list(labels or []),
            status="queued",
            created_at=ctx.clock(),
            created_by=actor,
        )
        s.add(row)
        s.flush()
        export_id = row.id
    # Also a job, so /jobs shows the export and its progress beside imports (the file is written
    # by this process, so the export runs here rather than on a queue worker).
    from .. import jobs

    job_id = jobs.track(ctx, workspace, "bundle_export", {"export": export_id, "scope": scope}, actor=actor)
    t = threading.Thread(
        target=run_export,
        args=(ctx, workspace, export_id, case, labels, actor, job_id),
        daemon=True,
        name=f"bundle-{export_id}",
    )
    t.start()
    return export_id


def run_export(
    ctx: Context,
    workspace: str,
    export_id: int,
    case: str | None,
    labels: list[str] | None,
    actor: str,
    job_id: int | None = None,
) -> None:
    import time

    from .. import jobs

    last = [0.0]

    def update(**values: Any) -> None:
        with unit_of_work(ctx.engine) as s:
            row = s.get(BundleExport, export_id)
            if row is not None:
                for k, v in values.items():
                    setattr(row, k, v)

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or stage == "done":
            last[0] = now
            update(status="running", stage=stage, done=done, total=total)
            if job_id is not None:
                jobs.tracked_progress(ctx, job_id, done, total, stage)

    out = exports_dir(ctx, workspace) / f"bundle-{export_id}.zip"
    try:
        update(status="running", stage="collect")
        res = export_bundle(
            ctx,
            workspace,
            out,
            case=case,
            labels=labels or None,
            all_items=not case and not labels,
            actor=actor,
            progress=progress,
        )
        update(
            status="done",
            stage="done",
            file_name=f"{res.bag_name}.zip",
            path=str(out),
            sha256=res.manifest_sha256,
            size=out.stat().st_size,
            items=res.items,
            finished_at=ctx.clock(),
        )
        if job_id is not None:
            jobs.finish_tracked(
                ctx, job_id, result={"export": export_id, "items": res.items, "file": f"{res.bag_name}.zip"}
            )
    except Exception as exc:  # noqa: BLE001 - shown on the page
        # kept with its message id, so the page says it in the reader's language (the API: English)
        said = text_dumps(failure(exc))
        update(status="failed", error=said, finished_at=ctx.clock())
        if job_id is not None:
            jobs.finish_tracked(ctx, job_id, error=said)


def failure(exc: BaseException) -> Text:
    """Why an export stopped, as a sentence: the refusal's own (a damaged original), else the
    error's technical text as data inside a sentence of ours."""
    if exc.args and isinstance(exc.args[0], Text):
        return exc.args[0]
    return T("the export stopped: %(detail)s", detail=str(exc) or type(exc).__name__)


@dataclass
class ExportView:
    id: int
    scope: str
    status: str
    stage: str | None
    done: int
    total: int
    file_name: str | None
    size: int | None
    items: int | None
    manifest_sha256: str | None
    error: str | None
    created_at: datetime
    created_by: str
    finished_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["created_at"] = self.created_at.isoformat()
        d["finished_at"] = self.finished_at.isoformat() if self.finished_at else None
        return d


def _export_view(r: BundleExport) -> ExportView:
    return ExportView(
        r.id,
        r.scope,
        r.status,
        r.stage,
        r.done,
        r.total,
        r.file_name,
        r.size,
        r.items,
        r.sha256,
        text_loads(r.error) or None,
        r.created_at,
        r.created_by,
        r.finished_at,
    )


def list_exports(ctx: Context, workspace: str, limit: int = 20) -> list[ExportView]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(BundleExport).where(BundleExport.workspace_id == ws.id).order_by(BundleExport.id.desc()).limit(limit)
        ).scalars()
        return [_export_view(r) for r in rows]


def get_export(ctx: Context, workspace: str, export_id: int) -> tuple[ExportView, Path | None]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        row = one_in(
            s,
            ws,
            BundleExport,
            BundleExport.id == export_id,
            missing=T("bundle export %(export)s does not exist in this workspace", export=export_id),
        )
        return _export_view(row), Path(row.path) if row.path and row.status == "done" else None


def iter_file(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk
