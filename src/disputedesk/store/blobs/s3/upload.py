"""Writing to an S3 blob store: each file streamed in parts and hashed in the same pass; a file that
fits in one part is one ``PutObject`` with its ``Content-MD5``, a larger one a multipart upload to
a temporary key, then copied server-side to its hash name (see the package docstring)."""

from __future__ import annotations

import hashlib
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, BinaryIO

from ..base import BlobStoreError, StoredBlob
from .connection import MAX_PARTS, SMALL_BUFFER, S3Connection, _md5_b64


class S3Upload(S3Connection):
    """The writing half of the S3 blob store."""

    # -- writing --------------------------------------------------------------------------
    def _fill(self, stream: BinaryIO, view: memoryview, label: str) -> int:
        """Read until ``view`` is full or the stream ends (pipes and sockets return short reads)."""
        got = 0
        readinto = getattr(stream, "readinto", None)
        while got < len(view):
            try:
                if readinto is not None:
                    n = readinto(view[got:])
                else:
                    data = stream.read(len(view) - got)
                    n = len(data)
                    view[got : got + n] = data
            except OSError as exc:
                raise BlobStoreError(f"{label}: read failed: {exc.strerror or exc}") from exc
            if not n:
                break
            got += n
        return got

    def put_stream(self, stream: BinaryIO, *, label: str) -> StoredBlob:
        self._ensure()
        # A small file needs only a small buffer, so many can be in flight at once (parallel_puts);
        # larger ones take a part-sized buffer and a slot of their own (bounded memory).
        small = self._buffer("small", SMALL_BUFFER)
        n = self._fill(stream, small, label)
        if n < len(small):
            return self._put_whole(small, n, label)
        with self._large_slots:
            with self._lock:
                view = self._part_buffers.pop() if self._part_buffers else memoryview(bytearray(self.part_size))
            try:
                view[:n] = small[:n]
                n += self._fill(stream, view[n:], label)
                if n < self.part_size:
                    return self._put_whole(view, n, label)
                h = hashlib.sha256()
                h.update(view[:n])
                return self._put_multipart(stream, view, n, h, bytes(view[:8192]), label)
            finally:
                with self._lock:
                    self._part_buffers.append(view)

    def _put_whole(self, view: memoryview, n: int, label: str) -> StoredBlob:
        """The whole file is in hand: one PutObject, atomic and MD5-checked."""
        body = bytes(view[:n])
        digest = hashlib.sha256(body).hexdigest()
        head = body[:8192]
        final = self.key(digest)
        md5 = _md5_b64(body)
        if self._conditional:
            # One round trip: "store unless something is there already" (If-None-Match: *).
            try:
                self.client.put_object(Bucket=self.bucket, Key=final, Body=body, ContentMD5=md5, IfNoneMatch="*")
                return StoredBlob(digest, n, False, head)
            except Exception as exc:  # noqa: BLE001 - mapped
                code = self._code(exc)
                if code in ("NotImplemented", "InvalidArgument", "InvalidRequest", "501"):
                    self._conditional = False  # an older server: ask first, then store
                elif code not in ("PreconditionFailed", "412", "ConditionalRequestConflict", "409"):
                    raise self._error(exc, f"{label}: could not be stored") from exc
        if self._present(final, n, label):
            return StoredBlob(digest, n, True, head)
        try:
            self.client.put_object(Bucket=self.bucket, Key=final, Body=body, ContentMD5=md5)
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, f"{label}: could not be stored") from exc
        return StoredBlob(digest, n, False, head)

    def _buffer(self, name: str, size: int) -> memoryview:
        """A small buffer per thread, reused: files do not pay for a fresh one each."""
        view: memoryview | None = getattr(self._local, name, None)
        if view is None:
            view = memoryview(bytearray(size))
            setattr(self._local, name, view)
        return view

    def _pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.upload_threads, thread_name_prefix="s3-upload")
            return self._executor

    def _put_multipart(
        self, stream: BinaryIO, view: memoryview, first: int, h: Any, head: bytes, label: str
    ) -> StoredBlob:
        tmp = self._tmp_key()
        try:
            upload_id = self.client.create_multipart_upload(Bucket=self.bucket, Key=tmp)["UploadId"]
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, f"{label}: could not start an upload") from exc
        parts: list[dict[str, Any]] = []
        in_flight: deque[tuple[int, Future[Any]]] = deque()
        size = 0
        completed = False

        def send(number: int, body: bytes) -> Any:
            return self.client.upload_part(
                Bucket=self.bucket, Key=tmp, UploadId=upload_id, PartNumber=number, Body=body, ContentMD5=_md5_b64(body)
            )

        def settle(limit: int) -> None:
            while len(in_flight) > limit:
                number, fut = in_flight.popleft()
                try:
                    parts.append({"PartNumber": number, "ETag": fut.result()["ETag"]})
                except Exception as exc:  # noqa: BLE001 - mapped
                    raise self._error(exc, f"{label}: part {number} could not be stored") from exc

        try:
            n = first
            while n:
                # At most ``upload_threads`` parts are in flight: memory stays bounded.
                settle(self.upload_threads - 1)
                number = len(parts) + len(in_flight) + 1
                if number > MAX_PARTS:
                    raise BlobStoreError(
                        f"{label}: larger than {MAX_PARTS} parts of {self.part_size} bytes, the most one S3 "
                        "upload takes; use a larger part_size"
                    )
                in_flight.append((number, self._pool().submit(send, number, bytes(view[:n]))))
                size += n
                if n < len(view):
                    break
                n = self._fill(stream, view, label)
                h.update(view[:n])
            settle(0)
            try:
                self.client.complete_multipart_upload(
                    Bucket=self.bucket, Key=tmp, UploadId=upload_id, MultipartUpload={"Parts": parts}
                )
            except Exception as exc:  # noqa: BLE001 - mapped
                raise self._error(exc, f"{label}: the upload could not be completed") from exc
            completed = True
            digest = h.hexdigest()
            self._check_size(tmp, size, label)
            final = self.key(digest)
            if self._present(final, size, label):
                return StoredBlob(digest, size, True, head)
            self._copy(tmp, final, size, label)
            self._check_size(final, size, label)
            return StoredBlob(digest, size, False, head)
        except BaseException:
            for _, fut in in_flight:  # let running part uploads end before aborting the upload
                fut.cancel()
            wait([f for _, f in in_flight])
            if not completed:
                try:
                    self.client.abort_multipart_upload(Bucket=self.bucket, Key=tmp, UploadId=upload_id)
                except Exception:  # noqa: BLE001, S110 - best effort; sweep_temporary() finds leftovers
                    pass
            raise
        finally:
            if completed:
                try:
                    self.client.delete_object(Bucket=self.bucket, Key=tmp)
                except Exception:  # noqa: BLE001, S110 - best effort; sweep_temporary() finds leftovers
                    pass

    def _present(self, key: str, size: int, label: str) -> bool:
        """True when a complete object is already stored under ``key`` (dedupe)."""
        try:
            r = self.client.head_object(Bucket=self.bucket, Key=key)
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) in ("NoSuchKey", "404"):
                return False
            raise self._error(exc, f"{label}: the object store cannot be queried") from exc
        # Same hash, other size would be a SHA-256 collision or a damaged object: overwrite it
        # with the good bytes rather than keep a copy that verify would flag.
        return int(r["ContentLength"]) == size

    def _check_size(self, key: str, size: int, label: str) -> None:
        try:
            got = int(self.client.head_object(Bucket=self.bucket, Key=key)["ContentLength"])
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, f"{label}: the stored object cannot be checked") from exc
        if got != size:
            raise BlobStoreError(f"{label}: the object store kept {got} bytes of {size} ({self._where()})")

    def _copy(self, src: str, dst: str, size: int, label: str) -> None:
        """Server-side copy; in ranges through a multipart upload above S3's 5 GiB copy limit."""
        source = {"Bucket": self.bucket, "Key": src}
        if size <= self.copy_limit:
            try:
                self.client.copy_object(Bucket=self.bucket, Key=dst, CopySource=source)
            except Exception as exc:  # noqa: BLE001 - mapped
                raise self._error(exc, f"{label}: could not be moved to its hash name") from exc
            return
        try:
            upload_id = self.client.create_multipart_upload(Bucket=self.bucket, Key=dst)["UploadId"]
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, f"{label}: could not start the copy to its hash name") from exc
        parts: list[dict[str, Any]] = []
        try:
            for number, start in enumerate(range(0, size, self.copy_part_size), start=1):
                end = min(start + self.copy_part_size, size) - 1
                r = self.client.upload_part_copy(
                    Bucket=self.bucket,
                    Key=dst,
                    UploadId=upload_id,
                    PartNumber=number,
                    CopySource=source,
                    CopySourceRange=f"bytes={start}-{end}",
                )
                parts.append({"PartNumber": number, "ETag": r["CopyPartResult"]["ETag"]})
            self.client.complete_multipart_upload(
                Bucket=self.bucket, Key=dst, UploadId=upload_id, MultipartUpload={"Parts": parts}
            )
        except BaseException as exc:
            try:
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=dst, UploadId=upload_id)
            except Exception:  # noqa: BLE001, S110 - best effort
                pass
            if isinstance(exc, Exception):
                raise self._error(exc, f"{label}: could not be moved to its hash name") from exc
            raise

    def flush(self) -> None:
        """Nothing to do: S3 acknowledges PutObject, CompleteMultipartUpload and CopyObject only
        once the object is stored durably, and every write above waits for that answer, so a
        blob is durable before ``put_stream`` returns (and before any row can point to it)."""
