"""Legal deadlines of a dispute, computed from a small set of facts, each with its rule.

Rules are data (:data:`RULES`), each with its citation and whether the research notes
(``shared/legal/LEGAL-NOTES.md``) mark it UNVERIFIED; small functions apply them. Every
:class:`Deadline` carries the citation, the facts it used, the steps of the computation,
``provisional`` (depends on a year without published holiday data) and ``needs_counsel`` (the
rule leaves a judgement open, e.g. a "reasonable time", or the facts do not settle the law).

Policy for the buyer's own deadlines where the law is open: show the *earlier* candidate date and
explain the later one, so that nobody relies on an optimistic date.

Not legal advice: the software shows its reasoning; counsel decides. Pure domain code.

Modules by use case: :mod:`.rules` (the rule table with citations, constants), :mod:`.facts`
(the inputs and their JSON form), :mod:`.explain` (:class:`Deadline` and how one is built with its
citation and steps), :mod:`.limitation`, :mod:`.notice`, :mod:`.awards` (each deadline's
computation); :func:`compute_deadlines` here puts them together. Every name is re-exported here.
"""

from __future__ import annotations

from datetime import date

from ..officialcal import OfficialCalendar
from .awards import ArbitrationLawVersion, arbitration_law_for, award_deadlines, set_aside_deadline
from .explain import Deadline, _iso_list, _make, _unverified_note
from .facts import (
    FACT_FIELDS,
    Facts,
    _country_codes,
    _parse_date,
    _parse_dates,
    _parse_int,
    facts_from_json,
    facts_to_json,
)
from .limitation import _run_limitation, apply_suspension, last_six_months, limitation_deadlines, limitation_years
from .notice import notice_deadlines
from .rules import (
    _RULE_LIST,
    ARBITRATION_LAW_2025_IN_FORCE,
    CIVIL_CODE_IN_FORCE,
    CONTRACT_TYPES,
    FOUR_YEAR_TYPES,
    KINDS,
    RULES,
    Rule,
)

__all__ = [
    "ARBITRATION_LAW_2025_IN_FORCE",
    "CIVIL_CODE_IN_FORCE",
    "CONTRACT_TYPES",
    "FACT_FIELDS",
    "FOUR_YEAR_TYPES",
    "KINDS",
    "RULES",
    "_RULE_LIST",
    "ArbitrationLawVersion",
    "Deadline",
    "Facts",
    "Rule",
    "_country_codes",
    "_iso_list",
    "_make",
    "_parse_date",
    "_parse_dates",
    "_parse_int",
    "_run_limitation",
    "_unverified_note",
    "apply_suspension",
    "arbitration_law_for",
    "award_deadlines",
    "compute_deadlines",
    "facts_from_json",
    "facts_to_json",
    "last_six_months",
    "limitation_deadlines",
    "limitation_years",
    "notice_deadlines",
    "set_aside_deadline",
]


def compute_deadlines(facts: Facts, *, calendar: OfficialCalendar | str = "cn") -> list[Deadline]:
    """Every deadline the facts call for, earliest first (those without a date last)."""
    out = notice_deadlines(facts, calendar=calendar)
    out += limitation_deadlines(facts, calendar=calendar)
    out += award_deadlines(facts, calendar=calendar)
    return sorted(out, key=lambda d: (d.due is None, d.due or date.max))
