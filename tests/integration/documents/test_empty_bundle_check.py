"""Checking a bundle file of 0 bytes (a download or copy that failed) says the file is empty, not
that it is "not a ZIP file": on the page in English and Chinese, in the command line (unusable
input, exit 2) and in the stand-alone verifier every bundle carries."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.documents.bundle_verify import main, verify_bundle
from disputedesk.web.app import create_app

from support import make_user, sign_in


def test_an_empty_file_is_named_empty(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "bundle.zip"
    empty.write_bytes(b"")
    rep = verify_bundle(empty)
    assert [p.code for p in rep.problems] == ["empty_file"]
    assert str(rep.problems[0]).startswith(f"{empty} is empty (0 bytes)")
    assert main([str(empty)]) == 1
    assert "is empty (0 bytes)" in capsys.readouterr().out
    r = CliRunner().invoke(app, ["bundle", "verify", str(empty)], env={})
    assert r.exit_code == 2 and "is empty (0 bytes)" in r.output and "not a ZIP" not in r.output, r.output


def test_the_check_page_says_the_upload_is_empty_in_the_page_language(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from pages_support import foreign_sentences, visible

    make_user(sqlite_ctx, "owner", "default", "owner")
    with TestClient(create_app(sqlite_ctx)) as c:
        sign_in(c, "owner")
        c.get("/?ws=default&lang=zh")
        r = c.post("/documents/bundles/verify", files={"file": ("证据包.zip", b"")})
        text = " ".join(visible(r.text))
        assert r.status_code == 200 and "证据包.zip 是空文件（0 字节）" in text, text[:800]
        assert "不是 ZIP 文件" not in text and foreign_sentences(r.text) == []
        c.get("/lang/en")
        en = c.post("/documents/bundles/verify", files={"file": ("bundle.zip", b"")})
        said = " ".join(visible(en.text))
        assert "bundle.zip is empty (0 bytes)" in said and "not a ZIP file" not in said, said[:800]
