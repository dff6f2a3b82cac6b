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

Stage 1 and what an import takes and reports (``Candidate``, ``Outcome``, ``ImportReport``) are in
``candidates.py``. Stages 2 to 5 stay in this one module on purpose: they share the batch state
(``_Run``, ``_Stored``, ``_Row``) and the ordering guarantees (flush before record, record before
anchor); split by stage, those guarantees would be spread over files that must change together.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select

from ...domain.labels import evidence_label
from ...domain.mail_search import index_terms
from ...domain.text import T
from ...ingest import files as filetypes
from ...ingest.mail import MAILDIR, ParsedMessage
from ...ingest.mediatypes import CHAT_CSV, CHAT_JSON, WHATSAPP, detect_media_type
from ...store.blobs import BlobStoreError, StoredBlob
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models import EvidenceItem, Message, Workspace
from ..context import Context
from ..mail.threads import thread_new_messages
from ..workspaces import get_workspace
from . import chat_dates, mail_workers
from . import mail as mail_import
from .candidates import DUPLICATE, FAILED, IMPORTED, Candidate, ImportReport, Outcome, _no_stream

CHAT_TYPES = (WHATSAPP, CHAT_CSV, CHAT_JSON)
THREAD_EVERY = 2000  # new messages are threaded after this many (and at the end)


@dataclass
class _Stored:
    cand: Candidate
    blob: StoredBlob
    media_type: str
    text: str | None
    doc_date: datetime | None
    # mail/chat items (imports/mail.py): run-unique key, parent's key, parsed content
    key: str | None = None
    parent_key: str | None = None
    message: ParsedMessage | None = None
    location: str | None = None
    item_kind: str = "file"  # file | message | attachment | container
    top: bool = True  # a batch may end before it (not inside a message's parts)
    note: str | None = None  # shown in the report next to an imported item
    terms: str | None = None  # search terms, if a parse worker computed them
    language: str | None = None  # a message's language, if a parse worker found it
    chat_export: bool = False  # a chat export in local time (its dates may read two ways)


@dataclass
class _Run:
    """State of one import across batches: parties for directions, keys of recorded items."""

    parties: mail_import.WorkspaceParties | None = None
    ids: dict[str, int] = field(default_factory=dict)  # item key -> evidence id
    numbers: dict[str, int] = field(default_factory=dict)  # item key -> evidence number
    msgpk: dict[str, int] = field(default_factory=dict)  # item key -> messages.id
    messages: int = 0
    threaded: int = 0  # ``messages`` when they were last threaded
    serial: int = 0
    containers: set[str] = field(default_factory=set)


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
    imported_before = report.imported
    ctx.blobs.check_writable()
    with unit_of_work(ctx.engine) as s:
        get_workspace(s, workspace)  # fail early with a clear message
    batch: list[_Stored] = []
    batch_bytes = 0
    settings = ctx.settings
    run = _Run()

    def emit(o: Outcome) -> None:
        report.outcomes.append(o)
        if progress:
            progress(o)

    def record() -> None:
        nonlocal batch, batch_bytes
        if batch:
            for o in _record_batch(ctx, workspace, batch, actor, run):
                emit(o)
            if run.messages - run.threaded >= THREAD_EVERY:
                thread()
        batch, batch_bytes = [], 0

    def thread() -> None:
        # new messages are threaded every few thousand against the thread keys (memory stays
        # flat: the workspace's messages are never all read); a crash before leaves them
        # without a thread, and the next import threads them
        thread_new_messages(ctx, workspace)
        run.threaded = run.messages

    def full() -> bool:
        return len(batch) >= settings.import_batch_files or batch_bytes >= settings.import_batch_bytes

    with mail_import.temp_dir() as tmp:
        for cand, prefetched in _prefetch(ctx, candidates):
            if cand.kind and cand.kind not in filetypes.KINDS:
                emit(
                    Outcome(
                        cand.name, cand.source, FAILED, reason=f"kind {cand.kind!r} is not one of {filetypes.KINDS}"
                    )
                )
                continue
            if cand.maildir is not None:
                stored = None
                mtype: str | None = MAILDIR
            else:
                stored = prefetched.result() if prefetched is not None else _store_one(ctx, cand)
                if isinstance(stored, Outcome):
                    emit(stored)
                    continue
                mtype = mail_import.source_type(cand.name, stored.blob.head, stored.media_type, stored.blob.size)
                if mtype is None:
                    batch.append(stored)
                    batch_bytes += stored.blob.size
                    if full():
                        record()
                    continue
            if run.parties is None:
                run.parties = _load_parties(ctx, workspace)
            for st in _expand_mail(ctx, cand, stored, mtype, run, Path(tmp)):
                if isinstance(st, Outcome):
                    emit(st)
                    continue
                # cut batches only between top-level items: a message and its parts commit together
                if st.top and full():
                    record()
                batch.append(st)
                batch_bytes += st.blob.size
        record()
    if run.messages > run.threaded:
        thread()
    from ..timestamps import after_import  # a trusted timestamp of the new head, if a TSA is configured

    after_import(ctx, workspace, report.imported - imported_before)
    return report


