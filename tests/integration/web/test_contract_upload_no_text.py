"""A short text uploaded on the contracts page (issue 19, fix23). A file with no contract text in it is refused before
it is stored (test_contract_upload_refusals.py); a text that is only short may be what the user means (a draft clause
checked on purpose, the first page of a longer contract by mistake): it is stored and checked, and its report page says
that it is very short for a contract, in the page's language. Text after a long run of blanks is text."""

from __future__ import annotations

import re

import pytest
from pages_support import foreign_sentences

from disputedesk.services.evidence import list_evidence

SHORT = {"en": "very short for a contract", "zh": "作为合同非常短"}
ORDINARY = (
    "第一条 合同标的\n甲方向乙方购买数控机床一台，型号、数量及价格见附件一。\n"
    "第二条 质量保证\n质保期为设备验收合格之日起十二个月。质保期内设备出现故障的，"
    "乙方应在收到甲方通知后24小时内响应，72小时内修复；逾期修复的，每日按合同总价的0.1%支付违约金。\n"
    "第三条 技术服务\n乙方应为甲方操作人员提供不少于五个工作日的免费培训，并提供中文操作手册和维修手册各两套。\n"
    "第四条 适用法律\n本合同的订立、效力、解释、履行及争议解决均适用中华人民共和国法律。\n"
    "第五条 争议解决\n因本合同引起的争议，双方应友好协商；协商不成的，提交上海国际仲裁中心"
    "在上海仲裁，仲裁语言为中文。\n"
)


def _upload(c, name: str, data: bytes):  # type: ignore[no-untyped-def]
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/contracts").text).group(1)  # type: ignore[union-attr]
    return c.post(
        "/contracts/upload",
        files={"file": (name, data, "text/plain")},
        data={"kind": "contract", "csrftoken": csrf},
        follow_redirects=False,
    )


def test_text_after_a_long_run_of_blanks_is_a_contract(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    r = _upload(c, "late-text.txt", b" \n" * 5000 + ORDINARY.encode())
    assert r.status_code == 303, r.text[-1500:]
    assert list_evidence(ctx, "default").total == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_short_text_is_stored_and_its_report_says_it_is_short(client_for, ctx, lang: str) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    r = _upload(c, "one-clause.txt", "本合同适用中华人民共和国法律。".encode())
    assert r.status_code == 303, r.text[-1500:]
    assert list_evidence(ctx, "default").total == 1
    page = c.get(f"{r.headers['location']}?lang={lang}")
    assert page.status_code == 200 and SHORT[lang] in page.text, page.text[-2000:]
    if lang == "zh":
        assert foreign_sentences(page.text) == [], foreign_sentences(page.text)


def test_a_contract_of_ordinary_length_gets_no_shortness_note(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    r = _upload(c, "purchase.txt", ORDINARY.encode())
    assert r.status_code == 303, r.text[-1500:]
    page = c.get(f"{r.headers['location']}?lang=en")
    assert page.status_code == 200 and SHORT["en"] not in page.text
