"""What a user sees in the report: kinds with values and locations, vague wording, legal flags."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from disputedesk.domain.contract_clarity import (
    KINDS,
    SuggestionParams,
    check_text,
    detected_kinds,
)

from .conftest import AS_OF


def report(fixtures: Path, name: str, as_of: date = AS_OF, **kw: Any) -> dict[str, Any]:
    return check_text((fixtures / name).read_text(encoding="utf-8"), as_of=as_of, **kw).as_dict()


def kind(rep: dict[str, Any], k: str) -> dict[str, Any]:
    return next(c for c in rep["clauses"] if c["kind"] == k)


def test_demo_contract_report(fixtures: Path) -> None:
    text = (fixtures / "demo_contract.txt").read_text(encoding="utf-8")
    rep = check_text(text, as_of=AS_OF).as_dict()
    assert rep["language"] == "en"
    assert [c["kind"] for c in rep["clauses"]][:2] == ["response_time", "resolution_time"]
    assert {c["kind"] for c in rep["clauses"]} == set(KINDS)
    # 24-month warranty from shipment, flagged because it starts before the machine runs
    w = kind(rep, "warranty_period")
    assert w["present"] and w["values"]["months"] == "24" and "shipment" in w["values"]["start_event"]
    assert "early_start" in [i["code"] for i in w["issues"]]
    loc = w["excerpts"][0]["location"]
    assert loc["clause"] == "5.1" and text[loc["char_start"] : loc["char_end"]].startswith("5.1 The warranty period")
    # "timely technical support" is not a response time, and "timely" is vague (Civil Code Art. 511)
    assert not kind(rep, "response_time")["present"]
    timely = next(v for v in rep["vague_terms"] if v["term"] == "timely")
    assert timely["location"]["clause"] == "6.1"
    assert text[timely["location"]["char_start"] : timely["location"]["char_end"]] == (
        "6.1 Seller shall provide timely technical support."
    )
    assert "Art. 511" in timely["citation"]["citation"]
    # 7-day inspection and deemed acceptance (Civil Code Art. 622)
    insp = kind(rep, "inspection_acceptance")
    codes = {i["code"]: i for i in insp["issues"]}
    assert "Art. 622" in codes["short_inspection"]["citation"]["citation"]
    assert "deemed_acceptance" in codes
    # the most important findings come first
    assert rep["findings"][0]["severity"] == "high"
    assert rep["findings"][0]["kind"] == "response_time"
    # score with its breakdown
    parts = rep["score_breakdown"]
    assert sum(Decimal(p["points"]) for p in parts.values()) == pytest.approx(rep["score"], abs=1)
    assert rep["score"] < 50


def test_arbitration_without_institution_cites_the_law_in_force(fixtures: Path) -> None:
    after = kind(report(fixtures, "demo_contract.txt"), "dispute_resolution")
    issue = next(i for i in after["issues"] if i["code"] == "no_institution")
    assert "2025" in issue["citation"]["citation"] and "UNVERIFIED" in issue["citation"]["citation"]
    assert issue["citation"]["verified"] is False
    before = kind(report(fixtures, "demo_contract.txt", as_of=date(2025, 6, 1)), "dispute_resolution")
    issue = next(i for i in before["issues"] if i["code"] == "no_institution")
    assert issue["citation"]["citation"] == "PRC Arbitration Law (2017) Arts. 16, 18"


def test_chinese_contract_values(fixtures: Path) -> None:
    rep = report(fixtures, "own/zh19_cnc_router_full.txt")
    assert rep["language"] == "zh"
    resp = kind(rep, "response_time")["values"]["durations"]
    assert [(d["value"], d["unit"], d["basis"]) for d in resp] == [("4", "hour", "business")]
    assert resp[0]["location"]["clause"] == "第四条" or resp[0]["location"]["clause"] == "4.2"
    res = kind(rep, "resolution_time")["values"]["durations"]
    assert [(d["value"], d["unit"], d["basis"]) for d in res] == [("3", "day", "business")]
    sh = kind(rep, "service_hours")["values"]
    assert sh["time_zone"] == "Asia/Shanghai" and sh["calendar"] == "cn" and sh["days"] == "Mon-Sat"
    w = kind(rep, "warranty_period")["values"]
    assert w["months"] == "24" and "验收证书" in w["start_event"]
    dr = kind(rep, "dispute_resolution")["values"]
    assert (dr["institution"], dr["seat"], dr["language"], dr["arbitrators"]) == ("CIETAC", "Shanghai", "English", 3)
    assert kind(rep, "prevailing_language")["values"]["prevailing"] == "English"
    assert kind(rep, "governing_law")["values"]["law"] == "中华人民共和国"
    rates = kind(rep, "support_remedy")["values"]["rates"]
    assert {"percent": "0.2", "text": "0.2%", "base": "合同总价"}.items() <= rates[0].items()
    assert not [i for c in rep["clauses"] for i in c["issues"] if i["severity"] == "high"]


def test_english_values_with_tiers_and_money(fixtures: Path) -> None:
    rep = report(fixtures, "own/en09_production_line_full.txt")
    tiers = {t["severity"]: t for t in rep["support_terms_draft"]["severity_levels"]}
    assert tiers["critical"]["response"]["value"] == "1" and tiers["critical"]["response"]["unit"] == "hour"
    assert tiers["critical"]["resolution"]["value"] == "24"
    amounts = kind(rep, "support_remedy")["values"]["amounts"]
    assert {"amount": "500", "currency": "EUR"}.items() <= amounts[0].items()
    dr = kind(rep, "dispute_resolution")["values"]
    assert dr["institution"] == "HKIAC" and dr["seat"] == "Hong Kong" and dr["arbitrators"] == 3
    assert kind(rep, "service_hours")["values"]["coverage"] == "24x7"
    assert kind(rep, "termination")["values"]["for_support_failure"] is True


def test_vague_terms_in_both_languages(fixtures: Path) -> None:
    zh = report(fixtures, "own/zh03_laser_cutting_vague.txt")
    terms = {v["term"] for v in zh["vague_terms"]}
    assert {"及时", "尽快", "适当", "友好协商"} <= terms
    assert all(v["why"] and v["why_zh"] and v["location"]["paragraph"] >= 0 for v in zh["vague_terms"])
    dr = kind(zh, "dispute_resolution")
    assert "negotiation_only" in [i["code"] for i in dr["issues"]]
    en = report(fixtures, "own/en11_service_agreement_vague.txt")
    terms = {v["term"].lower() for v in en["vague_terms"]}
    assert {"appropriate technical support", "when necessary", "reasonable efforts", "as soon as possible"} <= terms
    assert "to be agreed" in terms and "friendly negotiation" in terms


def test_bilingual_service_agreement_feeds_the_sla_engine(fixtures: Path) -> None:
    rep = report(fixtures, "own/bi03_service_sla_bilingual.txt")
    assert rep["language"] == "bilingual"
    draft = rep["support_terms_draft"]
    assert draft["status"] == "draft" and draft["needs_confirmation"] is True
    assert draft["time_zone"] == "Asia/Shanghai" and draft["calendar"] == "cn"
    critical = draft["severity_levels"][0]
    assert critical["severity"] == "critical"
    assert (critical["response"]["value"], critical["response"]["unit"], critical["response"]["basis"]) == (
        "2",
        "hour",
        "business",
    )
    assert (critical["resolution"]["value"], critical["resolution"]["unit"]) == ("2", "day")
    assert draft["service_hours"] == {"days": "Mon-Fri", "start": "09:00", "end": "18:00"}  # 工作日: PRC working days
    json.dumps(rep, ensure_ascii=False)  # JSON-ready throughout


def test_limitation_and_unilateral_change_clauses_are_flagged(fixtures: Path) -> None:
    rep = report(fixtures, "own/zh20_ultrasonic_cleaner.txt")
    lim = [i for i in kind(rep, "dispute_resolution")["issues"] if i["code"] == "limitation_clause"]
    assert lim and "Art. 197" in lim[0]["citation"]["citation"]
    rep = report(fixtures, "own/zh11_service_terms_unilateral.txt")
    uni = [i for i in kind(rep, "change_procedure")["issues"] if i["code"] == "unilateral_change"]
    assert uni and "Art. 543" in uni[0]["citation"]["citation"] and uni[0]["location"]["clause"] == "2"


def test_suggestions_are_bilingual_drafts_with_parameters(fixtures: Path) -> None:
    params = SuggestionParams(response_business_hours=2, seat="Shanghai", prevailing_language="English")
    rep = report(fixtures, "demo_contract.txt", params=params)
    by_kind = {s["kind"]: s for s in rep["suggestions"]}
    resp = by_kind["response_time"]
    assert "within 2 Business Hours" in resp["text_en"] and "2个工作小时内" in resp["text_zh"]
    assert "Asia/Shanghai" in resp["text_en"] and "调休" in resp["text_zh"]
    arb = by_kind["dispute_resolution"]
    assert "CIETAC" in arb["text_en"] and "Shanghai" in arb["text_en"]
    assert "中国国际经济贸易仲裁委员会" in arb["text_zh"] and "上海" in arb["text_zh"]
    assert "以英文文本为准" in by_kind["prevailing_language"]["text_zh"]
    assert all(s["status"] == "draft — for review by counsel" for s in rep["suggestions"])
    with pytest.raises(ValueError, match="Decimal"):
        SuggestionParams(credit_percent_per_day=0.5)  # type: ignore[arg-type]


def test_cuad_contracts_copied_into_fixtures(fixtures: Path) -> None:
    labels = json.loads((fixtures / "cuad" / "cuad_labels.json").read_text(encoding="utf-8"))
    mapping = {
        "Governing Law": "governing_law",
        "Warranty Duration": "warranty_period",
        "Liquidated Damages": "liquidated_damages",
        "Cap on Liability": "liability_cap",
    }
    for name, item in labels.items():
        found = detected_kinds((fixtures / "cuad" / name).read_text(encoding="utf-8"))
        expected = {ours for cuad, ours in mapping.items() if item["labels"][cuad]}
        assert found & set(mapping.values()) == expected, name


def test_as_of_must_be_a_date() -> None:
    with pytest.raises(ValueError):
        check_text("1. Warranty: 12 months.", as_of="2026-01-01")  # type: ignore[arg-type]


def test_speed_triggers_never_hide_a_match(fixtures: Path) -> None:
    """The cheap trigger words must be present in every sentence a kind's patterns match."""
    from disputedesk.domain.contract_clarity.analysis import (
        _KIND_RX,
        _KIND_TRIGGER,
        clause_sentences,
        paragraphs_from_text,
    )
    from disputedesk.domain.contract_clarity.clauses import split_clauses

    for path in sorted([*fixtures.glob("own/*.txt"), *fixtures.glob("heldout/*.txt"), *fixtures.glob("cuad/*.txt")]):
        for clause in split_clauses(paragraphs_from_text(path.read_text(encoding="utf-8"))):
            for s0, e0 in clause_sentences(clause):
                sentence = clause.text[s0:e0]
                for kind, rx in _KIND_RX.items():
                    trigger = _KIND_TRIGGER[kind]
                    if trigger is not None and rx.search(sentence):
                        assert trigger.search(sentence.lower()), (path.name, kind, sentence)


