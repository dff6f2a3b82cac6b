"""Whose law a sentence names (issue 19, fix23): the contract's choice of law is a law chosen for the contract — its
making, validity, meaning, performance and disputes. A law that the supplier's staff must obey, or that governs their
employment or the work on site under local rules, leaves the contract without one, and the governing-law finding
stays. Pairs of our own wording in Chinese (the English ones are in test_contract_element_phrasings.py), written before
the rule was changed.

A law stated for the services only ("Singapore law applies to the Services", "本合同项下的服务适用新加坡法律") is
not taken as the contract's choice of law either: it says nothing of the rest of the contract (price, payment,
liability, the goods), so the buyer is still told no law is stated for the contract as a whole (counsel decides
what such a partial choice means)."""

from __future__ import annotations

from typing import Any

import pytest

from disputedesk.domain.contract_clarity import check_text

from .conftest import AS_OF

LAW = "governing_law"


def _report(text: str) -> dict[str, Any]:
    return check_text(text, as_of=AS_OF).as_dict()


def _law(report: dict[str, Any]) -> tuple[bool, object]:
    """(the governing-law finding "missing" is given, the law read)"""
    missing = any(f["kind"] == LAW and f["code"] == "missing" for f in report["findings"])
    values = next(c["values"] for c in report["clauses"] if c["kind"] == LAW)
    return missing, values.get("law")


# --- texts that choose the contract's law: no finding, the law is read
@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("第十五条 其他约定\n本合同适用中华人民共和国法律。", "中华人民共和国"),
        ("第十五条 其他约定\n本合同的订立、效力、解释、履行及争议解决均适用中华人民共和国法律。", "中华人民共和国"),
        ("第十五条 其他约定\n本协议的签订、生效、解释和履行，适用新加坡法律。", "新加坡"),
        ("第十五条 其他约定\n本合同受香港法律管辖，并依香港法律解释。", "香港"),
        ("第十五条 其他约定\n本合同以中华人民共和国法律为准据法。", "中华人民共和国"),
        # a staff duty beside the choice does not undo the choice
        ("第十五条 其他约定\n本合同适用中华人民共和国法律；乙方派驻人员还应遵守项目所在地的法律法规。",
         "中华人民共和国"),
    ],
)  # fmt: skip
def test_a_chinese_text_choosing_the_contracts_law_is_read(text: str, law: str) -> None:
    assert _law(_report(text)) == (False, law)


# --- texts that make people, their employment or the local work obey a law: no choice of law, the finding stays
@pytest.mark.parametrize(
    "text",
    [
        "第十一条 派驻人员\n乙方派驻人员应遵守新加坡法律。",
        "第十一条 派驻人员\n适用于乙方员工的法律为新加坡法律。",
        "第十一条 派驻人员\n乙方员工在甲方现场工作期间适用新加坡劳动法律法规。",
        "第十一条 派驻人员\n乙方与其工作人员之间的劳动关系适用新加坡法律。",
        "第十一条 派驻人员\n乙方派驻人员受新加坡法律约束。",
        "第十一条 派驻人员\n乙方雇员的雇佣事宜依照马来西亚法律处理。",
        "第十一条 现场施工\n乙方人员在现场施工时适用当地的安全生产法规。",
    ],
)
def test_a_law_for_the_suppliers_staff_is_not_the_contracts_choice(text: str) -> None:
    assert _law(_report(text)) == (True, None)


# --- a law for the services only: not the contract's choice (see the module's note)
@pytest.mark.parametrize(
    "text",
    [
        "11. Services\nSingapore law applies to the Services.",
        "11. Services\nEnglish law shall govern the Services performed on the Site.",
        "第十一条 服务\n本合同项下的服务适用新加坡法律。",
    ],
)
def test_a_law_for_the_services_only_is_not_the_contracts_choice(text: str) -> None:
    assert _law(_report(text)) == (True, None)


@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("16. Law\nSingapore law applies to this Agreement and to the Services.", "Singapore law"),
        ("16. Law\nThis Agreement, including the Services, is governed by Singapore law.", "Singapore law"),
        ("第十六条 其他\n本合同（包括本合同项下的服务）适用新加坡法律。", "新加坡"),
        ("第十六条 其他\n本合同及乙方依本合同提供的服务均适用中华人民共和国法律。", "中华人民共和国"),
    ],
)
def test_a_law_for_the_contract_and_its_services_is_the_choice(text: str, law: str) -> None:
    assert _law(_report(text)) == (False, law)
