"""Decompression-bomb caps for reading text out of zip-based documents (xlsx, docx, odt, pptx).

Text extraction opens packages that came from outside (uploads, mail attachments): a 1 MiB
``.xlsx`` whose ``sharedStrings.xml`` expands to 2 GiB once grew the server by 2 GiB. Every
zip-based extractor first checks the package's declared sizes (Python's ``zipfile`` never
yields more than a member's declared size: it stops there and fails the CRC), then reads the
members it needs in chunks with the same cap. A package over a cap is kept as evidence like
any other; only its text is "text not extracted: …" with the reason.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import BinaryIO

MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one member, decompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # the whole package, decompressed
MAX_RATIO = 200  # decompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 20_000


class TextNotExtracted(ValueError):
    """The package is over a cap; the message says which member and which cap."""


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def check_package(source: Path | bytes | BinaryIO) -> None:
    """Refuse a package whose declared sizes or compression ratio exceed the caps."""
    src = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(src) as z:
            infos = z.infolist()
    except zipfile.BadZipFile as exc:
        raise TextNotExtracted(f"not a readable package ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise TextNotExtracted(f"{len(infos)} members in the package (limit {MAX_MEMBERS})")
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise TextNotExtracted(
                f"{info.filename} expands to {_mib(info.file_size)} (limit {_mib(MAX_MEMBER_BYTES)} per part)"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise TextNotExtracted(
                f"{info.filename} expands {ratio}-fold (limit {MAX_RATIO}-fold): a decompression bomb"
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise TextNotExtracted(f"the package expands to over {_mib(MAX_TOTAL_BYTES)} (limit)")


def read_member(z: zipfile.ZipFile, name: str, cap: int = MAX_MEMBER_BYTES) -> bytes:
    """One member's bytes, read in chunks and never more than ``cap``."""
    out = bytearray()
    with z.open(name) as f:
        while chunk := f.read(1024 * 1024):
            out += chunk
            if len(out) > cap:
                raise TextNotExtracted(f"{name} expands beyond {_mib(cap)} (limit)")
    return bytes(out)
