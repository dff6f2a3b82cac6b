"""The structure a Word document really has: automatic numbers and headings.

Word keeps the number of a numbered paragraph ("第一条", "1.1", "一、", "（一）") out of the text:
the paragraph points (``w:numPr``, directly or through its style) to a list definition in
``numbering.xml`` whose level says how to count (``w:numFmt``) and how to write the number
(``w:lvlText``, e.g. ``第%1条`` or ``%1.%2``). :class:`NumberingRenderer` counts the paragraphs
in document order and renders the number the reader sees, so excerpts can cite it.

Hand-written because no maintained Python library renders Word's list numbers: python-docx
exposes the XML only, docx2python and mammoth render Western formats at most, not
``chineseCounting`` (一、二), ``ideographTraditional`` (甲、乙) or full-width forms.
Follows ECMA-376 Part 1 §17.9 (numbering) for what contracts use: counters per abstract list
(lists sharing a definition continue each other's numbers), ``w:start``, ``w:lvlRestart``,
``w:startOverride``, ``w:isLgl``; picture bullets and legacy numbering are not rendered.

:func:`heading_level` tells whether a paragraph is a heading: a "Heading n"/"标题 n" style, an
outline level, or a short line in bold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _zh_number(n: int, digits: str = _ZH_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else (digits[0] + digits[rest] if rest < 10 else _zh_number(rest, digits, ten, hundred))
        if 10 <= rest < 20:
            tail = digits[1] + tail  # 一百一十二
        return digits[n // 100] + hundred + tail
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz, aaa..
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in a Word number format (w:numFmt)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "ideographDigital"):  # fmt: skip
        return _zh_number(n)
    if fmt == "chineseLegalSimplified":
        return _zh_number(n, _ZH_LEGAL, "拾", "佰")
    if fmt in ("ideographTraditional", "ideographZodiac"):
        return _TIANGAN[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and anything unknown


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # restart after this (1-based) level; None = after any higher level
    legal: bool = False  # w:isLgl: higher levels shown as decimal


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # level -> start override
    used: bool = False


def _val(el: Any, tag: str) -> str | None:
    child = el.find(f"{W}{tag}") if el is not None else None
    return child.get(f"{W}val") if child is not None else None


class NumberingRenderer:
    """Renders the automatic number of each numbered paragraph, in document order."""

    def __init__(self, document: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for a in root.findall(f"{W}abstractNum"):
                levels: dict[int, _Level] = {}
                for lvl in a.findall(f"{W}lvl"):
                    ilvl = int(lvl.get(f"{W}ilvl", "0"))
                    restart = _val(lvl, "lvlRestart")
                    levels[ilvl] = _Level(
                        fmt=_val(lvl, "numFmt") or "decimal",
                        text=_val(lvl, "lvlText") or "",
                        start=int(_val(lvl, "start") or 1),
                        restart=int(restart) if restart is not None else None,
                        legal=lvl.find(f"{W}isLgl") is not None,
                    )
                self.abstract[a.get(f"{W}abstractNumId", "")] = levels
            for n in root.findall(f"{W}num"):
                num = _Num(_val(n, "abstractNumId") or "")
                for o in n.findall(f"{W}lvlOverride"):
                    start = _val(o, "startOverride")
                    if start is not None:
                        num.overrides[int(o.get(f"{W}ilvl", "0"))] = int(start)
                self.nums[n.get(f"{W}numId", "")] = num
        # numbering attached to paragraph styles (e.g. "Heading 1" linked to a list), with basedOn
        try:
            styles = document.styles.element
        except AttributeError:
            styles = None
        raw: dict[str, tuple[str | None, int | None, str | None]] = {}
        if styles is not None:
            for st in styles.findall(f"{W}style"):
                ppr = st.find(f"{W}pPr")
                num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
                num_id = _val(num_pr, "numId") if num_pr is not None else None
                ilvl = _val(num_pr, "ilvl") if num_pr is not None else None
                raw[st.get(f"{W}styleId", "")] = (num_id, int(ilvl) if ilvl is not None else None, _val(st, "basedOn"))
        for sid in raw:
            seen: set[str] = set()
            cur: str | None = sid
            num_id, ilvl = None, None
            while cur and cur in raw and cur not in seen:
                seen.add(cur)
                n_id, lvl, based = raw[cur]
                num_id = num_id or n_id
                ilvl = ilvl if ilvl is not None else lvl
                cur = based
            self.style_num[sid] = (num_id, ilvl)

    def number_of(self, paragraph: Any) -> str:
        """The rendered number of a python-docx paragraph ('' when it is not numbered)."""
        ppr = paragraph._p.pPr
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None and ppr.numPr is not None:
            num_pr = ppr.numPr
            num_id = str(num_pr.numId.val) if num_pr.numId is not None else None
            ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else None
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        if style_id is not None and style_id in self.style_num:
            s_num, s_lvl = self.style_num[style_id]
            num_id = num_id or s_num
            ilvl = ilvl if ilvl is not None else s_lvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = ilvl or 0
        num = self.nums[num_id]
        levels = self.abstract.get(num.abstract, {})
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none") and "%" not in level.text:
            return ""
        counters = self.counters.setdefault(num.abstract, [None] * 9)
        if not num.used:
            num.used = True
            for lvl, start in num.overrides.items():
                if 0 <= lvl < 9:
                    counters[lvl] = start - 1
        value = counters[ilvl]
        counters[ilvl] = (value + 1) if value is not None else levels[ilvl].start
        for deeper in range(ilvl + 1, 9):
            lv = levels.get(deeper)
            restart_after = lv.restart if lv is not None and lv.restart is not None else deeper  # 1-based
            if lv is None or restart_after == 0:
                continue
            if ilvl + 1 <= restart_after:
                counters[deeper] = None

        def render(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            lv = levels.get(i)
            if lv is None:
                return ""
            v = counters[i]
            if v is None:
                v = lv.start
            fmt = "decimal" if level.legal and i < ilvl else lv.fmt
            return format_number(v, fmt)

        return re.sub(r"%([1-9])", render, level.text).strip()


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_SENTENCE_END = tuple(".;:。；：!?！？,，、")


def heading_level(paragraph: Any, text: str) -> int | None:
    """Heading level of a python-docx paragraph: its style ("Heading 2", "标题 1"), its outline
    level, or 1 for a short line set in bold that does not end like a sentence."""
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    m = _HEADING_STYLE.match(name.strip())
    if m:
        return max(1, int(m.group(1)))
    if name.strip().lower() == "title":
        return 1
    ppr = paragraph._p.pPr
    outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    if outline is None and style is not None:
        sppr = style.element.find(f"{W}pPr")
        outline = sppr.find(f"{W}outlineLvl") if sppr is not None else None
    if outline is not None:
        lvl = int(outline.get(f"{W}val", "9"))
        if lvl < 9:
            return lvl + 1
    stripped = text.strip()
    if not stripped or stripped.endswith(_SENTENCE_END):
        return None
    cjk = sum(1 for c in stripped if "\u4e00" <= c <= "\u9fff")
    if cjk > 30 or (cjk == 0 and len(stripped.split()) > 10) or len(stripped) > 80:
        return None
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return None
    style_bold = bool(style is not None and style.font is not None and style.font.bold)
    if all(r.bold or (r.bold is None and style_bold) for r in runs):
        return 1
    return None