def _prefetch(
    ctx: Context, candidates: Iterable[Candidate], *, workers: int = 2, ahead: int = 8
) -> Iterator[tuple[Candidate, Future[_Stored | Outcome] | None]]:
    """Stage "store" for the next few files runs in threads while the main loop records.

    Hashing (hashlib releases the GIL on large buffers) and file I/O overlap across files, so
    two cores read, hash and write at once; results are consumed strictly in input order, so
    numbering, reports and batches are exactly as in a sequential run. At most ``ahead`` files
    are in flight (each streams in 1 MiB chunks), so memory stays flat.
    """
    # An object store pays a round trip per file: it stores many at once (``parallel_puts``).
    workers = max(workers, ctx.blobs.parallel_puts)
    ahead = max(ahead, 2 * workers)
    pending: deque[tuple[Candidate, Future[_Stored | Outcome] | None]] = deque()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="disputedesk-store") as pool:
        try:
            for cand in candidates:
                bad_kind = bool(cand.kind and cand.kind not in filetypes.KINDS)
                fut = None if bad_kind or cand.maildir is not None else pool.submit(_store_one, ctx, cand)
                pending.append((cand, fut))
                if len(pending) > ahead:
                    yield pending.popleft()
            while pending:
                yield pending.popleft()
        finally:
            for _cand, fut in pending:
                if fut is not None:
                    fut.cancel()


def _load_parties(ctx: Context, workspace: str) -> mail_import.WorkspaceParties:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        return mail_import.load_parties(s, ws.id)


