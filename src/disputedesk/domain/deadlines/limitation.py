"""Limitation: 3 or 4 years (Civil Code Arts. 188, 594), restarted (Art. 195), suspended (Art. 194),
and the 20-year long stop."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..officialcal import OfficialCalendar
from ..periods import PeriodResult, Unit, compute_period
from ..text import T, Text
from .explain import Deadline, _iso_list, _make, _unverified_note
from .facts import Facts
from .rules import CIVIL_CODE_IN_FORCE, FOUR_YEAR_TYPES, RULES, Rule


def limitation_years(contract_type: str) -> tuple[int, Rule]:
    """3 years (Civil Code Art. 188) or 4 years (Art. 594) depending on the contract type."""
    if contract_type in FOUR_YEAR_TYPES:
        return 4, RULES["limitation_international"]
    return 3, RULES["limitation_general"]


def last_six_months(due: date) -> tuple[date, date]:
    """The window in which an obstacle suspends the limitation period (Civil Code Art. 194)."""
    return due - relativedelta(months=6) + timedelta(days=1), due


def apply_suspension(
    due: date, obstacle_from: date, obstacle_until: date, *, calendar: OfficialCalendar | str = "cn"
) -> PeriodResult | None:
    """Civil Code Art. 194: an obstacle in the last six months suspends the period.

    Returns the new end (six months after the obstacle is removed) or None when the obstacle does
    not touch the last six months or does not move the end.
    """
    if obstacle_until < obstacle_from:
        raise ValueError(f"obstacle_until: {obstacle_until} is before obstacle_from ({obstacle_from})")
    window_start, window_end = last_six_months(due)
    if obstacle_until < window_start or obstacle_from > window_end:
        return None
    result = compute_period(obstacle_until, 6, Unit.MONTH, calendar=calendar)
    return result if result.due > due else None


def _run_limitation(
    facts: Facts, years: int, calendar: OfficialCalendar | str
) -> tuple[PeriodResult, list[str], list[tuple[date, Text]]]:
    """Start at knowledge_on; each demand/acknowledgement inside the running period restarts it."""
    current = compute_period(facts.knowledge_on, years, Unit.YEAR, calendar=calendar)
    steps: list[str] = [
        T(
            "starts with knowledge of the breach and of the supplier on %(day)s: ends %(end)s",
            day=facts.knowledge_on,
            end=current.due,
        )
    ]
    events = sorted(
        [(d, T("demand")) for d in facts.demands]
        + [(d, T("acknowledgement by the supplier")) for d in facts.acknowledgements]
    )
    late: list[tuple[date, Text]] = []
    for when, what in events:
        if when <= current.due:
            current = compute_period(when, years, Unit.YEAR, calendar=calendar)
            steps.append(
                T(
                    "%(what)s on %(day)s: the period restarts and is counted from the next day "
                    "(Civil Code Arts. 195, 201): ends %(end)s",
                    what=what,
                    day=when,
                    end=current.due,
                )
            )
        else:
            late.append((when, what))
            steps.append(
                T(
                    "%(what)s on %(day)s came after the period had ended (%(end)s): it restarts nothing",
                    what=what,
                    day=when,
                    end=current.due,
                )
            )
    return current, steps, late


def limitation_deadlines(facts: Facts, *, calendar: OfficialCalendar | str = "cn") -> list[Deadline]:
    """Limitation (Art. 188 or 594, restarted under Art. 195) and the 20-year long stop."""
    inputs = {
        "governing_law": facts.governing_law,
        "contract_type": facts.contract_type,
        "knowledge_on": facts.knowledge_on.isoformat(),
        "demands": _iso_list(sorted(facts.demands)),
        "acknowledgements": _iso_list(sorted(facts.acknowledgements)),
    }
    if facts.governing_law not in ("CN", "unknown"):
        gl = RULES["governing_law"]
        return [
            _make(
                "limitation",
                T("limitation under the law of %(law)s", law=facts.governing_law),
                None,
                ["governing_law"],
                inputs,
                [
                    T(
                        "the contract is governed by the law of %(law)s, not PRC law: limitation "
                        "follows that law (%(rule)s); no date is computed",
                        law=facts.governing_law,
                        rule=gl.citation,
                    ),
                    T("the notice-of-non-conformity rules of that law also need counsel"),
                ],
                needs_counsel=True,
            )
        ]
    years, base_rule = limitation_years(facts.contract_type)
    period, steps, late = _run_limitation(facts, years, calendar)
    counsel = False
    notes: list[str] = []
    if facts.governing_law == "unknown":
        counsel = True
        notes.append(
            T(
                "governing law unknown: PRC law is assumed, which holds only if there is no choice-of-law "
                "clause and the seller is in the PRC (%(rule)s); counsel to confirm",
                rule=RULES["governing_law"].citation,
            )
        )
    if late:
        counsel = True
        notes.append(
            T(
                "an acknowledgement after expiry may stop the supplier from relying on limitation: %(note)s",
                note=_unverified_note("limitation_after_expiry"),
            )
        )
    if facts.knowledge_on < CIVIL_CODE_IN_FORCE:
        counsel = True
        notes.append(_unverified_note("civil_code_temporal"))
    six_from, six_to = last_six_months(period.due)
    explanation = [
        T("%(n)s years (%(rule)s): %(text)s", n=years, rule=base_rule.citation, text=base_rule.text),
        *steps,
        *period.steps,
        T(
            "each demand counts only if its delivery to the supplier can be proved; filing suit or "
            "arbitration also restarts the period (Civil Code Art. 195)"
        ),
        T(
            "if from %(start)s to %(end)s an obstacle such as force majeure prevents the claim, the period "
            "ends six months after the obstacle is removed (Civil Code Art. 194)",
            start=six_from,
            end=six_to,
        ),
        T("contract clauses changing the limitation period are void (Civil Code Art. 197)"),
        T("if the buyer should have known of the breach earlier than knowledge_on, the period started earlier"),
        _unverified_note("arbitration_uses_limitation"),
        *notes,
    ]
    rule_ids = [base_rule.id, "limitation_interruption", "period_arithmetic"]
    limitation = _make(
        "limitation",
        T("limitation period (%(n)s years)", n=years),
        period.due,
        rule_ids,
        inputs,
        explanation,
        provisional=period.provisional,
        needs_counsel=counsel,
    )
    longstop_period = compute_period(facts.received_on, 20, Unit.YEAR, calendar=calendar)
    longstop = _make(
        "limitation_longstop",
        T("20-year long stop"),
        longstop_period.due,
        ["limitation_longstop", "period_arithmetic"],
        {"received_on": facts.received_on.isoformat(), "governing_law": facts.governing_law},
        [
            RULES["limitation_longstop"].text,
            T(
                "the facts have no date of infringement; received_on, the earliest date in the facts, is used "
                "as a conservative start (counsel to confirm)"
            ),
            T("not restarted by demands or acknowledgements"),
            *longstop_period.steps,
            *notes[:1],
        ],
        provisional=longstop_period.provisional,
        needs_counsel=True,
    )
    return [limitation, longstop]
