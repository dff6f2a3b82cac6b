"""Mail items made ready for recording: parsed, stored as blobs, their search terms computed.

The importer's main process only writes database rows and ledger entries; everything per item
that needs no database runs here (:func:`prepare`): storing the exact bytes as a blob (hashing
and writing), the media type and text of an attachment, the preview text, search terms and
language of a message. A big mailbox (mbox or Maildir of ``PARALLEL_MIN_BYTES`` or more) is
cut into segments (an mbox at From_ separators, a Maildir by runs of files) that several worker
processes parse and prepare side by side while the main process records; the main process
takes the segments back in order, so numbering, batches and the report are exactly those of a
run in one process. Bounded queues keep memory flat: a worker waits while the main process is
behind.

Blobs are written by the workers only to a local blob folder (the worker opens the same
folder); the main process still makes them durable (``flush``) before rows point to them. With
an object store the bytes come back to the main process and are stored there as before.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import tzinfo
from itertools import groupby
from pathlib import Path
from typing import Any

from ...domain.mail_search import index_terms
from ...ingest import files as filetypes
from ...ingest.mail import MAILDIR, MBOX, ParsedItem
from ...ingest.mail.mbox import split_points  # noqa: F401  (re-exported for callers and tests)
from ...ingest.mediatypes import detect_media_type
from ...store.blobs import BlobStore, BlobStoreError, StoredBlob, local_path, open_blob_store
from ...store.blobs.local import LocalBlobStore
from .mail import (
    MAX_MESSAGE_TEXT,
    child_name,
    language_of,
    message_text,
    parse_source,
    search_terms_for_message,
    source_failed,
)

PARALLEL_MIN_BYTES = 8 * 1024 * 1024  # a mailbox this big is parsed in worker processes
MBOX_SEGMENT_BYTES = 4 * 1024 * 1024  # an mbox is cut into segments of about this size
MAILDIR_SEGMENT_FILES = 128  # a Maildir: runs of this many message files
CHUNK_ITEMS = 32  # items per queue message
_SEGMENT_END = "segment-end"


def worker_count() -> int:
    """Parse workers for a big mailbox: one per core, at most four, none on a single core."""
    cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(4, cores)


@dataclass
class Prepared:
    """A parsed item and what the main process needs to record it (its bytes already stored)."""

    item: ParsedItem  # ``raw`` emptied once the bytes are stored
    blob: StoredBlob | None = None
    error: str | None = None  # the blob could not be stored (reported as a failed item)
    empty: bool = False  # the item had no bytes (an empty MIME part)
    same_as_root: bool = False  # the item's bytes are the source file itself (an .eml)
    media_type: str | None = None  # an attachment's detected media type
    text: str | None = None  # preview text (message) or extracted text (attachment)
    terms: str | None = None  # search terms
    language: str | None = None  # a message's language (zh / en)
    elsewhere: bool = False  # the blob was written by a worker process


def prepare(
    item: ParsedItem,
    blobs: BlobStore | None,
    *,
    cand_name: str,
    cand_source: str,
    root_sha256: str | None = None,
) -> Prepared:
    """Store the item's bytes (unless ``blobs`` is None) and compute its texts and terms."""
    p = Prepared(item)
    if item.kind == "rejected":
        return p
    if not item.raw:
        p.empty = True
        return p
    if item.message is not None:
        m = item.message
        p.text = message_text(m)
        p.terms = search_terms_for_message(m)
        p.language = language_of(m.subject + "\n" + m.index_text[:MAX_MESSAGE_TEXT].replace("\x00", ""))
    if root_sha256 is not None and item.parent_key is None and item.sha256 == root_sha256:
        p.same_as_root = True
    elif blobs is not None:
        store(p, blobs, cand_name=cand_name, cand_source=cand_source)
    return p


