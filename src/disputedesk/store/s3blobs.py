"""Old import path, kept while other branches move to ``store.blobs`` (issue 14)."""

from .blobs.s3 import S3BlobStore  # noqa: F401
