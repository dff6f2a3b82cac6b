"""A file the contracts page cannot check (QA sweep, 5 Dec): an empty file, a program (.exe). The contracts page comes
back with its form and says, in the page's language, which file and what is wrong; nothing is stored (the vault's
ledger is append-only: a refused file is refused before it is written, not written and left behind)."""

from __future__ import annotations

import re

import pytest
from pages_support import foreign_sentences

from disputedesk.services.evidence import list_evidence

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run"
CASES = {
    "empty": ("blank-contract.txt", b"", {"en": "is empty (0 bytes)", "zh": "空文件"}),
    "program": ("setup.exe", EXE, {"en": "is not a contract document", "zh": "不是可检查的合同文件"}),
}


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
    if lang == "zh":
        assert "PDF" in shown and "DOCX" in shown or case == "empty", shown
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
