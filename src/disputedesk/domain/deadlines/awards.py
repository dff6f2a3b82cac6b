"""Awards: enforcement in China (Civil Procedure Law Art. 250) and the window to set aside an award
(Arbitration Law 2017 / 2025)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dateutil.relativedelta import relativedelta

from ..officialcal import OfficialCalendar
from ..periods import Unit, compute_period
from ..text import Seq, T
from .explain import Deadline, _make, _unverified_note
from .facts import Facts
from .rules import ARBITRATION_LAW_2025_IN_FORCE, RULES, Rule


@dataclass(frozen=True)
class ArbitrationLawVersion:
    name: str
    set_aside_months: int
    rule: Rule


def arbitration_law_for(award_received_on: date) -> ArbitrationLawVersion:
    """Which Arbitration Law text governs a set-aside application, chosen by the date of receipt.

    The 2025 revision is in force from 1 March 2026. Its transitional rule is not in the research
    notes; receipt on or after that day is taken to mean the new text applies.
    """
    if award_received_on >= ARBITRATION_LAW_2025_IN_FORCE:
        return ArbitrationLawVersion(T("Arbitration Law as revised 2025"), 3, RULES["set_aside_2025"])
    return ArbitrationLawVersion(T("Arbitration Law 2017"), 6, RULES["set_aside_2017"])


def set_aside_deadline(
    award_received_on: date, *, calendar: OfficialCalendar | str = "cn", proxy_note: str = ""
) -> Deadline:
    """The other side's window to apply to set aside a PRC award (D15)."""
    version = arbitration_law_for(award_received_on)
    p = compute_period(award_received_on, version.set_aside_months, Unit.MONTH, calendar=calendar)
    explanation = [
        T(
            "version applied: %(version)s (%(rule)s), chosen by the receipt date %(day)s "
            "(the 2025 text is in force from %(since)s)",
            version=version.name,
            rule=version.rule.cite(),
            day=award_received_on,
            since=ARBITRATION_LAW_2025_IN_FORCE,
        ),
        version.rule.text,
        *p.steps,
        T(
            "until this date the award is exposed to an application to set it aside "
            "(award made in mainland China assumed)"
        ),
    ]
    if proxy_note:
        explanation.insert(0, proxy_note)
    return _make(
        "set_aside",
        T("other side's window to apply to set aside (%(n)s months)", n=version.set_aside_months),
        p.due,
        [version.rule.id, "period_arithmetic", "period_arithmetic_procedure"],
        {"award_received_on": award_received_on.isoformat(), "arbitration_law": version.name},
        explanation,
        provisional=p.provisional,
        needs_counsel=bool(proxy_note),
    )


def award_deadlines(facts: Facts, *, calendar: OfficialCalendar | str = "cn") -> list[Deadline]:
    apd = facts.award_performance_deadline
    if apd is None:
        return []
    p = compute_period(apd, 2, Unit.YEAR, calendar=calendar)
    reminders = Seq((p.due - relativedelta(months=m) for m in (12, 6, 3)), ", ")
    enforcement = _make(
        "award_enforcement",
        T("apply to enforce the award in China"),
        p.due,
        ["award_enforcement", "period_arithmetic", "period_arithmetic_procedure"],
        {"award_performance_deadline": apd.isoformat()},
        [
            RULES["award_enforcement"].text,
            *p.steps,
            T("reminders: %(days)s (12, 6 and 3 months before)", days=reminders),
            _unverified_note("award_enforcement_foreign"),
        ],
        provisional=p.provisional,
    )
    version = arbitration_law_for(apd)
    proxy = T(
        "the facts give no date on which the award was received; receipt is normally no later than the "
        "award's performance deadline (%(day)s), so that date is used: the window closes no later than shown",
        day=apd,
    )
    set_aside = set_aside_deadline(apd, calendar=calendar, proxy_note=proxy)
    if version.set_aside_months == 3:
        older = compute_period(apd, 6, Unit.MONTH, calendar=calendar)
        set_aside = replace(
            set_aside,
            explanation=set_aside.explanation
            + (
                T(
                    "if the award was received before 1 March 2026, the 2017 text's 6 months may apply "
                    "(PRC Arbitration Law (2017) Art. 59), which would end no later than %(end)s; the "
                    "transitional rule is not in the research notes",
                    end=older.due,
                ),
            ),
        )
    return [enforcement, set_aside]
