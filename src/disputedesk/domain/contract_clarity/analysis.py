"""Contract clarity: the checklist, vague wording, legal weak points, score and suggestions.

Pure: takes paragraphs (text with positions) and the date the check is made for (`as_of`,
which decides which version of a law is cited); no I/O, no clock.

Size (about 1,150 lines): ``_kind_issues`` (the legal weak points, one rule per clause kind) is
some 400 of them and belongs in its own module; it stays here while the contract-clarity work
in progress edits it daily (a move now would only create merge conflicts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from . import values as V
from .clauses import Clause, Location, ParagraphLike, markdown_heading, split_clauses
from .kinds import KINDS, SPEC_BY_KIND, SPECS, SUPPORT_CONTEXT, UNILATERAL_CHANGE, KindSpec
from .legal import RULES, LegalRule, arbitration_rule
from .model import ClauseModel, Scorer, features, load_model
from .suggestions import SuggestionParams, suggestion
from .text import detect_language, is_cjk, sentence_spans
from .vague import VAGUE_TERMS

RULESET_VERSION = "contract-clarity rules 1"
MAX_EXCERPTS = 5
MAX_EXCERPT_CHARS = 400
MAX_VAGUE = 100
DISCLAIMER_EN = "Automated check, not legal advice: every finding points to its clause; counsel decides."
DISCLAIMER_ZH = "自动检查结果，不构成法律意见：每项发现均指向原条款，由律师判断。"

Json = dict[str, Any]


# ------------------------------------------------------------------ input helpers
@dataclass(frozen=True)
class TextParagraph:
    """A paragraph of a plain string (for callers that have text, not a file)."""

    text: str
    index: int
    char_start: int
    char_end: int
    page: int | None = None
    heading: int | None = None  # heading level the text marks (Markdown "#"), if any


def paragraphs_from_text(text: str) -> list[TextParagraph]:
    """One paragraph per non-empty line; offsets refer to `text` itself. A Markdown heading
    ("## 1. 采购的合同产品") loses its "#" marks and keeps its level as a heading hint."""
    out: list[TextParagraph] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            level = None
            md = markdown_heading(stripped)
            if md is not None:
                level, skip = md
                start += skip
                stripped = stripped[skip:]
            out.append(TextParagraph(stripped, len(out), start, start + len(stripped), None, level))
        pos += len(line)
    return out


def clause_sentences(clause: Clause) -> list[tuple[int, int]]:
    """Sentence spans of a clause; a paragraph break also ends a sentence after a heading line,
    after sentence punctuation, and around table rows (PDF lines wrapped mid-sentence stay joined).
    Computed once per clause (several checks read them)."""
    if clause.sentence_cache is None:
        clause.sentence_cache = _clause_sentences(clause)
    return clause.sentence_cache


def _clause_sentences(clause: Clause) -> list[tuple[int, int]]:
    cuts: set[int] = set()
    segs = clause.segments
    for i, seg in enumerate(segs[1:], start=1):
        prev = segs[i - 1].paragraph.text.rstrip()
        if (
            (i == 1 and clause.label is not None and len(prev) <= 80)
            or (prev and prev[-1] in ".;:。；：!?！？")
            or " | " in prev
            or " | " in seg.paragraph.text
        ):
            cuts.add(seg.start)
    out: list[tuple[int, int]] = []
    text = clause.text
    for s0, e0 in sentence_spans(text):
        inner = sorted(c for c in cuts if s0 < c < e0)
        for a, b in zip([s0, *inner], [*inner, e0], strict=True):
            while a < b and (text[a].isspace() or text[a] == "|"):
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((a, b))
    return out


# ------------------------------------------------------------------ internal records
@dataclass
class _Sentence:
    clause: Clause
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.clause.text[self.start : self.end]

    def location(self) -> Location:
        return self.clause.locate(self.start, self.end)


@dataclass
class _Hit:
    sentence: _Sentence
    by_heading: bool
    by_model: bool = False  # found by the sentence model, not by a rule


@dataclass
class KindResult:
    kind: str
    present: bool = False
    hits: list[_Hit] = field(default_factory=list)
    values: Json = field(default_factory=dict)
    issues: list[Json] = field(default_factory=list)


def _excerpt(s: _Sentence) -> Json:
    text = s.text
    if len(text) > MAX_EXCERPT_CHARS:
        text = text[: MAX_EXCERPT_CHARS - 1].rstrip() + "…"
    return {"text": text, "location": s.location().as_dict()}


def _issue(
    code: str, severity: str, en: str, zh: str, rule: LegalRule | None = None, where: _Sentence | None = None
) -> Json:
    d: Json = {"code": code, "severity": severity, "message_en": en, "message_zh": zh}
    if rule is not None:
        d["citation"] = rule.as_dict()
    if where is not None:
        d["location"] = where.location().as_dict()
    return d


# ------------------------------------------------------------------ compiled patterns
_KIND_RX: dict[str, re.Pattern[str]] = {
    s.kind: re.compile("|".join(f"(?:{p.pattern})" for p in s.body), re.IGNORECASE) for s in SPECS
}
_KIND_EXCLUDE: dict[str, re.Pattern[str] | None] = {
    s.kind: (re.compile("|".join(f"(?:{p.pattern})" for p in s.exclude), re.IGNORECASE) if s.exclude else None)
    for s in SPECS
}
_KIND_HEADING: dict[str, re.Pattern[str] | None] = {
    s.kind: (re.compile("|".join(f"(?:{p.pattern})" for p in s.heading), re.IGNORECASE) if s.heading else None)
    for s in SPECS
}
_VAGUE_ANY = re.compile("|".join(f"(?:{t.pattern.pattern})" for t in VAGUE_TERMS), re.IGNORECASE)
# lower-case substrings one of which every vague pattern contains (cheap pre-test, for speed)
_VAGUE_TRIGGERS = (
    "timely", "prompt", "soon", "asap", "delay", "forthwith", "due course", "reasonabl", "effort", "endeavo",
    "needed", "necessary", "required", "appropriate", "possible", "agreed", "discussed", "negotiat", "determined",
    "confirmed", "subject to", "separately", "principle", "generally", "normally", "usually", "adequate",
    "sufficient", "discretion", "time to time", "periodic", "amicabl", "friendly", "good faith", "good-faith",
    "尽", "及早", "及时", "第一时间", "立即", "马上", "合理", "适当", "恰当", "必要", "视情况", "酌情",
    "根据需要", "另行",
    "协商", "届时", "原则上", "一般", "通常", "友好", "努力",
)  # fmt: skip
_VAGUE_TRIGGER_RX = re.compile("|".join(re.escape(t) for t in _VAGUE_TRIGGERS))
_LIMITATION = re.compile(
    r"\b(?:claims?|actions?|proceedings?|suits?)\b[^.;。；]{0,120}\b(?:must|shall|may only|can only)\s+be\s+"
    r"(?:brought|commenced|filed|made|instituted)\b[^.;。；]{0,60}\bwithin\b|\blimitation\s+period\b|"
    r"\btime[- ]barred\b|诉讼时效|(?:提起|提出)(?:诉讼|仲裁)[^。；]{0,20}(?:期限|期间)[^。；]{0,10}(?:为|不超过)",
    re.IGNORECASE,
)
_DEEMED_ACCEPTED = re.compile(
    r"\bdeemed\s+(?:to\s+have\s+been\s+)?(?:accepted|approved|conforming)\b|视为(?:验收)?合格|视为验收|视为(?:买方)?(?:接受|认可)",
    re.IGNORECASE,
)
_SUPPORT_FAILURE = re.compile(
    r"\b(?:support|response|respond|repair|resolution|service\s+levels?|fault|defect|malfunction|breakdown)\w*\b|"
    r"技术支持|响应|维修|修复|故障|服务等级|服务水平|可利用率|开机率",
    re.IGNORECASE,
)
_WHO_PAYS_SELLER = re.compile(
    r"\bfree\s+of\s+charge\b|\bat\s+no\s+(?:additional\s+|extra\s+)?(?:cost|charge)\b|\bat\s+(?:the\s+)?(?:seller|supplier|"
    r"vendor)'?s?\s+(?:own\s+)?(?:cost|expense)\b|\bborne\s+by\s+(?:the\s+)?(?:seller|supplier|vendor)\b|"
    r"\b(?:seller|supplier|vendor)\s+(?:shall|will)\s+(?:bear|pay|cover)\b|免费|由卖方承担|卖方承担|乙方承担|由乙方",
    re.IGNORECASE,
)
_WHO_PAYS_BUYER = re.compile(
    r"\bat\s+(?:the\s+)?(?:buyer|purchaser|customer)'?s?\s+(?:own\s+)?(?:cost|expense)\b|\bborne\s+by\s+(?:the\s+)?(?:buyer|"
    r"purchaser|customer)\b|\b(?:buyer|purchaser|customer)\s+(?:shall|will)\s+(?:bear|pay|cover|reimburse)\b|"
    r"\bchargeable\b|\bfor\s+a\s+fee\b|\bat\s+(?:the\s+)?(?:then[- ])?(?:current|prevailing)\s+"
    r"(?:rates|prices)\b|收费|有偿|由买方承担|买方承担|甲方承担|另行收费",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\be-?mail\b|电子邮件|邮箱|电邮", re.IGNORECASE)
_DOC_LANG = re.compile(
    r"\b(?:english|chinese|german|french|spanish|bilingual)\b|英文|中文|英语|汉语|中英文", re.IGNORECASE
)
_YEARS = re.compile(
    r"(?P<n>\d+|one|two|three|five|seven|ten|fifteen|twenty|[一二两三四五六七八九十]+)\s*(?:\(\d+\)\s*)?(?:years?|年)",
    re.IGNORECASE,
)


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

    def as_dict(self) -> Json:
        """JSON-ready report (the CLI adds `file`)."""
        return {
            "score": self.score,
            "score_breakdown": self.score_breakdown,
            "language": self.language,
            "as_of": self.as_of.isoformat(),
            "clause_count": self.clause_count,
            "clauses": [
                {
                    "kind": k,
                    "title_en": SPEC_BY_KIND[k].title_en,
                    "title_zh": SPEC_BY_KIND[k].title_zh,
                    "present": r.present,
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
    out: list[Json] = []
    # sentences found by their own words first, then those found by the clause heading
    for hit in sorted(r.hits, key=lambda h: h.by_heading):
        s = hit.sentence
        key = (id(s.clause), s.start, s.end)
        if key in seen:
            continue
        seen.add(key)
        excerpt = _excerpt(s)
        if hit.by_model:
            excerpt["found_by"] = "sentence model"
        out.append(excerpt)
        if len(out) >= MAX_EXCERPTS:
            break
    out.sort(key=lambda e: e["location"]["char_start"])
    return out


def _substantive(text: str) -> bool:
    cjk = sum(1 for c in text if is_cjk(c))
    return cjk >= 8 or len(text.split()) >= 5


_KIND_TRIGGER: dict[str, re.Pattern[str] | None] = {
    s.kind: (re.compile("|".join(re.escape(t) for t in s.triggers)) if s.triggers else None) for s in SPECS
}


def detect_kinds(clauses: Sequence[Clause]) -> dict[str, KindResult]:
    results = {k: KindResult(k) for k in KINDS}
    for clause in clauses:
        spans = clause_sentences(clause)
        if not spans:
            continue
        sentences = [_Sentence(clause, s, e) for s, e in spans]
        head = f"{clause.heading} {clause.context}".strip()
        text = clause.text
        lower = text.lower()
        for spec in SPECS:
            matched: set[int] = set()
            trigger = _KIND_TRIGGER[spec.kind]
            # speed: the full patterns run only on sentences holding one of the kind's trigger words
            if trigger is None or trigger.search(lower):
                rx = _KIND_RX[spec.kind]
                for i, (s0, e0) in enumerate(spans):
                    if (trigger is None or trigger.search(lower, s0, e0)) and rx.search(text, s0, e0):
                        matched.add(i)
            exclude = _KIND_EXCLUDE[spec.kind]
            result = results[spec.kind]
            for i in sorted(matched):
                if exclude is not None and exclude.search(sentences[i].text):
                    continue
                result.hits.append(_Hit(sentences[i], False))
                result.present = True
            heading_rx = _KIND_HEADING[spec.kind]
            if heading_rx is not None and head and heading_rx.search(head):
                for i, sent in enumerate(sentences):
                    if i not in matched and _substantive(sent.text):
                        result.hits.append(_Hit(sent, True))
                        result.present = True
    return results


def _model_sentences(clauses: Sequence[Clause]) -> list[tuple[_Sentence, str]]:
    """The sentences the model scores (substantive ones), each with its clause heading."""
    out = []
    for clause in clauses:
        head = f"{clause.heading} {clause.context}".strip()
        for s0, e0 in clause_sentences(clause):
            sent = _Sentence(clause, s0, e0)
            if _substantive(sent.text):
                out.append((sent, head))
    return out


def model_units(clauses: Sequence[Clause]) -> list[tuple[_Sentence, set[str]]]:
    """The model's sentences with their features (the training script reads them)."""
    return [(sent, features(sent.text, head)) for sent, head in _model_sentences(clauses)]


