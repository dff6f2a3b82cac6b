"""A file the contracts page cannot check (QA sweep, 5 Dec): an empty file, a program (.exe); and (fix23) a file with
no contract text in it: a text file of blanks only (spaces, tabs, blank lines, full-width and zero-width spaces, a
byte-order mark, also past the first bytes read), one holding only figures and signs, a Word document with no words.
The contracts page comes back with its form and says, in the page's language, which file and what is wrong; nothing is
stored (the vault's ledger is append-only: a refused file is refused before it is written, not written and left
behind). A text that is only short is stored: test_contract_upload_no_text.py."""

from __future__ import annotations

import io
import re

import pytest
from pages_support import foreign_sentences

from disputedesk.services.evidence import list_evidence


def _docx(*paragraphs: str) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run"
NO_TEXT = {"en": "holds no text", "zh": "没有文字"}
CASES = {
    "empty": ("blank-contract.txt", b"", {"en": "is empty (0 bytes)", "zh": "空文件"}),
    "program": ("setup.exe", EXE, {"en": "is not a contract document", "zh": "不是可检查的合同文件"}),
    "blanks": ("terms-blank.txt", b"  \n\t\t\n\r\n      \n", NO_TEXT),
    "full-width and zero-width spaces": ("合同-空白.txt", "\u3000\u3000\n\u00a0\u200b\n\u3000".encode(), NO_TEXT),
    "byte-order mark only": ("bom.txt", b"\xef\xbb\xbf\r\n\r\n", NO_TEXT),
    "utf-16 blanks": ("wide.txt", "   \n  \n".encode("utf-16"), NO_TEXT),
    "blanks past the first bytes read": ("padded.txt", b" " * 9000 + b"\n" * 200, NO_TEXT),
    "figures and signs": ("numbers.txt", b"1.\n2.\n3.1\n-----\n****  ____\n(   )\n",
                          {"en": "holds no words", "zh": "没有任何文字"}),
    "word document without words": ("empty-terms.docx", _docx("", "   ", ""),
                                    {"en": "Word document with no text", "zh": "Word 文档中没有文字"}),
}  # fmt: skip


def _alert(html: str) -> str:
    found = re.search(r'role="alert"[^>]*>(.*?)</div>', html, re.S)
    assert found, html[-2000:]
    return re.sub(r"<[^>]+>", "", found.group(1))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_file_the_check_cannot_read_is_refused_on_the_contracts_page_and_not_stored(
    client_for, ctx, lang: str, case: str
) -> None:  # type: ignore[no-untyped-def]
    name, data, said = CASES[case]
    c = client_for("empty")
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/contracts").text).group(1)  # type: ignore[union-attr]
    # the form posted as a plain form (no script): the whole page comes back, form included
    r = c.post(
        f"/contracts/upload?lang={lang}",
        files={"file": (name, data, "application/octet-stream")},
        data={"kind": "contract", "csrftoken": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 400, r.text[-1500:]
    assert 'action="/contracts/upload"' in r.text and 'name="file"' in r.text
    shown = _alert(r.text)
    assert name in shown and said[lang] in shown, shown
    assert ("未保存任何内容" if lang == "zh" else "Nothing was stored") in shown, shown
    if lang == "zh":
        assert "PDF" in shown and "DOCX" in shown or case != "program", shown
        assert foreign_sentences(r.text) == [], foreign_sentences(r.text)
    # the page's own button (htmx): the message goes under the form, which stays on the page
    r = c.post(
        f"/contracts/upload?lang={lang}",
        files={"file": (name, data, "application/octet-stream")},
        data={"kind": "contract"},
        headers={"HX-Request": "true", "X-CSRF-Token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 400 and "HX-Redirect" not in r.headers, r.text[-800:]
    assert name in _alert(r.text) and said[lang] in _alert(r.text)
    assert list_evidence(ctx, "default").total == 0  # nothing half-written in the vault
