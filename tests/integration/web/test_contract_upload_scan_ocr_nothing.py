"""A scan or photo in which OCR finds no text, uploaded on the contracts page where OCR is installed (quality sweep):
it is refused before anything is stored, the page naming the file and why in its language. Before, the blank scan
was stored in the vault (with an OCR copy beside it), and only its report page then said it could not be read. A scan
with text is stored and read as before (tests/integration/contracts/test_contracts_scanned.py)."""

from __future__ import annotations

import io
import re

import pytest
from contract_scans import scanned_page, skip_without_tesseract

from disputedesk.services.evidence import list_evidence

SAID = {
    "en": ("OCR found no text in this scan or photo", "Nothing was stored"),
    "zh": ("OCR 未能在此扫描件或照片中识别出文字", "未保存任何内容"),
}


def _post(c, name: str, data: bytes, media: str, lang: str):  # type: ignore[no-untyped-def]
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/contracts").text).group(1)  # type: ignore[union-attr]
    return c.post(
        f"/contracts/upload?lang={lang}",
        files={"file": (name, data, media)},
        data={"kind": "contract", "csrftoken": csrf},
        follow_redirects=False,
    )


def _blank_scan() -> bytes:
    out = io.BytesIO()
    scanned_page([]).save(out, format="PNG")  # grey paper, nothing written on it
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_blank_scan_is_refused_before_it_is_stored(client_for, ctx, lang: str) -> None:  # type: ignore[no-untyped-def]
    from unit.contracts.conftest import make_pdf

    skip_without_tesseract()
    c = client_for("empty")
    for name, data, media in (
        ("blank-scan.png", _blank_scan(), "image/png"),
        ("blank-scan.pdf", make_pdf([[]]), "application/pdf"),
    ):
        r = _post(c, name, data, media, lang)
        assert r.status_code == 400, r.text[-1500:]
        alert = re.sub(r"<[^>]+>", "", re.search(r'role="alert"[^>]*>(.*?)</div>', r.text, re.S).group(1))  # type: ignore[union-attr]
        assert name in alert and all(s in alert for s in SAID[lang]), alert
        assert list_evidence(ctx, "default").total == 0  # neither the scan nor an OCR copy of it
