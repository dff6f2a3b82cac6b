"""Uploads from the page or the API go through the same import pipeline as the CLI."""

from __future__ import annotations

from fastapi import UploadFile
from starlette.concurrency import run_in_threadpool

from ..domain.text import T
from ..services.context import Context
from ..services.imports import Candidate, ImportReport, chat_date_order, chat_zone, check_description, import_candidates


class UploadTooLarge(ValueError):
    pass


async def import_uploads(
    ctx: Context,
    workspace: str,
    files: list[UploadFile],
    *,
    kind: str | None,
    description: str | None,
    actor: str,
    chat_time_zone: str | None = None,
    date_order: str | None = None,
) -> ImportReport:
    """``chat_time_zone``: the zone of chat exports in local time (WhatsApp), as the user states it
    (a zone that does not exist is refused before anything is stored); ``date_order``: the
    day/month order chosen for their dates that read two ways (dmy/mdy, else refused)."""
    tz = chat_zone(chat_time_zone)
    order = chat_date_order(date_order)
    check_description(description)  # refused, not cut, before anything is stored
    limit = ctx.settings.max_upload_bytes
    cands = []
    for f in files:
        size = f.size if f.size is not None else 0
        if size > limit:
            raise UploadTooLarge(
                T(
                    "%(file)s: %(size)s bytes is over the upload limit of %(limit)s bytes",
                    file=f.filename or "",
                    size=size,
                    limit=limit,
                )
            )
        name = (f.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1] or "upload"
        cands.append(
            Candidate(
                name=name,
                source=f"upload:{name}",
                open=lambda f=f: f.file,  # type: ignore[misc]
                kind=kind or None,
                description=description or None,
                tz=tz,
                date_order=order,
            )
        )
    from ..services import jobs

    if jobs.mode(ctx) == "queue":
        # Server mode: the bytes go to the blob store now (durable, content-addressed); a worker
        # records them. Any web process can take the upload; any worker can finish the job.
        zone = str(tz) if tz is not None else None
        return await run_in_threadpool(_queue_uploads, ctx, workspace, cands, kind, description, actor, zone, order)
    return await run_in_threadpool(import_candidates, ctx, workspace, cands, actor=actor)


def _queue_uploads(ctx, workspace, cands, kind, description, actor, zone, order=None):  # type: ignore[no-untyped-def]
    from ..services import jobs

    blobs = []
    for c in cands:
        with c.open() as f:  # type: ignore[attr-defined]
            stored = ctx.blobs.put_stream(f, label=c.source)
        blobs.append({"sha256": stored.sha256, "name": c.name})
    ctx.blobs.flush()
    return jobs.submit(
        ctx,
        workspace,
        "import_blobs",
        {"blobs": blobs, "kind": kind, "description": description, "chat_time_zone": zone, "chat_date_order": order},
        actor=actor,
    )
