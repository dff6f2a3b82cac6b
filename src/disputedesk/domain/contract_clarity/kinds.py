"""The checklist: the kinds of clause a support-relevant contract should have.

Each kind has English and Chinese patterns. A kind is found in a sentence when one of its
`body` patterns matches the sentence, or when a `heading` pattern matches the clause title and
the sentence has substance (a sentence under "12. Governing Law" counts as governing law).
`weight` is the importance for technical support (findings are ordered by it, and the coverage
part of the score is weighted by it). `baseline` is the simplest keyword detector the benchmark
compares against (one obvious keyword per language, anywhere in the text).

Rules were written from drafting practice (what these clauses say in equipment sales and service
contracts), not fitted to single files.

The table is in four modules (DESIGN.md: modules of about 600 lines at most, split by use case):
kinds_spec.py (`KindSpec` and the shared pattern pieces), kinds_service_levels.py (the service-level
kinds: response, resolution, service hours, remedies, refunds), kinds_aftersales.py (warranty, spare
parts, documentation, training, updates, on-site support) and kinds_contract.py (the contract kinds);
`SPECS` here joins them in checklist order, and their names stay importable from here.
"""

from __future__ import annotations

from .kinds_aftersales import AFTERSALES_SPECS
from .kinds_contract import CONTRACT_SPECS
from .kinds_service_levels import SERVICE_LEVEL_SPECS
from .kinds_spec import (
    DUR,
    DUR_EN,
    DUR_ZH,
    SUPPORT_CONTEXT,
    UNILATERAL_CHANGE,
    KindSpec,
)

SPECS: tuple[KindSpec, ...] = (*SERVICE_LEVEL_SPECS, *AFTERSALES_SPECS, *CONTRACT_SPECS)

SPEC_BY_KIND: dict[str, KindSpec] = {s.kind: s for s in SPECS}
KINDS: tuple[str, ...] = tuple(s.kind for s in SPECS)

# Kinds that are support terms the SLA engine consumes
SUPPORT_KINDS = ("response_time", "resolution_time", "service_hours", "onsite_support", "support_remedy")


def baseline_detect(text: str) -> set[str]:
    """The simplest keyword detector: kind present when its keyword occurs anywhere (benchmark)."""
    lower = text.lower()
    return {s.kind for s in SPECS if any(k in lower for k in s.baseline)}


__all__ = [
    "DUR",
    "DUR_EN",
    "DUR_ZH",
    "KINDS",
    "SPECS",
    "SPEC_BY_KIND",
    "SUPPORT_CONTEXT",
    "SUPPORT_KINDS",
    "UNILATERAL_CHANGE",
    "KindSpec",
    "baseline_detect",
]
