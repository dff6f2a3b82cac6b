"""Cover written as "days × hours" is the service hours the SLA engine counts (issue 19). "5×12" is twelve hours on
working days, "7×12" twelve hours every day, "5×24" all day on working days, "24/7" at the end of an English
sentence round the clock. Before, 5×12 / 7×12 / a sentence-final "24/7" were not read at all and 5×24 gave the days
without the hours, so the SLA engine counted the supplier's default calendar (09:00–18:00 less lunch), which
misstates the promise. A contract that says "5×12" names no clock times: the check says which twelve it assumes
(08:00–20:00) and that they are unconfirmed, and only those assumed hours are handed over — never silently. The
same promise written hours first ("12×5", "12x5", "12×7") is read alike; before, it was not read at all.
Each positive has a near miss: the buyer's own round-the-clock watch, a 12-month warranty, 5 × 12 pieces, 12 × 5
pieces, a carton of 12×5 cm.
Contract texts written for these tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from disputedesk.domain.contract_clarity import check_text
from disputedesk.domain.sla import SupportTerms
from disputedesk.services.contracts import sla_terms_from_draft

from .conftest import AS_OF
from .test_contract_hours_to_sla import words

SHANGHAI = ZoneInfo("Asia/Shanghai")
TIME_ZH = "\n第八条 售后服务\n8.1 乙方应在接到故障通知后4小时内响应。\n"
TIME_EN = "\n8. Repairs\n8.1 The Supplier shall respond within 4 hours of a fault notice.\n"


def report(text: str) -> dict[str, Any]:
    return check_text(text, as_of=AS_OF).as_dict()  # type: ignore[return-value]


def hours_found(text: str) -> dict[str, Any] | None:
    return report(text)["support_terms_draft"]["service_hours"]  # type: ignore[no-any-return]


def service_hours_status(text: str) -> str:
    [found] = [c for c in report(text)["clauses"] if c["kind"] == "service_hours"]
    return str(found["status"])


def coverage(text: str) -> dict[str, Any] | None:
    terms = sla_terms_from_draft(report(text)["support_terms_draft"], "E-0042", "HT-1")
    return terms["severities"]["normal"].get("coverage")  # type: ignore[no-any-return]


TWELVE_ON_WORKING_DAYS = (
    "第七条 服务\n7.1 乙方提供5×12小时技术支持服务。" + TIME_ZH,
    "7. Support\n7.1 The Supplier provides 5x12 technical support by telephone." + TIME_EN,
)
TWELVE_EVERY_DAY = (
    "第七条 服务\n7.1 乙方设立7×12小时服务热线，受理故障报修。" + TIME_ZH,
    "7. Support\n7.1 The Supplier runs a 7x12 hotline for fault reports." + TIME_EN,
)
ALL_DAY_ON_WORKING_DAYS = (
    "第七条 服务\n7.1 乙方提供5×24小时技术支持服务。" + TIME_ZH,
    "7. Support\n7.1 The Supplier provides 5x24 support." + TIME_EN,
)
# the same promise written hours-first: "12×5" is twelve hours on five working days, "12×7" on every day
TWELVE_HOURS_FIRST = (
    ("第七条 服务\n7.1 乙方提供12×5小时电话技术支持。" + TIME_ZH, "Mon-Fri", 5),
    ("7. Support\n7.1 Supplier offers 12x5 phone support for the line." + TIME_EN, "Mon-Fri", 5),
    ("第七条 服务\n7.1 乙方按12X5提供热线及远程服务。" + TIME_ZH, "Mon-Fri", 5),
    ("第七条 服务\n7.1 乙方提供12×7小时远程支持。" + TIME_ZH, "Mon-Sun", 7),
)
ROUND_THE_CLOCK_AT_SENTENCE_END = (
    "7. Support\n7.1 Technical support is available 24/7." + TIME_EN,
    "7. Support\n7.1 The Supplier's hotline answers fault calls 7x24." + TIME_EN,
)


@pytest.mark.parametrize("text", TWELVE_ON_WORKING_DAYS)
def test_five_by_twelve_is_twelve_hours_on_working_days_with_the_assumed_hours_said(text: str) -> None:
    sh = hours_found(text)
    assert sh is not None and sh["days"] == "Mon-Fri" and sh["hours_per_day"] == "12"
    assert "start" not in sh  # the contract states no clock times: none is put in its mouth
    said = words(sh)
    assert "Monday to Friday" in said and "12 hours a day, clock times not stated" in said
    assert "assumed 08:00–20:00, unconfirmed" in said
    # handed over: the assumed twelve hours on working days, PRC holidays skipped (suggested calendar)
    cover = coverage(text)
    assert cover is not None and cover["windows"] == {str(d): "08:00-20:00" for d in range(5)}
    assert cover["official"] == "cn"
    # a fault reported Monday 18:00 Beijing time: 2 hours that evening, 2 the next morning — due Tuesday 10:00
    # (the default calendar, 09:00–18:00 less lunch, would say Tuesday 12:00)
    terms = sla_terms_from_draft(report(text)["support_terms_draft"], "E-0042", "HT-1")
    cal = SupportTerms.from_dict(terms).severity("normal").coverage
    assert cal is not None
    due = cal.add(datetime(2026, 3, 2, 18, 0, tzinfo=SHANGHAI), "4h").deadline.astimezone(SHANGHAI)
    assert due == datetime(2026, 3, 3, 10, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize("text", TWELVE_EVERY_DAY)
def test_seven_by_twelve_is_twelve_hours_every_day(text: str) -> None:
    sh = hours_found(text)
    assert sh is not None and sh["days"] == "Mon-Sun" and sh["hours_per_day"] == "12"
    assert "coverage" not in sh  # not round the clock
    assert "assumed 08:00–20:00, unconfirmed" in words(sh)
    cover = coverage(text)
    assert cover is not None and cover["windows"] == {str(d): "08:00-20:00" for d in range(7)}


@pytest.mark.parametrize(("text", "days", "n"), TWELVE_HOURS_FIRST)
def test_twelve_by_five_reads_as_five_by_twelve(text: str, days: str, n: int) -> None:
    sh = hours_found(text)
    assert sh is not None and sh["days"] == days and sh["hours_per_day"] == "12"
    assert "start" not in sh and "coverage" not in sh
    assert "12 hours a day, clock times not stated" in words(sh)
    assert "assumed 08:00–20:00, unconfirmed" in words(sh)
    assert service_hours_status(text) != "missing"
    cover = coverage(text)
    assert cover is not None and cover["windows"] == {str(d): "08:00-20:00" for d in range(n)}
    # the 4 hours to respond stay a time limit: "12×5小时" gives no "5 hours" of its own
    terms = sla_terms_from_draft(report(text)["support_terms_draft"], "E-0042", "HT-1")
    assert terms["severities"]["normal"]["first_response"] == "4h"


@pytest.mark.parametrize("text", ALL_DAY_ON_WORKING_DAYS)
def test_five_by_twenty_four_is_all_day_on_working_days(text: str) -> None:
    sh = hours_found(text)
    assert sh is not None and sh["days"] == "Mon-Fri" and (sh["start"], sh["end"]) == ("00:00", "24:00")
    assert "coverage" not in sh and "hours_per_day" not in sh
    cover = coverage(text)
    assert cover is not None and cover["windows"] == {str(d): "00:00-24:00" for d in range(5)}
    assert cover["official"] == "cn"


@pytest.mark.parametrize("text", ROUND_THE_CLOCK_AT_SENTENCE_END)
def test_round_the_clock_at_the_end_of_an_english_sentence(text: str) -> None:
    sh = hours_found(text)
    assert sh is not None and sh["coverage"] == "24x7"
    cover = coverage(text)
    assert cover is not None and cover["official"] == "none"
    assert cover["windows"] == {str(d): "00:00-24:00" for d in range(7)}


@pytest.mark.parametrize(
    "text",
    [
        # the buyer's own round-the-clock watch of its site is no support cover
        "7. Site\n7.1 The Buyer shall provide 24/7 monitoring of the Buyer's own site by the Buyer's staff." + TIME_EN,
        "第七条 现场\n7.1 甲方自行负责7×24小时厂区安保值守。" + TIME_ZH,
        # a twelve-month warranty, twelve pieces
        "7. Warranty\n7.1 The warranty period is 12 months from acceptance, 5 days a week inspection." + TIME_EN,
        "第七条 质量保证\n7.1 保修期为12个月，自验收合格之日起计算。" + TIME_ZH,
        "7. Spare parts\n7.1 The Supplier shall deliver 5 x 12 pieces of filter cartridges with the machine." + TIME_EN,
        "第七条 备件\n7.1 乙方随机提供备用滤芯5×12件。" + TIME_ZH,
        # twelve-by-five as a count or a size, not hours and days
        "7. Spare parts\n7.1 The Supplier shall ship 12 × 5 pieces of gaskets with the press." + TIME_EN,
        "7. Packing\n7.1 Each spare board is packed in a carton of 12×5 cm, labelled with the part number." + TIME_EN,
        "第七条 包装\n7.1 随机配件按12×5件装箱，外箱尺寸12×5厘米。" + TIME_ZH,
    ],
)
def test_near_misses_are_no_service_hours_and_hand_over_no_coverage(text: str) -> None:
    assert service_hours_status(text) == "missing"
    assert hours_found(text) is None
    assert coverage(text) is None
