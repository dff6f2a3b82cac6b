"""Checking an archive before anything is extracted from it.

Used wherever DisputeDesk opens a ZIP it did not write (evidence bundles given to
``bundle verify``, archives of evidence): a member name that would land outside the target
(absolute, ``..``, drive letters, backslashes), a symbolic link, a decompression bomb (a
member or the whole archive expanding beyond a limit or by an absurd ratio), or too many
members is refused with the member named — before a single byte is written.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class UnsafeArchive(ValueError):
    """The archive would write outside its folder or expand dangerously; the message names the member."""


@dataclass(frozen=True)
class Limits:
    max_members: int = 200_000
    max_total_bytes: int = 64 * 1024**3
    max_member_bytes: int = 16 * 1024**3
    max_ratio: int = 200  # uncompressed / compressed, for members larger than 1 MiB


def safe_member_name(name: str) -> PurePosixPath:
    if not name or "\x00" in name:
        raise UnsafeArchive(f"member {name!r}: empty or contains a NUL byte")
    if "\\" in name:
        raise UnsafeArchive(f"member {name!r}: backslash in name (a Windows path that may escape the folder)")
    p = PurePosixPath(name)
    if p.is_absolute() or (p.parts and p.parts[0].endswith(":")):
        raise UnsafeArchive(f"member {name!r}: absolute path")
    if any(part == ".." for part in p.parts):
        raise UnsafeArchive(f"member {name!r}: '..' would write outside the target folder")
    return p


def check_zip(path: Path, limits: Limits = Limits()) -> list[zipfile.ZipInfo]:
    """Validate every member's name, type and declared size; return the members when all are safe."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise UnsafeArchive(f"{path}: not a ZIP archive ({exc})") from exc
    with zf:
        infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise UnsafeArchive(f"{path}: {len(infos)} members, more than the limit of {limits.max_members}")
    total = 0
    seen: set[str] = set()
    for info in infos:
        safe_member_name(info.filename)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise UnsafeArchive(f"member {info.filename!r}: symbolic link")
        key = info.filename.rstrip("/").lower()
        if key in seen:
            raise UnsafeArchive(f"member {info.filename!r}: appears twice")
        seen.add(key)
        if info.file_size > limits.max_member_bytes:
            raise UnsafeArchive(f"member {info.filename!r}: {info.file_size} bytes, over the member limit")
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnsafeArchive(
                f"member {info.filename!r}: expands {info.file_size // max(info.compress_size, 1)}× "
                "(a decompression bomb)"
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise UnsafeArchive(f"{path}: expands to more than {limits.max_total_bytes} bytes")
    return infos


def read_member_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, chunk: int = 1024 * 1024):  # type: ignore[no-untyped-def]
    """Stream a member, refusing to produce more bytes than its header declared (a lying header)."""
    produced = 0
    with zf.open(info) as f:
        while data := f.read(chunk):
            produced += len(data)
            if produced > info.file_size:
                raise UnsafeArchive(f"member {info.filename!r}: more data than its header declares")
            yield data


UTF8_FLAG = 0x800  # general purpose bit 11: the name is UTF-8
UNICODE_PATH_FIELD = 0x7075  # Info-ZIP's Unicode path extra field


def stored_names(info: zipfile.ZipInfo) -> list[str]:
    """The ways a member's name may have been meant, the likeliest first (all the same for an
    ASCII name). With the UTF-8 flag set, the name as read. Without it the ZIP format says code
    page 437, which Python follows; but Info-ZIP's ``zip`` on Linux writes the UTF-8 bytes without
    the flag (sometimes with a Unicode path extra field), and a Chinese Windows writes GBK: the
    same bytes are tried as those (the caller decides which one is meant, e.g. by a manifest)."""
    if info.flag_bits & UTF8_FLAG:
        return [info.filename]
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:  # read with another metadata encoding: take it as given
        return [info.filename]
    names = [n for n in (_unicode_path(info.extra, raw), _decoded(raw, "utf-8"), _decoded(raw, "gb18030")) if n]
    return list(dict.fromkeys([*names, info.filename]))


def _decoded(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _unicode_path(extra: bytes, raw: bytes) -> str | None:
    """The UTF-8 name of Info-ZIP's extra field 0x7075, when it belongs to this name (its CRC)."""
    import struct
    import zlib

    i = 0
    while i + 4 <= len(extra):
        field, size = struct.unpack_from("<HH", extra, i)
        data = extra[i + 4 : i + 4 + size]
        if field == UNICODE_PATH_FIELD and size > 5 and data[0] == 1:
            if struct.unpack_from("<L", data, 1)[0] == zlib.crc32(raw):
                return _decoded(data[5:], "utf-8")
        i += 4 + size
    return None
