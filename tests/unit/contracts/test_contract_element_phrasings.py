"""The ways contracts state the elements the missing-element findings look for (issue 19: "seated in London in
English" got "No language of the arbitration"). Pairs of our own wording, written from the definitions before the
rules were changed: a text that states the element gets no finding and its value is read right where the check reads
one; a close text that does not state it keeps the finding. Both languages; the element also in a clause of its own
(a "Language" clause saying the arbitration is in English)."""

from __future__ import annotations

from typing import Any

import pytest

from disputedesk.domain.contract_clarity import check_text

from .conftest import AS_OF


def _report(text: str) -> dict[str, Any]:
    return check_text(text, as_of=AS_OF).as_dict()


def _codes(report: dict[str, Any], kind: str) -> set[str]:
    return {f["code"] for f in report["findings"] if f["kind"] == kind}


def _values(report: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(c["values"] for c in report["clauses"] if c["kind"] == kind)


ARB = "dispute_resolution"
WAR = "warranty_period"
LAW = "governing_law"

# (finding, kind, value key or None, value read, text that states it, close text that does not)
PAIRS = [
    # --- language of the arbitration, English
    ("no_language", ARB, "language", "English",
     "14. Disputes\nAny dispute shall be finally settled by arbitration under the LCIA Rules, seated in London in "
     "English.",
     "14. Disputes\nAny dispute shall be finally settled by arbitration under the LCIA Rules, seated in London."),
    ("no_language", ARB, "language", "English",
     "14. Arbitration\nDisputes go to arbitration administered by SIAC in Singapore. The arbitration shall be "
     "conducted in the English language.",
     "14. Arbitration\nDisputes go to arbitration administered by SIAC in Singapore. The arbitration shall be "
     "conducted in accordance with the SIAC Rules."),
    ("no_language", ARB, "language", "English",
     "14. Arbitration\nDisputes go to arbitration administered by HKIAC in Hong Kong. The language of the "
     "arbitration shall be English.",
     "14. Arbitration\nDisputes go to arbitration administered by HKIAC in Hong Kong. The law of the arbitration "
     "shall be Hong Kong law."),
    ("no_language", ARB, "language", "English",
     "14. Disputes\nAll disputes shall be resolved by arbitration in English in Singapore under the SIAC Rules.",
     "14. Disputes\nAll disputes shall be resolved by arbitration in Singapore under the SIAC Rules."),
    ("no_language", ARB, "language", "English",
     "14. Disputes\nAll disputes shall be settled by ICC arbitration in Paris. English shall be the language of the "
     "arbitration.",
     "14. Disputes\nAll disputes shall be settled by ICC arbitration in Paris. French law shall govern the "
     "arbitration agreement."),
    ("no_language", ARB, "language", "English",
     "14. Disputes\nAll disputes shall be settled by ICC arbitration in Paris. The arbitral proceedings shall be in "
     "English.",
     "14. Disputes\nAll disputes shall be settled by ICC arbitration in Paris. The arbitral proceedings shall be "
     "confidential."),
    ("no_language", ARB, "language", "English",
     "14. Disputes\nAll disputes shall be settled by ICC arbitration in Paris. The language to be used in the arbitral "
     "proceedings shall be English.",
     "14. Disputes\nAll disputes shall be settled by ICC arbitration in Paris. The rules to be used in the arbitral "
     "proceedings shall be the ICC Rules."),
    # the language in a clause of its own, not under the disputes heading
    ("no_language", ARB, "language", "English",
     "14. Disputes\nAll disputes shall be settled by arbitration administered by SIAC in Singapore.\n"
     "15. Language\nThis Contract is made in English. Any arbitration under Clause 14 shall be conducted in English.",
     "14. Disputes\nAll disputes shall be settled by arbitration administered by SIAC in Singapore.\n"
     "15. Language\nThis Contract is made in English. All notices shall be written in English."),
    # --- language of the arbitration, Chinese
    ("no_language", ARB, "language", "Chinese",
     "第十四条 争议解决\n因本合同引起的争议，提交中国国际经济贸易仲裁委员会在北京仲裁。仲裁语言为中文。",
     "第十四条 争议解决\n因本合同引起的争议，提交中国国际经济贸易仲裁委员会在北京仲裁。仲裁裁决为终局裁决。"),
    ("no_language", ARB, "language", "Chinese",
     "第十四条 争议解决\n双方同意提交上海国际仲裁中心，以中文进行仲裁。",
     "第十四条 争议解决\n双方同意提交上海国际仲裁中心，按其规则进行仲裁。"),
    ("no_language", ARB, "language", "English",
     "第十四条 争议解决\n争议提交香港国际仲裁中心仲裁，以英语为仲裁语言。",
     "第十四条 争议解决\n争议提交香港国际仲裁中心仲裁，以香港法律为准。"),
    ("no_language", ARB, "language", "Chinese",
     "第十四条 争议解决\n争议提交深圳国际仲裁院仲裁。仲裁程序以中文进行。",
     "第十四条 争议解决\n争议提交深圳国际仲裁院仲裁。仲裁程序依该院规则进行。"),
    ("no_language", ARB, "language", "English",
     "第十四条 争议解决\n争议提交新加坡国际仲裁中心仲裁。仲裁所使用的语言为英文。",
     "第十四条 争议解决\n争议提交新加坡国际仲裁中心仲裁。仲裁所适用的规则为该中心规则。"),
    ("no_language", ARB, "language", "Chinese",
     "第十四条 争议解决\n争议提交北京仲裁委员会仲裁。\n第十五条 语言\n本合同以中文书写，仲裁程序使用中文。",
     "第十四条 争议解决\n争议提交北京仲裁委员会仲裁。\n第十五条 语言\n本合同以中文书写，通知使用中文。"),
    # --- seat, English
    ("no_seat", ARB, "seat", "London",
     "14. Disputes\nAny dispute shall be finally settled by arbitration under the LCIA Rules, seated in London in "
     "English.",
     "14. Disputes\nAny dispute shall be finally settled by arbitration under the LCIA Rules in English."),
    ("no_seat", ARB, "seat", "Singapore",
     "14. Disputes\nAll disputes shall be resolved by arbitration in English in Singapore under the SIAC Rules.",
     "14. Disputes\nAll disputes shall be resolved by arbitration in English under the SIAC Rules."),
    ("no_seat", ARB, "seat", "Geneva",
     "14. Arbitration\nDisputes go to ICC arbitration. The place of arbitration shall be Geneva, Switzerland.",
     "14. Arbitration\nDisputes go to ICC arbitration. The costs of arbitration shall be shared equally."),
    ("no_seat", ARB, "seat", "Helsinki",
     "14. Arbitration\nDisputes go to ICC arbitration. The arbitration shall take place in Helsinki, Finland.",
     "14. Arbitration\nDisputes go to ICC arbitration. The arbitration shall take place in accordance with the ICC "
     "Rules."),
    ("no_seat", ARB, "seat", "Kuala Lumpur",
     "14. Arbitration\nDisputes go to arbitration under the AIAC Rules, seated in Kuala Lumpur.",
     "14. Arbitration\nDisputes go to arbitration under the AIAC Rules, conducted in English."),
    ("no_seat", ARB, "seat", "Singapore",
     "14. Arbitration\nDisputes go to SIAC arbitration. The legal seat of the arbitration shall be Singapore.",
     "14. Arbitration\nDisputes go to SIAC arbitration. The award of the arbitration shall be final."),
    # --- seat, Chinese
    ("no_seat", ARB, "seat", "Shanghai",
     "第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会仲裁，仲裁地为上海。",
     "第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会仲裁，仲裁裁决为终局。"),
    ("no_seat", ARB, "seat", "Beijing",
     "第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会，在北京仲裁。",
     "第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会，按其规则仲裁。"),
    ("no_seat", ARB, "seat", "Shanghai",
     "第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会上海分会仲裁。",
     "第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会仲裁。"),
    ("no_seat", ARB, "seat", "Shenzhen",
     "第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会仲裁，仲裁在深圳进行。",
     "第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会仲裁，仲裁依其规则进行。"),
    ("no_seat", ARB, "seat", "Singapore",
     "第十四条 争议解决\n争议提交国际商会仲裁院仲裁，仲裁地应为新加坡。",
     "第十四条 争议解决\n争议提交国际商会仲裁院仲裁，仲裁语言应为英文。"),
    ("no_seat", ARB, "seat", "Hong Kong",
     "第十四条 争议解决\n争议提交香港国际仲裁中心仲裁，以香港为仲裁地。",
     "第十四条 争议解决\n争议提交国际商会仲裁，以英文为仲裁语言。"),
    # --- arbitral institution
    ("no_institution", ARB, "institution", "CIETAC",
     "第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会上海分会仲裁。",
     "第十四条 争议解决\n争议提交上海的仲裁机构仲裁。"),
    ("no_institution", ARB, "institution", "ICC",
     "14. Arbitration\nDisputes shall be finally settled under the Rules of Arbitration of the International Chamber "
     "of Commerce in Paris.",
     "14. Arbitration\nDisputes shall be finally settled under the UNCITRAL Arbitration Rules in Paris."),
    ("no_institution", ARB, "institution", "SIAC",
     "14. Arbitration\nDisputes shall be administered by the Singapore International Arbitration Centre.",
     "14. Arbitration\nDisputes shall be settled by ad hoc arbitration in Singapore."),
    ("no_institution", ARB, "institution", "Korean Commercial Arbitration Board",
     "14. Arbitration\nDisputes shall be settled by arbitration administered by the Korean Commercial Arbitration "
     "Board in Seoul.",
     "14. Arbitration\nDisputes shall be settled by arbitration in Seoul before three arbitrators."),
    ("no_institution", ARB, "institution", "广州仲裁委员会",
     "第十四条 争议解决\n双方同意将争议提交广州仲裁委员会仲裁。",
     "第十四条 争议解决\n双方同意将争议提交广州的仲裁庭仲裁。"),
    # --- governing law
    ("missing", LAW, "law", "England",
     "16. Governing Law\nThis Agreement shall be governed by and construed in accordance with the laws of England "
     "and Wales.",
     "16. Compliance\nThe Supplier shall comply with all applicable laws of England and Wales."),
    ("missing", LAW, None, None,
     "16. This Agreement is subject to English law.",
     "16. The Supplier shall comply with English law."),
    ("missing", LAW, "law", "中华人民共和国",
     "第十六条 本合同的订立、效力、解释和履行均适用中华人民共和国法律。",
     "第十六条 乙方应遵守中华人民共和国法律法规。"),
    ("missing", LAW, "law", "中华人民共和国",
     "第十六条 本合同以中华人民共和国法律为准据法。",
     "第十六条 乙方提供的服务应符合中华人民共和国国家标准。"),
    ("missing", LAW, "law", "香港",
     "第十六条 本合同受香港法律管辖并据其解释。",
     "第十六条 本合同在香港签署。"),
    # --- warranty start, English
    ("no_start", WAR, "start_event", "Acceptance",
     "8. Warranty\nThe warranty period is 12 months commencing on the date of Acceptance.",
     "8. Warranty\nThe warranty period is 12 months. The Buyer shall notify defects in writing."),
    ("no_start", WAR, "start_event", "final acceptance certificate",
     "8. Warranty\nThe Equipment is warranted for 24 months from the date of the final acceptance certificate.",
     "8. Warranty\nThe Equipment is warranted for 24 months. The final acceptance certificate is signed by the Buyer."),
    ("no_start", WAR, "start_event", "installation",
     "8. Warranty\nThe warranty shall run for 18 months after installation.",
     "8. Warranty\nThe warranty shall run for 18 months."),
    ("no_start", WAR, "start_event", "commissioning",
     "8. Warranty\nThe warranty period is 12 months from commissioning.",
     "8. Warranty\nThe warranty period is 12 months."),
    ("no_start", WAR, "start_event", "signature",
     "8. Warranty\nThe warranty period is 12 months from the date of signature of this Contract.",
     "8. Warranty\nThe warranty period is 12 months, as set out in this Contract."),
    ("no_start", WAR, "start_event", "acceptance",
     "8. Warranty\nThe warranty period of 12 months shall begin upon acceptance of the Equipment.",
     "8. Warranty\nThe warranty period of 12 months shall cover the Equipment."),
    ("no_start", WAR, "start_event", "delivery",
     "8. Warranty\nThe warranty period is 12 months. It starts on the date of delivery.",
     "8. Warranty\nThe warranty period is 12 months. Delivery is governed by Clause 5."),
    ("no_start", WAR, "start_event", "receipt of the Equipment",
     "8. Warranty\nThe warranty period is 12 months from receipt of the Equipment.",
     "8. Warranty\nThe warranty period is 12 months. Seller shall repair defects within 7 days after receipt of the "
     "Buyer's notice."),
    ("no_start", WAR, "start_event", "acceptance",
     "8. Warranty\nThe warranty period is 12 months and starts upon acceptance.",
     "8. Warranty\nThe warranty period is 12 months. Seller shall repair defects upon receipt of a written notice."),
    # --- warranty start, Chinese
    ("no_start", WAR, "start_event", "验收合格",
     "第八条 质量保证\n质保期为十二个月，质保期自验收合格之日起算。",
     "第八条 质量保证\n质保期为十二个月，验收合格后支付尾款。"),
    ("no_start", WAR, "start_event", "设备安装调试完毕",
     "第八条 质量保证\n保修期自设备安装调试完毕之日起12个月。",
     "第八条 质量保证\n保修期为12个月，设备安装调试由乙方负责。"),
    ("no_start", WAR, "start_event", "验收合格",
     "第八条 质量保证\n质保期为设备验收合格后十二个月。",
     "第八条 质量保证\n质保期为十二个月，设备验收合格后付款。"),
    ("no_start", WAR, "start_event", "货到现场",
     "第八条 质量保证\n质保期二十四个月，从货到现场之日起计算。",
     "第八条 质量保证\n质保期二十四个月，货到现场后乙方派人安装。"),
    ("no_start", WAR, "start_event", "最终验收证书签发",
     "第八条 质量保证\n保修期十二个月，以最终验收证书签发之日为起算日。",
     "第八条 质量保证\n保修期十二个月，最终验收证书由甲方签发。"),
    ("no_start", WAR, "start_event", "合同签订",
     "第八条 质量保证\n质保期十二个月，从合同签订之日起计算。",
     "第八条 质量保证\n质保期十二个月，合同签订后生效。"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("finding", "kind", "key", "value", "states", "omits"),
    PAIRS,
    ids=[f"{p[0]}-{i}" for i, p in enumerate(PAIRS)],
)
def test_stated_element_gets_no_finding_and_a_close_text_keeps_it(
    finding: str, kind: str, key: str | None, value: str | None, states: str, omits: str
) -> None:
    stated = _report(states)
    assert finding not in _codes(stated, kind)
    if key is not None:
        assert str(value).lower() in str(_values(stated, kind).get(key, "")).lower()
    assert finding in _codes(_report(omits), kind)


# The number of arbitrators: no finding, but the value is shown in the checklist and suggested clauses.
ARBITRATORS = [
    ("14. Arbitration\nDisputes go to SIAC arbitration before three (3) arbitrators.", 3),
    ("14. Arbitration\nThe arbitral tribunal shall consist of a sole arbitrator appointed by SIAC.", 1),
    ("14. Arbitration\nDisputes go to SIAC arbitration. The number of arbitrators shall be one.", 1),
    ("第十四条 争议解决\n争议提交中国国际经济贸易仲裁委员会仲裁，仲裁庭由三名仲裁员组成。", 3),
    ("第十四条 争议解决\n争议提交上海国际仲裁中心，由独任仲裁员审理。", 1),
    ("第十四条 争议解决\n争议提交北京仲裁委员会仲裁，仲裁员人数为三名。", 3),
    ("第十四条 争议解决\n争议提交北京仲裁委员会仲裁，仲裁员人数为一名。", 1),
]  # fmt: skip


@pytest.mark.parametrize(("text", "number"), ARBITRATORS)
def test_the_number_of_arbitrators_is_read(text: str, number: int) -> None:
    assert _values(_report(text), ARB).get("arbitrators") == number


def test_an_arbitration_clause_that_names_no_number_reads_none() -> None:
    assert "arbitrators" not in _values(_report("14. Arbitration\nDisputes go to SIAC arbitration in Singapore."), ARB)
    assert "arbitrators" not in _values(
        _report("第十四条 争议解决\n争议提交北京仲裁委员会仲裁，仲裁员由该会指定。"), ARB
    )


def test_the_defect_seen_today_gets_none_of_the_arbitration_findings() -> None:
    text = (
        "14. Dispute Resolution\nAny dispute arising out of or in connection with this Contract shall be finally "
        "settled by arbitration administered by the London Court of International Arbitration, seated in London in "
        "English."
    )
    report = _report(text)
    assert not _codes(report, ARB) & {"no_language", "no_seat", "no_institution"}
    assert _values(report, ARB)["language"] == "English"
    assert _values(report, ARB)["seat"] == "London"


# Second batch: the element in a clause of its own, in a definition, or after a colon.
PAIRS_ELSEWHERE = [
    ("no_language", ARB, "language", "English",
     "14. Disputes\nAll disputes shall be settled by arbitration administered by SIAC in Singapore.\n"
     "15. Language\nThe language of all proceedings under this Contract shall be English.",
     "14. Disputes\nAll disputes shall be settled by arbitration administered by SIAC in Singapore.\n"
     "15. Language\nThe language of all notices under this Contract shall be English."),
    ("no_language", ARB, "language", "English",
     "14. Arbitration\nDisputes go to arbitration administered by SIAC.\nSeat of arbitration: Singapore.\n"
     "Language of arbitration: English.",
     "14. Arbitration\nDisputes go to arbitration administered by SIAC.\nSeat of arbitration: Singapore.\n"
     "Rules of arbitration: SIAC Rules."),
    ("no_seat", ARB, "seat", "Singapore",
     "14. Arbitration\nDisputes go to arbitration administered by SIAC.\nSeat of arbitration: Singapore.",
     "14. Arbitration\nDisputes go to arbitration administered by SIAC.\nRules of arbitration: SIAC Rules."),
    ("no_seat", ARB, "seat", "London",
     "14. Arbitration\nDisputes go to arbitration administered by the LCIA.\n15. Place of Arbitration\n"
     "The seat shall be London.",
     "14. Arbitration\nDisputes go to arbitration administered by the LCIA.\n15. Place of Delivery\n"
     "The place shall be London."),
    ("no_start", WAR, "start_event", "acceptance",
     '1. Definitions\n1.5 "Warranty Period" means the period of 12 months from the date of Acceptance.\n'
     "8. Warranty\nThe Supplier warrants the Equipment during the Warranty Period.",
     '1. Definitions\n1.5 "Warranty Period" means the period of 12 months.\n'
     "8. Warranty\nThe Supplier warrants the Equipment during the Warranty Period."),
    ("no_start", WAR, "start_event", "终验",
     "第八条 质量保证\n质保期为十二个月，从设备通过终验之日起计算。",
     "第八条 质量保证\n质保期为十二个月，设备通过终验后支付尾款。"),
    ("no_start", WAR, "start_event", "验收合格",
     "第八条 质量保证\n保修期：验收合格后一年。",
     "第八条 质量保证\n保修期：一年。"),
    ("no_start", WAR, "start_event", "Acceptance Date",
     "8. Warranty\nThe Warranty Period shall be twelve (12) months, commencing from the Acceptance Date.",
     "8. Warranty\nThe Warranty Period shall be twelve (12) months, as stated in the Acceptance Certificate."),
    ("no_language", ARB, "language", "Chinese",
     "第十四条 争议解决\n争议提交上海国际仲裁中心仲裁。\n仲裁语言：中文。",
     "第十四条 争议解决\n争议提交上海国际仲裁中心仲裁。\n仲裁规则：该中心现行规则。"),
    ("no_language", ARB, "language", "Chinese",
     "第十四条 争议解决\n争议提交上海国际仲裁中心仲裁。\n第十五条 语言\n与本合同有关的一切程序均使用中文。",
     "第十四条 争议解决\n争议提交上海国际仲裁中心仲裁。\n第十五条 语言\n与本合同有关的一切通知均使用中文。"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("finding", "kind", "key", "value", "states", "omits"),
    PAIRS_ELSEWHERE,
    ids=[f"{p[0]}-{i}" for i, p in enumerate(PAIRS_ELSEWHERE)],
)
def test_element_stated_elsewhere_or_after_a_colon(
    finding: str, kind: str, key: str | None, value: str | None, states: str, omits: str
) -> None:
    test_stated_element_gets_no_finding_and_a_close_text_keeps_it(finding, kind, key, value, states, omits)


# A law named by its adjective ("governed by English law") is the chosen law: a contract under English law gets no
# note on what PRC law says of day counts; with no law chosen the note stays.
LAW_ADJECTIVE = [
    ("6. Support\nSeller shall repair faults within 2 days.\n16. Governing Law\nThis Agreement is governed by English "
     "law.", "English law",
     "6. Support\nSeller shall repair faults within 2 days.\n16. Compliance\nThe Supplier shall comply with English "
     "law."),
    ("6. Support\nSeller shall repair faults within 2 days.\n16. This Agreement is subject to Swiss law.", "Swiss law",
     "6. Support\nSeller shall repair faults within 2 days.\n16. The Supplier shall observe Swiss law."),
    ("6. Support\nSeller shall repair faults within 2 days.\n16. Singapore law shall govern this Agreement.",
     "Singapore law",
     "6. Support\nSeller shall repair faults within 2 days.\n16. Singapore law requires the Supplier to hold a "
     "licence."),
]  # fmt: skip


def _prc_note(report: dict[str, Any]) -> bool:
    return any("Civil Code Art. 201" in f.get("message_en", str(f)) for f in report["findings"])


@pytest.mark.parametrize(("states", "law", "omits"), LAW_ADJECTIVE)
def test_a_law_named_by_its_adjective_is_the_chosen_law(states: str, law: str, omits: str) -> None:
    stated = _report(states)
    assert _values(stated, LAW).get("law") == law
    assert "missing" not in _codes(stated, LAW)
    assert not _prc_note(stated)
    omitted = _report(omits)
    assert "missing" in _codes(omitted, LAW)
    assert _prc_note(omitted)


def test_chinese_law_named_by_its_adjective_keeps_the_prc_note() -> None:
    report = _report(
        "6. Support\nSeller shall repair faults within 2 days.\n16. This Agreement is governed by Chinese law."
    )
    assert _values(report, LAW).get("law") == "Chinese law"
    assert _prc_note(report)


# ------------------------------------------------------------------ val22: three misreadings left by elem22, each a
# pair of our own wording written before the fix: a warranty term counted from an acceptance certificate is not an
# inspection period; a law applying to the staff is not the contract's choice of law; an institution known by its
# initials (AIAC) is named, an unknown acronym is not.
def _inspection_periods(report: dict[str, Any]) -> list[str]:
    return [d["text"] for d in _values(report, "inspection_acceptance").get("durations", [])]


INSPECTION = "6. Inspection\nThe Buyer shall inspect the Goods within 30 days of delivery."


# --- 1. the warranty's months counted from acceptance are not an inspection period
@pytest.mark.parametrize(
    "warranty",
    [
        "8. Warranty\nThe warranty period is 24 months from the date of the final acceptance certificate.",
        "8. Warranty\nThe Plant is warranted for 24 months from the date of the final acceptance certificate.",
        "8. Warranty\nThe warranty shall last 24 months from the date of the final acceptance certificate.",
        "8. Warranty\nThe Plant is guaranteed for 24 months following final acceptance.",
    ],
)
def test_a_warranty_term_from_acceptance_is_not_an_inspection_period(warranty: str) -> None:
    report = _report(f"{INSPECTION}\n{warranty}")
    assert _inspection_periods(report) == ["30 days"]
    assert _values(report, "warranty_period")["months"] == "24"


def test_the_inspection_period_itself_stays() -> None:
    report = _report(INSPECTION)
    assert _inspection_periods(report) == ["30 days"]
    assert "missing" not in _codes(report, "inspection_acceptance")


# --- 2. a law applying to people is not the contract's choice of law (law read, or None: the finding stays)
@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("16. Governing Law\nSingapore law applies to this Agreement.", "Singapore law"),
        ("16. Governing Law\nThis Agreement is governed by Singapore law.", "Singapore law"),
        ("16. Law\nSingapore law applies to this Agreement and to any dispute arising from it.", "Singapore law"),
        ("11. Personnel\nSingapore law applies to the Supplier's staff.", None),
        ("11. Personnel\nSingapore law applies to the employment of the Supplier's personnel on site.", None),
        ("11. Personnel\nThe Supplier shall ensure that Malaysian law applies to its employees working on the Site.",
         None),
    ],
)  # fmt: skip
def test_a_law_applying_to_the_staff_is_not_a_choice_of_law(text: str, law: str | None) -> None:
    report = _report(text)
    assert ("missing" in _codes(report, "governing_law")) is (law is None)
    assert _values(report, "governing_law").get("law") == law


# --- 3. arbitral institutions known by their initials
@pytest.mark.parametrize("initials", ["AIAC", "SIAC", "HKIAC", "ICC", "LCIA", "CIETAC", "SHIAC", "SCIA", "BAC"])
def test_an_institution_named_by_its_initials_is_named(initials: str) -> None:
    report = _report(
        f"14. Arbitration\nAny dispute shall be finally resolved by arbitration under the {initials} Rules, seated in "
        "Kuala Lumpur, in English."
    )
    assert "no_institution" not in _codes(report, "dispute_resolution")
    assert _values(report, "dispute_resolution")["institution"] == initials


@pytest.mark.parametrize("unknown", ["QXAC", "ABCD", "PQRS"])
def test_an_unknown_acronym_is_not_an_institution(unknown: str) -> None:
    report = _report(
        f"14. Arbitration\nAny dispute shall be finally resolved by arbitration under the {unknown} Rules, seated in "
        "Kuala Lumpur, in English."
    )
    assert "no_institution" in _codes(report, "dispute_resolution")