def _expand_mail(
    ctx: Context, cand: Candidate, root: _Stored | None, mtype: str, run: _Run, tmp: Path
) -> Iterator[_Stored | Outcome]:
    """A mail/chat source as items: the file itself first, then its messages and their parts."""
    run.serial += 1
    key = f"s{run.serial}"
    company = run.parties.timezone if run.parties else None
    tz = cand.tz or company
    # local times (WhatsApp): the zone they are read in, and whether it was stated or assumed
    zone = (str(tz), "stated" if cand.tz else "company") if tz is not None else ("UTC", "none")
    if root is not None:
        root.key = key
        items = mail_workers.expand(
            ctx.blobs,
            root.blob.sha256,
            mtype,
            key=key,
            tz=tz,
            tmpdir=tmp,
            size=root.blob.size,
            cand_name=cand.name,
            cand_source=cand.source,
        )
    else:
        assert cand.maildir is not None
        items = mail_workers.expand_maildir(
            cand.maildir, ctx.blobs, key=key, tz=tz, cand_name=cand.name, cand_source=cand.source
        )
    root_done = root is None
    rows = 0  # the messages (and refused rows) the source held
    numbers = mail_import.PartNumbers()
    messages: dict[str, _Stored] = {}  # this source's messages by key (their parts follow them)
    for prep in items:
        item = prep.item
        if item.message is not None and item.message.date_source == "export-local-time":
            item.message.local_zone, item.message.zone_basis = zone
            chat_dates.apply_chosen_order(item.message, cand.date_order)
        if not root_done:
            assert root is not None
            if item.kind == "rejected" and item.key in (key, f"{key}!error"):
                # not what its name says (binary junk named .eml, ...): kept as an opaque file
                root.item_kind = "file"
                root.key = None
                root.text = None
                root.media_type = "application/octet-stream"
                root.note = T("kept as a plain file, not read as mail: %(reason)s", reason=item.reason or "")
                yield root
                return
            root_done = True
            root.chat_export = mtype == WHATSAPP
            if item.parent_key is None and item.kind in ("message", "container") and prep.same_as_root:
                root.item_kind = item.kind
                root.location = item.location
                if item.message is not None:
                    root.message = item.message
                    root.text = prep.text
                    root.terms = prep.terms
                    root.language = prep.language
                    root.doc_date = item.message.date or root.doc_date
                    root.media_type = item.media_type or root.media_type
                    messages[item.key] = root
                yield root
                continue
            root.item_kind = "container"
            yield root
        rows += item.kind in ("message", "rejected")
        if item.kind == "message" and root is not None and _is_the_file(prep, root):
            # a chat of one message: its line is the whole file, so the file is that message
            root.item_kind, root.location, root.message = "message", item.location, item.message
            root.text, root.terms, root.language = prep.text, prep.terms, prep.language
            root.doc_date = item.message.date if item.message else root.doc_date
            root.cand.kind = root.cand.kind or "correspondence"
            messages[item.key] = root
            continue
        where = item.location or item.key
        if item.kind == "rejected":
            name = cand.name if item.key.endswith("!error") else f"{cand.name} [{where}]"
            yield Outcome(name, f"{cand.source}#{where}", FAILED, reason=item.reason)
            continue
        parent = item.parent_key or (key if root is not None else None)
        name = mail_import.child_name(cand.name, item, numbers.of(item), numbers.chat_of(item))
        source = f"{cand.source}#{where}"
        holder = messages.get(item.parent_key or "")
        if prep.empty and holder is not None and holder.message is not None:
            # an empty MIME part: nothing to keep, but the message says it had one
            note = f"empty attachment part: {name}"
            holder.message.notes.append(note)
            holder.note = f"{holder.note}; {note}" if holder.note else note
            continue
        if prep.empty:
            yield Outcome(name, source, FAILED, reason=T("empty part (0 bytes): nothing to keep"))
            continue
        if prep.error is not None or prep.blob is None:
            yield Outcome(name, source, FAILED, reason=prep.error)
            continue
        blob = prep.blob
        if item.kind == "message" and item.message is not None:
            media_type = item.media_type or "message/rfc822"
            doc_date = item.message.date
            kind = "correspondence"
        else:
            media_type = prep.media_type or "application/octet-stream"
            doc_date = None
            kind = filetypes.guess_kind(name, media_type)
        sub = Candidate(name=name, source=source, open=_no_stream, kind=kind)
        stored = _Stored(
            sub,
            blob,
            media_type,
            prep.text,
            doc_date,
            key=item.key,
            parent_key=parent,
            message=item.message,
            location=item.location,
            item_kind=item.kind,
            top=item.parent_key is None,
            terms=prep.terms,
            language=prep.language,
        )
        if item.parent_key is None:
            messages.clear()  # a new top-level message: the parts of the last one are done
        if item.message is not None:
            messages[item.key] = stored
        yield stored
    if not root_done and root is not None:
        root.item_kind = "container"
        yield root
    if root is not None and not rows and mtype in CHAT_TYPES:  # not yet recorded: its parts never cut a batch
        root.note = T("no messages in this chat export")


def _is_the_file(prep: mail_workers.Prepared, root: _Stored) -> bool:
    """A message whose bytes are the whole source file (not yet a message itself)."""
    return prep.blob is not None and root.message is None and prep.blob.sha256 == root.blob.sha256


def _store_one(ctx: Context, cand: Candidate) -> _Stored | Outcome:
    try:
        stream = cand.open()
    except FileNotFoundError:
        return Outcome(cand.name, cand.source, FAILED, reason=T("file vanished before it could be read"))
    except IsADirectoryError:
        return Outcome(cand.name, cand.source, FAILED, reason=T("is a folder, not a file"))
    except PermissionError:
        return Outcome(cand.name, cand.source, FAILED, reason=T("not readable (permission denied)"))
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
            cand.name, cand.source, FAILED, sha256=blob.sha256, reason=T("empty file (0 bytes): nothing to keep")
        )
    media_type = detect_media_type(cand.name, blob.head)
    text = mail_workers.extract_text(ctx.blobs, blob, media_type)
    return _Stored(cand, blob, media_type, text, filetypes.document_date(media_type, blob.head))


