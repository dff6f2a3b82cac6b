"""The local blob store: content addressing, atomic writes, streaming, clear failures."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import tracemalloc
from pathlib import Path

import pytest

from disputedesk.store.blobs import BlobStoreError, LocalBlobStore


def test_same_bytes_stored_once_under_their_hash(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "blobs")
    a = store.put_stream(io.BytesIO(b"evidence"), label="a")
    b = store.put_stream(io.BytesIO(b"evidence"), label="b")
    assert a.sha256 == b.sha256 == hashlib.sha256(b"evidence").hexdigest()
    assert (a.already_present, b.already_present) == (False, True)
    assert store.open(a.sha256).read() == b"evidence"
    assert list(store.iter_hashes()) == [a.sha256]
    assert list((tmp_path / "blobs" / "tmp").iterdir()) == []  # no temporary file left


def test_large_file_is_streamed_not_held_in_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with open(big, "wb") as f:  # 200 MB of real (non-sparse) data
        block = os.urandom(1024 * 1024)
        for _ in range(200):
            f.write(block)
    store = LocalBlobStore(tmp_path / "blobs")
    tracemalloc.start()
    blob = store.put_file(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert blob.size == 200 * 1024 * 1024
    assert peak < 8 * 1024 * 1024, f"peak Python memory {peak} bytes"
    assert store.rehash(blob.sha256) == blob.sha256


def test_failure_mid_write_leaves_no_partial_blob(tmp_path: Path) -> None:
    class Exploding(io.RawIOBase):
        def __init__(self) -> None:
            self.n = 0

        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
            self.n += 1
            if self.n > 3:
                raise OSError(5, "Input/output error")
            b[:4] = b"data"
            return 4

    store = LocalBlobStore(tmp_path / "blobs")
    with pytest.raises(BlobStoreError, match="read failed: Input/output error"):
        store.put_stream(Exploding(), label="usb-stick/photo.jpg")  # type: ignore[arg-type]
    assert list(store.iter_hashes()) == []
    assert list((tmp_path / "blobs" / "tmp").iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tiny tmpfs needs root")
def test_full_disk_is_reported_and_cleaned_up(tmp_path: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {r.stderr.decode().strip()}")
    try:
        store = LocalBlobStore(mnt / "blobs")
        with pytest.raises(BlobStoreError, match="disk full"):
            store.put_stream(io.BytesIO(os.urandom(3 * 1024 * 1024)), label="video.mp4")
        assert list((mnt / "blobs" / "tmp").iterdir()) == []
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
