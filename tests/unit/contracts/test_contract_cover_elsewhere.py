"""Working-hours cover stated in another article than the time (fix22b, issue 19). A lawyer reads a contract as a
whole (PRC Civil Code Art. 466 with Art. 142(1): words read with the related clauses; UNVERIFIED, not in
LEGAL-NOTES): "5×8" in a service-hours article suggests that a repair time in the after-sales article counts working
days too, but does not say so. So the low "the cover suggests working hours/days" finding, naming the clause of the
cover, replaces the medium "not stated" one; the basis itself stays unstated. Cover that is no service hours
(delivery hours) or service hours that also give round-the-clock cover somewhere (7×24 for urgent faults) suggest
nothing: the medium finding stays. Contract texts written for these tests."""

from __future__ import annotations

from typing import Any

from disputedesk.domain.contract_clarity import check_text

from .conftest import AS_OF


def unclear(text: str, kind: str) -> dict[str, Any]:
    report = check_text(text, as_of=AS_OF).as_dict()
    [said] = [f for f in report["findings"] if f["kind"] == kind and f["code"] == "basis_unclear"]  # type: ignore[index]
    return said  # type: ignore[no-any-return]


ZH = (
    "冷库维保合同\n第一条 服务时间\n1.1 乙方的技术支持时间为5×8小时。\n"
    "第二条 售后服务\n2.1 冷库设备发生故障的，乙方应在3日内修复。\n"
)
EN = (
    "CHILLER MAINTENANCE AGREEMENT\n1. Support hours\n1.1 The helpdesk is staffed Monday to Friday 9:00-18:00.\n"
    "2. Repairs\n2.1 The Supplier shall repair a failed chiller within 2 days.\n"
)


def test_cover_in_a_service_hours_article_suggests_working_days_for_a_time_in_another() -> None:
    zh = unclear(ZH, "resolution_time")
    assert zh["severity"] == "low" and zh["location"]["clause"] == "2.1"
    said = "合同约定了工作时间内的服务（5×8，第1.1条），这提示可能按工作日计算，但未写明3日为工作日。"
    assert said in zh["message_zh"]
    assert "working-hours cover (5×8, cl. 1.1), which suggests working days" in zh["message_en"]
    en = unclear(EN, "resolution_time")
    assert en["severity"] == "low" and en["location"]["clause"] == "2.1"
    assert "(Monday to Friday 09:00–18:00, cl. 1.1)" in en["message_en"]
    assert "（周一至周五09:00–18:00，第1.1条）" in en["message_zh"]
    assert not any("a" <= ch.lower() <= "z" for ch in en["message_zh"])  # Chinese throughout
    # hours too: "suggests working hours"
    hours = unclear(ZH.replace("3日内修复", "4小时内修复"), "resolution_time")
    assert hours["severity"] == "low" and "suggests working hours" in hours["message_en"]


def test_hours_that_are_no_service_hours_or_that_also_run_round_the_clock_suggest_nothing() -> None:
    deliveries = (
        "SPARE PARTS AGREEMENT\n1. Delivery\n1.1 Goods are delivered to the dock Monday to Friday 9:00-18:00 only.\n"
        "2. Repairs\n2.1 The Supplier shall repair a failed chiller within 2 days.\n"
    )
    said = unclear(deliveries, "resolution_time")
    assert said["severity"] == "medium" and "cover" not in said["message_en"]
    urgent = ZH.replace("5×8小时。", "5×8小时；紧急故障7×24小时。")
    said = unclear(urgent, "resolution_time")
    assert said["severity"] == "medium" and "5×8" not in said["message_zh"]
