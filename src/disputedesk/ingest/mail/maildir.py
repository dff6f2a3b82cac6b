"""Read a Maildir tree: ``cur/`` and ``new/`` of the top folder and of every sub-folder.

Both layouts are found: Maildir++ (``.Sent``, ``.Archive.2024`` beside ``cur/``) and nested
directories (``Sent/cur``, ``Archive/2024/new``).  ``tmp/`` holds messages still being delivered
and is skipped.  Files are read one at a time, in a stable order (folder, then file name).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ...domain.text import T
from .eml import iter_eml_items
from .model import ParsedItem

__all__ = ["folder_name", "is_maildir", "iter_maildir_files", "iter_maildir_items", "maildir_file_items"]


def is_maildir(path: str | Path) -> bool:
    """True if ``path`` is a Maildir (has cur/ or new/) or holds Maildir sub-folders."""
    p = Path(path)
    if not p.is_dir():
        return False
    if (p / "cur").is_dir() or (p / "new").is_dir():
        return True
    return any((c / "cur").is_dir() or (c / "new").is_dir() for c in p.iterdir() if c.is_dir())


def folder_name(root: Path, folder: Path) -> str:
    """Human folder name: '' for the top folder, 'Sent/2024' for '.Sent.2024' or 'Sent/2024'."""
    rel = folder.relative_to(root)
    parts: list[str] = []
    for part in rel.parts:
        if part.startswith("."):
            parts.extend(x for x in part[1:].split(".") if x)
        else:
            parts.append(part)
    return "/".join(parts)


def iter_maildir_files(root: str | Path) -> Iterator[tuple[str, Path]]:
    """Yield ``(folder name, file path)`` for every message file, sorted."""
    rootp = Path(root)
    for dirpath, dirnames, filenames in os.walk(rootp):
        dirnames.sort()
        d = Path(dirpath)
        if d.name not in ("cur", "new"):
            if "tmp" in dirnames and ("cur" in dirnames or "new" in dirnames):
                dirnames.remove("tmp")
            continue
        dirnames[:] = []  # cur/ and new/ hold files only
        folder = folder_name(rootp, d.parent)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            yield folder, d / name


def iter_maildir_items(root: str | Path, *, key_prefix: str = "") -> Iterator[ParsedItem]:
    """Parse every message of a Maildir tree."""
    rootp = Path(root)
    for n, (folder, path) in enumerate(iter_maildir_files(rootp)):
        yield from maildir_file_items(rootp, folder, path, key=f"{key_prefix}{n}")


def maildir_file_items(root: Path, folder: str, path: Path, *, key: str) -> Iterator[ParsedItem]:
    """The items of one message file of the Maildir ``root``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ParsedItem(
            key=key,
            kind="rejected",
            source=str(path),
            media_type="application/octet-stream",
            raw=b"",
            location=str(path.relative_to(root)),
            reason=T("cannot read the file (%(detail)s)", detail=str(exc.strerror or exc)),
        )
        return
    location = f"folder {folder or '(top)'}: {path.relative_to(root)}"
    yield from iter_eml_items(raw, source=str(path), key=key, location=location)
