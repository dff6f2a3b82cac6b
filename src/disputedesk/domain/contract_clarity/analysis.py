"""Contract clarity: the checklist, vague wording, legal weak points, score and suggestions.

Pure: takes paragraphs (text with positions) and the date the check is made for (`as_of`,
which decides which version of a law is cited); no I/O, no clock.

This module runs the whole check (`check_contract`) and assembles the report: the vague wording,
the score, the suggestions and the draft support terms for the SLA engine. The steps it calls
live in their own modules (DESIGN.md: modules of about 600 lines at most, split by use case):
records.py (paragraphs, sentences, per-kind results), detection.py (which kinds a contract has),
kind_values.py (the values each kind states) and issues.py (the missing elements and legal weak points per kind). Their
names stay importable from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..text import T
from . import values as V
from .clauses import Clause, ParagraphLike, split_clauses
from .detection import (
    _KIND_EXCLUDE,
    _KIND_HEADING,
    _KIND_RX,
    _KIND_TRIGGER,
    _VAGUE_ANY,
    _VAGUE_TRIGGER_RX,
    apply_model,
    apply_parties,
    detect_kinds,
    model_units,
)
from .issues import _find_limitation, _kind_issues
from .kind_values import _extract_values, service_hours_cover
from .kinds import KINDS, SPEC_BY_KIND, SPECS, SUPPORT_CONTEXT, KindSpec
from .legal import RULES
from .model import ClauseModel, load_model
from .parties import Parties, in_contract_words, read_parties
from .records import (
    DISCLAIMER_EN,
    DISCLAIMER_ZH,
    MAX_EXCERPTS,
    MAX_VAGUE,
    RULESET_VERSION,
    Json,
    KindResult,
    TextParagraph,
    _excerpt,
    _issue,
    _Sentence,
    clause_sentences,
    is_heading_line,
    kind_applies,
    paragraphs_from_text,
    says_it_outright,
)
from .suggestions import SuggestionParams, suggestion
from .text import detect_language
from .vague import VAGUE_TERMS


# ------------------------------------------------------------------ the check
@dataclass
class ClarityReport:
    as_of: date
    language: str
    clause_count: int
    kinds: dict[str, KindResult]
    vague_terms: list[Json]
    findings: list[Json]
    score: int
    score_breakdown: Json
    suggestions: list[Json]
    support_terms_draft: Json
    parties: Parties | None = None  # who is the supplier and who the customer (parties.py)

    def as_dict(self) -> Json:
        """JSON-ready report (the CLI adds `file`)."""
        return {
            "score": self.score,
            "score_breakdown": self.score_breakdown,
            "language": self.language,
            "as_of": self.as_of.isoformat(),
            "parties": (self.parties or Parties()).as_dict(),
            "clause_count": self.clause_count,
            "clauses": [
                {
                    "kind": k,
                    "title_en": SPEC_BY_KIND[k].title_en,
                    "title_zh": SPEC_BY_KIND[k].title_zh,
                    "present": r.present,
                    "status": r.status,  # present / missing / one_sided (added: `present` keeps its meaning)
                    **({"one_sided": r.one_sided} if r.one_sided and r.present else {}),
                    "applies": kind_applies(k, self.language),  # False: its absence does not matter here
                    "excerpts": _distinct_excerpts(r),
                    "values": r.values,
                    "issues": r.issues,
                }
                for k, r in sorted(self.kinds.items(), key=lambda kv: -SPEC_BY_KIND[kv[0]].weight)
            ],
            "vague_terms": self.vague_terms,
            "findings": self.findings,
            "suggestions": self.suggestions,
            "support_terms_draft": self.support_terms_draft,
            "ruleset": RULESET_VERSION,
            "disclaimer_en": DISCLAIMER_EN,
            "disclaimer_zh": DISCLAIMER_ZH,
        }

    @property
    def present_kinds(self) -> set[str]:
        return {k for k, r in self.kinds.items() if r.present}


def _distinct_excerpts(r: KindResult) -> list[Json]:
    seen: set[tuple[int, int, int]] = set()
    out: list[tuple[bool, Json]] = []
    hits = r.hits
    # a bare heading line says less than the clause's own sentences, which are cited under the same
    # clause number: shown only when nothing else was found (the page shows the first excerpt)
    if any(not is_heading_line(h.sentence) for h in hits):
        hits = [h for h in hits if not is_heading_line(h.sentence)]
    # sentences found by their own words first, then those found by the clause heading
    for hit in sorted(hits, key=lambda h: h.by_heading):
        s = hit.sentence
        key = (id(s.clause), s.start, s.end)
        if key in seen:
            continue
        seen.add(key)
        excerpt = _excerpt(s)
        if hit.by_model:
            excerpt["found_by"] = "sentence model"
        out.append((hit.by_heading, excerpt))
        if len(out) >= MAX_EXCERPTS:
            break
    # in document order, the sentences that say it in their own words before those only under a
    # heading that names it: the first is the one the report's table quotes
    # (a sentence saying the kind outright first: "设备质保期为…24个月" before the payment term's "质保金")
    out.sort(key=lambda x: (not says_it_outright(r.kind, x[1]["text"]), x[0], x[1]["location"]["char_start"]))
    return [e for _, e in out]


# ------------------------------------------------------------------ vague wording
def _find_vague(clauses: Sequence[Clause], results: dict[str, KindResult]) -> list[Json]:
    kind_sentences: dict[tuple[int, int], str] = {}
    for k, r in results.items():
        for h in r.hits:
            if not h.by_heading:
                kind_sentences.setdefault((id(h.sentence.clause), h.sentence.start), k)
    has_binding_route = results["dispute_resolution"].values.get("mechanism") is not None
    out: list[Json] = []
    seen: set[tuple[str, int]] = set()
    for clause in clauses:
        if not _VAGUE_TRIGGER_RX.search(clause.text.lower()):
            continue
        for s0, e0 in clause_sentences(clause):
            text = clause.text[s0:e0]
            lower = text.lower()
            if not _VAGUE_TRIGGER_RX.search(lower):
                continue
            kind = kind_sentences.get((id(clause), s0))
            # only wording about support matters here ("timely cured" in a termination clause does not)
            support = kind in SUPPORT_KIND_SET or bool(SUPPORT_CONTEXT.search(text))
            if not support and kind != "dispute_resolution":
                continue
            if not _VAGUE_ANY.search(text):
                continue
            for term in VAGUE_TERMS:
                if term.only_route and has_binding_route:
                    continue
                if not support and not term.only_route:
                    continue
                m = term.pattern.search(text)
                if m is None:
                    continue
                sent = _Sentence(clause, s0, e0)
                loc = sent.location()
                key = (term.key, loc.char_start)
                if key in seen:
                    continue
                seen.add(key)
                item: Json = {
                    "term": m.group(0),
                    "key": term.key,
                    "excerpt": _excerpt(sent)["text"],
                    "location": loc.as_dict(),
                    "why": term.why_en,
                    "why_zh": term.why_zh,
                    "kind": kind,
                }
                if term.rule:
                    item["citation"] = RULES[term.rule].as_dict()
                out.append(item)
                if len(out) >= MAX_VAGUE:
                    return out
    return out


# ------------------------------------------------------------------ score
_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def _score(results: dict[str, KindResult], vague: list[Json], language: str) -> tuple[int, Json]:
    total_w = sum(s.weight for s in SPECS)
    present_w = sum(SPEC_BY_KIND[k].weight for k, r in results.items() if r.present)
    coverage = Decimal(50) * present_w / total_w

    def dur_quality(kind: str) -> Decimal:
        ds = results[kind].values.get("durations", [])
        if not ds:
            return Decimal(0)
        return Decimal(1) if all(d["basis"] != "unspecified" for d in ds) else Decimal("0.5")

    sh = results["service_hours"].values
    w = results["warranty_period"].values
    dr = results["dispute_resolution"].values
    pl = results["prevailing_language"].values
    sr = results["support_remedy"].values
    checks = {
        "response_time has hours/days": dur_quality("response_time"),
        "resolution_time has hours/days": dur_quality("resolution_time"),
        "service hours stated": Decimal(1) if any(k in sh for k in ("coverage", "days", "start")) else Decimal(0),
        "warranty length and start": (Decimal("0.5") if "months" in w or "days" in w else 0)
        + (Decimal("0.5") if "start_event" in w else 0),
        "dispute forum named": (
            Decimal(1) if (dr.get("institution") and dr.get("seat")) or dr.get("courts")
            else Decimal("0.5") if dr.get("institution") else Decimal(0)
        ),
        "prevailing language": (
            Decimal(1)
            if pl.get("prevailing") or language in ("en", "zh") and not pl.get("equal_versions")
            else Decimal(0)
        ),
        "support remedy quantified": Decimal(1) if (sr.get("rates") or sr.get("amounts")) else Decimal(0),
    }  # fmt: skip
    specificity = Decimal(25) * sum(Decimal(x) for x in checks.values()) / len(checks)
    support_vague = [t for t in vague if t.get("kind") in (None, *SUPPORT_KIND_SET)]
    distinct = {(t["key"], t["location"]["char_start"]) for t in support_vague}
    wording = max(Decimal(0), Decimal(15) - 3 * len(distinct))
    legal_issues = [i for r in results.values() for i in r.issues if "citation" in i and i["severity"] == "high"]
    legal = max(Decimal(0), Decimal(10) - 5 * len(legal_issues))
    total = coverage + specificity + wording + legal
    breakdown = {
        "coverage": {"points": _r(coverage), "max": 50,
                     "explain": T("weighted share of the %(n)s kinds present", n=len(KINDS))},
        "specificity": {"points": _r(specificity), "max": 25,
                        "checks": {k: str(v) for k, v in checks.items()},
                        "explain": T("measurable values: numbers with units, start events, named forum")},
        "wording": {"points": _r(wording), "max": 15,
                    "explain": T("15 minus 3 per vague term in support wording (%(n)s found)", n=len(distinct))},
        "legal": {"points": _r(legal), "max": 10,
                  "explain": T("10 minus 5 per high-severity legal weakness (%(n)s found)", n=len(legal_issues))},
    }  # fmt: skip
    return int(total.quantize(Decimal(1))), breakdown


def _r(d: Decimal) -> str:
    return str(d.quantize(Decimal("0.1")))


SUPPORT_KIND_SET = frozenset(
    {"response_time", "resolution_time", "service_hours", "support_remedy", "warranty_period", "spare_parts",
     "documentation", "training", "software_updates", "onsite_support", "refund_return", "post_termination_support"}
)  # fmt: skip


# ------------------------------------------------------------------ SLA engine hand-over
def _support_terms_draft(results: dict[str, KindResult], params: SuggestionParams) -> Json:
    """Draft support terms for the SLA engine; the user confirms or edits them before use."""
    tiers: dict[str, Json] = {}
    for kind, field_name in (
        ("response_time", "response"),
        ("resolution_time", "resolution"),
        ("onsite_support", "on_site"),
    ):
        for d in results[kind].values.get("durations", []):
            if d["unit"] not in ("minute", "hour", "day", "week"):
                continue
            tier = tiers.setdefault(d["severity"], {"severity": d["severity"]})
            if field_name in tier:
                continue
            tier[field_name] = {
                "value": d["value"],
                "unit": d["unit"],
                "basis": d["basis"],
                "meaning": {
                    "business": "counted in business hours/working days of the calendar below",
                    "calendar": "counted in calendar time (every hour, every day)",
                    "unspecified": "contract does not say business or calendar: confirm",
                }[d["basis"]],
                "source": {"text": d["text"], "location": d["location"]},
            }
    where = ("service_hours", "response_time", "resolution_time", "onsite_support")
    tz = next((results[k].values["time_zone"] for k in where if results[k].values.get("time_zone")), None)
    cal = next((results[k].values["calendar"] for k in where if results[k].values.get("calendar")), None)
    sh = results["service_hours"].values
    service_hours: Json | None = None
    if any(k in sh for k in ("coverage", "days", "start", "availability_percent")):
        service_hours = {
            k: sh[k]
            for k in (
                "coverage",
                "days",
                "start",
                "end",
                "hours_per_day",
                "assumed_start",
                "assumed_end",
                "availability_percent",
            )
            if k in sh
        }
    w = results["warranty_period"].values
    remedies = {
        k: results["support_remedy"].values[k] for k in ("rates", "amounts") if k in results["support_remedy"].values
    }
    notes: list[str] = []
    if not tiers:
        notes.append("no measurable response or resolution time found: enter the agreed times or use the suggestions")
    if tz is None:
        notes.append(f"no time zone in the contract: suggested {params.time_zone}")
    if cal is None:
        notes.append(f"no holiday calendar in the contract: suggested '{params.calendar}' (officialcal)")
    return {
        "status": "draft",
        "needs_confirmation": True,
        "source": "contract_clarity",
        "severity_levels": sorted(tiers.values(), key=lambda t: V.SEVERITY_ORDER.index(t["severity"])),
        "service_hours": service_hours,
        "time_zone": tz,
        "calendar": cal,
        "suggested_time_zone": params.time_zone,
        "suggested_calendar": params.calendar,
        "warranty": {k: w[k] for k in ("months", "days", "start_event") if k in w} or None,
        "remedies": remedies or None,
        "notes": notes,
    }


# ------------------------------------------------------------------ public entry point
def check_contract(
    paragraphs: Sequence[ParagraphLike],
    *,
    as_of: date,
    params: SuggestionParams | None = None,
    min_inspection_days: int = 30,
) -> ClarityReport:
    """Run the whole contract-clarity check on a contract's paragraphs.

    `as_of` is the date for which the law in force is cited (e.g. the PRC Arbitration Law 2025
    revision from 1 Mar 2026). `params` fill the proposed clauses.
    """
    if not isinstance(as_of, date):
        raise ValueError("as_of must be a datetime.date")
    params = params or SuggestionParams()
    clauses = split_clauses(paragraphs)
    full_text = "\n".join(p.text for p in paragraphs)
    language = detect_language(full_text)
    results, parties = _detected(clauses, load_model(), language)
    cover_elsewhere = service_hours_cover(results["service_hours"])
    for kind, r in results.items():
        _extract_values(kind, r, clauses, cover_elsewhere)
    _kind_issues(results, language, as_of, min_inspection_days, _find_limitation(clauses), parties)
    vague = _find_vague(clauses, results)
    # vague wording in a support kind's clause is an issue of that kind
    for item in vague:
        k = item.get("kind")
        if k in results and not any(
            i.get("code") == "vague" and i.get("term") == item["term"] for i in results[k].issues
        ):
            issue = _issue(
                "vague",
                "medium",
                f"Vague wording “{item['term']}”: {item['why']}",
                f"用语模糊“{item['term']}”：{item['why_zh']}",
            )
            issue["term"] = item["term"]
            issue["location"] = item["location"]
            if "citation" in item:
                issue["citation"] = item["citation"]
            results[k].issues.append(issue)
    score, breakdown = _score(results, vague, language)
    findings: list[Json] = []
    for kind, r in results.items():
        for issue in r.issues:
            findings.append({"kind": kind, **issue})
    findings.sort(key=lambda f: (_SEVERITY_RANK[f["severity"]], -SPEC_BY_KIND[f["kind"]].weight))
    suggestions: list[Json] = []
    for spec in sorted(SPECS, key=lambda s: -s.weight):
        r = results[spec.kind]
        reasons = [i["code"] for i in r.issues if i["code"] not in ("exact_name",)]
        if spec.kind == "liability_cap":
            reasons = ["cap_covers_support"] if r.present else []
        if not reasons:
            continue
        reason = "missing" if "missing" in reasons else ", ".join(sorted(set(reasons)))
        s = suggestion(spec.kind, reason, params)
        if s is not None:
            # in the contract's own labels where it says who is who ("乙方应…" for a seller it calls 乙方)
            s["text_zh"], s["text_en"] = in_contract_words(s["text_zh"], s["text_en"], parties)
            suggestions.append(s)
    return ClarityReport(
        as_of=as_of,
        language=language,
        clause_count=len(clauses),
        kinds=results,
        vague_terms=vague,
        findings=findings,
        score=score,
        score_breakdown=breakdown,
        suggestions=suggestions,
        support_terms_draft=_support_terms_draft(results, params),
        parties=parties,
    )


def _detected(
    clauses: Sequence[Clause], model: ClauseModel | None, language: str
) -> tuple[dict[str, KindResult], Parties]:
    """Which kinds the contract states, by rules, the sentence model and who the parties are: the one detection the
    full check and the benchmark's checklist share."""
    results = detect_kinds(clauses)
    apply_model(clauses, results, model, language)
    parties = read_parties(clauses)
    apply_parties(clauses, results, parties)
    return results, parties


def check_text(text: str, *, as_of: date, params: SuggestionParams | None = None) -> ClarityReport:
    """Convenience: check a contract given as one string (one paragraph per line)."""
    return check_contract(paragraphs_from_text(text), as_of=as_of, params=params)


def detected_kinds(text: str, *, model: ClauseModel | None | bool = True) -> set[str]:
    """Kinds present in `text` (checklist only; used by the benchmark). `model`: True for the
    shipped model, False for the rules alone, or a model to try."""
    clauses = split_clauses(paragraphs_from_text(text))
    chosen = load_model() if model is True else None if model is False else model
    results, _ = _detected(clauses, chosen, detect_language(text))
    return {k for k, r in results.items() if r.present}


__all__ = [
    "ClarityReport",
    "KindResult",
    "KindSpec",
    "TextParagraph",
    "check_contract",
    "check_text",
    "detected_kinds",
    "paragraphs_from_text",
    # moved to records.py / detection.py; still imported from here (tests, scripts/train_contract_model.py)
    "_KIND_EXCLUDE",
    "_KIND_HEADING",
    "_KIND_RX",
    "_KIND_TRIGGER",
    "apply_model",
    "clause_sentences",
    "detect_kinds",
    "model_units",
]
