"""Archives are checked before anything is extracted."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from disputedesk.ingest.archives import UnsafeArchive, check_zip


def make_zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_ordinary_archive_passes(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "ok.zip", {"data/evidence-list.csv": b"E-0001,contract", "README.txt": "说明".encode()})
    assert [i.filename for i in check_zip(z)] == ["data/evidence-list.csv", "README.txt"]


@pytest.mark.parametrize("name", ["../evil.txt", "data/../../evil.txt", "/etc/passwd", "C:/Windows/x", "a\\..\\b"])
def test_path_traversal_is_refused_and_named(tmp_path: Path, name: str) -> None:
    z = make_zip(tmp_path / "bad.zip", {"fine.txt": b"x", name: b"pwned"})
    with pytest.raises(UnsafeArchive) as exc:
        check_zip(z)
    assert repr(name) in str(exc.value) or name in str(exc.value)


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "bomb.zip", {"zeros.bin": b"\0" * (50 * 1024 * 1024)})
    assert z.stat().st_size < 1024 * 1024
    with pytest.raises(UnsafeArchive, match="decompression bomb"):
        check_zip(z)


def test_symlink_member_is_refused(tmp_path: Path) -> None:
    z = tmp_path / "link.zip"
    with zipfile.ZipFile(z, "w") as zf:
        info = zipfile.ZipInfo("link")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(UnsafeArchive, match="symbolic link"):
        check_zip(z)


def test_not_a_zip_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "junk.zip"
    f.write_bytes(b"not a zip at all")
    with pytest.raises(UnsafeArchive, match="not a ZIP archive"):
        check_zip(f)
