"""The blob store's shared part: the errors, what a stored blob is, the interface every store
implements (with the parts that are the same for all of them), and a local file for a blob."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024
_NEW_LOCK = threading.Lock


class BlobStoreError(Exception):
    """A blob could not be stored or read; the message names the file and the reason."""


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    already_present: bool
    head: bytes = b""  # the first bytes, for media-type sniffing without a second read


class BlobStore(ABC):
    """What every blob store does (``local.LocalBlobStore``, ``s3.S3BlobStore``); reading a file in,
    re-hashing and handing out a local copy are written once here."""

    url: str
    # How many files to store at once (``put_files``, the import's prefetch): a local disk gains
    # little past two; an object store pays a network round trip per file, so it wants many.
    parallel_puts: int = 2

    @abstractmethod
    def put_stream(self, stream: BinaryIO, *, label: str) -> StoredBlob: ...
    @abstractmethod
    def flush(self) -> None: ...

    def adopt(self, sha256: str) -> None:  # noqa: ARG002 - a hook (LocalBlobStore uses it)
        """A blob another process wrote into this store: the next ``flush`` makes it durable too
        (an object store's objects are durable once written: nothing to do)."""
        return None

    @abstractmethod
    def exists(self, sha256: str) -> bool: ...
    @abstractmethod
    def open(self, sha256: str) -> BinaryIO: ...
    @abstractmethod
    def size(self, sha256: str) -> int: ...
    @abstractmethod
    def iter_hashes(self) -> Iterator[str]: ...
    @abstractmethod
    def check_writable(self) -> None: ...
    @abstractmethod
    def write_meta(self, name: str, data: bytes) -> None: ...
    @abstractmethod
    def read_meta(self, name: str) -> bytes | None: ...
    @abstractmethod
    def list_meta(self) -> list[str]: ...

    @contextmanager
    def meta_lock(self, name: str) -> Iterator[None]:  # noqa: ARG002 - one lock for all names here
        """Hold while reading and then replacing a metadata object (the ledger anchor), so two
        writers cannot each read the old value and the slower one write an older head last.

        Here: the threads of this process (one lock per store object); the local store also
        locks out other processes on the same machine (``LocalBlobStore.meta_lock``)."""
        lock = self.__dict__.setdefault("_meta_thread_lock", _NEW_LOCK())
        with lock:
            yield

    def put_file(self, path: Path, *, label: str | None = None) -> StoredBlob:
        label = label or str(path)
        try:
            f = open(path, "rb")  # noqa: SIM115 - closed below
        except FileNotFoundError as exc:
            raise BlobStoreError(f"{label}: file vanished before it could be read") from exc
        except IsADirectoryError as exc:
            raise BlobStoreError(f"{label}: is a folder, not a file") from exc
        except PermissionError as exc:
            raise BlobStoreError(f"{label}: not readable (permission denied)") from exc
        except OSError as exc:
            raise BlobStoreError(f"{label}: cannot be opened: {exc.strerror}") from exc
        with f:
            return self.put_stream(f, label=label)

    def put_files(self, paths: Sequence[Path]) -> list[StoredBlob | BlobStoreError]:
        """Store many files, ``parallel_puts`` at a time; results in the order of ``paths`` (a file
        that cannot be stored gives its ``BlobStoreError`` in its place). Call ``flush`` after."""
        if self.parallel_puts <= 1 or len(paths) <= 1:
            return [self._put_or_error(p) for p in paths]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(self.parallel_puts, thread_name_prefix="blob-put") as pool:
            return list(pool.map(self._put_or_error, paths))

    def _put_or_error(self, path: Path) -> StoredBlob | BlobStoreError:
        try:
            return self.put_file(path)
        except BlobStoreError as exc:
            return exc

    def rehash(self, sha256: str) -> str:
        h = hashlib.sha256()
        with self.open(sha256) as f:
            for chunk in iter(lambda: f.read(CHUNK), b""):
                h.update(chunk)
        return h.hexdigest()

    def local_file(self, sha256: str) -> Path | None:  # noqa: ARG002 - overridden where a file exists
        """The blob itself as a local file, where the store keeps one (the local folder store);
        ``None`` for a store that would have to copy it out (see :func:`local_path`)."""
        return None


@contextmanager
def local_path(store: BlobStore, sha256: str, tmpdir: Path | None = None) -> Iterator[Path]:
    """A local file with a blob's bytes, for libraries that want a path (pypdf, extract-msg).

    The local folder store hands out the blob itself (read-only); an object store copies it to a
    temporary file, removed when the block ends.
    """
    direct = store.local_file(sha256)
    if direct is not None:
        yield direct
        return
    fd, name = tempfile.mkstemp(prefix="dd-blob-", dir=tmpdir)
    try:
        with os.fdopen(fd, "wb") as out, store.open(sha256) as src:
            shutil.copyfileobj(src, out, CHUNK)
        yield Path(name)
    finally:
        os.unlink(name)