def store(p: Prepared, blobs: BlobStore, *, cand_name: str, cand_source: str) -> None:
    """Write the item's bytes as a blob; an attachment also gets its media type, text and terms."""
    item = p.item
    try:
        p.blob = blobs.put_stream(io.BytesIO(item.raw), label=f"{cand_source}#{item.location or item.key}")
    except BlobStoreError as exc:
        p.error = str(exc)
        return
    item.raw = b""  # stored: the bytes need not travel further
    if item.message is None:
        name = child_name(cand_name, item, "")  # an attachment's name does not depend on its number
        media_type = detect_media_type(name, p.blob.head)
        if media_type in ("application/octet-stream", "text/plain") and item.media_type:
            media_type = item.media_type.lower()
        p.media_type = media_type
        p.text = extract_text(blobs, p.blob, media_type)
        p.terms = index_terms(f"{name}\n{p.text or ''}")


def extract_text(blobs: BlobStore, blob: StoredBlob, media_type: str) -> str | None:
    """Text for preview and search, read from the stored original (never from the source again)."""
    if not filetypes.has_extractor(media_type):
        return None
    if blobs.local_file(blob.sha256) is None and blob.size > 200 * 1024 * 1024:
        return None  # not worth copying out of an object store for a search text
    with local_path(blobs, blob.sha256) as path:
        return filetypes.extract_text(path, media_type)


def prepare_all(
    items: Iterable[ParsedItem], blobs: BlobStore, *, cand_name: str, cand_source: str, root_sha256: str | None
) -> Iterator[Prepared]:
    """In this process (a small source): the first item may be the source file itself."""
    first = True
    for item in items:
        yield prepare(
            item,
            blobs,
            cand_name=cand_name,
            cand_source=cand_source,
            root_sha256=root_sha256 if first else None,
        )
        first = False


# -- segments and worker processes -----------------------------------------------------------------


