"""The evidence bundle: exported atomically, accepted by BagIt validators, and every kind of
tampering named by the offline verifier (SQLite and PostgreSQL where it matters)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pytest

from disputedesk.documents.bundle_verify import verify_bundle
from disputedesk.services import bundle as bundle_service
from disputedesk.services.bundle import BundleError, export_bundle, set_note
from disputedesk.services.imports import import_paths

from support import write_files

MAIL_ZH = (
    "From: =?UTF-8?B?546L56OK?= <wanglei@ruifenglaser.com>\r\n"
    "To: Jonas Reuter <j.reuter@auerbach-feinblech.de>\r\n"
    "Subject: =?UTF-8?B?5Zue5aSN77yaRTIwNyDmiqXoraY=?=\r\n"
    "Date: Mon, 30 Mar 2026 10:15:00 +0800\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    "您好，我们已收到您的日志，工程师会尽快回复。\r\n"
).encode()
MAIL_EN = (
    b"From: Jonas Reuter <j.reuter@auerbach-feinblech.de>\r\nTo: service@ruifenglaser.com\r\n"
    b"Subject: Laser 1 down: alarm E-207\r\nDate: Fri, 27 Mar 2026 16:40:00 +0100\r\n\r\n"
    b"Laser 1 stopped with alarm E-207 after the firmware update. Please call us.\r\n"
)


def small_pdf() -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.add_blank_page(200, 200)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def populate(ctx, tmp: Path) -> None:  # type: ignore[no-untyped-def]
    folder = write_files(
        tmp / "in",
        {
            "a_request.eml": MAIL_EN,
            "b_reply.eml": MAIL_ZH,
            "c_contract.pdf": small_pdf(),
            "d_log.txt": b"E-207 2026-03-27 16:31 laser source fault\n",
            "e_photo.bin": os.urandom(3000),
        },
    )
    rep = import_paths(ctx, "default", [folder], actor="test")
    assert rep.imported == 5, rep.as_dict()


@pytest.fixture
def fresh_settings():  # type: ignore[no-untyped-def]
    """The CLI reads its settings once per process (cached): clear them around a CLI test."""
    from disputedesk.config import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One exported bundle (SQLite), shared by the tampering tests; each tampers with a copy."""
    from disputedesk.config import Settings
    from disputedesk.services.context import Context
    from disputedesk.services.workspaces import ensure_workspace

    tmp = tmp_path_factory.mktemp("bundle")
    ctx = Context.open(Settings(data_dir=tmp / "data", database_url=f"sqlite:///{tmp / 'b.sqlite3'}"))
    try:
        ensure_workspace(ctx, "default", "Default")
        populate(ctx, tmp)
        out = tmp / "bundle.zip"
        export_bundle(ctx, "default", out, all_items=True, actor="test")
    finally:
        ctx.close()
    return out


def rewrite(src: Path, dst: Path, *, drop=(), replace=None, add=None, fix_manifests=False) -> Path:  # type: ignore[no-untyped-def]
    """Copy a bundle, changing members (paths relative to the bag folder)."""
    replace = dict(replace or {})
    add = dict(add or {})
    with zipfile.ZipFile(src) as zin:
        root = zin.namelist()[0].split("/", 1)[0] + "/"
        members = {i.filename[len(root) :]: zin.read(i) for i in zin.infolist() if not i.is_dir()}
    for rel in drop:
        members.pop(rel)
    for rel, fn in replace.items():
        members[rel] = fn(members[rel])
    members.update(add)
    if fix_manifests:
        payload = {k: v for k, v in members.items() if k.startswith("data/")}
        members["manifest-sha256.txt"] = "".join(
            f"{hashlib.sha256(v).hexdigest()}  {k}\n" for k, v in sorted(payload.items())
        ).encode()
        tags = {k: v for k, v in members.items() if not k.startswith("data/") and k != "tagmanifest-sha256.txt"}
        members["tagmanifest-sha256.txt"] = "".join(
            f"{hashlib.sha256(v).hexdigest()}  {k}\n" for k, v in sorted(tags.items())
        ).encode()
    with zipfile.ZipFile(dst, "w") as zout:
        for rel, data in members.items():
            zout.writestr(root + rel, data)
    return dst


def member(path: Path, startswith: str) -> str:
    with zipfile.ZipFile(path) as z:
        root = z.namelist()[0].split("/", 1)[0] + "/"
        return next(n[len(root) :] for n in z.namelist() if n[len(root) :].startswith(startswith))