@pytest.mark.parametrize(
    ("text", "kind_name", "present"),
    [
        # counterparts and annexes have "equal legal effect" too; only language versions make it a language clause
        ("第十条 其他\n本合同一式两份，甲乙双方各执一份，具有同等法律效力。", "prevailing_language", False),
        ("第十条 其他\n本合同附件与本合同具有同等法律效力。", "prevailing_language", False),
        ("第十条 语言\n本合同以中文和英文书就，中英文版本具有同等法律效力。", "prevailing_language", True),
        (
            "12. Miscellaneous\nThe annexes form part of this Agreement and have equal legal effect.",
            "prevailing_language",
            False,
        ),
        (
            "12. Language\nThis contract is made in Vietnamese and English; both texts have equal validity.",
            "prevailing_language",
            True,
        ),
        # telling the other side about one event in writing is not a notices clause
        ("第三条 交货\n交货期如有变动，一方应提前书面通知，并经另一方书面认可。", "notices", False),
        ("第九条 通知\n本合同项下的所有通知均应以书面形式作出。", "notices", True),
        ("第九条 通知\n通知应以快递或电子邮件方式送达下列地址。", "notices", True),
        # software updates promised the other way round, or as what maintenance delivers
        (
            "1.6 Updates. During the Subscription Period, Provider will provide to Customer, at no additional charge, "
            "Updates.",
            "software_updates",
            True,
        ),
        (
            "A.1 During the maintenance term the Licensor provides bug fixes, new versions and patches.",
            "software_updates",
            True,
        ),
        ("3. Reports\nThe Contractor will provide progress updates every week.", "software_updates", False),
        # an uptime commitment whose level sits on the order form
        (
            "1. Uptime\nProvider will use commercially reasonable efforts to make the Cloud Service available for at "
            "least the Target Uptime.",
            "service_hours",
            True,
        ),
    ],
)
def test_wording_that_only_looks_like_a_kind(text: str, kind_name: str, present: bool) -> None:
    assert (kind_name in detected_kinds(text)) is present
