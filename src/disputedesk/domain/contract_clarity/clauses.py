"""Split a contract's paragraphs into clauses.

Recognised headings (at the start of a paragraph): "Article 7", "Section 7.2", "Clause 7",
"7.", "7.2", "7.2.1", "VII." (English); "第七条", "第7条", "第三章", "一、", "（一）", "（1）"
(Chinese); "Schedule 1", "Annex A", "Appendix", "Exhibit B", "Attachment 2", "附件一", "附录";
Markdown "#" headings. A paragraph the reader marked as a heading (``heading`` level: a Word
heading style or short bold line, a larger or bold PDF line, a Markdown "#") is a heading even
when it carries no number; its number, if any, is trusted even where a plain line with the same
text would look like a wrapped sentence.

Nesting: a sub-item keeps its parent in its label, so an excerpt cites what a reader finds:
"1．" under "第二条" is "第二条第1款", "（一）" under it "第二条第（一）项", "（1）" under "三、"
"三、（1）", "(1)" under "7.2" "7.2(1)". Plain "1." items are sub-items only inside a Chinese
"第X条"/"一、" clause; elsewhere they are top-level clauses as before.

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

from .text import cjk_count, is_cjk, paragraph_language, zh_to_int


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


def heading_hint(paragraph: object) -> int | None:
    """The heading level the reader gave the paragraph (``heading`` attribute), if any."""
    level = getattr(paragraph, "heading", None)
    return level if isinstance(level, int) and level > 0 else None


_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_MD_EMPHASIS = re.compile(r"^(\*\*|__)(.+?)\1")


def markdown_heading(line: str) -> tuple[int, int] | None:
    """(level, characters to skip) for a Markdown heading line ("## 1. 采购的合同产品"), else None."""
    m = _MD_HEADING.match(line)
    if m is None or not line[m.end() :].strip():
        return None
    return len(m.group(1)), m.end()


@dataclass(frozen=True)
class Location:
    paragraph: int  # paragraph index in the document
    char_start: int  # offsets in the document text
    char_end: int
    page: int | None = None
    clause: str | None = None  # clause label, e.g. "7.2", "第七条", "Schedule 1", "Schedule 1, item 2", "附件一第2项"
    schedule: str | None = None  # for an item of a schedule: the schedule's label ("Schedule 1", "附件一") ...
    item: str | None = None  # ... and the item's number in it ("2", "2(1)"): a page cites it in its reader's language
    schedule_other: str | None = None  # the schedule's label in the other language of a bilingual heading

    def as_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "clause": self.clause,
            "page": self.page,
            "paragraph": self.paragraph,
            "char_start": self.char_start,
            "char_end": self.char_end,
        }
        if self.schedule is not None and self.item is not None:
            d["schedule"], d["item"] = self.schedule, self.item
            if self.schedule_other:
                d["schedule_other"] = self.schedule_other
        return d


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
    schedule: str | None = None  # an item of a schedule: the schedule's label and the item's own number (Location)
    item: str | None = None
    schedule_other: str | None = None  # "附件一" for "SCHEDULE 1 SPARE PARTS 附件一备件" (Location)
    sentence_cache: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    def add(self, paragraph: ParagraphLike) -> None:
        self.sentence_cache = None
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
        end_at = max(doc_end, doc_start)
        return Location(p.index, doc_start, end_at, p.page, self.label, self.schedule, self.item, self.schedule_other)

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
# "（一）", "(一)", "（1）", "(1)", "⑴": items inside a clause
_RE_ZH_PAREN = re.compile(rf"^[（(]\s*([{_ZH_NUM_CHARS}]+|\d{{1,2}})\s*[)）]\s*(?=\S)")
_RE_EN_ARTICLE = re.compile(
    r"^(ARTICLE|Article|SECTION|Section|CLAUSE|Clause|§)\s*(\d+(?:\.\d+)*|[IVXLC]+)\b\.?", re.UNICODE
)
_RE_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(\.|\)|、|．)?\s*(?=\S)")
# a three-digit number at the start of a line: only ever a two-digit clause's sub-clause whose dot was lost ("121")
_RE_LOST_DOT_WIDE = re.compile(r"^(\d{3})(\.|．)?\s*(?=\S)")
_RE_BARE_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})[.)、．]?\s*$")
_RE_ROMAN = re.compile(r"^([IVX]{1,5})\.\s+(?=[A-Z])")
_RE_SCHEDULE = re.compile(
    r"^(SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|EXHIBIT|Exhibit|ATTACHMENT|Attachment)"
    r"(?:\s+([A-Z0-9]{1,4}|[IVX]{1,5})\b)?[.:]?"
)
_RE_ZH_SCHEDULE = re.compile(rf"^(附\s*件|附\s*录|附\s*表)\s*([{_ZH_NUM_CHARS}\d]*)")
_RE_ZH_SCHEDULE_IN = re.compile(rf"(附\s*件|附\s*录|附\s*表)\s*([{_ZH_NUM_CHARS}\d]+)")
_RE_SCHEDULE_IN = re.compile(
    r"\b(SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|EXHIBIT|Exhibit|ATTACHMENT|Attachment)\s+([A-Z0-9]{1,4})\b"
)


def _schedule_other(label: str, title: str) -> str | None:
    """The same schedule's label in the other language when a bilingual heading states both ("SCHEDULE 1 SPARE
    PARTS 附件一 备件" → "附件一"; "附件一 备件 Schedule 1 Spare parts" → "Schedule 1"), so each page cites it in its
    language."""
    m = (_RE_SCHEDULE_IN if any(is_cjk(c) for c in label) else _RE_ZH_SCHEDULE_IN).search(title)
    return re.sub(r"\s+", "" if m and is_cjk(m.group(0)[0]) else " ", m.group(0)) if m else None


# Markdown emphasis or a list bullet in front of a heading ("**第一条**", "- 1.1")
_RE_LEAD = re.compile(r"^(?:[*_]{1,2}|[-+]\s+)(?=\S)")


def _title(rest: str) -> str:
    """Heading title from the text after the number: short leading phrase, else ''."""
    rest = rest.strip().lstrip(".:：、)）-–—*_ ").strip()
    if not rest:
        return ""
    m = re.match(r"^([^.:：。；;]{1,80}?)\s*(?:[.:：。；;]\s|[.:：。；;]?$|[:：])", rest)
    candidate = m.group(1).strip() if m else ""
    if not candidate and len(rest) <= 60:
        candidate = rest
    if not candidate:
        return ""
    candidate = candidate.strip("*_ ")
    # a Chinese comma makes it a sentence ("乙方应在接到通知后4小时内响应，"), not a title
    if "，" in candidate:
        return ""
    # a title is short: at most ~10 words or 25 CJK characters
    if len(candidate.split()) > 10 or len(candidate) > 80:
        return ""
    cjk = cjk_count(candidate)
    if cjk > 25:
        return ""
    return candidate


@dataclass
class _Heading:
    label: str  # as written ("第七条", "7.2", "（一）")
    number: str  # normalised ("7", "7.2", "S:1", "C:3")
    level: int  # 0 = chapter/schedule, 1 = top clause, 2+ = sub-clause
    title: str
    style: str  # "chapter", "schedule", "zh_article", "zh_enum", "paren", "digit", "en_article", "roman", "title"


def _zh_or_int(s: str) -> int | None:
    return int(s) if s.isdigit() else zh_to_int(s)


# a number followed by a unit or a count is a quantity on a wrapped line ("21日内", "12个月", "31 台"), not a clause
_QUANTITY_AFTER = re.compile(
    r"\s*(?:个|月|年|日|天|周|小时|分钟|秒|台|套|件|元|万|千|百|%|％|度|次|号|人|名|米|吨|公斤|kg|kW)", re.I
)


def quantity_follows(rest: str) -> bool:
    """Whether the text after a number starts with a unit or a count ("日内", " 个月", "台"): a quantity, no clause."""
    return _QUANTITY_AFTER.match(rest) is not None


def lost_dot(num: str, punct: str | None, rest: str, last_top: int | None, last_sub: int | None) -> str | None:
    """A sub-clause number whose dot a scan or photo lost: "21 售后服务…" read under clause 2 after "2" or "2.0", and
    before "2.2" ("31" after "3", "23" after "2.2"; under a two-digit clause "121" after "12", "101" after "10"). Only
    the next sub-clause (1 to 9) of the clause being read: a "21" that follows "20", a "25" under clause 2 after "2.1",
    or a "121" after "120" keeps its number."""
    if last_top is None or not 1 <= last_top <= 99 or not num.isdigit():
        return None
    if punct not in (None, ".", "．") or _QUANTITY_AFTER.match(rest):
        return None
    sub = (last_sub or 0) + 1
    if sub > 9 or num != f"{last_top}{sub}":
        return None
    return f"{last_top}.{sub}"


def _parse_heading(
    text: str, last_top: int | None, hinted: bool = False, last_sub: int | None = None
) -> _Heading | None:
    """The heading at the start of `text`, if any. `hinted`: the reader marked it as a heading,
    so a number is trusted without the checks that keep wrapped lines out."""
    lead = _RE_LEAD.match(text)
    if lead is not None:
        text = text[lead.end() :]
    m = _RE_ZH_SCHEDULE.match(text)
    # "附件是本合同不可分割的组成部分。", "附件一与本合同具有同等效力，…": a sentence about the schedules, no heading
    if m and len(text) <= 160 and (hinted or not re.search(r"[，。；]", text[m.end() :])):
        num = m.group(2) or ""
        n = _zh_or_int(num) if num else None
        label = m.group(0).strip()
        return _Heading(label, f"S:{n if n is not None else num}", 0, _title(text[m.end() :]), "schedule")
    m = _RE_SCHEDULE.match(text)
    if m and len(text) <= 160 and (m.group(2) or len(text) <= 60):
        return _Heading(
            m.group(0).rstrip(".:"), f"S:{(m.group(2) or '').upper()}", 0, _title(text[m.end() :]), "schedule"
        )
    m = _RE_ZH_CHAPTER.match(text)
    if m:
        return _Heading(m.group(0), f"C:{_zh_or_int(m.group(1))}", 0, _title(text[m.end() :]), "chapter")
    m = _RE_ZH_ARTICLE.match(text)
    if m:
        n = _zh_or_int(m.group(1))
        if n is not None:
            return _Heading(m.group(0).replace(" ", ""), str(n), 1, _title(text[m.end() :]), "zh_article")
    m = _RE_ZH_ENUM.match(text)
    if m:
        n = zh_to_int(m.group(1))
        if n is not None and n <= 60:
            return _Heading(m.group(0).rstrip("、．"), str(n), 1, _title(text[m.end() :]), "zh_enum")
    m = _RE_ZH_PAREN.match(text)
    if m:
        n = _zh_or_int(m.group(1))
        if n is not None and n <= 60:
            raw = m.group(1)
            label = f"（{raw}）" if not raw.isdigit() or "（" in m.group(0) else f"({raw})"
            return _Heading(label, str(n), 2, _title(text[m.end() :]), "paren")
    m = _RE_EN_ARTICLE.match(text)
    if m:
        raw = m.group(2)
        num = raw if raw[0].isdigit() else str(_roman_to_int(raw) or raw)
        level = num.count(".") + 1
        label = f"{m.group(1)} {raw}"
        return _Heading(label, num, level, _title(text[m.end() :]), "en_article")
    m = _RE_ROMAN.match(text)
    if m and len(text) <= 100:
        n = _roman_to_int(m.group(1))
        if n is not None:
            return _Heading(m.group(1), str(n), 1, _title(text[m.end() :]), "roman")
    m = _RE_BARE_NUMBER.match(text)
    if m:
        # a number on a line of its own ("### 4.1", a PDF line "4.1" above its sentence): a heading when the reader
        # marked it, or a sub-clause number that follows the numbering; "4.1" is never "4." titled "1"
        num = m.group(1)
        parts = num.split(".")
        top = int(parts[0])
        follows = len(parts) > 1 and last_top is not None and top in (last_top, last_top + 1)
        return _Heading(num, num, len(parts), "", "digit") if top and (hinted or follows) else None
    m = _RE_LOST_DOT_WIDE.match(text)
    if m is None or lost_dot(m.group(1), m.group(2), text[m.end() :], last_top, last_sub) is None:
        m = _RE_NUMBERED.match(text)
    if m:
        num = m.group(1)
        punct = m.group(2)
        rest = text[m.end() :]
        if not rest:
            return None
        num = lost_dot(num, punct, rest, last_top, last_sub) or num
        parts = num.split(".")
        top = int(parts[0])
        if top == 0:
            return None
        if hinted:
            return _Heading(num, num, len(parts), _title(rest), "digit")
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
            # a mark a scan put where a character was ("6.1 > 方应在…" for 乙方) or a bracket ("3.2 《技术协议》…")
            # after exactly the next sub-clause of the clause being read is still that sub-clause; a unit, a sign
            # of arithmetic or a lower-case word after it is a wrapped figure ("2.5 kW", "2.5 × 3")
            next_sub = len(parts) == 2 and top == last_top and parts[1] == str((last_sub or 0) + 1)
            if not next_sub or first.isalnum() or first in "%％.,，．:：;；/-–—+×*=<≤≥~～":
                return None
        if len(parts) > 1 and last_top is not None and top > last_top + 10:
            return None
        return _Heading(num, num, len(parts), _title(rest), "digit")
    if hinted:
        title = _title(text) or text.strip("*_ ")[:60]
        return _Heading(title, "", 1, title, "title")
    return None


_ZH_STYLES = ("zh_article", "zh_enum")


@dataclass
class _Open:
    """A heading whose clause (or one of its sub-clauses) is being read."""

    heading: _Heading
    label: str  # full label, parents included ("第二条第1款")
    number: str
    item: str | None = None  # an item of a schedule: its number there ("2", "2(1)")


# how a sub-item is cited under its parent: (child style, parent style) -> template
_CITE = {
    ("digit", "zh_article"): "{p}第{c}款",  # 第二条第1款
    ("digit", "zh_enum"): "{p}、{c}",  # 三、1
    ("digit", ""): "{p}.{c}",
    ("paren", "zh_article"): "{p}第{c}项",  # 第二条第（一）项
    ("paren", "zh_enum"): "{p}、{c}",  # 三、（一）
    ("paren", ""): "{p}{c}",  # 7.2(1), 第二条第1款（1）
    ("zh_enum", "zh_article"): "{p}第{c}款",  # 第二条第一款
    ("zh_enum", ""): "{p}{c}、",
}


def _compose(parent: _Open, h: _Heading) -> tuple[str, str]:
    """Label and number of a sub-item under `parent`, as a reader cites it."""
    template = _CITE.get((h.style, parent.heading.style)) or _CITE.get((h.style, ""), "{c}")
    label = template.format(p=parent.label, c=h.label)
    return label, f"{parent.number}.{h.number}" if parent.number else h.number


# styles of the numbered items a schedule lists ("1.", "（一）", "一、", "I."): cited as the schedule's items
_ITEM_STYLES = ("digit", "paren", "zh_enum", "roman")


def schedule_item_label(schedule: str, item: str, style: str) -> str:
    """How a reader cites an item of a schedule, in the schedule's language: "Schedule 1, item 2", "附件一第2项",
    "附件一第（一）项"; an article in a schedule is "附件一第三条" / "Annex A, Article 3"."""
    zh = any(is_cjk(c) for c in schedule)
    if not zh and schedule.split()[0].isupper():
        schedule = schedule[0] + schedule[1:].split()[0].lower() + schedule[len(schedule.split()[0]) :]  # SCHEDULE 1
    if style not in _ITEM_STYLES:
        return f"{schedule}{item}" if zh else f"{schedule}, {item}"
    return f"{schedule}第{item}项" if zh else f"{schedule}, item {item}"


def _number_value(number: str) -> int | None:
    top = number.split(".")[0]
    return int(top) if top.isdigit() else None


def split_clauses(paragraphs: Sequence[ParagraphLike]) -> list[Clause]:
    """Group paragraphs into clauses; text before the first heading is the preamble."""
    clauses: list[Clause] = []
    current = Clause(None, None, "", "")
    chapter_title = ""
    stack: list[_Open] = []  # open headings, outermost first (chapters are not on it)
    last_top: int | None = None  # last plain number of the current numbering sequence
    last_sub: int | None = None  # last sub-clause number under it ("2.1" -> 1), for a number a scan lost the dot of
    last_item: int | None = None  # last "1．" item inside the current Chinese article
    current_lang = "unknown"
    schedule: str | None = None  # label of the schedule being read ("Schedule 1", "附件一"); None in the body
    schedule_other: str | None = None  # its label in the other language, when its heading gives both
    schedule_items = False  # a numbered item of the schedule has been read
    body_top: int | None = None  # last top-level number of the contract's body (before the schedules)
    for para in paragraphs:
        hint = heading_hint(para)
        heading = _parse_heading(para.text, last_top, hinted=hint is not None, last_sub=last_sub)
        if heading is not None and heading.style == "digit" and "." not in heading.number:
            article = next((o for o in stack if o.heading.level == 1), None)
            if article is not None and article.heading.style in _ZH_STYLES:
                # items inside "第三条" count 1, 2, 3: a wrapped line starting "24小时内…" is no item 24
                if hint is None and int(heading.number) != (1 if last_item is None else last_item + 1):
                    heading = None
                else:
                    last_item = int(heading.number)
        if heading is not None:
            lang = paragraph_language(para.text)
            same_number = (
                current.number == heading.number
                and current.number is not None
                and heading.style != "title"
                and lang != current_lang
                and heading.level <= 1
            )
            if same_number:
                # the other language's version of the same clause (alternating bilingual layout)
                if heading.title and heading.title not in current.heading:
                    current.heading = f"{current.heading} / {heading.title}".strip(" /")
                current.add(para)
                current_lang = lang
                continue
            if current.segments:
                clauses.append(current)
            label, number = heading.label, heading.number
            item: str | None = None
            if heading.level == 0:
                chapter_title = heading.title or heading.label
                stack.clear()
                schedule, schedule_items = (heading.label, False) if heading.style == "schedule" else (None, False)
                schedule_other = _schedule_other(heading.label, heading.title) if schedule else None
                if heading.style == "schedule":
                    last_top = None
            else:
                if schedule is not None and not schedule_items and heading.style != "title" and not stack:
                    # the first numbered heading after a schedule's title: its first item ("1.", "一、", "（一）"), or
                    # the body going on after a list of the schedules ("附件一 技术协议 / 附件二 报价单 / 第十一条")
                    n = _number_value(heading.number)
                    if body_top is None or (n is not None and n != 1 and n == body_top + 1):
                        schedule, chapter_title = None, ""  # (a list of the schedules before the body, too)
                    else:
                        schedule_items = True
                top_zh = next((o for o in stack if o.heading.level == 1), None)
                inside_zh = top_zh is not None and top_zh.heading.style in _ZH_STYLES
                level = heading.level
                if heading.style == "digit" and inside_zh and "." not in heading.number:
                    level = 2  # "1．" items inside "第二条"
                elif (
                    heading.style == "zh_enum"
                    and inside_zh
                    and top_zh is not None
                    and (top_zh.heading.style == "zh_article")
                ):
                    level = 2  # "一、" items inside "第二条"
                elif heading.style == "paren":
                    parent_levels = [o.heading.level for o in stack if o.heading.style != "paren"]
                    level = (max(parent_levels) if parent_levels else 0) + 1
                heading.level = level
                while stack and stack[-1].heading.level >= level:
                    stack.pop()
                parent = stack[-1] if stack else None
                composed = (
                    parent is not None
                    and heading.style in ("digit", "paren", "zh_enum")
                    and (heading.style != "digit" or "." not in heading.number)
                    and level >= 2
                )
                if composed and parent is not None:
                    label, number = _compose(parent, heading)
                if schedule is not None and heading.style != "title":
                    # "2." in SCHEDULE 1 is "Schedule 1, item 2", not clause 2 of the contract; "(1)" under it is
                    # "Schedule 1, item 2(1)" (composed with its parent's label), item "2(1)"
                    if not composed:
                        item = label if heading.style in _ITEM_STYLES else None
                        label = schedule_item_label(schedule, label, heading.style)
                    elif parent is not None and parent.item is not None and label.startswith(parent.label):
                        item = parent.item + label[len(parent.label) :]
                elif level == 1 and heading.style != "title":
                    body_top = _number_value(number) if _number_value(number) is not None else body_top
                if level == 1:
                    last_item = None
                if heading.style in ("zh_article", "zh_enum") and level == 1:
                    last_top = None
                elif (
                    heading.style in ("digit", "en_article", "roman")
                    and level == 1
                    or (heading.style == "digit" and "." in heading.number)
                ):
                    parts = heading.number.split(".")
                    top_now = int(parts[0]) if parts[0].isdigit() else last_top
                    if len(parts) == 1 or top_now != last_top:
                        last_sub = None
                    if len(parts) == 2 and parts[1].isdigit():
                        last_sub = int(parts[1])
                    last_top = top_now
                stack.append(_Open(heading, label, number, item))
            titles = [o.heading.title for o in stack[:-1] if o.heading.title] if stack else []
            context = " / ".join(t for t in (chapter_title, *titles) if t)
            current = Clause(label, number or None, heading.title, context)
            if schedule is not None and item is not None:
                current.schedule, current.item, current.schedule_other = schedule, item, schedule_other
            current_lang = lang
        current.add(para)
    if current.segments:
        clauses.append(current)
    return clauses