def apply_model(
    clauses: Sequence[Clause], results: dict[str, KindResult], model: ClauseModel | None, language: str
) -> None:
    """Let the trained sentence model decide presence where its file says it beats the rules for
    documents in this language (model.py): a kind the model finds and the rules miss gets the
    model's best sentence as its excerpt; with "and"/"model" a rule finding the model does not
    confirm is dropped."""
    used = model.used(language) if model is not None else {}
    # speed: "or" can only add a kind the rules missed, "and" only drop one they found
    used = {k: u for k, u in used.items() if u[1] == "model" or (u[1] == "or") != results[k].present}
    if not used:
        return
    kinds = list(used)
    scorer = Scorer([used[k][0] for k in kinds])
    best: dict[str, tuple[float, _Sentence | None]] = {k: (float("-inf"), None) for k in kinds}
    # "and" only needs one sentence above the threshold: the sentences the rules hit come first, and
    # the scan stops once every kind is settled ("or" and "model" look for the best sentence)
    settle_early = all(used[k][1] == "and" for k in kinds)
    hit_keys = {(id(h.sentence.clause), h.sentence.start) for k in kinds for h in results[k].hits}
    order = [(sent, head) for sent, head in _model_sentences(clauses)]
    order.sort(key=lambda u: (id(u[0].clause), u[0].start) not in hit_keys)
    for sent, head in order:
        for kind, score in zip(kinds, scorer.scores(sent.text, head), strict=True):
            if score > best[kind][0]:
                best[kind] = (score, sent)
        if settle_early and all(best[k][0] > used[k][2] for k in kinds):
            break
    for kind, (_, combine, threshold) in used.items():
        score, top = best[kind]
        found = top is not None and score > threshold
        r = results[kind]
        if combine in ("and", "model") and not found:
            r.present, r.hits = False, []
        if combine in ("or", "model") and found and not r.present and top is not None:
            r.hits.append(_Hit(top, False, by_model=True))
            r.present = True


