"""Evidence blobs on a real S3-compatible server (Swift + s3api on 127.0.0.1, see tests/s3server.py).

What a user relies on: a file is stored once under its SHA-256 whatever its size, it reads back
byte for byte, an upload that breaks off leaves nothing under a hash name, a changed object is
caught by ``verify``, and import + verify work the same as with the local folder.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from disputedesk.config import Settings
from disputedesk.services.context import Context
from disputedesk.services.evidence import list_evidence
from disputedesk.services.imports import import_paths
from disputedesk.services.verify import verify
from disputedesk.services.workspaces import ensure_workspace
from disputedesk.store.blobs import BlobStoreError, S3BlobStore
from disputedesk.store.db import make_engine, migrate

from s3server import ACCESS_KEY, SECRET_KEY, server_problem, start_s3_server
from support import demo_loaded, need, write_files

MiB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    problem = server_problem()
    need(problem is None, problem or "")
    url, stop = start_s3_server(tmp_path_factory.mktemp("s3server"))
    yield url
    stop()


def make_store(endpoint: str, bucket: str | None = None, **kw: object) -> S3BlobStore:
    bucket = bucket or f"dd-{uuid.uuid4().hex[:12]}"
    return S3BlobStore(
        f"s3://{bucket}/vault",
        endpoint=endpoint,
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def store(endpoint: str) -> S3BlobStore:
    # 5 MiB parts (S3's minimum) so that a 12 MiB file already goes through a multipart upload.
    return make_store(endpoint, part_size=5 * MiB)


class Generated(io.RawIOBase):
    """``size`` bytes of deterministic, non-repeating data, made as they are read (no file, no RAM)."""

    def __init__(self, size: int, seed: bytes = b"dd", fail_after: int | None = None) -> None:
        self.left = size
        self.done = 0
        self.block = hashlib.sha256(seed).digest() * (64 * 1024 // 32)  # 64 KiB
        self.fail_after = fail_after

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[no-untyped-def, override]
        if self.fail_after is not None and self.done >= self.fail_after:
            raise OSError(5, "Input/output error")
        n = min(len(b), self.left, len(self.block))
        b[:n] = self.block[:n]
        if n >= 8:  # number every block, so the content is not periodic
            b[:8] = self.done.to_bytes(8, "big")
        self.left -= n
        self.done += n
        return n


def sha_of_generated(size: int, seed: bytes = b"dd") -> str:
    h = hashlib.sha256()
    g = Generated(size, seed)
    buf = bytearray(MiB)
    while n := g.readinto(buf):
        h.update(memoryview(buf)[:n])
    return h.hexdigest()


def keys(store: S3BlobStore, sub: str) -> list[str]:
    r = store.client.list_objects_v2(Bucket=store.bucket, Prefix=f"{store.prefix}{sub}")
    return [o["Key"] for o in r.get("Contents", [])]


def open_uploads(store: S3BlobStore) -> list[str]:
    return [u["Key"] for u in store.client.list_multipart_uploads(Bucket=store.bucket).get("Uploads", [])]


def test_small_and_multipart_files_are_stored_once_under_their_hash(store: S3BlobStore, tmp_path: Path) -> None:
    small = tmp_path / "letter.txt"
    small.write_bytes(b"Dear supplier, the machine stopped again.")
    big = os.urandom(12 * MiB)  # three 5 MiB parts

    first = store.put_file(small)
    again = store.put_stream(io.BytesIO(small.read_bytes()), label="copy of letter")
    b = store.put_stream(io.BytesIO(big), label="video.mp4")
    b_again = store.put_stream(io.BytesIO(big), label="video again")

    assert first.sha256 == hashlib.sha256(small.read_bytes()).hexdigest()
    assert (first.already_present, again.already_present) == (False, True)
    assert b.sha256 == hashlib.sha256(big).hexdigest() and b.size == len(big)
    assert (b.already_present, b_again.already_present) == (False, True)
    assert b.head == big[:8192]
    # content addressing: sha256/ab/cd/<hash>, nothing left under tmp/, no upload left open
    assert sorted(keys(store, "sha256/")) == sorted(
        f"vault/sha256/{h[:2]}/{h[2:4]}/{h}" for h in (first.sha256, b.sha256)
    )
    assert keys(store, "tmp/") == [] and open_uploads(store) == []
    assert sorted(store.iter_hashes()) == sorted([first.sha256, b.sha256])

    with store.open(b.sha256) as f:
        assert f.read() == big
    assert store.size(b.sha256) == len(big) and store.exists(first.sha256)
    assert store.rehash(b.sha256) == b.sha256


def test_listing_is_paginated(endpoint: str) -> None:
    store = make_store(endpoint, list_page_size=7)  # S3 lists at most 1,000 keys a page; 7 here
    hashes = {store.put_stream(io.BytesIO(f"file {i}".encode()), label=f"f{i}").sha256 for i in range(30)}
    listed = list(store.iter_hashes())
    assert len(listed) == 30 and set(listed) == hashes


def test_bucket_is_created_when_missing(endpoint: str) -> None:
    bucket = f"dd-new-{uuid.uuid4().hex[:8]}"
    store = make_store(endpoint, bucket)
    assert bucket not in [b["Name"] for b in store.client.list_buckets()["Buckets"]]
    store.check_writable()
    assert bucket in [b["Name"] for b in store.client.list_buckets()["Buckets"]]
    assert keys(store, "tmp/") == []  # the write probe is gone


def test_missing_blob_and_metadata(store: S3BlobStore) -> None:
    store.check_writable()
    ghost = "0" * 64
    assert not store.exists(ghost)
    with pytest.raises(BlobStoreError, match=f"blob {ghost} is missing from s3://{store.bucket}/vault"):
        store.open(ghost)
    with pytest.raises(BlobStoreError, match="missing"):
        store.size(ghost)
    assert store.read_meta("ledger-anchor-default.json") is None
    store.write_meta("ledger-anchor-default.json", b'{"seq": 1}')
    store.write_meta("ledger-anchor-default.json", b'{"seq": 2}')
    assert store.read_meta("ledger-anchor-default.json") == b'{"seq": 2}'
    assert list(store.iter_hashes()) == []  # meta objects are not blobs


def test_200_mb_upload_streams_in_bounded_memory(endpoint: str) -> None:
    size = 200 * MiB
    # A copy limit below the size sends the move to the hash name through UploadPartCopy ranges,
    # the path a real > 5 GiB file takes.
    part, threads = 5 * MiB, 4
    store = make_store(endpoint, part_size=part, upload_threads=threads, copy_limit=64 * MiB, copy_part_size=64 * MiB)
    stream = io.BufferedReader(Generated(size), MiB)
    tracemalloc.start()
    try:
        blob = store.put_stream(stream, label="big-recording.wav")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert blob.size == size and blob.sha256 == sha_of_generated(size)
    # the part being read + the parts in flight + one copy in the HTTP layer; not the file size
    assert peak < (threads + 2) * part + 4 * MiB, f"peak Python memory {peak / MiB:.1f} MiB for a 200 MiB upload"
    assert store.size(blob.sha256) == size
    assert store.rehash(blob.sha256) == blob.sha256
    assert keys(store, "tmp/") == [] and open_uploads(store) == []


def test_interrupted_upload_leaves_nothing_under_a_hash_name(store: S3BlobStore) -> None:
    with pytest.raises(BlobStoreError, match="broken.bin: read failed"):
        store.put_stream(io.BufferedReader(Generated(40 * MiB, fail_after=12 * MiB)), label="broken.bin")
    assert list(store.iter_hashes()) == []
    assert keys(store, "tmp/") == [] and open_uploads(store) == []


def test_killed_upload_leaves_nothing_under_a_hash_name(endpoint: str) -> None:
    store = make_store(endpoint)
    store.check_writable()
    script = f"""
