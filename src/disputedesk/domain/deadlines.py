"""Legal deadlines of a dispute, computed from a small set of facts, each with its rule.

Rules are data (:data:`RULES`), each with its citation and whether the research notes
(``shared/legal/LEGAL-NOTES.md``) mark it UNVERIFIED; small functions apply them. Every
:class:`Deadline` carries the citation, the facts it used, the steps of the computation,
``provisional`` (depends on a year without published holiday data) and ``needs_counsel`` (the
rule leaves a judgement open, e.g. a "reasonable time", or the facts do not settle the law).

Policy for the buyer's own deadlines where the law is open: show the *earlier* candidate date and
explain the later one, so that nobody relies on an optimistic date.

Not legal advice: the software shows its reasoning; counsel decides. Pure domain code.

Size (over 800 lines, one module on purpose): the rules are data (:data:`RULES`) applied by
small functions that share the facts' checks; counsel reviews every deadline rule against its
citation in this one file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from babel.core import Locale
from dateutil.relativedelta import relativedelta

from .dates import parse_day
from .officialcal import OfficialCalendar
from .periods import PeriodResult, Unit, compute_period, require_date
from .text import Cite, Seq, T, Text


@dataclass(frozen=True)
class Rule:
    """One legal rule: what it says (our working summary), where it comes from, how sure we are."""

    id: str
    citation: str
    text: str
    unverified: bool = False  # LEGAL-NOTES marks it UNVERIFIED (or it is not in the notes at all)
    needs_counsel: bool = False  # the rule leaves a judgement open
    source: str = ""  # row of LEGAL-NOTES it comes from

    def cite(self) -> str:
        return Cite(f"{self.citation} [UNVERIFIED]") if self.unverified else self.citation


_RULE_LIST: tuple[Rule, ...] = (
    Rule(
        "limitation_general",
        Cite("PRC Civil Code Art. 188"),
        T(
            "Limitation period of 3 years, running from when the right-holder knew or should have known "
            "of the damage and of the obligor."
        ),
        source="D1",
    ),
    Rule(
        "limitation_longstop",
        Cite("PRC Civil Code Art. 188(2)"),
        T(
            "No protection after 20 years from the day the right was infringed; a court may extend in "
            "special circumstances."
        ),
        needs_counsel=True,
        source="D1",
    ),
    Rule(
        "limitation_international",
        Cite("PRC Civil Code Art. 594 (start point: Art. 188)"),
        T(
            "International sale of goods and technology import/export contracts: 4 years for suing or "
            "applying to arbitrate. (Some online copies add a start rule to Art. 594; it belonged to the "
            "old Contract Law Art. 129 and is not in the Civil Code.)"
        ),
        source="D2",
    ),
    Rule(
        "arbitration_uses_limitation",
        Cite("PRC Arbitration Law (2017) Art. 74; number in the 2025 text not checked"),
        T("Arbitration applies the limitation rules for litigation."),
        unverified=True,
        source="D2, §2 Arbitration Law revision",
    ),
    Rule(
        "limitation_interruption",
        Cite("PRC Civil Code Art. 195; Art. 201"),
        T(
            "The period restarts when the right-holder demands performance, the obligor agrees to perform, "
            "or suit or arbitration is filed; the new period is counted from the next day."
        ),
        source="D3",
    ),
    Rule(
        "limitation_suspension",
        Cite("PRC Civil Code Art. 194"),
        T(
            "If in the last six months an obstacle (e.g. force majeure) prevents the claim, the period is "
            "suspended and ends six months after the obstacle is removed."
        ),
        source="D4",
    ),
    Rule(
        "limitation_mandatory",
        Cite("PRC Civil Code Art. 197"),
        T(
            "Limitation periods, their computation, suspension and interruption are fixed by law; contract "
            "clauses changing them and advance waivers are void."
        ),
        source="D5",
    ),
    Rule(
        "limitation_after_expiry",
        Cite("PRC Civil Code Art. 192"),
        T(
            "After expiry the obligor may refuse to perform; if it agrees to perform after expiry it cannot "
            "then rely on expiry. (Not in the research notes: not checked.)"
        ),
        unverified=True,
        needs_counsel=True,
        source="not in LEGAL-NOTES",
    ),
    Rule(
        "civil_code_temporal",
        Cite("SPC Provisions on the Temporal Effect of the Civil Code"),
        T(
            "Facts before 1 January 2021 may fall under the earlier law (General Provisions of Civil Law, "
            "Contract Law). (Not in the research notes: not checked.)"
        ),
        unverified=True,
        needs_counsel=True,
        source="not in LEGAL-NOTES",
    ),
    Rule(
        "governing_law",
        Cite("Law on the Application of Laws to Foreign-Related Civil Relations Arts. 7, 41"),
        T(
            "Limitation follows the law governing the relationship; the contract law is the law chosen, "
            "failing a choice the law of the characteristic performer (usually the seller) or of the "
            "closest connection."
        ),
        source="D6",
    ),
    Rule(
        "period_arithmetic",
        Cite("PRC Civil Code Arts. 200–203"),
        T(
            "First day not counted; month/year periods end on the corresponding day or the month end; a "
            "last day that is a rest day moves to the next working day; cut-off 24:00."
        ),
        source="D7",
    ),
    Rule(
        "period_arithmetic_procedure",
        Cite("PRC Civil Procedure Law (2023) Art. 85"),
        T(
            "In court procedure a period ending on a holiday ends on the first day after it; documents "
            "mailed before expiry are in time."
        ),
        source="D7",
    ),
    Rule(
        "notice_inspection_period",
        Cite("PRC Civil Code Arts. 620, 621(1), 622(1)"),
        T(
            "With an agreed inspection period the buyer must notify non-conformity within it, or the goods "
            "are deemed to conform; a period too short for the goods counts for visible defects only."
        ),
        needs_counsel=True,
        source="D8, D10",
    ),
    Rule(
        "notice_reasonable_time",
        Cite("PRC Civil Code Art. 621(2); SPC Sales Interpretation Arts. 12, 14"),
        T(
            "Without an agreed period: notify within a reasonable time after discovering (or when one "
            "should have discovered) the defect, and at the latest 2 years from receipt. The 2 years are "
            "the maximum reasonable time and a fixed period: never suspended, interrupted or extended."
        ),
        needs_counsel=True,
        source="D8, D9",
    ),
    Rule(
        "notice_warranty_period",
        Cite("PRC Civil Code Arts. 621(2), 622(2)"),
        T(
            "A quality guarantee (warranty) period replaces the 2 years; an agreed period shorter than one "
            "fixed by law or regulation gives way to the legal one."
        ),
        needs_counsel=True,
        source="D8, D10",
    ),
    Rule(
        "notice_seller_knew",
        Cite("PRC Civil Code Art. 621(3)"),
        T("No notice time limit applies if the seller knew or should have known of the non-conformity."),
        source="D8",
    ),
    Rule(
        "cisg_notice_cutoff",
        Cite("CISG Art. 39"),
        T(
            "Notice specifying the lack of conformity within a reasonable time after discovery (39(1)) and "
            "in any event within 2 years of the goods being actually handed over, unless inconsistent "
            "with a contractual period of guarantee (39(2))."
        ),
        needs_counsel=True,
        source="D12",
    ),
    Rule(
        "cisg_examination_excuse",
        Cite("CISG Arts. 38, 44"),
        T(
            "Examine the goods within as short a period as is practicable (38); with a reasonable excuse "
            "for not giving notice the buyer keeps price reduction and damages except loss of profit (44). "
            "Wording not checked against the UNCITRAL text."
        ),
        unverified=True,
        needs_counsel=True,
        source="D12",
    ),
    Rule(
        "cisg_scope",
        Cite("CISG Arts. 1(1)(a), 6, 95; China's declarations"),
        T(
            "For a PRC seller the CISG applies only if the buyer's place of business is in a contracting "
            "state and the contract does not exclude it; the list of contracting states must be loaded "
            "from UNCITRAL."
        ),
        unverified=True,
        source="D13",
    ),
    Rule(
        "award_enforcement",
        Cite("PRC Civil Procedure Law (2023) Art. 250"),
        T(
            "Apply to enforce within 2 years from the last day of the performance period in the award or "
            "judgment (its effective date if none is stated); suspension and interruption apply."
        ),
        source="D14",
    ),
    Rule(
        "award_enforcement_foreign",
        Cite("PRC Civil Procedure Law (2023) Art. 250 (foreign awards)"),
        T("That the same 2 years apply to an award made outside China is general practice, not checked."),
        unverified=True,
        needs_counsel=True,
        source="§2 Enforcement",
    ),
    Rule(
        "set_aside_2017",
        Cite("PRC Arbitration Law (2017) Art. 59"),
        T("Application to set aside an award within 6 months of receiving it."),
        source="D15",
    ),
    Rule(
        "set_aside_2025",
        Cite(
            "PRC Arbitration Law (2025, in force 1 March 2026), article number not checked "
            "(reported as Art. 69 or nearby)"
        ),
        T("Application to set aside an award within 3 months of receiving it."),
        unverified=True,
        source="D15",
    ),
)

RULES: dict[str, Rule] = {r.id: r for r in _RULE_LIST}

# The deadline kinds this module produces (stable strings used in JSON and by other code).
KINDS = ("notice_prc", "notice_cisg", "limitation", "limitation_longstop", "award_enforcement", "set_aside")

CONTRACT_TYPES = ("international_sale", "technology_import_export", "other")
FOUR_YEAR_TYPES = frozenset({"international_sale", "technology_import_export"})
CIVIL_CODE_IN_FORCE = date(2021, 1, 1)
ARBITRATION_LAW_2025_IN_FORCE = date(2026, 3, 1)


# --------------------------------------------------------------------------------------- facts

FACT_FIELDS: tuple[str, ...] = (
    "governing_law",
    "contract_type",
    "cisg_applies",
    "received_on",
    "inspection_period_days",
    "warranty_months",
    "warranty_starts_on",
    "knowledge_on",
    "demands",
    "acknowledgements",
    "award_performance_deadline",
)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    # CLDR's territory list (via babel, already a dependency) holds the ISO 3166-1 alpha-2 codes,
    # plus groupings and pseudo-regions that are not a law one can choose.
    not_countries = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}
    return (
        frozenset(k for k in Locale("en").territories if isinstance(k, str) and len(k) == 2 and k.isalpha())
        - not_countries
    )


@dataclass(frozen=True)
class Facts:
    """The facts the deadline rules use; see docs/deadlines.md for each field."""

    governing_law: str  # ISO 3166 alpha-2 code ("CN") or "unknown"
    contract_type: str  # one of CONTRACT_TYPES
    cisg_applies: bool
    received_on: date  # the buyer received the goods (actual handing over)
    inspection_period_days: int | None
    warranty_months: int | None
    warranty_starts_on: date | None  # None: warranty runs from received_on
    knowledge_on: date  # the buyer knew (or should have known) of the breach and of the supplier
    demands: tuple[date, ...] = ()
    acknowledgements: tuple[date, ...] = ()
    award_performance_deadline: date | None = None

    def __post_init__(self) -> None:
        law = self.governing_law
        if not isinstance(law, str) or not (law == "unknown" or law in _country_codes()):
            raise ValueError(f"governing_law: {law!r} is neither an ISO 3166 country code (such as 'CN') nor 'unknown'")
        if self.contract_type not in CONTRACT_TYPES:
            raise ValueError(f"contract_type: {self.contract_type!r} is not one of {', '.join(CONTRACT_TYPES)}")
        if not isinstance(self.cisg_applies, bool):
            raise ValueError(f"cisg_applies: expected true or false, got {self.cisg_applies!r}")
        require_date(self.received_on, "received_on")
        require_date(self.knowledge_on, "knowledge_on")
        for name in ("inspection_period_days", "warranty_months"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ValueError(f"{name}: expected a whole number of at least 1, or null; got {value!r}")
        if self.warranty_starts_on is not None:
            require_date(self.warranty_starts_on, "warranty_starts_on")
            if self.warranty_months is None:
                raise ValueError("warranty_starts_on: given, but warranty_months is null (no warranty period)")
        if self.knowledge_on < self.received_on:
            raise ValueError(
                f"knowledge_on: {self.knowledge_on} is before received_on ({self.received_on}); "
                "knowledge of a breach of these goods cannot precede their receipt"
            )
        for name in ("demands", "acknowledgements"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
            for i, d in enumerate(getattr(self, name)):
                require_date(d, f"{name}[{i}]")
                if d < self.knowledge_on:
                    raise ValueError(
                        f"{name}[{i}]: {d} is before knowledge_on ({self.knowledge_on}); a demand or an "
                        "acknowledgement of this claim presupposes that the breach was known"
                    )
        apd = self.award_performance_deadline
        if apd is not None:
            require_date(apd, "award_performance_deadline")
            if apd < self.knowledge_on:
                raise ValueError(
                    f"award_performance_deadline: {apd} is before knowledge_on ({self.knowledge_on}); "
                    "an award on the claim cannot precede knowledge of it"
                )

    def warranty_start(self) -> date:
        return self.warranty_starts_on or self.received_on


def _parse_date(value: object, name: str, *, nullable: bool = False) -> date | None:
    if value is None:
        if nullable:
            return None
        raise ValueError(f"{name}: missing date (null); expected YYYY-MM-DD")
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"{name}: {value!r} is not a date in the form YYYY-MM-DD")
    return parse_day(value, name)


def _parse_int(value: object, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}: expected a whole number or null, got {value!r}")
    return value


def _parse_dates(value: object, name: str) -> tuple[date, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{name}: expected a list of dates (YYYY-MM-DD), got {type(value).__name__}")
    out: list[date] = []
    for i, item in enumerate(value):
        parsed = _parse_date(item, f"{name}[{i}]")
        assert parsed is not None
        out.append(parsed)
    return tuple(out)


def facts_from_json(obj: object) -> Facts:
    """Build :class:`Facts` from a parsed JSON object; a ValueError names the faulty field."""
    if not isinstance(obj, Mapping):
        raise ValueError(f"facts: expected a JSON object, got {type(obj).__name__}")
    unknown = sorted(set(obj) - set(FACT_FIELDS))
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown field (allowed: {', '.join(FACT_FIELDS)})")
    missing = [f for f in FACT_FIELDS if f not in obj]
    if missing:
        raise ValueError(f"{missing[0]}: missing field (every field must be present; use null where allowed)")
    law = obj["governing_law"]
    if not isinstance(law, str):
        raise ValueError(f"governing_law: expected a string, got {law!r}")
    law = law if law == "unknown" else law.upper()
    received = _parse_date(obj["received_on"], "received_on")
    knowledge = _parse_date(obj["knowledge_on"], "knowledge_on")
    assert received is not None and knowledge is not None
    return Facts(
        governing_law=law,
        contract_type=obj["contract_type"],
        cisg_applies=obj["cisg_applies"],
        received_on=received,
        inspection_period_days=_parse_int(obj["inspection_period_days"], "inspection_period_days"),
        warranty_months=_parse_int(obj["warranty_months"], "warranty_months"),
        warranty_starts_on=_parse_date(obj["warranty_starts_on"], "warranty_starts_on", nullable=True),
        knowledge_on=knowledge,
        demands=_parse_dates(obj["demands"], "demands"),
        acknowledgements=_parse_dates(obj["acknowledgements"], "acknowledgements"),
        award_performance_deadline=_parse_date(
            obj["award_performance_deadline"], "award_performance_deadline", nullable=True
        ),
    )


def facts_to_json(facts: Facts) -> dict[str, Any]:
    def iso(d: date | None) -> str | None:
        return None if d is None else d.isoformat()

    return {
        "governing_law": facts.governing_law,
        "contract_type": facts.contract_type,
        "cisg_applies": facts.cisg_applies,
        "received_on": iso(facts.received_on),
        "inspection_period_days": facts.inspection_period_days,
        "warranty_months": facts.warranty_months,
        "warranty_starts_on": iso(facts.warranty_starts_on),
        "knowledge_on": iso(facts.knowledge_on),
        "demands": [d.isoformat() for d in facts.demands],
        "acknowledgements": [d.isoformat() for d in facts.acknowledgements],
        "award_performance_deadline": iso(facts.award_performance_deadline),
    }


# ------------------------------------------------------------------------------------ deadlines


@dataclass(frozen=True)
class Deadline:
    kind: str  # one of KINDS
    due: date | None  # None only where the law is for counsel (e.g. a foreign governing law)
    rule: str  # citation text shown with the date
    inputs: Mapping[str, Any]  # the facts used, JSON-ready
    provisional: bool
    needs_counsel: bool
    explanation: tuple[str, ...]
    rule_ids: tuple[str, ...] = ()
    unverified: bool = False  # the rule that produced the date is marked UNVERIFIED
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "due": None if self.due is None else self.due.isoformat(),
            "rule": self.rule,
            "inputs": dict(self.inputs),
            "provisional": self.provisional,
            "needs_counsel": self.needs_counsel,
            "unverified": self.unverified,
            "label": self.label,
            "rule_ids": list(self.rule_ids),
            "explanation": list(self.explanation),
        }


def _iso_list(ds: Iterable[date]) -> list[str]:
    return [d.isoformat() for d in ds]


def _make(
    kind: str,
    label: str,
    due: date | None,
    rule_ids: Iterable[str],
    inputs: Mapping[str, Any],
    explanation: Iterable[str],
    *,
    provisional: bool = False,
    needs_counsel: bool | None = None,
    extra_citation: str = "",
) -> Deadline:
    ids = tuple(rule_ids)
    rules = [RULES[i] for i in ids]
    citation = "; ".join(r.cite() for r in rules)
    if extra_citation:
        citation = f"{citation}; {extra_citation}"
    counsel = any(r.needs_counsel for r in rules) if needs_counsel is None else needs_counsel
    return Deadline(
        kind=kind,
        due=due,
        rule=citation,
        inputs=dict(inputs),
        provisional=provisional,
        needs_counsel=counsel,
        explanation=tuple(explanation),
        rule_ids=ids,
        unverified=any(r.unverified for r in rules),
        label=label,
    )


def _unverified_note(rule_id: str) -> Text:
    r = RULES[rule_id]
    return T("UNVERIFIED (%(rule)s): %(text)s", rule=r.citation, text=r.text)


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


def compute_deadlines(facts: Facts, *, calendar: OfficialCalendar | str = "cn") -> list[Deadline]:
    """Every deadline the facts call for, earliest first (those without a date last)."""
    out = notice_deadlines(facts, calendar=calendar)
    out += limitation_deadlines(facts, calendar=calendar)
    out += award_deadlines(facts, calendar=calendar)
    return sorted(out, key=lambda d: (d.due is None, d.due or date.max))
