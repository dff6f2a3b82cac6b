"""Where an import's items come from, and the one call that imports them: files and folders
(``candidates.collect_paths``) and IMAP folders (``imap.imap_source``), each run through the pipeline
(``pipeline.import_candidates``). ``disputedesk import``, the upload and the IMAP forms call these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import tzinfo
from pathlib import Path

from ..context import Context
from .candidates import Candidate, ImportReport, Outcome, check_description, collect_paths
from .imap import ImapSource, imap_source
from .pipeline import import_candidates


def import_paths(
    ctx: Context,
    workspace: str,
    paths: Iterable[Path],
    *,
    actor: str,
    kind: str | None = None,
    description: str | None = None,
    progress: Callable[[Outcome], None] | None = None,
    imap_password: str | None = None,
    chat_tz: tzinfo | None = None,
    chat_date_order: str | None = None,
) -> ImportReport:
    """``chat_tz``: the zone of chat exports in local time (WhatsApp), as stated by the user;
    ``chat_date_order``: the day/month order chosen for their dates that read two ways (dmy/mdy). A
    description over the limit is refused before anything is stored (``check_description``)."""
    check_description(description)
    report = ImportReport()
    files, urls = [], []
    for p in paths:
        (urls if str(p).startswith(("imap:/", "imaps:/")) else files).append(p)

    def candidates() -> Iterator[Candidate]:
        for c in collect_paths(files, report):
            c.kind = kind
            c.description = description
            c.tz = chat_tz
            c.date_order = chat_date_order
            yield c

    if files or not urls:
        import_candidates(ctx, workspace, candidates(), actor=actor, progress=progress, report=report)
    for url in urls:  # imap://user@host:port/FOLDER, incrementally (imap.py)
        import_imap(ctx, workspace, str(url), actor=actor, password=imap_password, progress=progress, report=report)
    return report


def import_imap(
    ctx: Context,
    workspace: str,
    url: str,
    *,
    actor: str,
    password: str | Callable[[ImapSource], str] | None = None,
    progress: Callable[[Outcome], None] | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Import the new messages of one IMAP folder (``imap://user@host:port/FOLDER``)."""
    report = report or ImportReport()
    with imap_source(ctx, workspace, url, password=password, report=report) as candidates:
        if candidates is not None:
            import_candidates(ctx, workspace, candidates, actor=actor, progress=progress, report=report)
    return report
