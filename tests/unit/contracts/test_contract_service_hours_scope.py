"""Service hours are the hours in which the supplier's support answers and works (quality sweep). Hours of
other things a contract times the same way — when goods are delivered, when installers may come on site,
when the buyer's office is open — are not the support cover: counted as service hours they would tell the
buyer "service hours stated" for a contract that never says when support is available, and the SLA engine
would be handed delivery hours as business hours. Each pair: the same clock times, once for support (found,
with its days and hours) and once for something else (not service hours). Contract texts written for these
tests."""

from __future__ import annotations

from typing import Any

import pytest

from disputedesk.domain.contract_clarity import check_text

from .conftest import AS_OF

ZH_SUPPORT_TIME = "\n第八条 售后服务\n8.1 乙方应在接到故障通知后4小时内响应。\n"
EN_SUPPORT_TIME = "\n8. Support\n8.1 The Supplier shall respond within 4 business hours of a fault notice.\n"


def service_hours(text: str) -> tuple[str, Any]:
    report = check_text(text, as_of=AS_OF).as_dict()
    [found] = [c for c in report["clauses"] if c["kind"] == "service_hours"]  # type: ignore[union-attr]
    return found["status"], report["support_terms_draft"]["service_hours"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("other", "support"),
    [
        (  # deliveries on working days
            "第五条 交货\n5.1 乙方应在工作日8:00至17:00之间送货。",
            "第五条 技术支持\n5.1 乙方在工作日8:00至17:00之间提供电话技术支持。",
        ),
        (
            "第五条 交货\n5.1 交货时间为周一至周五9:00-17:00，乙方应提前一天通知甲方。",
            "第五条 服务时间\n5.1 技术支持服务时间为周一至周五9:00-17:00，节假日另行约定。",
        ),
        (  # installers on site
            "第六条 安装\n6.1 乙方安装人员应在周一至周五8:30-17:30进场安装调试。",
            "第六条 维护\n6.1 乙方维修人员在周一至周五8:30-17:30受理故障报修。",
        ),
        (  # the buyer's office hours
            "第九条 其他\n9.1 甲方办公时间为周一至周五9:00-18:00。",
            "第九条 热线\n9.1 乙方服务热线的服务时间为周一至周五9:00-18:00。",
        ),
    ],
    ids=["deliveries", "delivery-hours", "installers", "buyer-office"],
)
def test_chinese_support_hours_count_and_delivery_installation_or_office_hours_do_not(other: str, support: str) -> None:
    status, hours = service_hours(other + ZH_SUPPORT_TIME)
    assert status == "missing" and hours is None
    status, hours = service_hours(support + ZH_SUPPORT_TIME)
    assert status == "present" and hours["days"] == "Mon-Fri" and hours.get("start")


@pytest.mark.parametrize(
    ("other", "support"),
    [
        (
            "5. Delivery\n5.1 Goods are delivered to the Buyer's dock Monday to Friday 9:00-17:00 only.",
            "5. Support hours\n5.1 Support hours are Monday to Friday 9:00-17:00.",
        ),
        (
            "6. Installation\n6.1 Installation visits take place Monday to Friday between 9:00 and 17:00.",
            "6. Help desk\n6.1 The help desk answers calls Monday to Friday between 9:00 and 17:00.",
        ),
        (
            "9. Access\n9.1 The Buyer's office hours are 8:30 to 17:30, Monday to Friday.",
            "9. Support\n9.1 The Supplier's support hours are 8:30 to 17:30, Monday to Friday.",
        ),
    ],
    ids=["deliveries", "installation-visits", "buyer-office"],
)
def test_english_support_hours_count_and_delivery_installation_or_office_hours_do_not(other: str, support: str) -> None:
    status, hours = service_hours(other + EN_SUPPORT_TIME)
    assert status == "missing" and hours is None
    status, hours = service_hours(support + EN_SUPPORT_TIME)
    assert status == "present" and hours["days"] == "Mon-Fri" and hours.get("start")


def test_support_hours_given_between_two_times_are_read_with_their_times() -> None:
    text = "6. Help desk\n6.1 The help desk answers calls Monday to Friday between 9:00 and 17:30."
    _, hours = service_hours(text + EN_SUPPORT_TIME)
    assert (hours["start"], hours["end"]) == ("09:00", "17:30")