# ------------------------------------------------------------------ values per kind
def _merge_list(target: Json, key: str, items: list[Any], limit: int = 10) -> None:
    if not items:
        return
    existing = target.setdefault(key, [])
    for it in items:
        if it not in existing and len(existing) < limit:
            existing.append(it)


def _extract_values(kind: str, r: KindResult) -> None:
    v: Json = r.values
    direct = [h.sentence for h in r.hits if not h.by_heading]
    sentences = direct or [h.sentence for h in r.hits]
    for s in sentences:
        t = s.text
        if kind in ("response_time", "resolution_time", "onsite_support", "inspection_acceptance", "spare_parts",
                    "training", "refund_return", "post_termination_support"):  # fmt: skip
            ds = [d for d in V.durations(t) if d["unit"] in ("minute", "hour", "day", "week", "month", "year")]
            cursor = 0
            for d in ds:
                at = t.find(d["text"], cursor)
                cursor = at + 1 if at >= 0 else cursor
                d["severity"] = V.severity(t, at if at >= 0 else None) or "all"
                d["location"] = s.location().as_dict()
            _merge_list(v, "durations", ds)
        if kind in ("response_time", "resolution_time", "service_hours", "onsite_support"):
            tz = V.time_zone(t)
            if tz:
                v["time_zone"] = tz
            cal = V.calendar(t)
            if cal:
                v["calendar"] = cal
        if kind == "service_hours":
            sh = V.service_hours(t)
            for key, val in sh.items():
                v.setdefault(key, val)
        if kind == "warranty_period":
            w = V.warranty(t)
            if w:
                for key, val in w.items():
                    v.setdefault(key, val)
        if kind in ("support_remedy", "liquidated_damages", "liability_cap", "refund_return", "spare_parts"):
            _merge_list(v, "amounts", V.money(t))
            _merge_list(v, "rates", V.rates(t))
        if kind == "dispute_resolution":
            for key, val in V.arbitration(t).items():
                v.setdefault(key, val)
        if kind == "governing_law":
            for key, val in V.governing_law(t).items():
                v.setdefault(key, val)
        if kind == "prevailing_language":
            pl = V.prevailing_language(t)
            if "prevailing" in pl and (v.get("prevailing") is None):
                v.update(pl)
        if kind in ("software_updates", "onsite_support", "training", "spare_parts", "post_termination_support"):
            if _WHO_PAYS_SELLER.search(t):
                v.setdefault("cost_borne_by", "seller")
            elif _WHO_PAYS_BUYER.search(t):
                v.setdefault("cost_borne_by", "buyer")
        if kind == "documentation":
            _merge_list(v, "languages", sorted({m.group(0) for m in _DOC_LANG.finditer(t)}))
        if kind == "notices" and _EMAIL.search(t):
            v["email"] = True
        if kind == "termination" and _SUPPORT_FAILURE.search(t):
            v["for_support_failure"] = True
        if kind in ("spare_parts", "post_termination_support"):
            y = _YEARS.search(t)
            if y and "years" not in v:
                v["years"] = y.group(0)
    if kind in _CLAUSE_WIDE:
        _clause_wide_values(kind, r)
    if kind in ("response_time", "resolution_time", "onsite_support"):
        # durations of a sentence that speaks of another kind (e.g. "respond in 2 h, repair in 24 h")
        _assign_response_resolution(kind, r)


