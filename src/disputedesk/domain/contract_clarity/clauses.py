"""Split a contract's paragraphs into clauses.

Recognised headings (at the start of a paragraph): "Article 7", "Section 7.2", "Clause 7",
"7.", "7.2", "7.2.1", "VII." (English); "第七条", "第7条", "第三章", "一、" (Chinese);
"Schedule 1", "Annex A", "Appendix", "Exhibit B", "Attachment 2", "附件一", "附录".

Bilingual contracts: when an English and a Chinese paragraph carry the same number one after
the other ("7. Warranty" then "七、质量保证" or "7. 质量保证"), they are kept in one clause, so
alternating-paragraph and two-column layouts give one clause per number.

Hand-written: no library splits mixed English/Chinese contract headings; the rules are few.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .text import is_cjk, paragraph_language, zh_to_int


class ParagraphLike(Protocol):
    """What the analysis needs from a paragraph (ingest.contract_text.Paragraph fits)."""

    @property
    def text(self) -> str: ...
    @property
    def index(self) -> int: ...
    @property
    def char_start(self) -> int: ...
    @property
    def char_end(self) -> int: ...
    @property
    def page(self) -> int | None: ...


@dataclass(frozen=True)
class Location:
    paragraph: int  # paragraph index in the document
    char_start: int  # offsets in the document text
    char_end: int
    page: int | None = None
    clause: str | None = None  # clause label, e.g. "7.2", "第七条", "Schedule 1"

    def as_dict(self) -> dict[str, object]:
        return {
            "clause": self.clause,
            "page": self.page,
            "paragraph": self.paragraph,
            "char_start": self.char_start,
            "char_end": self.char_end,
        }


@dataclass
class _Segment:
    start: int  # offset in Clause.text
    end: int
    paragraph: ParagraphLike


@dataclass
class Clause:
    label: str | None  # as written: "7.2", "Article 7", "第七条", "Schedule 1"; None for preamble
    number: str | None  # normalised: "7.2", "7", "S:1"
    heading: str  # clause title if any ("Warranty", "质量保证")
    context: str  # headings of the enclosing clause/chapter/schedule (for kind detection)
    text: str = ""
    segments: list[_Segment] = field(default_factory=list)

    def add(self, paragraph: ParagraphLike) -> None:
        ptext = paragraph.text
        if self.text:
            prev = self.text[-1]
            joiner = "" if (is_cjk(prev) and ptext and is_cjk(ptext[0])) else " "
            self.text += joiner
        start = len(self.text)
        self.text += ptext
        self.segments.append(_Segment(start, len(self.text), paragraph))

    def paragraph_break_before(self, offset: int) -> bool:
        """True if a paragraph starts exactly at `offset` and the previous one ends a sentence."""
        for i, seg in enumerate(self.segments[1:], start=1):
            if seg.start == offset:
                prev = self.segments[i - 1].paragraph.text.rstrip()
                return bool(prev) and prev[-1] in ".;:。；：!?！？)）"
        return False

    def locate(self, start: int, end: int) -> Location:
        """Map clause-text offsets to a document location (paragraph of `start`)."""
        seg = self.segments[0]
        for candidate in self.segments:
            if candidate.start <= start:
                seg = candidate
            else:
                break
        p = seg.paragraph
        doc_start = p.char_start + max(0, min(start - seg.start, len(p.text)))
        # end may run into later paragraphs: map it through the segment that holds it
        end_seg = seg
        for candidate in self.segments:
            if candidate.start < end:
                end_seg = candidate
        ep = end_seg.paragraph
        doc_end = ep.char_start + max(0, min(end - end_seg.start, len(ep.text)))
        return Location(p.index, doc_start, max(doc_end, doc_start), p.page, self.label)

    @property
    def first_paragraph(self) -> int:
        return self.segments[0].paragraph.index if self.segments else -1


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_to_int(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


_ZH_NUM_CHARS = "零〇一二两三四五六七八九十百千"
_RE_ZH_ARTICLE = re.compile(rf"^第\s*([{_ZH_NUM_CHARS}\d]+)\s*条")
_RE_ZH_CHAPTER = re.compile(rf"^第\s*([{_ZH_NUM_CHARS}\d]+)\s*(章|节|部分)")
_RE_ZH_ENUM = re.compile(rf"^([{_ZH_NUM_CHARS}]+)\s*[、．]")
_RE_EN_ARTICLE = re.compile(
    r"^(ARTICLE|Article|SECTION|Section|CLAUSE|Clause|§)\s*(\d+(?:\.\d+)*|[IVXLC]+)\b\.?", re.UNICODE
)
_RE_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(\.|\)|、|．)?\s*(?=\S)")
_RE_ROMAN = re.compile(r"^([IVX]{1,5})\.\s+(?=[A-Z])")
_RE_SCHEDULE = re.compile(
    r"^(SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|EXHIBIT|Exhibit|ATTACHMENT|Attachment)"
    r"(?:\s+([A-Z0-9]{1,4}|[IVX]{1,5})\b)?[.:]?"
)
_RE_ZH_SCHEDULE = re.compile(rf"^(附\s*件|附\s*录|附\s*表)\s*([{_ZH_NUM_CHARS}\d]*)")


def _title(rest: str) -> str:
    """Heading title from the text after the number: short leading phrase, else ''."""
    rest = rest.strip().lstrip(".:：、)）-–— ").strip()
    if not rest:
        return ""
    m = re.match(r"^([^.:：。；;]{1,80}?)\s*(?:[.:：。；;]\s|[.:：。；;]?$|[:：])", rest)
    candidate = m.group(1).strip() if m else ""
    if not candidate and len(rest) <= 60:
        candidate = rest
    if not candidate:
        return ""
    # a title is short: at most ~10 words or 25 CJK characters
    if len(candidate.split()) > 10 or len(candidate) > 80:
        return ""
    cjk = sum(1 for c in candidate if is_cjk(c))
    if cjk > 25:
        return ""
    return candidate


@dataclass
class _Heading:
    label: str
    number: str
    level: int  # 0 = chapter/schedule, 1 = top clause, 2+ = sub-clause
    title: str


def _parse_heading(text: str, last_top: int | None) -> _Heading | None:
    m = _RE_ZH_SCHEDULE.match(text)
    if m and len(text) <= 160:
        num = m.group(2) or ""
        n = zh_to_int(num) if num and not num.isdigit() else (int(num) if num else None)
        return _Heading(m.group(0).strip(), f"S:{n if n is not None else num}", 0, _title(text[m.end() :]))
    m = _RE_SCHEDULE.match(text)
    if m and len(text) <= 160 and (m.group(2) or len(text) <= 60):
        return _Heading(m.group(0).rstrip(".:"), f"S:{(m.group(2) or '').upper()}", 0, _title(text[m.end() :]))
    m = _RE_ZH_CHAPTER.match(text)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else zh_to_int(m.group(1))
        return _Heading(m.group(0), f"C:{n}", 0, _title(text[m.end() :]))
    m = _RE_ZH_ARTICLE.match(text)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else zh_to_int(m.group(1))
        if n is not None:
            return _Heading(m.group(0), str(n), 1, _title(text[m.end() :]))
    m = _RE_ZH_ENUM.match(text)
    if m:
        n = zh_to_int(m.group(1))
        if n is not None and n <= 60:
            return _Heading(m.group(0).rstrip("、．"), str(n), 1, _title(text[m.end() :]))
    m = _RE_EN_ARTICLE.match(text)
    if m:
        raw = m.group(2)
        num = raw if raw[0].isdigit() else str(_roman_to_int(raw) or raw)
        level = num.count(".") + 1
        label = f"{m.group(1)} {raw}"
        return _Heading(label, num, level, _title(text[m.end() :]))
    m = _RE_ROMAN.match(text)
    if m and len(text) <= 100:
        n = _roman_to_int(m.group(1))
        if n is not None:
            return _Heading(m.group(1), str(n), 1, _title(text[m.end() :]))
    m = _RE_NUMBERED.match(text)
    if m:
        num = m.group(1)
        punct = m.group(2)
        rest = text[m.end() :]
        if not rest:
            return None
        parts = num.split(".")
        top = int(parts[0])
        if top == 0:
            return None
        first = rest[0]
        # "3 months after ..." on a wrapped PDF line is not a heading: a bare number needs
        # a capital letter or a Chinese character after it and must follow the numbering.
        if punct is None and len(parts) == 1:
            if not (first.isupper() or is_cjk(first)):
                return None
            if last_top is not None and top not in (last_top, last_top + 1):
                return None
        if (
            len(parts) == 1
            and punct in (".", "．", ")", "、")
            and not (first.isalpha() or first in "(（\"“'" or is_cjk(first))
        ):
            return None
        # numbering must not jump wildly (e.g. "45. 000 units" in a table); an excerpt may skip
        # clauses ("1. Goods" … "5. Warranty"), so a capitalised title allows a larger jump
        if last_top is not None and len(parts) == 1 and top != 1:
            titled = first.isupper() or is_cjk(first)
            if top > last_top + (20 if titled else 3):
                return None
        # "2.5 kW spindle" on a wrapped line is not a heading: a sub-clause number without trailing
        # punctuation needs a capital letter, a bracket or a Chinese character after it
        if len(parts) > 1 and punct is None and not (first.isupper() or first in "(（\"“'" or is_cjk(first)):
            return None
        if len(parts) > 1 and last_top is not None and top > last_top + 10:
            return None
        return _Heading(num, num, len(parts), _title(rest))
    return None


def split_clauses(paragraphs: Sequence[ParagraphLike]) -> list[Clause]:
    """Group paragraphs into clauses; text before the first heading is the preamble."""
    clauses: list[Clause] = []
    current = Clause(None, None, "", "")
    chapter_title = ""
    top_titles: dict[str, str] = {}
    last_top: int | None = None
    current_lang = "unknown"
    for para in paragraphs:
        heading = _parse_heading(para.text, last_top)
        if heading is not None:
            lang = paragraph_language(para.text)
            same_number = current.number == heading.number and current.number is not None and lang != current_lang
            if same_number:
                # the other language's version of the same clause (alternating bilingual layout)
                if heading.title and heading.title not in current.heading:
                    current.heading = f"{current.heading} / {heading.title}".strip(" /")
                current.add(para)
                current_lang = lang
                continue
            if current.segments:
                clauses.append(current)
            if heading.level == 0:
                chapter_title = heading.title or heading.label
                top_titles.clear()
                if heading.number.startswith("S:"):
                    last_top = None
            else:
                top = heading.number.split(".")[0]
                if heading.level == 1:
                    top_titles[top] = heading.title
                last_top = int(top) if top.isdigit() else last_top
            parent = ""
            if heading.level >= 2:
                parent = top_titles.get(heading.number.split(".")[0], "")
            context = " / ".join(t for t in (chapter_title, parent) if t)
            current = Clause(heading.label, heading.number, heading.title, context)
            current_lang = lang
        current.add(para)
    if current.segments:
        clauses.append(current)
    return clauses
