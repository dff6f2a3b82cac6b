"""Contract clarity: find the support terms in a contract (English/Chinese), flag what is vague,
missing or legally weak, score it, propose bilingual wording, and draft the support terms for
the SLA engine. Pure domain code: paragraphs in, a JSON-ready report out.

Entry points:
    check_contract(paragraphs, as_of=date, params=SuggestionParams()) -> ClarityReport
    report.as_dict()               JSON-ready report (score, language, clauses, vague_terms, ...)
    report.support_terms_draft     draft support terms for the SLA engine (to be confirmed)
"""

from .analysis import (
    ClarityReport,
    KindResult,
    TextParagraph,
    check_contract,
    check_text,
    detected_kinds,
    paragraphs_from_text,
)
from .clauses import Clause, Location, split_clauses
from .kinds import KINDS, SPECS, baseline_detect
from .legal import RULES, arbitration_rule
from .suggestions import SuggestionParams

__all__ = [
    "KINDS",
    "RULES",
    "SPECS",
    "ClarityReport",
    "Clause",
    "KindResult",
    "Location",
    "SuggestionParams",
    "TextParagraph",
    "arbitration_rule",
    "baseline_detect",
    "check_contract",
    "check_text",
    "detected_kinds",
    "paragraphs_from_text",
    "split_clauses",
]
