"""A PDF or a scan without text, uploaded on the contracts page where OCR is not installed (issue 19, contract24): the
check can never read it, so it is refused before it is stored — the page says which file and why, in the page's
language, and nothing is written to the vault (it was stored, then refused on its report page). A PDF with a text layer
is stored and checked as before; where OCR is installed a scan is read by OCR before it is stored (one in which OCR
finds nothing is refused unstored too: test_contract_upload_scan_ocr_nothing.py)."""

from __future__ import annotations

import re

import pytest
from contract_scans import without_ocr

from disputedesk.services.evidence import list_evidence


def _post(c, name: str, data: bytes, lang: str):  # type: ignore[no-untyped-def]
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/contracts").text).group(1)  # type: ignore[union-attr]
    return c.post(
        f"/contracts/upload?lang={lang}",
        files={"file": (name, data, "application/pdf")},
        data={"kind": "contract", "csrftoken": csrf},
        follow_redirects=False,
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_pdf_without_text_is_refused_unstored_where_ocr_is_missing(client_for, ctx, monkeypatch, lang: str) -> None:  # type: ignore[no-untyped-def]
    from unit.contracts.conftest import make_pdf

    without_ocr(monkeypatch)  # a machine without Tesseract
    c = client_for("empty")
    r = _post(c, "scan-only.pdf", make_pdf([[], []]), lang)
    assert r.status_code == 400, r.text[-1500:]
    alert = re.sub(r"<[^>]+>", "", re.search(r'role="alert"[^>]*>(.*?)</div>', r.text, re.S).group(1))  # type: ignore[union-attr]
    assert "scan-only.pdf" in alert
    assert ("没有文字层" if lang == "zh" else "no text layer") in alert, alert
    assert ("未保存任何内容" if lang == "zh" else "Nothing was stored") in alert, alert
    assert list_evidence(ctx, "default").total == 0

    # a PDF with a text layer is stored and checked as before
    r = _post(c, "terms.pdf", make_pdf([["1. Warranty", "The warranty period is 12 months from acceptance."]]), lang)
    assert r.status_code == 303, r.text[-1500:]
    assert list_evidence(ctx, "default").total == 1
