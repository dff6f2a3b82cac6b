"""A bundle with Chinese file names, unpacked and packed again on Linux (Info-ZIP's ``zip -r``, or
a program writing the names without the ZIP's UTF-8 flag) or on a Chinese Windows (GBK names):
the offline verifier reads each name as the manifest lists it and says that it did; a name that
matches nothing in the manifest is named as such, with the manifest's name when the content is
the same — never a bare "missing" and "added" pair for one file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from disputedesk.documents.bundle_verify import verify_bundle
from disputedesk.services.bundle import export_bundle
from disputedesk.services.imports import import_paths

from support import write_files

NAMES = {
    "合同_签字版.pdf": b"%PDF-1.4 signed contract, scanned\n",
    "铭牌照片 1号机.jpg": b"\xff\xd8\xff\xe0 nameplate photo",
    "停机记录.txt": "激光器1号机停机 2026-03-27 16:31\n".encode(),
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from disputedesk.config import Settings
    from disputedesk.services.context import Context
    from disputedesk.services.workspaces import ensure_workspace

    tmp = tmp_path_factory.mktemp("bundle-zh-names")
    ctx = Context.open(Settings(data_dir=tmp / "data", database_url=f"sqlite:///{tmp / 'b.sqlite3'}"))
    try:
        ensure_workspace(ctx, "default", "Default")
        rep = import_paths(ctx, "default", [write_files(tmp / "in", NAMES)], actor="test")
        assert rep.imported == 3, rep.as_dict()
        out = tmp / "bundle.zip"
        export_bundle(ctx, "default", out, all_items=True, actor="test")
    finally:
        ctx.close()
    return out


def unpack(bundle: Path, into: Path) -> str:
    with zipfile.ZipFile(bundle) as z:
        z.extractall(into)
        return z.namelist()[0].split("/", 1)[0]


def rezip_info_zip(bundle: Path, tmp: Path) -> Path:
    """What a Linux user does: unzip, then ``zip -r`` (Info-ZIP 3.0 writes the UTF-8 bytes of
    each name without setting the UTF-8 flag)."""
    if shutil.which("zip") is None:  # pragma: no cover - Info-ZIP is on the CI machines
        pytest.skip("Info-ZIP's zip is not installed")
    root = unpack(bundle, tmp / "x")
    out = tmp / "rezipped-info-zip.zip"
    subprocess.run(["zip", "-q", "-r", str(out), root], cwd=tmp / "x", check=True)
    return out


class _Unflagged(zipfile.ZipInfo):
    """A member whose name is written in ``encoding`` without the UTF-8 flag (bit 11)."""

    encoding = "utf-8"

    def _encodeFilenameFlags(self):  # type: ignore[no-untyped-def]  # noqa: N802 - zipfile's hook
        return self.filename.encode(self.encoding), self.flag_bits & ~0x800


def rezip_unflagged(bundle: Path, tmp: Path, encoding: str, rename=None) -> Path:  # type: ignore[no-untyped-def]
    """Copy the bundle member by member, the names in ``encoding`` without the UTF-8 flag
    (``rename``: name → name as the copying program wrote it)."""
    out = tmp / f"rezipped-{encoding}.zip"
    with zipfile.ZipFile(bundle) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            name = (rename or {}).get(info.filename, info.filename)
            member = type("M", (_Unflagged,), {"encoding": encoding})(name, info.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(member, zin.read(info))
    with zipfile.ZipFile(out) as z:  # really stored without the flag: Python reads the names as cp437
        assert not any("合同" in n for n in z.namelist())
    return out


def note_texts(rep) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(n) for n in rep.notes)


@pytest.mark.parametrize("how", ["zip -r", "utf-8 unflagged", "gbk unflagged"])
def test_a_bundle_packed_again_without_the_utf8_flag_still_verifies(bundle: Path, tmp_path: Path, how: str) -> None:
    if how == "zip -r":
        again = rezip_info_zip(bundle, tmp_path)
    else:
        again = rezip_unflagged(bundle, tmp_path, how.split()[0])
    rep = verify_bundle(again)
    assert rep.ok, [str(p) for p in rep.problems]
    assert rep.files == verify_bundle(bundle).files
    # The report says what happened and names the files as the manifest lists them.
    notes = note_texts(rep)
    assert "without the ZIP's UTF-8 flag" in notes and "as the manifest lists them" in notes, notes
    assert "3 file name(s)" in notes and any(f"/original/{name}" in notes for name in NAMES)
    codes = {n.code for n in rep.notes}
    assert "names_reencoded" in codes
    # The bundle's own copy of the verifier (standard library only) says the same.
    root = unpack(again, tmp_path / "own")
    run = subprocess.run(
        [sys.executable, "-I", str(tmp_path / "own" / root / "tools" / "verify_bundle.py"), str(again)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "OK:" in run.stdout and "without the ZIP's UTF-8 flag" in run.stdout


def test_the_original_bundle_has_no_such_note(bundle: Path) -> None:
    rep = verify_bundle(bundle)
    assert rep.ok and "names_reencoded" not in {n.code for n in rep.notes}


def test_a_name_that_matches_nothing_in_the_manifest_is_named_with_the_manifests_name(
    bundle: Path, tmp_path: Path
) -> None:
    # A program that could not write Chinese names put question marks in their place.
    with zipfile.ZipFile(bundle) as z:
        contract = next(n for n in z.namelist() if n.endswith("合同_签字版.pdf"))
    mangled = contract.replace("合同_签字版", "??_???")
    again = rezip_unflagged(bundle, tmp_path, "utf-8", rename={contract: mangled})
    rep = verify_bundle(again)
    assert not rep.ok
    texts = [str(p) for p in rep.problems]
    rel = contract.split("/", 1)[1]
    renamed = [p for p in rep.problems if p.code == "file_renamed"]
    assert len(renamed) == 1, texts
    line = str(renamed[0])
    assert "??_???.pdf" in line and rel in line and "does not match the manifest" in line
    # one line for the one file: not also "missing" and "added"
    assert not [p for p in rep.problems if p.code in ("file_missing", "file_added")], texts


def test_bagit_check_of_a_rezipped_bundle_reads_the_names_right(bundle: Path, tmp_path: Path) -> None:
    from disputedesk.commands.documents import _bagit_validate

    assert _bagit_validate(rezip_unflagged(bundle, tmp_path, "utf-8")) is None
