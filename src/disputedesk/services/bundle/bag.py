"""The BagIt bag written as a ZIP stream: safe file names, the payload and tag manifests."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from datetime import UTC, datetime
from typing import BinaryIO

from .items import CHUNK, BundleError

# -- writing the bag --------------------------------------------------------------------------


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|%]')


def safe_name(name: str, fallback: str = "original") -> str:
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip().lstrip(".")
    if len(name.encode()) > 150:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 12 else ""
        base = (stem if dot else name).encode()[: 140 - len(ext)].decode("utf-8", "ignore")
        name = f"{base}.{ext}" if ext else base
    return name or fallback


class BagZip:
    """A BagIt bag written straight into a ZIP, hashing every file as it is written."""

    def __init__(self, out: BinaryIO, root: str, when: datetime) -> None:
        self.zf = zipfile.ZipFile(out, "w", allowZip64=True)
        self.root = root.rstrip("/") + "/"
        self.when = when.astimezone(UTC).timetuple()[:6]
        self.payload: dict[str, str] = {}
        self.tags: dict[str, str] = {}
        self.payload_bytes = 0
        self._buf = bytearray(CHUNK)

    def _info(self, rel: str, compress: bool, size: int | None) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(self.root + rel, date_time=self.when)  # type: ignore[arg-type]
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o100644 << 16
        if size is not None:
            info.file_size = size
        return info

    def _record(self, rel: str, digest: str, size: int, tag: bool) -> None:
        if tag:
            self.tags[rel] = digest
        else:
            if rel in self.payload:
                raise BundleError(f"{rel}: written twice")
            self.payload[rel] = digest
            self.payload_bytes += size

    def write_stream(self, rel: str, src: BinaryIO, *, size: int | None = None, tag: bool = False) -> tuple[str, int]:
        h = hashlib.sha256()
        n = 0
        view = memoryview(self._buf)
        with self.zf.open(self._info(rel, False, size), "w", force_zip64=size is None) as dst:
            while True:
                got = src.readinto(view)  # type: ignore[attr-defined]
                if not got:
                    break
                chunk = view[:got]
                h.update(chunk)
                dst.write(chunk)
                n += got
        digest = h.hexdigest()
        self._record(rel, digest, n, tag)
        return digest, n

    def write_bytes(self, rel: str, data: bytes, *, tag: bool = False, compress: bool = True) -> str:
        digest = hashlib.sha256(data).hexdigest()
        self.zf.writestr(self._info(rel, compress and len(data) > 512, None), data)
        self._record(rel, digest, len(data), tag)
        return digest

    def close(self) -> None:
        self.zf.close()


def _manifest(entries: dict[str, str]) -> bytes:
    return "".join(f"{d}  {p}\n" for p, d in sorted(entries.items())).encode("utf-8")