# Elements a clause may state in a sentence of its own ("The seat of arbitration is Singapore.",
# "the proceedings shall be conducted in English", "质保期从安装调试完毕后起算"): read from every
# sentence of a clause where the kind was found, so no finding says they are missing.
_CLAUSE_WIDE = {"dispute_resolution": V.arbitration, "warranty_period": V.warranty}


def _clause_wide_values(kind: str, r: KindResult) -> None:
    read = _CLAUSE_WIDE[kind]
    seen: set[int] = set()
    for hit in r.hits:
        clause = hit.sentence.clause
        if id(clause) in seen:
            continue
        seen.add(id(clause))
        for s0, e0 in clause_sentences(clause):
            for key, val in (read(clause.text[s0:e0]) or {}).items():
                r.values.setdefault(key, val)


_RESP_WORD = re.compile(
    r"\b(?:respon\w*|repl\w*|acknowledg\w*|answer\w*|call[- ]?back)\b|响应|回复|答复|回应|反馈", re.I
)
_FIX_WORD = re.compile(
    r"\b(?:resolv\w*|resolution|repair\w*|fix\w*|rectif\w*|restor\w*|remed\w*|workaround)\b|修复|解决|排除|恢复|修好|维修完毕|处理完毕",
    re.I,
)
_SITE_WORD = re.compile(
    r"\bon[- ]?site\b|\barriv\w*|\bat\s+the\s+(?:buyer'?s\s+)?(?:site|premises|plant)|到达|现场|上门", re.I
)