def _record_batch(
    ctx: Context, workspace: str, batch: list[_Stored], actor: str, run: _Run | None = None
) -> list[Outcome]:
    ctx.blobs.flush()
    run = run or _Run()
    outcomes: list[Outcome] = []
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        s.refresh(ws)
        writer = LedgerWriter(s, ws)
        hashes = list({st.blob.sha256 for st in batch})
        existing: dict[str, tuple[int, int]] = {}
        for i in range(0, len(hashes), 500):
            for sha, number, item_id in s.execute(
                select(EvidenceItem.sha256, EvidenceItem.number, EvidenceItem.id).where(
                    EvidenceItem.workspace_id == ws.id, EvidenceItem.sha256.in_(hashes[i : i + 500])
                )
            ).all():
                existing[sha] = (number, item_id)
        parents = _parent_ids(s, ws, {st.cand.parent_number for st in batch if st.cand.parent_number})
        pending: dict[str, _Row] = {}
        added: list[tuple[_Stored, _Row]] = []
        by_sha: dict[str, _Row] = {}
        for st in batch:
            c, b = st.cand, st.blob
            if b.sha256 in existing:
                number, item_id = existing[b.sha256]
                if st.key:
                    run.numbers[st.key] = number
                    if item_id:
                        run.ids[st.key] = item_id
                    elif b.sha256 in by_sha:
                        pending[st.key] = by_sha[b.sha256]
                reason = None
                if st.chat_export and item_id:  # how its dates were read; read again in the order chosen

                    def log(
                        payload: dict[str, object], sha: str = b.sha256, action: str = "messages.dates_reread"
                    ) -> None:
                        writer.append_row(actor=actor, action=action, at=now, subject=sha, payload=payload)

                    reason = chat_dates.on_duplicate(s, item_id, number, c.date_order, log, zone=c.tz)
                outcomes.append(
                    Outcome(
                        c.name,
                        c.source,
                        DUPLICATE,
                        evidence=evidence_label(number),
                        sha256=b.sha256,
                        size=b.size,
                        reason=reason or T("same bytes as %(item)s: not stored twice", item=evidence_label(number)),
                    )
                )
                continue
            parent_id = parents.get(c.parent_number) if c.parent_number else None
            parent_no = c.parent_number
            waits_for: _Row | None = None  # a parent added in this batch, not yet inserted
            if st.parent_key:
                parent_no = run.numbers.get(st.parent_key)
                parent_id = run.ids.get(st.parent_key)
                if parent_id is None and st.parent_key in pending:
                    waits_for = pending[st.parent_key]
            number = ws.next_evidence_no
            ws.next_evidence_no = number + 1
            kind = c.kind or filetypes.guess_kind(c.name, st.media_type)
            payload: dict[str, object] = {
                "number": number,
                "name": c.name,
                "size": b.size,
                "media_type": st.media_type,
                "source": c.source,
                "kind": kind,
            }
            if parent_no:
                payload["parent"] = parent_no
            seq = writer.append_row(actor=actor, action="evidence.added", at=now, subject=b.sha256, payload=payload)
            row = _Row(
                number,
                b.sha256,
                waits_for,
                {
                    "workspace_id": ws.id,
                    "number": number,
                    "original_name": c.name,
                    "media_type": st.media_type,
                    "size": b.size,
                    "sha256": b.sha256,
                    "source": c.source,
                    "imported_by": actor,
                    "imported_at": now,
                    "kind": kind,
                    "description": c.description,
                    "document_date": st.doc_date,
                    "parent_id": parent_id,
                    "ledger_seq": seq,
                    "text": st.text.replace("\x00", "") if st.text else st.text,  # PostgreSQL text holds no NUL
                },
            )
            added.append((st, row))
            by_sha[b.sha256] = row
            existing[b.sha256] = (number, 0)
            if st.key:
                pending[st.key] = row
                run.numbers[st.key] = number
            outcomes.append(
                Outcome(
                    c.name,
                    c.source,
                    IMPORTED,
                    evidence=evidence_label(number),
                    sha256=b.sha256,
                    size=b.size,
                    reason=st.note,
                )
            )
        _insert_items(s, [r for _, r in added])
        if any(st.key or st.text for st, _ in added):
            _record_mail(s, ws, writer, added, run, actor, now)
        writer.insert_rows()
        for key, r in pending.items():
            run.ids[key] = r.id
    # a batch ends only before a top-level item, so only containers (mbox, chat export) can
    # still get children: forget the other keys (memory stays flat over a big mailbox)
    keep = {st.key for st in batch if st.key and st.item_kind == "container"} | run.containers
    run.containers = keep
    for d in (run.ids, run.numbers, run.msgpk):
        for k in [k for k in d if k not in keep]:
            del d[k]
    writer.write_anchor(ctx.blobs)
    return outcomes