def test_bundle_exports_verifies_and_bagit_accepts_it(ctx, tmp_path: Path) -> None:
    populate(ctx, tmp_path)
    set_note(ctx, "default", "E-0001", actor="test", proves_en="The buyer reported the fault on 27 March 2026")
    out = tmp_path / "bundle.zip"
    res = export_bundle(ctx, "default", out, all_items=True, actor="test")
    assert res.items == 5 and out.is_file()
    rep = verify_bundle(out)
    assert rep.ok, rep.problems
    assert rep.items == 5 and rep.ledger_entries >= 5
    with zipfile.ZipFile(out) as z:
        z.extractall(tmp_path / "x")
        names = z.namelist()
        root = names[0].split("/", 1)[0]
        csv_text = z.read(f"{root}/data/evidence-list/evidence-list.csv").decode("utf-8-sig")
        readme = z.read(f"{root}/data/README.txt").decode()
    bag_dir = tmp_path / "x" / root
    bagit.Bag(str(bag_dir)).validate()  # the library's validator
    cli = subprocess.run(
        [str(Path(sys.executable).parent / "bagit.py"), "--validate", str(bag_dir)], capture_output=True, text=True
    )
    assert cli.returncode == 0, cli.stderr  # and the standard command-line validator
    # Evidence list: bilingual, what it proves (entered or by kind), pages, translation marking.
    assert "证明目的" in csv_text and "The buyer reported the fault on 27 March 2026" in csv_text
    # Kinds in words in both languages, never the stored code (payment_proof, delivery_note).
    assert not re.search(r"\b(payment_proof|delivery_note|photo_video|log_file|generated_document)\b", csv_text)
    assert "双方往来通信的内容及时间" in csv_text  # default for correspondence, in Chinese
    assert "translation — not verified" in csv_text
    assert "PDF 2 p." in csv_text
    assert "HOW TO CHECK IT" in readme and "如何核验" in readme
    assert any(n.endswith("data/items/E-0001/translation.zh.txt") for n in names)  # English mail → translation file
    assert not any(n.endswith("data/items/E-0002/translation.zh.txt") for n in names)  # Chinese mail: none needed
    # The printout of each mail: every page names the item and its SHA-256; Chinese is extractable.
    from pypdf import PdfReader

    pdf = PdfReader(str(bag_dir / "data" / "printouts" / "printouts-001.pdf"))
    items = json.loads((bag_dir / "data" / "items.json").read_text())["items"]
    sha2 = next(i["sha256"] for i in items if i["label"] == "E-0002")
    texts = [p.extract_text() for p in pdf.pages]
    assert any(f"E-0002 · SHA-256 {sha2}" in t and "工程师会尽快回复" in t.replace("\n", "") for t in texts)
    assert all("SHA-256" in t for t in texts)


def test_changed_file_is_named(bundle: Path, tmp_path: Path) -> None:
    original = member(bundle, "data/items/E-0004/original/")
    bad = rewrite(bundle, tmp_path / "changed.zip", replace={original: lambda b: b.replace(b"16:31", b"18:31")})
    rep = verify_bundle(bad)
    assert any(p.startswith(f"{original}: changed") for p in rep.problems), rep.problems
    # Even if the forger also rewrites the manifests, the ledger still records the old hash.
    forged = rewrite(
        bundle, tmp_path / "forged.zip", replace={original: lambda b: b.replace(b"16:31", b"18:31")}, fix_manifests=True
    )
    rep = verify_bundle(forged)
    assert rep.problems and all("E-0004" in p for p in rep.problems), rep.problems


def test_missing_file_is_named(bundle: Path, tmp_path: Path) -> None:
    gone = member(bundle, "data/items/E-0003/original/")
    rep = verify_bundle(rewrite(bundle, tmp_path / "missing.zip", drop=[gone]))
    assert f"{gone}: missing (listed in the manifest, not in the bundle)" in rep.problems


def test_added_file_is_named(bundle: Path, tmp_path: Path) -> None:
    rep = verify_bundle(rewrite(bundle, tmp_path / "added.zip", add={"data/items/E-0003/original/extra.pdf": b"%PDF-"}))
    assert "data/items/E-0003/original/extra.pdf: added (in the bundle but not in the manifest)" in rep.problems


