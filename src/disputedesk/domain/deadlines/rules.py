"""The legal rules of the deadlines as data, each with its citation, and the constants they use.

Each :class:`Rule` says whether the research notes (``shared/legal/LEGAL-NOTES.md``) mark it
UNVERIFIED and from which row of the notes it comes; counsel reviews each rule against its citation here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..text import Cite, T


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
