"""A person uploads a scanned Chinese contract: a searchable copy is made by OCR beside the untouched
original, its text is found by search, and the contract page shows clauses, values and findings
with the numbers of the document, marked as text from OCR with its confidence."""

from __future__ import annotations

import io
import re

from contract_scans import ZH_PAGE, scanned_page, skip_without_tesseract
from fastapi.testclient import TestClient

from disputedesk.services.workspaces import ensure_workspace
from disputedesk.web.app import create_app

from support import make_user, sign_in


def test_scanned_chinese_contract_upload(ctx) -> None:  # type: ignore[no-untyped-def]
    skip_without_tesseract()
    ensure_workspace(ctx, "buyer", "Buyer")
    make_user(ctx, "owner", "buyer", "owner")
    buf = io.BytesIO()
    scanned_page(ZH_PAGE).save(buf, "PDF", resolution=200)
    scan = buf.getvalue()
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.headers.pop("Authorization", None)
        page = c.get("/contracts")
        csrf = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        # the page's form posts with htmx, which sends the CSRF token as a header
        assert 'hx-post="/contracts/upload"' in page.text
        r = c.post(
            "/contracts/upload",
            files={"file": ("signed-contract-scan.pdf", scan, "application/pdf")},
            data={"kind": "contract"},
            headers={"HX-Request": "true", "X-CSRF-Token": csrf},
            follow_redirects=False,
        )
        assert r.status_code == 200
        label = r.headers["HX-Redirect"].rsplit("/", 1)[1]
        # the original is kept byte for byte; the searchable copy is its child, described as OCR
        assert c.get(f"/api/evidence/{label}/original").content == scan
        items = c.get("/api/evidence").json()["items"]
        copies = [i for i in items if i["source"] == f"ocr:{label}"]
        assert len(copies) == 1
        copy_label = copies[0]["label"]
        copy = c.get(f"/api/evidence/{copy_label}").json()
        assert copy["parent"] == label and copy["kind"] == "generated_document"
        assert copy["original_name"] == "signed-contract-scan.ocr.pdf"
        assert "text from OCR" in copy["description"] and "confidence" in copy["description"]
        # the recognised text is searchable (without Tesseract's spaces between characters)
        found = c.get("/api/evidence", params={"q": "质保期为验收合格"}).json()["items"]
        assert copy_label in [i["label"] for i in found]
        # the contract page: clause numbers as in the document, values, no invented findings
        html = c.get(f"/contracts/{label}").text
        assert "Text from OCR" in html and "mean confidence" in html and copy_label in html
        rep = c.get(f"/api/evidence/{label}/clarity").json()
        assert rep["ocr"]["confidence"] > 60 and rep["searchable_copy"] == copy_label
        kinds = {k["kind"]: k for k in rep["clauses"]}
        assert kinds["warranty_period"]["values"]["months"] == "12"
        rt = kinds["response_time"]
        assert rt["excerpts"][0]["location"]["clause"] == "第二条" and rt["excerpts"][0]["location"]["page"] == 1
        codes = {f["code"] for f in rep["findings"] if f["kind"] == "dispute_resolution"}
        assert not codes & {"no_seat", "no_language", "no_institution"}
        zh = c.get(f"/contracts/{label}?lang=zh").text
        assert "文字来自 OCR 识别" in zh and "平均置信度" in zh and "第二条" in zh


def test_a_scan_ocr_read_poorly_is_flagged_on_the_page(ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A scan read with a low mean confidence: the page warns that clauses, figures and findings may be wrong and
    says how to rescan, in the reader's language (the confidence is set low here; a small page keeps OCR short)."""
    skip_without_tesseract()
    monkeypatch.setattr("disputedesk.ingest.ocr._mean_confidence", lambda _lines: 42.0)
    ensure_workspace(ctx, "buyer", "Buyer")
    make_user(ctx, "owner", "buyer", "owner")
    buf = io.BytesIO()
    scanned_page(ZH_PAGE[:5]).crop((0, 0, 1654, 700)).save(buf, "PNG")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.headers.pop("Authorization", None)
        csrf = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/contracts").text).group(1)  # type: ignore[union-attr]
        r = c.post(
            "/contracts/upload",
            files={"file": ("phone-photo.png", buf.getvalue(), "image/png")},
            data={"kind": "contract"},
            headers={"HX-Request": "true", "X-CSRF-Token": csrf},
            follow_redirects=False,
        )
        label = r.headers["HX-Redirect"].rsplit("/", 1)[1]
        en = c.get(f"/contracts/{label}?lang=en").text
        assert "OCR read this scan poorly (mean confidence 42%)" in en and "300 dpi" in en
        zh = c.get(f"/contracts/{label}?lang=zh").text
        assert "OCR 对此扫描件识别效果较差（平均置信度 42%）" in zh
