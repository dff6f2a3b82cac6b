"""Blobs in a local folder (``file:///path``), each under its SHA-256.

Guarantees:
- a blob is written to a temporary file in the same folder tree while its hash is computed
  in the same pass (each byte is read once), then renamed to its final name: a reader never
  sees a partial blob under a hash name;
- files are streamed in 1 MiB chunks, so a multi-GB file never sits in memory;
- ``flush()`` makes every blob written since the last flush durable (fsync) *before* the
  database rows that point to them are committed, so a row never points to a missing blob;
- blobs are never modified or deleted by the application.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .base import CHUNK, BlobStore, BlobStoreError, StoredBlob

_HEX = frozenset("0123456789abcdef")


def _libc_syncfs() -> object | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


_SYNCFS = _libc_syncfs()


class LocalBlobStore(BlobStore):
    """Blobs in ``ROOT/sha256/ab/cd/<hash>``; temporary files in ``ROOT/tmp``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.url = f"file://{self.root}"
        self._tmp = self.root / "tmp"
        self._pending: list[Path] = []
        # The web server's request threads share one store: a flush that finds nothing pending
        # must still wait for the syncfs another thread started on its blobs.
        self._flush_lock = threading.Lock()
        self._ready = False
        self._dirs: set[Path] = set()  # fan-out folders known to exist (saves a mkdir per blob)

    # -- layout ---------------------------------------------------------------------------
    def local_file(self, sha256: str) -> Path:
        return self.path(sha256)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or not _HEX.issuperset(sha256):  # one C-level pass (called per blob)
            raise BlobStoreError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / "sha256" / sha256[:2] / sha256[2:4] / sha256

    def _ensure(self) -> None:
        if self._ready:
            return
        try:
            (self.root / "sha256").mkdir(parents=True, exist_ok=True)
            self._tmp.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BlobStoreError(f"blob folder {self.root} cannot be created: {exc.strerror}") from exc
        self._ready = True

    def check_writable(self) -> None:
        self._ensure()
        probe = self._tmp / f".probe-{uuid.uuid4().hex}"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise BlobStoreError(f"blob folder {self.root} is not writable: {exc.strerror}") from exc

    # -- writing --------------------------------------------------------------------------
    def put_stream(self, stream: BinaryIO, *, label: str) -> StoredBlob:
        self._ensure()
        tmp = self._tmp / f"{uuid.uuid4().hex}.part"
        h = hashlib.sha256()
        size = 0
        head = b""
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        except OSError as exc:
            raise BlobStoreError(f"{label}: blob folder {self.root} is not writable: {exc.strerror}") from exc
        try:
            with os.fdopen(fd, "wb", buffering=0) as out:
                buf = bytearray(CHUNK)
                view = memoryview(buf)
                while True:
                    try:
                        n = stream.readinto(view)  # type: ignore[attr-defined]
                    except OSError as exc:
                        raise BlobStoreError(f"{label}: read failed: {exc.strerror}") from exc
                    if not n:
                        break
                    h.update(view[:n])
                    out.write(view[:n])
                    if not size:
                        head = bytes(view[: min(n, 8192)])
                    size += n
            digest = h.hexdigest()
            final = self.path(digest)
            if final.exists():
                tmp.unlink()
                # Perhaps written a moment ago by another thread or process and not yet flushed:
                # this caller's flush must make it durable too before its rows commit.
                self._pending.append(final)
                return StoredBlob(digest, size, True, head)
            if final.parent not in self._dirs:
                final.parent.mkdir(parents=True, exist_ok=True)
                self._dirs.add(final.parent)
            os.replace(tmp, final)
            self._pending.append(final)
            return StoredBlob(digest, size, False, head)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            if exc.errno == errno.ENOSPC:
                raise BlobStoreError(f"{label}: disk full while storing it in {self.root}") from exc
            raise BlobStoreError(f"{label}: could not be stored: {exc.strerror or exc}") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def adopt(self, sha256: str) -> None:
        self._pending.append(self.path(sha256))

    def flush(self) -> None:
        """Make every blob written since the last flush durable on disk."""
        with self._flush_lock:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        try:
            if _SYNCFS is not None:
                fd = os.open(self.root, os.O_RDONLY)
                try:
                    if _SYNCFS(fd) != 0:  # type: ignore[operator]
                        raise OSError(ctypes.get_errno(), "syncfs failed")
                finally:
                    os.close(fd)
            else:  # pragma: no cover - non-Linux
                for p in pending:
                    with open(p, "rb") as f:
                        os.fsync(f.fileno())
        except OSError as exc:
            raise BlobStoreError(f"blob folder {self.root}: could not flush to disk: {exc.strerror}") from exc

    # -- reading --------------------------------------------------------------------------
    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        try:
            return open(self.path(sha256), "rb")  # noqa: SIM115 - caller closes
        except FileNotFoundError as exc:
            raise BlobStoreError(f"blob {sha256} is missing from {self.root}") from exc

    def size(self, sha256: str) -> int:
        return self.path(sha256).stat().st_size

    # -- small metadata objects (the ledger anchor) ------------------------------------------
    def write_meta(self, name: str, data: bytes) -> None:
        """Atomically replace a small named object kept beside the blobs (e.g. the ledger anchor)."""
        self._ensure()
        meta = self.root / "meta"
        meta.mkdir(exist_ok=True)
        tmp = self._tmp / f"{uuid.uuid4().hex}.meta"
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, meta / name)

    @contextmanager
    def meta_lock(self, name: str) -> Iterator[None]:
        """Threads of this process and other processes on this machine (``flock`` on a lock file)."""
        with super().meta_lock(name):
            self._ensure()
            locks = self.root / "locks"  # not in meta/: backups copy meta/ and only it
            locks.mkdir(exist_ok=True)
            with open(locks / f"{name}.lock", "a+b") as f:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(f.fileno(), fcntl.LOCK_UN)

    def read_meta(self, name: str) -> bytes | None:
        p = self.root / "meta" / name
        return p.read_bytes() if p.is_file() else None

    def list_meta(self) -> list[str]:
        meta = self.root / "meta"
        return sorted(p.name for p in meta.iterdir()) if meta.is_dir() else []

    def iter_hashes(self) -> Iterator[str]:
        base = self.root / "sha256"
        if not base.exists():
            return
        for p in base.glob("??/??/*"):
            yield p.name