import sys, io, time
sys.path[:0] = [{str(ROOT / "tests")!r}, {str(Path(__file__).resolve().parent)!r}]
from test_s3_blobs import Generated, make_store
class Slow(Generated):
    def readinto(self, b):
        time.sleep(0.01)
        return super().readinto(b)
store = make_store({endpoint!r}, {store.bucket!r}, part_size=5 * 2**20)
store.put_stream(io.BufferedReader(Slow(10**9)), label="endless")
"""
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not open_uploads(store) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert open_uploads(store), "the upload never started"
        time.sleep(0.3)
    finally:
        proc.kill()  # kill -9 in the middle of a multipart upload
        proc.wait()
    assert list(store.iter_hashes()) == []
    # (a minute ahead: servers round the start time of an upload up to the next second)
    assert store.sweep_temporary(timedelta(0), now=datetime.now(UTC) + timedelta(minutes=1)) >= 1
    assert open_uploads(store) == [] and keys(store, "tmp/") == []


def test_changed_object_is_caught_by_rehash(store: S3BlobStore) -> None:
    blob = store.put_stream(io.BytesIO(b"invoice total: 10,000.00 USD"), label="invoice.txt")
    store.client.put_object(Bucket=store.bucket, Key=store.key(blob.sha256), Body=b"invoice total: 1,000.00 USD")
    assert store.exists(blob.sha256)
    assert store.rehash(blob.sha256) != blob.sha256


def test_errors_name_the_bucket_and_the_reason(endpoint: str) -> None:
    wrong = S3BlobStore(
        "s3://dd-denied", endpoint=endpoint, access_key=ACCESS_KEY, secret_key="not-the-secret", max_attempts=1
    )
    with pytest.raises(BlobStoreError, match="access denied.*'dd-denied'"):
        wrong.check_writable()
    unreachable = S3BlobStore(
        "s3://dd-far", endpoint="http://127.0.0.1:9", access_key=ACCESS_KEY, secret_key=SECRET_KEY, max_attempts=1
    )
    with pytest.raises(BlobStoreError, match="unreachable at http://127.0.0.1:9.*'dd-far'"):
        unreachable.check_writable()
    with pytest.raises(BlobStoreError, match="not an s3://"):
        S3BlobStore("s3:///no-bucket")


@pytest.fixture
def s3_ctx(endpoint: str, tmp_path: Path) -> Iterator[Context]:
    settings = Settings(
        data_dir=tmp_path / "data", database_url=f"sqlite:///{tmp_path / 'dd.sqlite3'}", import_batch_files=3
    )
    engine = make_engine(settings.resolved_database_url)
    migrate(engine)
    ctx = Context(settings=settings, engine=engine, blobs=make_store(endpoint, part_size=5 * MiB))
    ensure_workspace(ctx, "default", "Default")
    yield ctx
    ctx.close()


def test_import_and_verify_through_the_services(s3_ctx: Context, tmp_path: Path) -> None:
    files = {f"mail/{i:02d}.eml": f"Subject: ticket {i}\n\nStill broken.".encode() for i in range(7)}
    files["video/site-visit.mp4"] = os.urandom(11 * MiB)
    files["mail/dup.eml"] = files["mail/03.eml"]
    folder = write_files(tmp_path / "in", files)

    report = import_paths(s3_ctx, "default", [folder], actor="t")
    assert report.imported == 8, [str(o) for o in report.outcomes]
    assert any(o.status == "duplicate" for o in report.outcomes)
    store = s3_ctx.blobs
    assert isinstance(store, S3BlobStore)
    assert store.read_meta("ledger-anchor-default.json") is not None  # the anchor lives in the bucket
    ok = verify(s3_ctx)
    assert ok.ok, [str(p) for p in ok.problems]
    assert ok.items == 8 and ok.bytes_checked == sum(len(v) for k, v in files.items() if k != "mail/dup.eml")

    # someone with write access to the bucket edits one original and deletes another
    sha_video = hashlib.sha256(files["video/site-visit.mp4"]).hexdigest()
    sha_mail = hashlib.sha256(files["mail/05.eml"]).hexdigest()
    store.client.put_object(Bucket=store.bucket, Key=store.key(sha_video), Body=b"re-encoded")
    store.client.delete_object(Bucket=store.bucket, Key=store.key(sha_mail))
    bad = verify(s3_ctx)
    out = [str(p) for p in bad.problems]
    assert not bad.ok
    assert any("altered" in x for x in out), out
    assert any("missing" in x and sha_mail in x for x in out), out


def test_demo_on_postgresql_and_the_object_store_loads_verifies_and_searches(
    endpoint: str, pg_url: str, tmp_path: Path
) -> None:
    """Server mode end to end: the demo dispute on PostgreSQL + the S3-compatible store."""
    from disputedesk.services.demo import load_demo
    from disputedesk.services.mail import search

    settings = Settings(data_dir=tmp_path / "data", database_url=pg_url)
    engine = make_engine(settings.resolved_database_url)
    migrate(engine)
    ctx = Context(settings=settings, engine=engine, blobs=make_store(endpoint))
    ensure_workspace(ctx, "demo", "Demo dispute")
    load_demo(ctx, "demo")
    report = verify(ctx)
    assert report.ok, [str(p) for p in report.problems]
    assert report.items >= 90
    hits = search(ctx, "demo", "固件")
    assert hits, "Chinese search finds demo mail stored in the object store"
    pdfs = [i for i in list_evidence(ctx, "demo", limit=1000).items if i.media_type == "application/pdf"]
    assert pdfs and all(i.has_text for i in pdfs), "text extracted from originals kept in the bucket"
    ctx.close()


def test_migrate_storage_moves_the_embedded_demo_to_postgresql_and_s3(
    endpoint: str,
    sqlite_ctx: Context,
    pg_factory,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from disputedesk.services.migrate_storage import move

    demo_loaded(sqlite_ctx, "demo", "Demo dispute")
    settings = Settings(data_dir=tmp_path / "t", database_url=pg_factory())
    engine = make_engine(settings.resolved_database_url)
    migrate(engine)
    target = Context(settings=settings, engine=engine, blobs=make_store(endpoint))
    report = move(sqlite_ctx, target)
    assert report.verify.ok, [str(p) for p in report.verify.problems]
    assert report.blobs >= 90
    target.close()
