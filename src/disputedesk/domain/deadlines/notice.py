"""Notice of non-conformity under PRC law (Civil Code Arts. 620–622) and, where it applies, the CISG
(Arts. 38, 39, 44)."""

from __future__ import annotations

from typing import Any

from ..officialcal import OfficialCalendar
from ..periods import Unit, compute_period
from ..text import T
from .explain import Deadline, _make, _unverified_note
from .facts import Facts
from .rules import RULES


def notice_deadlines(facts: Facts, *, calendar: OfficialCalendar | str = "cn") -> list[Deadline]:
    """Notice of non-conformity under PRC law (Arts. 620–622) and, where it applies, the CISG."""
    out: list[Deadline] = []
    seller_knew = RULES["notice_seller_knew"]
    if facts.governing_law in ("CN", "unknown"):
        law_note = (
            [T("governing law unknown: PRC law assumed (counsel to confirm)")]
            if facts.governing_law == "unknown"
            else []
        )
        if facts.inspection_period_days is not None:
            p = compute_period(facts.received_on, facts.inspection_period_days, Unit.DAY, calendar=calendar)
            out.append(
                _make(
                    "notice_prc",
                    T("notice within the agreed inspection period"),
                    p.due,
                    ["notice_inspection_period", "period_arithmetic"],
                    {
                        "received_on": facts.received_on.isoformat(),
                        "inspection_period_days": facts.inspection_period_days,
                    },
                    [
                        RULES["notice_inspection_period"].text,
                        *p.steps,
                        T(
                            "if the agreed period is too short to find hidden defects (e.g. a machine that needs "
                            "commissioning), it counts for visible defects only (Civil Code Art. 622(1)); hidden "
                            "defects follow the outer limit below"
                        ),
                        T("%(text)s (%(rule)s)", text=seller_knew.text, rule=seller_knew.citation),
                        *law_note,
                    ],
                    provisional=p.provisional,
                )
            )
        if facts.warranty_months is not None:
            p = compute_period(facts.warranty_start(), facts.warranty_months, Unit.MONTH, roll=False)
            rule_ids = ["notice_warranty_period", "period_arithmetic"]
            what = T(
                "the warranty period (%(n)s months from %(day)s)", n=facts.warranty_months, day=facts.warranty_start()
            )
            inputs: dict[str, Any] = {
                "received_on": facts.received_on.isoformat(),
                "warranty_months": facts.warranty_months,
                "warranty_starts_on": facts.warranty_start().isoformat(),
            }
        else:
            p = compute_period(facts.received_on, 2, Unit.YEAR, roll=False)
            rule_ids = ["notice_reasonable_time", "period_arithmetic"]
            what = T("2 years from receipt (%(day)s)", day=facts.received_on)
            inputs = {"received_on": facts.received_on.isoformat(), "warranty_months": None}
        label = (
            T("outer limit for notice of non-conformity (defects the inspection period does not cover)")
            if facts.inspection_period_days is not None
            else T("outer limit for notice of non-conformity")
        )
        out.append(
            _make(
                "notice_prc",
                label,
                p.due,
                rule_ids,
                inputs,
                [
                    RULES["notice_reasonable_time"].text,
                    T("outer limit: %(what)s replaces the 2 years (Civil Code Art. 621(2))", what=what)
                    if facts.warranty_months
                    else T("outer limit: %(what)s", what=what),
                    *p.steps,
                    T(
                        "shown without moving a rest-day end: the outer limit is a fixed period that is never "
                        "extended (SPC Sales Interpretation Art. 14); the conservative date is shown"
                    ),
                    T(
                        "notice is due within a reasonable time after the defect is discovered, which may be "
                        "much earlier; factors: nature of the deal, installation and use, nature of the defect, "
                        "difficulty of inspection (SPC Sales Interpretation Art. 12); counsel decides"
                    ),
                    T(
                        "demands and acknowledgements do not move this date; a supplier that accepted liability "
                        "cannot later rely on late notice (SPC Sales Interpretation Art. 14)"
                    ),
                    T("%(text)s (%(rule)s)", text=seller_knew.text, rule=seller_knew.citation),
                    *law_note,
                ],
            )
        )
    if facts.cisg_applies:
        two = compute_period(facts.received_on, 2, Unit.YEAR, roll=False)
        explanation = [
            RULES["cisg_notice_cutoff"].text,
            T(
                "2 years from actual handing over, taken as received_on (%(day)s): %(end)s",
                day=facts.received_on,
                end=two.due,
            ),
        ]
        due = two.due
        inputs = {"received_on": facts.received_on.isoformat(), "cisg_applies": True}
        if facts.warranty_months is not None:
            w = compute_period(facts.warranty_start(), facts.warranty_months, Unit.MONTH, roll=False)
            inputs.update(warranty_months=facts.warranty_months, warranty_starts_on=facts.warranty_start().isoformat())
            explanation.append(
                T(
                    "a contractual guarantee period ends %(end)s; where it is inconsistent with the 2 years it "
                    "prevails (Art. 39(2)): which applies is for counsel; the earlier date is shown",
                    end=w.due,
                )
            )
            due = min(due, w.due)
        explanation += [
            T("no rest-day extension is applied (the CISG has no rule for this cut-off); conservative date"),
            T("notice must come within a reasonable time after discovery, usually long before this date"),
            _unverified_note("cisg_examination_excuse"),
            _unverified_note("cisg_scope"),
        ]
        out.append(
            _make(
                "notice_cisg",
                T("CISG notice of non-conformity: outer limit"),
                due,
                ["cisg_notice_cutoff", "cisg_examination_excuse"],
                inputs,
                explanation,
            )
        )
    return out