def _record_mail(s, ws: Workspace, writer: LedgerWriter, added, run: _Run, actor: str, now: datetime) -> None:  # type: ignore[no-untyped-def]
    """Message rows, their details, variants and search terms for the batch's new items."""
    parties = run.parties or mail_import.WorkspaceParties(mail_import.Parties())
    msgs: list[tuple[_Stored, _Row, dict, dict]] = []  # type: ignore[type-arg]
    for st, item in added:
        if st.message is not None:
            m, meta = mail_import.build_message(ws.id, item.id, st.message, parties, st.location, st.language)
            msgs.append((st, item, m, meta))
    if msgs:
        for label, mid, others in mail_import.link_variants(s, ws.id, [(m, item.label) for _, item, m, _ in msgs]):
            writer.append_row(
                actor=actor,
                action="message.variant",
                at=now,
                subject=next(i.sha256 for _, i, _m, _ in msgs if i.label == label),
                payload={"evidence": label, "message_id": mid, "variant_of": others},
            )
        ids = _insert_returning_ids(s, Message, [m for _, _, m, _ in msgs])
        metas = []
        for (st, _item, m, meta), pk in zip(msgs, ids, strict=True):
            m["id"] = pk
            meta["message_pk"] = pk
            metas.append(meta)
            if st.key:
                run.msgpk[st.key] = pk
        mail_import.insert_meta(s, metas)
        run.messages += len(msgs)
    docs = []
    for st, item, m, _meta in msgs:
        terms = st.terms if st.terms is not None else mail_import.search_terms_for_message(st.message)  # type: ignore[arg-type]
        docs.append((ws.id, item.id, m["id"], "message", terms))
    for st, item in added:
        if st.message is not None:
            continue
        if st.item_kind == "attachment":
            terms = st.terms if st.terms is not None else index_terms(f"{st.cand.name}\n{st.text or ''}")
            docs.append((ws.id, item.id, run.msgpk.get(st.parent_key or ""), "attachment", terms))
        elif st.text and st.item_kind == "file":
            docs.append((ws.id, item.id, None, "document", index_terms(f"{st.cand.name}\n{st.text}")))
    mail_import.add_search_docs(s, docs)


class _Row:
    """A new evidence item of the batch: its row (inserted with Core), then its id."""

    __slots__ = ("id", "number", "sha256", "parent", "values")

    def __init__(self, number: int, sha256: str, parent: _Row | None, values: dict[str, object]) -> None:
        self.id: int | None = None
        self.number = number
        self.sha256 = sha256
        self.parent = parent  # a parent added in the same batch (its id is known once inserted)
        self.values = values

    @property
    def label(self) -> str:
        return evidence_label(self.number)


def _insert_returning_ids(s, model, rows: list[dict]) -> list[int]:  # type: ignore[no-untyped-def,type-arg]
    """Insert rows with Core in one batch; their new ids, in the rows' order.

    PostgreSQL: one multi-row ``INSERT … RETURNING id`` (SQLAlchemy keeps the order). SQLite: the
    ids are given (one past the highest), because SQLAlchemy can only keep RETURNING in order
    there by sending one INSERT per row (no "insert sentinel" on SQLite); the caller holds the
    database write lock (``lock_workspace``), so no other writer can take those ids meanwhile.
    """
    if not rows:
        return []
    table = model.__table__  # Core, not the ORM's bulk path: plain rows, no per-row bookkeeping
    if s.get_bind().dialect.name == "sqlite":
        first = (s.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        ids = list(range(first, first + len(rows)))
        s.execute(insert(table), [{**r, "id": pk} for r, pk in zip(rows, ids, strict=True)])
        return ids
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [r[0] for r in s.execute(stmt, rows).all()]


def _insert_items(s, rows: list[_Row]) -> None:  # type: ignore[no-untyped-def]
    """Evidence rows, parents before their children: one INSERT round per nesting level."""
    todo = rows
    while todo:
        ready = [r for r in todo if r.parent is None or r.parent.id is not None]
        if not ready:
            raise RuntimeError("import: parent item was never inserted")
        for r in ready:
            if r.parent is not None:
                r.values["parent_id"] = r.parent.id
        for r, pk in zip(ready, _insert_returning_ids(s, EvidenceItem, [r.values for r in ready]), strict=True):
            r.id = pk
        todo = [r for r in todo if r.id is None]


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
