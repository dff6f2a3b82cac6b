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

One adapter, in three layers by use case: ``connection`` (the client, the bucket, the key layout
and the mapping of server errors to a reason a person reads), ``upload`` (streaming, hashing,
single and multipart uploads, the server-side copy to the hash name), ``store`` (reading,
the small metadata objects, housekeeping: the :class:`S3BlobStore` itself).
"""

from .connection import COPY_LIMIT, COPY_PART_SIZE, MAX_PARTS, MIN_PART_SIZE, PART_SIZE, S3Connection
from .store import S3BlobStore
from .upload import S3Upload

__all__ = [
    "COPY_LIMIT",
    "COPY_PART_SIZE",
    "MAX_PARTS",
    "MIN_PART_SIZE",
    "PART_SIZE",
    "S3BlobStore",
    "S3Connection",
    "S3Upload",
]