def test_altered_ledger_entry_is_named(bundle: Path, tmp_path: Path) -> None:
    def edit(raw: bytes) -> bytes:
        lines = raw.decode().splitlines()
        e = json.loads(lines[1])
        e["actor"] = "someone else"
        lines[1] = json.dumps(e, ensure_ascii=False)
        return ("\n".join(lines) + "\n").encode()

    # The forger even fixes both manifests: only the ledger's own hashes give it away.
    bad = rewrite(bundle, tmp_path / "ledger.zip", replace={"data/ledger/entries.jsonl": edit}, fix_manifests=True)
    rep = verify_bundle(bad)
    assert "ledger entry #2: content does not match its hash (entry was altered)" in rep.problems, rep.problems


def test_unsafe_zips_are_refused_before_reading(tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("bag/bagit.txt", "BagIt-Version: 0.97\n")
        z.writestr("bag/../../etc/cron.d/x", "* * * * * root id\n")
    rep = verify_bundle(evil)
    assert not rep.ok and rep.problems[0].startswith("unsafe archive") and "'..'" in rep.problems[0]
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bag/data/zeros.bin", b"\0" * (64 * 1024 * 1024))
    rep = verify_bundle(bomb)
    assert not rep.ok and "decompression bomb" in rep.problems[0]


def test_interrupted_export_leaves_no_file_under_the_final_name(sqlite_ctx, tmp_path: Path, monkeypatch) -> None:
    populate(sqlite_ctx, tmp_path)
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()

    def boom(*_a, **_k):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(bundle_service.pdfs, "table_pdf", boom)
    with pytest.raises(KeyboardInterrupt):
        export_bundle(sqlite_ctx, "default", out, all_items=True, actor="test")
    assert list(out.parent.iterdir()) == []  # neither the bundle nor a partial file


def test_selection_and_bad_requests(sqlite_ctx, tmp_path: Path) -> None:
    populate(sqlite_ctx, tmp_path)
    out = tmp_path / "sel.zip"
    res = export_bundle(sqlite_ctx, "default", out, labels=["E-0002", "E-0003"], actor="test")
    assert res.items == 2 and verify_bundle(out).ok
    with pytest.raises(BundleError, match="E-0099"):
        export_bundle(sqlite_ctx, "default", tmp_path / "x.zip", labels=["E-0099"], actor="test")
    with pytest.raises(BundleError, match="choose one"):
        export_bundle(sqlite_ctx, "default", tmp_path / "x.zip", actor="test")


def test_standalone_verifier_needs_only_the_standard_library(bundle: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundle) as z:
        root = z.namelist()[0].split("/", 1)[0]
        tools = tmp_path / "tools"
        tools.mkdir()
        for name in ("verify_bundle.py", "bundle_report.py", "bundle_ledger.py", "archives.py"):
            (tools / name).write_bytes(z.read(f"{root}/tools/{name}"))
    # -I: isolated mode, no site-packages — what counsel has with a bare Python.
    ok = subprocess.run(
        [sys.executable, "-I", str(tools / "verify_bundle.py"), str(bundle)], capture_output=True, text=True
    )
    assert ok.returncode == 0 and ok.stdout.startswith("OK:"), ok.stdout + ok.stderr
    bad = rewrite(bundle, tmp_path / "b.zip", drop=[member(bundle, "data/items/E-0005/original/")])
    res = subprocess.run(
        [sys.executable, "-I", str(tools / "verify_bundle.py"), str(bad)], capture_output=True, text=True
    )
    assert res.returncode == 1 and "E-0005" in res.stdout


@pytest.mark.usefixtures("fresh_settings")
def test_cli_export_and_verify(sqlite_ctx, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from disputedesk.cli import app

    populate(sqlite_ctx, tmp_path)
    env = {
        "DISPUTEDESK_DATA_DIR": str(sqlite_ctx.settings.data_dir),
        "DISPUTEDESK_DATABASE_URL": sqlite_ctx.settings.resolved_database_url,
        "DISPUTEDESK_DEFAULT_WORKSPACE": "default",
    }
    runner = CliRunner()
    out = tmp_path / "cli.zip"
    r = runner.invoke(app, ["bundle", "export", "--all", "--out", str(out)], env=env)
    assert r.exit_code == 0, r.output
    assert "check it with: disputedesk bundle verify" in r.output
    r = runner.invoke(app, ["bundle", "verify", str(out), "--bagit"], env={})
    assert r.exit_code == 0 and "is intact" in r.output, r.output
    bad = rewrite(out, tmp_path / "bad.zip", drop=[member(out, "data/items/E-0001/original/")])
    r = runner.invoke(app, ["bundle", "verify", str(bad)], env={})
    assert r.exit_code == 1 and "missing" in r.output
