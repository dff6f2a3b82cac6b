"""What the contract reader says about a stored text file it reads (QA sweep, 5 Dec): a text file of only blanks (kept
as a contract through the evidence page: the contracts page refuses it, fix23), and a text that is not a contract; their
report pages say what the reader found in the page's language — a Chinese page is Chinese throughout."""

from __future__ import annotations

import re

import pytest
from contract_scans import without_ocr
from pages_support import foreign_sentences

BLANK = b"   \n\t\n   \r\n"
NOT_A_CONTRACT = b"Shopping for the weekend\nTwo kilos of apples, bread and milk.\nCall Grandma on Sunday.\n"
# the check's refusal (fix23); the reader's own sentence is "no text found"
SAID = {"en": "holds no text", "zh": "没有文字"}


def _upload(c, name: str, data: bytes) -> str:  # type: ignore[no-untyped-def]
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/contracts").text).group(1)  # type: ignore[union-attr]
    r = c.post(
        "/contracts/upload",
        files={"file": (name, data, "text/plain")},
        data={"kind": "contract", "csrftoken": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[-1500:]
    return r.headers["location"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_blank_text_file_s_report_page_says_no_text_in_the_page_language(
    client_for, ctx, tmp_path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    # the contracts page refuses a blank file before storing it (test_contract_upload_no_text.py); the evidence page
    # keeps any file, and one kept as a contract gets its report page
    from disputedesk.services.import_evidence import import_paths

    c = client_for("empty")
    blank = tmp_path / "blank-notes.txt"
    blank.write_bytes(BLANK)
    import_paths(ctx, "default", [blank], actor="test", kind="contract")
    r = c.get("/contracts/E-0001?lang=" + lang)
    assert "blank-notes.txt" in r.text and SAID[lang] in r.text, r.text[-2000:]
    if lang == "zh":
        assert "holds no text" not in r.text and "no text found" not in r.text
        assert foreign_sentences(r.text) == [], foreign_sentences(r.text)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_text_that_is_no_contract_gets_its_report_in_the_page_language(client_for, lang: str) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    target = _upload(c, "weekend.txt", NOT_A_CONTRACT)
    r = c.get(f"{target}?lang={lang}")
    assert r.status_code == 200, r.text[-2000:]
    if lang == "zh":
        assert foreign_sentences(r.text) == [], foreign_sentences(r.text)


def test_the_reader_s_sentences_stay_english_for_the_cli_and_api() -> None:
    from disputedesk.ingest.contract_text import ContractReadError, read_contract_bytes

    with pytest.raises(ContractReadError) as exc:
        read_contract_bytes(BLANK, "blank-notes.txt")
    assert str(exc.value) == "no text found"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_pdf_page_without_text_is_named_on_the_report_page_in_its_language(
    client_for, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from unit.contracts.conftest import make_pdf

    without_ocr(monkeypatch)  # a machine without Tesseract
    c = client_for("empty")
    target = _upload(c, "half-scanned.pdf", make_pdf([["1. Goods", "The seller delivers ten pumps."], []]))
    r = c.get(f"{target}?lang={lang}")
    assert r.status_code == 200, r.text[-2000:]
    said = {"en": "pages [2] have no text layer and were skipped", "zh": "第 [2] 页没有文字层，已跳过"}
    assert said[lang] in r.text, r.text[-3000:]
    if lang == "zh":
        assert foreign_sentences(r.text) == [], foreign_sentences(r.text)
