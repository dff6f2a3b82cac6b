"""The contract API refuses a file it cannot check with a stable code a program can act on and a sentence a person
can read, in the request's language (issue 19, fix23). The language is chosen as for the pages: ``?lang=``, then the
``lang`` cookie, then Accept-Language; English otherwise. The sentence names the file and says what is wrong; the
status says what kind of problem it is (413 too large, 415 a type the check does not read, 422 a file of the right
type without text the check can read). Nothing is stored by ``/api/contracts/check``."""

from __future__ import annotations

import io

import pytest

from disputedesk.services import contracts
from disputedesk.services.evidence import list_evidence

from support import api_token

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run"
BROKEN_DOCX = b"PK\x03\x04" + b"\x14\x00" * 8 + b"word/document.xml" + b"\x00garbled" * 20


def _docx_without_words() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("   ")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# (file name, content, status, code, what the English and the Chinese sentence say)
CASES = {
    "empty": ("draft.txt", b"", 422, "empty_file", "is empty (0 bytes)", "是空文件"),
    "blanks": ("draft.txt", "  \n\t\n\u3000".encode(), 422, "no_text",
               "holds no text", "没有文字"),
    "signs only": ("draft.txt", b"1.\n2.\n----\n", 422, "no_words", "holds no words", "没有任何文字"),
    "program": ("tool.exe", EXE, 415, "unsupported_type", "is not a contract document", "不是可检查的合同文件"),
    "old word": ("old.doc", b"\xd0\xcf\x11\xe0junk", 415, "legacy_doc", "old Word file (.doc)", "旧版 Word 文件"),
    "damaged docx": ("terms.docx", BROKEN_DOCX, 422, "unreadable", "cannot be read", "无法读取"),
    "docx without words": ("terms.docx", _docx_without_words(), 422, "no_text", "Word document with no text",
                           "Word 文档中没有文字"),
}  # fmt: skip


def _client(client_for, ctx):  # type: ignore[no-untyped-def]
    c = client_for("empty")
    c.cookies.clear()  # the API by its token, as a program calls it
    c.headers["Authorization"] = f"Bearer {api_token(ctx, 'owner', 'default')}"
    return c


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_check_api_answers_a_file_it_cannot_check_with_a_code_and_a_sentence(client_for, ctx, case: str) -> None:  # type: ignore[no-untyped-def]
    name, data, status, code, en, zh = CASES[case]
    c = _client(client_for, ctx)
    asked = {
        "en": c.post("/api/contracts/check", files={"file": (name, data)}),
        "zh": c.post(
            "/api/contracts/check", files={"file": (name, data)}, headers={"Accept-Language": "zh-CN,zh;q=0.9"}
        ),
        "zh by ?lang": c.post("/api/contracts/check?lang=zh", files={"file": (name, data)}),
    }
    for how, r in asked.items():
        assert r.status_code == status, (how, r.status_code, r.text[:400])
        body = r.json()
        assert body["code"] == code and body["file"] == name, (how, body)
        said = zh if how.startswith("zh") else en
        assert name in body["error"] and said in body["error"], (how, body)
        if how.startswith("zh"):
            assert body["lang"] == "zh"
            assert not any(w in body["error"] for w in ("empty", "text", "Word file", "cannot", "stored")), body
    assert list_evidence(ctx, "default").total == 0


def test_a_file_too_large_for_the_check_is_413_with_its_code(client_for, ctx, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(contracts, "MAX_CONTRACT_BYTES", 1000)
    c = _client(client_for, ctx)
    r = c.post(
        "/api/contracts/check?lang=zh", files={"file": ("big.txt", "本合同适用中华人民共和国法律。".encode() * 100)}
    )
    assert r.status_code == 413, r.text[:300]
    assert r.json()["code"] == "too_large" and "big.txt" in r.json()["error"] and "过大" in r.json()["error"]


def test_a_readable_contract_is_still_checked(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = _client(client_for, ctx)
    r = c.post(
        "/api/contracts/check",
        files={"file": ("draft.txt", "第七条 技术支持\n卖方应在收到请求后4个工作小时内响应。".encode())},
        headers={"Accept-Language": "zh"},
    )
    assert r.status_code == 200 and r.json()["file"] == "draft.txt"


def test_a_stored_item_the_check_cannot_read_gets_the_same_answer(client_for, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The sibling endpoint, for a stored item: a blank text kept as a contract through the evidence page (which
    keeps any file) is answered like the check's upload, with its code and its sentence in the request's language."""
    from disputedesk.services.import_evidence import import_paths

    blank = tmp_path / "stored-blank.txt"
    blank.write_bytes(b"  \n\n  ")
    import_paths(ctx, "default", [blank], actor="test", kind="contract")
    label = list_evidence(ctx, "default").items[0].label
    c = _client(client_for, ctx)
    for lang, said in (("en", "holds no text"), ("zh", "没有文字")):
        r = c.get(f"/api/evidence/{label}/clarity", headers={"Accept-Language": lang})
        assert r.status_code == 422, r.text[:300]
        body = r.json()
        assert body["code"] == "no_text" and body["file"] == "stored-blank.txt", body
        assert "stored-blank.txt" in body["error"] and said in body["error"], body


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_item_that_is_no_contract_is_answered_with_its_code_in_the_request_s_language(  # type: ignore[no-untyped-def]
    client_for, ctx, tmp_path, lang: str
) -> None:
    """A stored chat asked for its clarity report: not a contract, said with a code, its kind in the reader's words."""
    from disputedesk.services.import_evidence import import_paths

    chat = tmp_path / "chat-with-supplier.txt"
    chat.write_text("[12/07/2026 09:14] Li Wei: the spindle will be repaired tomorrow\n", encoding="utf-8")
    import_paths(ctx, "default", [chat], actor="test", kind="correspondence")
    label = list_evidence(ctx, "default").items[0].label
    c = _client(client_for, ctx)
    r = c.get(f"/api/evidence/{label}/clarity?lang={lang}")
    assert r.status_code == 400, r.text[:300]
    body = r.json()
    assert body["code"] == "not_a_contract" and body["file"] == "chat-with-supplier.txt", body
    said = {"en": ("is correspondence", "not a contract"), "zh": ("往来函件", "不是合同")}[lang]
    assert label in body["error"] and all(s in body["error"] for s in said), body
    if lang == "zh":
        assert "correspondence" not in body["error"] and "contract" not in body["error"].replace(".txt", ""), body
