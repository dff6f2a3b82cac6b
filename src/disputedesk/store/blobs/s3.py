"""Content-addressed blob store on any S3-compatible object store (``s3://BUCKET[/prefix]``).

Same layout and guarantees as the local folder (:mod:`disputedesk.store.blobs`):

- objects live under ``PREFIX/sha256/ab/cd/<hash>``; small named objects (the ledger anchor)
  under ``PREFIX/meta/<name>``; uploads in progress under ``PREFIX/tmp/``;
- every file is streamed in parts of ``part_size`` bytes (16 MiB by default) and hashed in the
  same pass: each byte is read once; at most ``upload_threads`` parts (4) are in flight plus
  the one being read, so memory is bounded (about 80 MiB per large file, two large files at a
  time) whatever the size;
- a file that fits in one part is sent with ``If-None-Match: *`` (one round trip; a duplicate is
  refused and then checked with a HEAD; a server without conditional writes gets HEAD + PUT);
- small files (up to 1 MiB) cost a round trip each, so
  ``put_files`` and the import store ``parallel_puts`` (16) of them at once, each in a 1 MiB
  buffer of its thread;
- **an object is visible under its hash name only when it is complete and verified**:

  * a file that fits in one part is hashed first, then sent with one ``PutObject`` carrying
    its ``Content-MD5``. S3 makes a ``PutObject`` visible all at once or not at all, and
    the server refuses a body whose MD5 differs (``BadDigest``), so the object appears under
    its hash name complete and checked, or not at all;
  * a larger file is sent as a multipart upload to a temporary key ``PREFIX/tmp/<uuid>``
    (its hash is only known at the end), each part with its ``Content-MD5``. After the
    upload is completed its size is checked, then it is copied *server-side* to its hash
    name (``CopyObject``; ``UploadPartCopy`` ranges above 5 GiB, S3's single-copy limit),
    the copy's size is checked and the temporary object is deleted;
  * an upload interrupted by an error or Ctrl-C aborts its multipart upload, so nothing
    is left; a process killed outright can only leave an incomplete multipart upload or an
    object under ``tmp/``, never one under a hash name (:meth:`S3BlobStore.sweep_temporary`,
    or a bucket lifecycle rule, removes those);
- blobs are never modified or deleted by the application; ``verify`` re-reads and re-hashes
  each object (:meth:`S3BlobStore.rehash`), so an object whose bytes were changed in the
  bucket is caught.

Settings: ``DISPUTEDESK_BLOB_STORE=s3://bucket/prefix``, ``DISPUTEDESK_S3_ENDPOINT`` (e.g.
``http://127.0.0.1:8333``; unset for AWS itself), the standard ``AWS_ACCESS_KEY_ID`` /
``AWS_SECRET_ACCESS_KEY`` (or any other source boto3 reads), ``AWS_REGION`` /
``AWS_DEFAULT_REGION`` (default ``us-east-1``). The bucket is created when it is missing.

Size (over 600 lines, one module on purpose): the S3 client, multipart upload, retries and the
error mapping are one adapter behind the blob store's base class; the shared part is in
``store/blobs/base.py``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import threading
import uuid
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import UTC, datetime, timedelta
from typing import Any, BinaryIO
from urllib.parse import urlparse

from .base import BlobStore, BlobStoreError, StoredBlob

PART_SIZE = 16 * 1024 * 1024
# S3 refuses a single CopyObject larger than 5 GiB; above this, copy in UploadPartCopy ranges.
COPY_LIMIT = 5 * 1024**3
COPY_PART_SIZE = 512 * 1024 * 1024
MIN_PART_SIZE = 5 * 1024 * 1024  # S3's smallest part (except the last one)
MAX_PARTS = 10_000  # S3's most parts in one multipart upload: 16 MiB parts -> files up to 156 GiB
READ_CHUNK = 1024 * 1024
SMALL_BUFFER = 1024 * 1024  # files up to this size never touch a part-sized buffer
_HEX = frozenset("0123456789abcdef")

# Error codes a server answers with, turned into the reason a person reads.
_REASONS = {
    "AccessDenied": "access denied (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket policy)",
    "InvalidAccessKeyId": "access denied: the access key (AWS_ACCESS_KEY_ID) is not known to the object store",
    "SignatureDoesNotMatch": "access denied: the secret key (AWS_SECRET_ACCESS_KEY) is wrong",
    "NoSuchBucket": "the bucket does not exist",
    "BadDigest": "the object store received different bytes than were sent (Content-MD5 mismatch)",
    "InvalidDigest": "the object store refused the Content-MD5 of the upload",
    "EntityTooLarge": "the object store refused an object this large",
    "QuotaExceeded": "the object store's quota is exhausted",
    "XMinioStorageFull": "the object store is out of space",
    "InsufficientStorage": "the object store is out of space",
    "SlowDown": "the object store asks to slow down (still overloaded after retries)",
    "ServiceUnavailable": "the object store is unavailable",
    "InternalError": "the object store had an internal error",
}


def _is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in _HEX for c in value)


def _md5_b64(data: bytes | memoryview) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()  # noqa: S324 - transport check, as S3 defines it


class S3BlobStore(BlobStore):
    """Blobs in an S3 bucket: ``s3://BUCKET[/prefix]``; see the module docstring for guarantees."""

    def __init__(
        self,
        url: str,
        *,
        endpoint: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        region: str | None = None,
        part_size: int = PART_SIZE,
        copy_limit: int = COPY_LIMIT,
        copy_part_size: int = COPY_PART_SIZE,
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
        max_attempts: int = 3,
        list_page_size: int = 1000,
        upload_threads: int = 4,
        parallel_puts: int = 16,
    ) -> None:
        parsed = urlparse(url)
        if parsed.scheme != "s3" or not parsed.netloc:
            raise BlobStoreError(f"DISPUTEDESK_BLOB_STORE: {url!r} is not an s3://BUCKET[/prefix] address")
        if part_size < MIN_PART_SIZE or copy_part_size < MIN_PART_SIZE:
            raise BlobStoreError(f"S3 parts must be at least {MIN_PART_SIZE} bytes (S3's minimum part size)")
        self.bucket = parsed.netloc
        prefix = parsed.path.strip("/")
        self.prefix = f"{prefix}/" if prefix else ""
        self.url = f"s3://{self.bucket}/{prefix}".rstrip("/")
        self.endpoint = endpoint or os.environ.get("DISPUTEDESK_S3_ENDPOINT") or None
        self.region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        self.part_size = part_size
        self.copy_limit = copy_limit
        self.copy_part_size = copy_part_size
        self.list_page_size = list_page_size
        self.upload_threads = max(1, upload_threads)
        # Small files are one round trip each (plus the HEAD that finds a duplicate): many at once.
        self.parallel_puts = max(1, parallel_puts)
        # Files above SMALL_BUFFER: two at a time, each with a part-sized buffer kept for reuse.
        self._large_slots = threading.BoundedSemaphore(2)
        self._part_buffers: list[memoryview] = []
        self._conditional = True  # PutObject with If-None-Match (S3 since 2024, SeaweedFS, MinIO)
        self._ready = False
        self._local = threading.local()
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

        import boto3
        from botocore.config import Config

        config = Config(
            region_name=self.region,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retries={"max_attempts": max_attempts, "mode": "standard"},
            # Path-style addressing works with every S3-compatible server (no wildcard DNS needed).
            s3={"addressing_style": "path" if self.endpoint else "auto"},
            # Checksums only where S3 requires them: we send Content-MD5 ourselves, and several
            # S3-compatible servers reject the newer trailing-checksum (aws-chunked) encoding.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            # One connection per thread that may talk at once (parallel files and their parts).
            max_pool_connections=max(10, self.parallel_puts + self.upload_threads),
        )
        session = boto3.session.Session(
            aws_access_key_id=access_key or None,
            aws_secret_access_key=secret_key or None,
            region_name=self.region,
        )
        self.client: Any = session.client("s3", endpoint_url=self.endpoint, config=config)

    # -- layout ---------------------------------------------------------------------------
    def key(self, sha256: str) -> str:
        if not _is_sha256(sha256):
            raise BlobStoreError(f"not a SHA-256 hex digest: {sha256!r}")
        return f"{self.prefix}sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"

    def _tmp_key(self) -> str:
        return f"{self.prefix}tmp/{uuid.uuid4().hex}.part"

    def _meta_key(self, name: str) -> str:
        if not name or "/" in name or name in (".", ".."):
            raise BlobStoreError(f"metadata name {name!r} is not a plain file name")
        return f"{self.prefix}meta/{name}"

    def _where(self) -> str:
        return f"bucket {self.bucket!r}" + (f" at {self.endpoint}" if self.endpoint else "")

    # -- errors ---------------------------------------------------------------------------
    def _error(self, exc: BaseException, what: str) -> BlobStoreError:
        """Name the file/bucket and the reason; never a bare botocore traceback."""
        from botocore.exceptions import (
            ClientError,
            ConnectionClosedError,
            EndpointConnectionError,
            NoCredentialsError,
            ReadTimeoutError,
        )

        if isinstance(exc, ClientError):
            err = exc.response.get("Error", {})
            code = str(err.get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            reason = _REASONS.get(code)
            if reason is None and status == 403:
                reason = _REASONS["AccessDenied"]
            if reason is None:
                reason = f"{code or status}: {err.get('Message') or 'refused by the object store'}"
            return BlobStoreError(f"{what}: {reason} ({self._where()})")
        if isinstance(exc, EndpointConnectionError):
            return BlobStoreError(
                f"{what}: object store unreachable at {self.endpoint or 'the AWS endpoint'} "
                f"(bucket {self.bucket!r}); check DISPUTEDESK_S3_ENDPOINT"
            )
        if isinstance(exc, NoCredentialsError):
            return BlobStoreError(
                f"{what}: no credentials for {self._where()}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
            )
        if isinstance(exc, ReadTimeoutError | ConnectionClosedError):
            return BlobStoreError(f"{what}: the connection to {self._where()} failed: {exc}")
        return BlobStoreError(f"{what}: {exc} ({self._where()})")

    @staticmethod
    def _code(exc: BaseException) -> str:
        from botocore.exceptions import ClientError

        if isinstance(exc, ClientError):
            code = str(exc.response.get("Error", {}).get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status == 404 and code in ("", "404", "NotFound"):
                return "NoSuchKey"
            return code or str(status)
        return ""

    # -- the bucket -----------------------------------------------------------------------
    def _ensure(self) -> None:
        """Create the bucket when it is missing (once per process)."""
        if self._ready:
            return
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except Exception as exc:  # noqa: BLE001 - mapped below
            code = self._code(exc)
            if code not in ("NoSuchKey", "NoSuchBucket", "404"):
                raise self._error(exc, f"bucket {self.bucket!r} cannot be reached") from exc
            try:
                args: dict[str, Any] = {"Bucket": self.bucket}
                if self.region != "us-east-1":
                    args["CreateBucketConfiguration"] = {"LocationConstraint": self.region}
                self.client.create_bucket(**args)
            except Exception as exc2:  # noqa: BLE001 - mapped below
                if self._code(exc2) not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                    raise self._error(exc2, f"bucket {self.bucket!r} is missing and cannot be created") from exc2
        self._ready = True

    def check_writable(self) -> None:
        self._ensure()
        probe = f"{self.prefix}tmp/.probe-{uuid.uuid4().hex}"
        try:
            self.client.put_object(Bucket=self.bucket, Key=probe, Body=b"", ContentMD5=_md5_b64(b""))
            self.client.delete_object(Bucket=self.bucket, Key=probe)
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, f"bucket {self.bucket!r} is not writable") from exc

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

    # -- reading --------------------------------------------------------------------------
    def exists(self, sha256: str) -> bool:
        key = self.key(sha256)
        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) in ("NoSuchKey", "404"):
                return False
            raise self._error(exc, f"blob {sha256}") from exc
        return True

    def open(self, sha256: str) -> BinaryIO:
        key = self.key(sha256)
        try:
            r = self.client.get_object(Bucket=self.bucket, Key=key)
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) in ("NoSuchKey", "404"):
                raise BlobStoreError(f"blob {sha256} is missing from {self.url}") from exc
            raise self._error(exc, f"blob {sha256}") from exc
        raw = _BodyReader(r["Body"], self, sha256)
        return io.BufferedReader(raw, READ_CHUNK)  # type: ignore[return-value]

    def size(self, sha256: str) -> int:
        key = self.key(sha256)
        try:
            return int(self.client.head_object(Bucket=self.bucket, Key=key)["ContentLength"])
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) in ("NoSuchKey", "404"):
                raise BlobStoreError(f"blob {sha256} is missing from {self.url}") from exc
            raise self._error(exc, f"blob {sha256}") from exc

    def iter_hashes(self) -> Iterator[str]:
        base = f"{self.prefix}sha256/"
        paginator = self.client.get_paginator("list_objects_v2")
        try:
            pages = paginator.paginate(
                Bucket=self.bucket, Prefix=base, PaginationConfig={"PageSize": self.list_page_size}
            )
            for page in pages:
                for obj in page.get("Contents", []):
                    name = obj["Key"].rsplit("/", 1)[-1]
                    if _is_sha256(name):
                        yield name
        except BlobStoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) == "NoSuchBucket":
                return
            raise self._error(exc, "listing the blobs") from exc

    def list_meta(self) -> list[str]:
        base = f"{self.prefix}meta/"
        names: list[str] = []
        try:
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=base):
                names.extend(obj["Key"][len(base) :] for obj in page.get("Contents", []))
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) == "NoSuchBucket":
                return []
            raise self._error(exc, "listing the metadata objects") from exc
        return sorted(names)

    # -- small metadata objects (the ledger anchor) ------------------------------------------
    def write_meta(self, name: str, data: bytes) -> None:
        """Replace a small named object; a PutObject is atomic, so readers see old or new, never half."""
        self._ensure()
        key = self._meta_key(name)
        try:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentMD5=_md5_b64(data))
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, f"metadata {name}") from exc

    def read_meta(self, name: str) -> bytes | None:
        key = self._meta_key(name)
        try:
            r = self.client.get_object(Bucket=self.bucket, Key=key)
            return bytes(r["Body"].read())
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) in ("NoSuchKey", "404", "NoSuchBucket"):
                return None
            raise self._error(exc, f"metadata {name}") from exc

    # -- housekeeping ---------------------------------------------------------------------
    def sweep_temporary(self, older_than: timedelta = timedelta(days=1), *, now: datetime | None = None) -> int:
        """Remove what killed uploads left under ``tmp/`` (never anything under a hash name).

        Returns how many incomplete multipart uploads and temporary objects were removed. Only
        those started before ``now - older_than`` are touched, so running uploads are spared.
        """
        if now is None:
            now = datetime.now(UTC)
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        cutoff = now - older_than
        base = f"{self.prefix}tmp/"
        removed = 0
        try:
            for page in self.client.get_paginator("list_multipart_uploads").paginate(Bucket=self.bucket, Prefix=base):
                for up in page.get("Uploads", []):
                    if up["Initiated"] < cutoff:
                        self.client.abort_multipart_upload(Bucket=self.bucket, Key=up["Key"], UploadId=up["UploadId"])
                        removed += 1
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=base):
                for obj in page.get("Contents", []):
                    if obj["LastModified"] < cutoff:
                        self.client.delete_object(Bucket=self.bucket, Key=obj["Key"])
                        removed += 1
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, "cleaning temporary uploads") from exc
        return removed


class _BodyReader(io.RawIOBase):
    """A streaming response body as a raw binary stream; read errors become BlobStoreError."""

    def __init__(self, body: Any, store: S3BlobStore, sha256: str) -> None:
        self._body = body
        self._store = store
        self._sha = sha256

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        try:
            data = self._body.read(len(b))
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._store._error(exc, f"blob {self._sha}: reading failed") from exc
        n = len(data)
        b[:n] = data
        return n

    def close(self) -> None:
        if not self.closed:
            try:
                self._body.close()
            finally:
                super().close()
