"""Cross-check the Chinese calendar against the independent `holidays` package."""

from __future__ import annotations

import re
from datetime import date

import holidays
import pytest

from disputedesk.domain.bizcal import BusinessCalendar
from disputedesk.domain.officialcal import ChinaCalendar, get_calendar

CN = get_calendar("cn")
assert isinstance(CN, ChinaCalendar)
KNOWN_DISAGREEMENTS = {date(2005, 12, 31)}
YEARS = list(range(2004, CN.last_published_year + 1))  # the years our data covers


def test_every_holidays_package_cn_holiday_is_a_rest_day() -> None:
    cal = BusinessCalendar()
    wrong = []
    for y in YEARS:
        for d, name in holidays.country_holidays("CN", years=y).items():
            if cal.day_plan(d).working:
                wrong.append((d, name))
    assert wrong == []


def test_substituted_working_days_in_holidays_package_are_working() -> None:
    # `holidays` names days off "Day off (substituted from MM/DD/YYYY)": that date is a make-up
    # working day, which our calendar must count.
    cal = BusinessCalendar()
    checked = 0
    disagree = set()
    for y in YEARS:
        for _, name in holidays.country_holidays("CN", years=y).items():
            m = re.search(r"substituted from (\d{2})/(\d{2})/(\d{4})", str(name))
            if m:
                d = date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
                if CN.covers(d):
                    if not cal.day_plan(d).working:
                        disagree.add(d)
                    checked += 1
    if checked == 0:
        pytest.skip("this holidays version does not name substituted days")
    # Known disagreement: `holidays` says Sat 2005-12-31 was worked in exchange for 2006-01-03;
    # `chinese_calendar` 1.11.0 has no make-up day there (its data for 2005 ends with the year).
    # Reported to the maintainers of officialcal; any *new* disagreement fails this test.
    assert disagree <= KNOWN_DISAGREEMENTS