def _segments(
    path: Path, media_type: str, key: str, workers: int, me: int, size: int
) -> Iterator[tuple[int, Iterator[ParsedItem]]]:
    """This worker's segments (every ``workers``-th, from ``me``), each as its item stream;
    ``size`` is a segment's bytes (mbox) or files (Maildir)."""
    from ...ingest.mail.maildir import iter_maildir_files, maildir_file_items
    from ...ingest.mail.mbox import iter_mbox_items

    if media_type == MBOX:
        points = split_points(path, size)
        ends: list[int | None] = [*points[1:], None]
        for seg in range(me, len(points), workers):
            prefix = f"{key}." if seg == 0 else f"{key}.{seg}:"  # unique keys without a global count
            yield seg, iter_mbox_items(path, key_prefix=prefix, start=points[seg], end=ends[seg])
        return
    assert media_type == MAILDIR
    # every worker walks the tree once (cheap) and reads only the files of its own runs
    mine = (
        (n // size, n, folder, f)
        for n, (folder, f) in enumerate(iter_maildir_files(path))
        if (n // size) % workers == me
    )
    for seg, files in groupby(mine, key=lambda t: t[0]):
        yield (
            seg,
            (item for _s, n, folder, f in files for item in maildir_file_items(path, folder, f, key=f"{key}.{n}")),
        )


def _guarded(items: Iterator[ParsedItem], path: Path, media_type: str, key: str) -> Iterator[ParsedItem]:
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop an import
        yield source_failed(path, media_type, key, f"parser failed: {type(exc).__name__}: {exc}")


def _worker(
    path: str,
    media_type: str,
    key: str,
    workers: int,
    me: int,
    size: int,
    store_url: str | None,
    cand_name: str,
    cand_source: str,
    q: Any,
) -> None:
    """Child process: parse and prepare this worker's segments, each followed by an end mark."""
    blobs = open_blob_store(store_url) if store_url else None
    try:
        for _seg, items in _segments(Path(path), media_type, key, workers, me, size):
            chunk: list[Prepared] = []
            for item in _guarded(items, Path(path), media_type, key):
                chunk.append(prepare(item, blobs, cand_name=cand_name, cand_source=cand_source))
                if len(chunk) >= CHUNK_ITEMS:
                    q.put(chunk)
                    chunk = []
            if chunk:
                q.put(chunk)
            q.put(_SEGMENT_END)
    except Exception as exc:  # noqa: BLE001 - reported by the main process as a failed source
        q.put([Prepared(source_failed(path, media_type, key, f"parser failed: {type(exc).__name__}: {exc}"))])
    finally:
        q.put(None)


def prepare_in_workers(
    path: Path,
    media_type: str,
    *,
    key: str,
    blobs: BlobStore,
    cand_name: str,
    cand_source: str,
    workers: int = 2,
) -> Iterator[Prepared]:
    """Parse and prepare a big mailbox in ``workers`` processes; items in the order of one process.

    A worker that dies is reported as a rejected item; what was recorded before stays (the
    import can be re-run).
    """
    import multiprocessing
    import queue

    mp = multiprocessing.get_context("spawn")  # no fork: the web app's threads may hold locks
    store_url = blobs.url if isinstance(blobs, LocalBlobStore) else None
    qs = [mp.Queue(maxsize=8) for _ in range(workers)]
    size = MBOX_SEGMENT_BYTES if media_type == MBOX else MAILDIR_SEGMENT_FILES
    procs = [
        mp.Process(
            target=_worker,
            args=(str(path), media_type, key, workers, me, size, store_url, cand_name, cand_source, qs[me]),
            daemon=True,
        )
        for me in range(workers)
    ]
    for p in procs:
        p.start()
    try:
        seg = 0
        while True:
            me = seg % workers
            while True:
                try:
                    msg = qs[me].get(timeout=2)
                except queue.Empty:
                    if not procs[me].is_alive():
                        yield Prepared(
                            source_failed(
                                path,
                                media_type,
                                key,
                                f"parser process ended unexpectedly (exit code {procs[me].exitcode})",
                            )
                        )
                        return
                    continue
                if msg is None:
                    return  # no segment ``seg``: the mailbox is done
                if msg == _SEGMENT_END:
                    break
                for p in msg:
                    if p.blob is not None:
                        p.elsewhere = True
                        blobs.adopt(p.blob.sha256)  # written by the worker: flushed with this batch
                    elif p.item.raw and p.item.kind != "rejected":
                        store(p, blobs, cand_name=cand_name, cand_source=cand_source)  # an object store
                    yield p
            seg += 1
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(10)


def expand(
    blobs: BlobStore,
    sha256: str,
    media_type: str,
    *,
    key: str,
    tz: tzinfo | None,
    tmpdir: Path,
    size: int,
    cand_name: str,
    cand_source: str,
) -> Iterator[Prepared]:
    """The prepared items of a stored mail/chat file (a big mbox in worker processes)."""
    with local_path(blobs, sha256, tmpdir) as path:
        big = size >= PARALLEL_MIN_BYTES and media_type == MBOX
        yield from _expand(path, media_type, big, blobs, key, tz, cand_name, cand_source, sha256)


def expand_maildir(
    path: Path, blobs: BlobStore, *, key: str, tz: tzinfo | None, cand_name: str, cand_source: str
) -> Iterator[Prepared]:
    """A Maildir's prepared items; a big one in worker processes, as a big mbox."""
    big = _at_least(path, PARALLEL_MIN_BYTES)
    yield from _expand(path, MAILDIR, big, blobs, key, tz, cand_name, cand_source, None)


def _expand(  # noqa: PLR0913
    path: Path,
    media_type: str,
    big: bool,
    blobs: BlobStore,
    key: str,
    tz: tzinfo | None,
    cand_name: str,
    cand_source: str,
    root_sha256: str | None,
) -> Iterator[Prepared]:
    workers = worker_count()
    if big and workers:
        yield from prepare_in_workers(
            path, media_type, key=key, blobs=blobs, cand_name=cand_name, cand_source=cand_source, workers=workers
        )
    else:
        items = parse_source(path, media_type, key=key, tz=tz)
        yield from prepare_all(items, blobs, cand_name=cand_name, cand_source=cand_source, root_sha256=root_sha256)


def _at_least(maildir: Path, limit: int) -> bool:
    """True once the message files of a Maildir add up to ``limit`` bytes (stops counting there)."""
    from ...ingest.mail.maildir import iter_maildir_files

    total = 0
    for _folder, path in iter_maildir_files(maildir):
        try:
            total += path.stat().st_size
        except OSError:
            continue
        if total >= limit:
            return True
    return False