def _assign_response_resolution(kind: str, r: KindResult) -> None:
    """Keep only the durations that belong to this kind when a sentence names several things."""
    ds = r.values.get("durations")
    if not ds:
        return
    word = {"response_time": _RESP_WORD, "resolution_time": _FIX_WORD, "onsite_support": _SITE_WORD}[kind]
    others = [w for k, w in (("response_time", _RESP_WORD), ("resolution_time", _FIX_WORD),
                             ("onsite_support", _SITE_WORD)) if k != kind]  # fmt: skip
    kept = []
    for d in ds:
        sent = next((h.sentence for h in r.hits if h.sentence.location().as_dict() == d["location"]), None)
        if sent is None:
            kept.append(d)
            continue
        t = sent.text
        # find the duration's own position and the nearest preceding/following keyword
        pos = t.find(d["text"])
        if pos < 0:
            kept.append(d)
            continue

        # English puts the verb before the number ("respond within 4 hours"), Chinese after it
        # ("4小时内响应"): a keyword on the usual side wins over one on the other side.
        zh = is_cjk(d["text"][-1])

        def nearest(rx: re.Pattern[str], t: str = t, pos: int = pos, zh: bool = zh, n: int = len(d["text"])) -> int:
            best = 10_000
            for m in rx.finditer(t):
                before = m.end() <= pos
                dist = pos - m.end() if before else m.start() - (pos + n)
                usual = (not before) if zh else before
                best = min(best, abs(dist) + (0 if usual else 15))
            return best

        own = nearest(word)
        if own < 10_000 and all(own <= nearest(o) for o in others):
            kept.append(d)
    r.values["durations"] = kept


# ------------------------------------------------------------------ issues per kind
def _find_limitation(clauses: Sequence[Clause]) -> _Sentence | None:
    """First sentence that changes the time to bring claims (Civil Code Art. 197 where PRC law governs)."""
    for clause in clauses:
        if not _LIMITATION.search(clause.text):
            continue
        for s0, e0 in clause_sentences(clause):
            if _LIMITATION.search(clause.text[s0:e0]):
                return _Sentence(clause, s0, e0)
    return None


