"""What a user notices uploading a contract: the findings a one-language contract, a bilingual PDF, a schedule, a
photographed page or a remedy with its cap gets, and the clause each finding cites (issue 19: "a person uploading a
scanned Chinese contract gets its clauses, values and findings with clause numbers that match the document").

Every contract text here is our own wording, written for these tests."""

from __future__ import annotations

from typing import Any

from disputedesk.domain.contract_clarity import check_text

from .conftest import AS_OF


def report(text: str) -> dict[str, Any]:
    return check_text(text, as_of=AS_OF).as_dict()


def findings(text: str, kind: str) -> list[dict[str, Any]]:
    return [f for f in report(text)["findings"] if f["kind"] == kind]


def values(text: str, kind: str) -> dict[str, Any]:
    return next(c["values"] for c in report(text)["clauses"] if c["kind"] == kind)


# ------------------------------------------------------------------ 1. prevailing language only for two languages
ZH_ONLY = "第一条 设备\n乙方向甲方交付数控车床一台。\n第二条 质量保证\n质保期为十二个月，自验收合格之日起计算。"
BILINGUAL = (
    "1. Equipment 设备\nThe Seller delivers one CNC lathe. 乙方向甲方交付数控车床一台。\n"
    "2. Warranty 质量保证\nThe warranty period is twelve months from acceptance. "
    "质保期为十二个月，自验收合格之日起计算。"
)


def test_a_contract_in_one_language_is_not_told_it_lacks_a_prevailing_language() -> None:
    assert report(ZH_ONLY)["language"] == "zh"
    assert findings(ZH_ONLY, "prevailing_language") == []
    english = "1. Equipment\nThe Seller delivers one CNC lathe.\n2. Warranty\nThe warranty period is twelve months."
    assert findings(english, "prevailing_language") == []
    # the finding stays where it matters: a contract written in two languages
    assert report(BILINGUAL)["language"] == "bilingual"
    [missing] = findings(BILINGUAL, "prevailing_language")
    assert missing["code"] == "missing" and missing["severity"] == "high"
