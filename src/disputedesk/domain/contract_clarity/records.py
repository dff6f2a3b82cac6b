"""Contract clarity, the records the checks share: paragraphs of a plain string, the sentences of
a clause, what a kind's check found (`KindResult`), and the excerpt and issue dicts of the report.

Split out of analysis.py (DESIGN.md: modules of about 600 lines at most); pure, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .clauses import Clause, Location, heading_hint, markdown_heading
from .legal import LegalRule
from .text import cjk_count, sentence_spans

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


def _heading_line(clause: Clause, first: str) -> bool:
    """Whether a clause's first paragraph is a heading line ("第四条 质量保证", "7.2 Warranty", "7.2") rather
    than the first printed line of a sentence wrapped by a scan or PDF ("6.2 乙方未按约定到场的，每超过一日按 0.3% 支"):
    a short line whose words after the number are the clause's title (or nothing), or one the reader marked."""
    if heading_hint(clause.segments[0].paragraph) is not None:
        return True
    if len(first) > 80:
        return False
    body = first.split(None, 1)[1] if len(first.split(None, 1)) > 1 else ""
    # the line is its title and nothing more: a title taken from the line's first sentence ("21 乙方提供7×24小时技术
    # 支持。乙方应在接到故障通知后" on a photo, wrapped) is no heading line, and the sentence goes on below
    words = "".join(body.split()).rstrip("：:.。")
    if any(mark in words for mark in "。；！？"):
        return False  # a sentence ends inside the line: it is text, whatever title was taken from it
    titles = {"".join(t.split()) for t in (clause.heading, *clause.heading.split(" / "))} - {""}
    return len(body) <= 3 or words in titles or (bool(titles) and not any(t in words for t in titles))


def _clause_sentences(clause: Clause) -> list[tuple[int, int]]:
    cuts: set[int] = set()
    segs = clause.segments
    for i, seg in enumerate(segs[1:], start=1):
        prev = segs[i - 1].paragraph.text.rstrip()
        if (
            (i == 1 and clause.label is not None and _heading_line(clause, prev))
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


# A sentence that says the kind outright says more than one that mentions its word on the way, and is the one the
# report's table quotes (and whose values are read first):
# - warranty: the one naming the period ("设备质保期为…24个月", "The Warranty Period is 24 months"), not a payment term
#   that releases the retention money after a year ("验收合格满一年后支付剩余10%作为质保金");
# - dispute resolution: the one naming the forum ("提交上海国际经济贸易仲裁委员会…在上海进行仲裁"), not the promise
#   to negotiate first ("双方应友好协商解决") that opens most such clauses.
_SAYS_IT: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {
    "warranty_period": (
        re.compile(
            r"(?:质保|保修|质量保证|保证|保固)期(?!满|届满|结束|后|内)|"
            r"\b(?:warranty|guarantee|defects?\s+liability)\s+period\s+(?:is|shall|will|of|lasts|runs|:)|"
            r"\bwarrant(?:s|y|ies)?\b[^.;]{0,120}\bfor\s+(?:a\s+period\s+of\s+)?[\w-]+\s*(?:\(\d+\)\s*)?(?:months?|years?)\b",
            re.IGNORECASE,
        ),
        re.compile(r"质保金|保证金|尾款|retention|retained|\bpayment\b|\bpaid\b|支付|付款", re.IGNORECASE),
    ),
    "dispute_resolution": (
        re.compile(r"仲裁|法院|诉讼|\barbitrat|\bcourts?\b|\btribunal\b|\blitigation\b", re.IGNORECASE),
        None,
    ),
}


def kind_applies(kind: str, language: str) -> bool:
    """Whether a kind's absence matters for a contract in this language: which version prevails only matters when the
    contract exists in two languages (no finding, and not listed as missing, for a contract in one language)."""
    return not (kind == "prevailing_language" and language in ("en", "zh"))


def says_it_outright(kind: str, text: str) -> bool:
    """Whether the sentence states the kind itself (see _SAYS_IT), not only a word of it in passing."""
    rule = _SAYS_IT.get(kind)
    if rule is None or not rule[0].search(text):
        return False
    return rule[1] is None or not rule[1].search(text)


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


_NUMBER_MARK = re.compile(
    r"^(?:第[\d零〇一二两三四五六七八九十百]+条|[零〇一二两三四五六七八九十]+[、．.]|\d+(?:\.\d+)*[.、．]?)"
)


def is_heading_line(s: _Sentence) -> bool:
    """The sentence is only the clause's own heading line ("第二条 质量保证", "7. Warranty"), not a sub-clause whose
    one sentence was taken for its title ("3.1 The warranty period is twelve months.", "3.1 质保期为十二个月。")."""
    words = "".join(s.text.split()).rstrip("：:.。")
    label = "".join((s.clause.label or "").split())
    # a bilingual clause's heading joins both versions ("Warranty / 质量保证"): either line is a heading line
    titles = {"".join(t.split()) for t in (s.clause.heading, *s.clause.heading.split(" / "))} - {""}
    rest = words[len(label) :].lstrip(".") if label and words.startswith(label) else _NUMBER_MARK.sub("", words)
    if not words or (words not in titles and rest not in titles):
        return False
    text = s.text.rstrip()
    said = cjk_count(text) >= 8 or len(text.split()) >= 5
    return not (said and text[-1] in ".。；;!?！？")


@dataclass
class KindResult:
    kind: str
    present: bool = False
    hits: list[_Hit] = field(default_factory=list)
    values: Json = field(default_factory=dict)
    issues: list[Json] = field(default_factory=list)
    # present, but only as one side's right to change it alone (the change procedure: "乙方有权调整服务费"); the
    # report's `status` is then "one_sided" and `one_sided` says who holds the right (change_rights.one_sided_change)
    one_sided: Json | None = None

    @property
    def status(self) -> str:
        """What the checklist shows: "present", "missing", or "one_sided" (present, but not to be read as fine)."""
        return "one_sided" if self.present and self.one_sided else "present" if self.present else "missing"


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
        d["excerpt"] = _excerpt(where)["text"]  # the sentence that carries the finding, as the page shows it
    return d