def _kind_issues(
    results: dict[str, KindResult],
    language: str,
    as_of: date,
    min_inspection_days: int,
    limitation: _Sentence | None = None,
) -> None:
    def first(kind: str) -> _Sentence | None:
        hits = [h for h in results[kind].hits if not h.by_heading] or results[kind].hits
        return hits[0].sentence if hits else None

    art511 = RULES["civil_code_511"]
    for kind in ("response_time", "resolution_time"):
        r = results[kind]
        title = SPEC_BY_KIND[kind].title_en.lower()
        if not r.present:
            r.issues.append(
                _issue(
                    "missing",
                    "high",
                    f"No {title} is agreed: a late answer or repair cannot be shown to be a breach.",
                    f"未约定{SPEC_BY_KIND[kind].title_zh}：无法证明答复或修复迟延构成违约。",
                    art511,
                )
            )
            continue
        ds = r.values.get("durations", [])
        if not ds:
            r.issues.append(
                _issue(
                    "no_number",
                    "high",
                    f"The {title} is described only in words (e.g. 'promptly'), with no hours or days.",
                    f"{SPEC_BY_KIND[kind].title_zh}仅有文字描述（如“及时”），未约定具体小时或天数。",
                    art511,
                    first(kind),
                )
            )
        elif any(d["basis"] == "unspecified" for d in ds):
            r.issues.append(
                _issue(
                    "basis_unclear",
                    "medium",
                    f"The {title} does not say whether hours/days are business or calendar time.",
                    f"{SPEC_BY_KIND[kind].title_zh}未说明按工作时间还是自然时间计算。",
                    None,
                    first(kind),
                )
            )
        if ds and not r.values.get("time_zone") and not results["service_hours"].values.get("time_zone"):
            r.issues.append(
                _issue(
                    "no_time_zone",
                    "low",
                    f"No time zone for counting the {title}.",
                    f"未约定计算{SPEC_BY_KIND[kind].title_zh}所用的时区。",
                    None,
                    first(kind),
                )
            )

    r = results["service_hours"]
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "medium",
                "Service hours are not defined: it is unclear when the clock runs.",
                "未约定服务时间：计时从何时起算不明确。",
            )
        )
    elif not any(k in r.values for k in ("coverage", "days", "start")):
        r.issues.append(
            _issue(
                "incomplete",
                "low",
                "Service hours are mentioned but days and hours are not stated.",
                "提及服务时间，但未写明具体日期和时段。",
                None,
                first("service_hours"),
            )
        )

    r = results["warranty_period"]
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "high",
                "No warranty period: the notice deadline falls back to the law "
                "(Civil Code Arts. 620-621: reasonable time, at most 2 years from receipt).",
                "未约定质保期：异议期限适用法律规定（《民法典》第六百二十、六百二十一条：合理期限，最长自收货起两年）。",
            )
        )
    else:
        if "months" not in r.values:
            r.issues.append(
                _issue(
                    "no_length",
                    "high",
                    "The warranty is mentioned but its length is not stated.",
                    "提及质保，但未写明期限。",
                    None,
                    first("warranty_period"),
                )
            )
        if "start_event" not in r.values:
            r.issues.append(
                _issue(
                    "no_start",
                    "medium",
                    "The warranty does not say when it starts (delivery, installation, acceptance?).",
                    "未写明质保期起算点（交货、安装还是验收？）。",
                    None,
                    first("warranty_period"),
                )
            )
        elif re.search(r"shipment|bill of lading|B/L|delivery|发货|提单|出厂|交货", str(r.values["start_event"]), re.I):
            r.issues.append(
                _issue(
                    "early_start",
                    "medium",
                    "The warranty starts at shipment/delivery: part of it may be used up before the equipment runs.",
                    "质保期自发货/交货起算，设备投入运行前即已消耗部分质保期。",
                    None,
                    first("warranty_period"),
                )
            )
        if r.values.get("whichever_first"):
            r.issues.append(
                _issue(
                    "whichever_first",
                    "low",
                    "'Whichever comes first' can shorten the warranty a lot.",
                    "“以先到者为准”可能大幅缩短质保期。",
                    None,
                    first("warranty_period"),
                )
            )

    r = results["dispute_resolution"]
    v = r.values
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "high",
                "No dispute-resolution clause: the supplier must be sued in its own "
                "courts, and a foreign judgment may not be enforceable in China.",
                "未约定争议解决条款：只能在供方所在地法院起诉，外国判决在中国可能无法执行。",
            )
        )
    else:
        if v.get("mechanism") == "arbitration" and not v.get("institution"):
            rule = arbitration_rule(as_of)
            r.issues.append(
                _issue(
                    "no_institution",
                    "high",
                    "The arbitration clause names no arbitral institution: it may "
                    "be void under PRC law unless the parties agree a supplement.",
                    "仲裁条款未约定仲裁机构：依中国法，除非达成补充协议，可能无效。",
                    rule,
                    first("dispute_resolution"),
                )
            )
            r.issues.append(
                _issue(
                    "exact_name",
                    "low",
                    "Name the institution exactly.",
                    "应写明仲裁机构的准确名称。",
                    RULES["arbitration_exact_name"],
                )
            )
        if v.get("mechanism") == "arbitration":
            if not v.get("seat"):
                r.issues.append(
                    _issue(
                        "no_seat",
                        "medium",
                        "No seat of arbitration.",
                        "未约定仲裁地。",
                        None,
                        first("dispute_resolution"),
                    )
                )
            if not v.get("language"):
                r.issues.append(
                    _issue(
                        "no_language",
                        "low",
                        "No language of the arbitration.",
                        "未约定仲裁语言。",
                        None,
                        first("dispute_resolution"),
                    )
                )
        if "mechanism" not in v and v.get("negotiation_first"):
            r.issues.append(
                _issue(
                    "negotiation_only",
                    "high",
                    "Only amicable negotiation is agreed: there is no binding route to a decision.",
                    "仅约定友好协商，没有可作出有约束力裁决的途径。",
                    None,
                    first("dispute_resolution"),
                )
            )
    if limitation is not None:
        rule = RULES["civil_code_197"]
        law = str(results["governing_law"].values.get("law", ""))
        applies = (not law) or bool(re.search(r"China|PRC|中华人民共和国|中国", law))
        results["dispute_resolution"].issues.append(
            _issue(
                "limitation_clause",
                "medium" if applies else "low",
                "A clause changes the time to bring claims; where PRC law governs, agreed limitation periods are void."
                + ("" if applies else f" (governing law here: {law}; check that law)"),
                "条款变更了提起请求的期限；适用中国法时，约定的诉讼时效无效。",
                rule,
                limitation,
            )
        )

    r = results["governing_law"]
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "medium",
                "No governing law: it will be decided by conflict rules (for a PRC seller usually PRC law).",
                "未约定适用法律：由冲突规范确定（中国卖方通常适用中国法）。",
            )
        )

    r = results["prevailing_language"]
    if not r.present:
        sev = "high" if language == "bilingual" else "low"
        r.issues.append(
            _issue(
                "missing",
                sev,
                "No prevailing language: with two versions, a translation dispute decides what was promised.",
                "未约定以何种文本为准：存在两种文本时，由翻译争议决定承诺内容。",
            )
        )
    elif r.values.get("equal_versions") and not r.values.get("prevailing"):
        r.issues.append(
            _issue(
                "equal_versions",
                "medium",
                "Both language versions are equally authentic and none prevails: a discrepancy has no tie-breaker.",
                "两种文本具有同等效力且未约定以何者为准：出现不一致时无法判断。",
                None,
                first("prevailing_language"),
            )
        )

    r = results["inspection_acceptance"]
    if r.present:
        days = [d for d in r.values.get("durations", []) if d["unit"] in ("day", "week", "hour")]
        limit = Decimal(24 * min_inspection_days)
        short = [d for d in days if (V.duration_in_hours(d) or limit) < limit]
        if short:
            d = min(short, key=lambda x: V.duration_in_hours(x) or Decimal(0))
            r.issues.append(
                _issue(
                    "short_inspection",
                    "high",
                    f"Inspection period of {d['text']} is shorter than {min_inspection_days} days: "
                    "installing and commissioning equipment usually takes longer.",
                    f"检验期限（{d['text']}）短于{min_inspection_days}日：设备安装调试通常需要更长时间。",
                    RULES["civil_code_622"],
                )
            )
        deemed = next((h.sentence for h in r.hits if _DEEMED_ACCEPTED.search(h.sentence.text)), None)
        if deemed is not None:
            r.issues.append(
                _issue(
                    "deemed_acceptance",
                    "medium",
                    "Goods are deemed accepted if the buyer does not object "
                    "in time: keep written objections within the period.",
                    "买方未按时提出异议即视为验收合格：须在期限内书面提出异议。",
                    RULES["civil_code_622"],
                    deemed,
                )
            )
    else:
        r.issues.append(_issue("missing", "medium", "No inspection or acceptance procedure.", "未约定检验和验收程序。"))

    unilateral = next(
        (h.sentence for h in results["change_procedure"].hits if UNILATERAL_CHANGE.search(h.sentence.text)), None
    )
    if unilateral is not None:
        results["change_procedure"].issues.append(
            _issue(
                "unilateral_change",
                "high",
                "One side may change the terms alone (e.g. by publishing new terms): support "
                "promised today can be withdrawn.",
                "一方可单方变更条款（如在网站公布新条款）：今天承诺的支持可能被撤回。",
                RULES["civil_code_543"],
                unilateral,
            )
        )

    r = results["support_remedy"]
    if not r.present:
        r.issues.append(
            _issue(
                "missing",
                "high",
                "No remedy for support failures (service credits or liquidated damages): each loss must be proven.",
                "未约定技术支持违约的救济（服务抵扣或违约金）：每项损失均需举证。",
            )
        )
    r = results["documentation"]
    if r.present and not r.values.get("languages"):
        r.issues.append(
            _issue(
                "no_language",
                "medium",
                "Manuals are promised but their language is not stated.",
                "约定了说明书，但未写明语言。",
                None,
                first("documentation"),
            )
        )
    r = results["software_updates"]
    if r.present and "cost_borne_by" not in r.values:
        r.issues.append(
            _issue(
                "no_cost",
                "medium",
                "Updates are mentioned but who pays for them is not stated.",
                "提及升级，但未写明费用由谁承担。",
                None,
                first("software_updates"),
            )
        )
    r = results["onsite_support"]
    if r.present and "cost_borne_by" not in r.values:
        r.issues.append(
            _issue(
                "no_cost",
                "low",
                "On-site support is mentioned but travel costs are not allocated.",
                "提及现场服务，但未约定差旅费用承担。",
                None,
                first("onsite_support"),
            )
        )
    r = results["notices"]
    if r.present and not r.values.get("email"):
        r.issues.append(
            _issue(
                "no_email",
                "low",
                "Notices do not provide for e-mail: support requests by e-mail may be disputed as notices.",
                "通知条款未约定电子邮件方式：以邮件发出的支持请求可能被争议。",
                None,
                first("notices"),
            )
        )
    r = results["termination"]
    if r.present and not r.values.get("for_support_failure"):
        r.issues.append(
            _issue(
                "no_support_trigger",
                "low",
                "No right to terminate for repeated support failure.",
                "未约定因反复技术支持违约而解除合同的权利。",
                None,
                first("termination"),
            )
        )
    r = results["liability_cap"]
    if r.present:
        r.issues.append(
            _issue(
                "cap_covers_support",
                "medium",
                "A liability cap may also limit what can be recovered for support failures: check its carve-outs.",
                "责任上限可能同样限制技术支持违约的赔偿：请核对除外情形。",
                None,
                first("liability_cap"),
            )
        )
    for kind in ("refund_return", "spare_parts", "documentation", "training", "software_updates", "onsite_support",
                 "change_procedure", "notices", "termination", "post_termination_support",
                 "liquidated_damages"):  # fmt: skip
        if not results[kind].present:
            sev = "medium" if SPEC_BY_KIND[kind].weight >= 6 else "low"
            results[kind].issues.append(
                _issue(
                    "missing",
                    sev,
                    f"Nothing on {SPEC_BY_KIND[kind].title_en.lower()}.",
                    f"未约定{SPEC_BY_KIND[kind].title_zh}。",
                )
            )


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
        "warranty length and start": (Decimal("0.5") if "months" in w else 0)
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
        "coverage": {"points": _r(coverage), "max": 50, "explain": f"weighted share of the {len(KINDS)} kinds present"},
        "specificity": {"points": _r(specificity), "max": 25,
                        "checks": {k: str(v) for k, v in checks.items()},
                        "explain": "measurable values: numbers with units, start events, named forum"},
        "wording": {"points": _r(wording), "max": 15,
                    "explain": f"15 minus 3 per vague term in support wording ({len(distinct)} found)"},
        "legal": {"points": _r(legal), "max": 10,
                  "explain": f"10 minus 5 per high-severity legal weakness ({len(legal_issues)} found)"},
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
        service_hours = {k: sh[k] for k in ("coverage", "days", "start", "end", "availability_percent") if k in sh}
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
        "warranty": {k: w[k] for k in ("months", "start_event") if k in w} or None,
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
    results = detect_kinds(clauses)
    apply_model(clauses, results, load_model(), language)
    for kind, r in results.items():
        _extract_values(kind, r)
    _kind_issues(results, language, as_of, min_inspection_days, _find_limitation(clauses))
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
                f"Vague wording '{item['term']}': {item['why']}",
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
    )


def check_text(text: str, *, as_of: date, params: SuggestionParams | None = None) -> ClarityReport:
    """Convenience: check a contract given as one string (one paragraph per line)."""
    return check_contract(paragraphs_from_text(text), as_of=as_of, params=params)


def detected_kinds(text: str, *, model: ClauseModel | None | bool = True) -> set[str]:
    """Kinds present in `text` (checklist only; used by the benchmark). `model`: True for the
    shipped model, False for the rules alone, or a model to try."""
    clauses = split_clauses(paragraphs_from_text(text))
    results = detect_kinds(clauses)
    chosen = load_model() if model is True else None if model is False else model
    apply_model(clauses, results, chosen, detect_language(text))
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
]
