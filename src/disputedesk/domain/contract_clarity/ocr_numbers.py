"""Clause numbers and figures that OCR misread, taken as the document most likely prints them, and said so.

Tesseract loses the dot of a sub-clause number on a scan or photo ("2.1" read "21" or "2 1"), reads a faint dot as
a comma or a middle dot ("2,1", "2·1"), drops it with the digit after it ("3.1" read "3" right under heading "3"),
and takes digits for letters that look alike ("l.1", "1O", "9 ]"); in a figure it reads "l2个月" or "4O hours". The
reader of a scanned page (``ingest/contract_text``) passes the recognised lines through :func:`repair_lines`: a
number is taken as the one the numbering around it calls for (the next sub-clause of the clause being read, the
next clause), a figure with a look-alike letter as its digits, and every change is a :class:`NumberRepair` saying
what OCR read and what was taken. The page and the report show both: a lawyer cites the number printed on the
signed original, so a number the check took for another is a guess to confirm there, never a silent change. The
searchable copy keeps what OCR read.

Only numbers that fit the numbering are repaired: "21" is 2.1 only as the next sub-clause under clause 2 (a 21
after 20 stays 21), "6 1" is 6.1 only after clause 6 or 6.0, and a number followed by a unit ("21日内", "2 1台")
is a quantity, never a clause. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .clauses import lost_dot, quantity_follows

# letters and marks Tesseract returns for a digit on a soft or small print
_LOOK_ALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "]": "1"})
_DIGITISH = "0-9OolI|\\]"
# a clause number at the start of a line as OCR may give it: one to three digits (look-alikes allowed), then maybe
# a dot-like mark or one space and one or two more, followed by a space, a Chinese character, a bracket or the end
_LEAD = re.compile(
    rf"^([{_DIGITISH}]{{1,3}})(?:(\s?[.．,，。·・]\s?|\s)([{_DIGITISH}]{{1,2}}))?(?=[\s\u4e00-\u9fff(（\"“]|$)"
)
_REAL_DOT = re.compile(r"^[.．]$")
# a Chinese article or enumeration starts a numbering of its own (its items count 1, 2, 3 again)
_ZH_HEADING = re.compile(r"^(第\s*[零〇一二两三四五六七八九十百千\d]+\s*[条章节]|[一二三四五六七八九十]+\s*[、．])")
# a figure with a look-alike letter among its digits, before a unit of time or a percentage
_FIGURE = re.compile(
    r"(?<![A-Za-z0-9.])([0-9OolI]+(?:\.[0-9OolI]+)?)(?=\s*-?\s*(?:小时|个月|个工作日|工作日|日|天|周|年|分钟|%|％"
    r"|(?:business |working |calendar )?(?:hours?|days?|months?|years?|weeks?|minutes?)\b))"
)


@dataclass(frozen=True)
class NumberRepair:
    """One number OCR misread: `read` as recognised, `taken` as the check reads it, at [start, end) of the
    repaired line `line`. `kind` is "clause" (a clause number) or "figure" (a time, a period, a percentage)."""

    line: int
    start: int
    end: int
    read: str
    taken: str
    kind: str


def _digits(s: str) -> str:
    return s.translate(_LOOK_ALIKE)


def _next_top(lines: Sequence[str], i: int) -> tuple[int, int | None] | None:
    """The number (top, sub) of the next line after `i` that starts with a clean clause number, if one is near."""
    for text in lines[i + 1 : i + 8]:
        m = re.match(r"^(\d{1,2})(?:[.．](\d{1,2}))?(?=[\s\u4e00-\u9fff]|[.．]\s)", text)
        if m:
            return int(m.group(1)), int(m.group(2)) if m.group(2) else None
    return None


def _clause_number(
    lines: Sequence[str], i: int, last_top: int | None, last_sub: int | None
) -> tuple[str, str, int] | None:
    """(read, taken, length read) for a clause number at the start of line `i` that OCR misread, else None."""
    text = lines[i]
    m = _LEAD.match(text)
    if m is None:
        return None
    raw_n, sep, raw_m = m.group(1), m.group(2), m.group(3)
    if not any(c.isdigit() for c in raw_n):
        return None
    n, rest = _digits(raw_n), text[m.end() :]
    if not n.isdigit() or quantity_follows(rest):
        return None
    nxt = (last_sub or 0) + 1
    if raw_m is not None:  # two parts: "6 1", "2,1", "2·1", "l.1", "9 ]"
        sub = _digits(raw_m)
        if not sub.isdigit() or (sep is not None and not sep.strip() and any(c.isalpha() for c in raw_m)):
            return None  # a letter after a plain space is a word ("1 I shall…"); "]" or "|" there is a lost "1"
        if _REAL_DOT.match(sep or "") and raw_n == n and raw_m == sub:
            return None  # a clean "2.1"
        top, s = int(n), int(sub)
        # the next sub-clause of the clause being read; a dot-like mark ("3,1") may also open the next clause whose
        # heading has no line of its own, a plain space ("3 1") may not
        fits = (last_top is not None and top == last_top and s == nxt) or (
            top == (last_top or 0) + 1 and s == 1 and bool((sep or "").strip())
        )
        if not fits or not rest.strip():
            return None
        return text[: m.end()], f"{top}.{s}", m.end()
    taken = lost_dot(n, None, rest, last_top, last_sub)
    if taken is not None:  # "21" under clause 2, before 2.2
        return raw_n, taken, len(raw_n)
    if raw_n != n and last_top is not None and int(n) == last_top + 1:  # "1O 合同变更" after clause 9
        return raw_n, str(int(n)), len(raw_n)
    if last_top is not None and int(n) == last_top and nxt <= 9 and len(rest.strip()) >= 12:
        # "3 设备安装…" right under heading "3": the dot and the digit after it were lost; only when the numbering
        # after it goes on as if this were 3.1 (the next clause 4, or 3.2) or nothing numbered follows
        after = _next_top(lines, i)
        if after is None or after[0] == last_top + 1 and after[1] is None or after == (last_top, nxt + 1):
            return raw_n, f"{last_top}.{nxt}", len(raw_n)
    return None


def _figures(text: str, line: int, offset: int) -> tuple[str, list[NumberRepair]]:
    """Look-alike letters in the figures of one line ("l2个月" → "12个月"); `offset` shifts the recorded spans."""
    out: list[str] = []
    repairs: list[NumberRepair] = []
    pos = 0
    for m in _FIGURE.finditer(text):
        raw = m.group(1)
        if raw.replace(".", "").isdigit() or not any(c.isdigit() for c in raw):
            continue
        fixed = _digits(raw)
        out.append(text[pos : m.start()])
        start = offset + sum(len(x) for x in out)
        out.append(fixed)
        repairs.append(NumberRepair(line, start, start + len(fixed), raw, fixed, "figure"))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), repairs


def repair_lines(lines: Sequence[str], ocr: Sequence[bool] | None = None) -> tuple[list[str], list[NumberRepair]]:
    """The lines with misread clause numbers and figures repaired, and what was repaired. `ocr[i]` says whether line
    `i` came from OCR (default: all did); other lines are kept as they are but count for the numbering."""
    out: list[str] = []
    repairs: list[NumberRepair] = []
    last_top: int | None = None
    last_sub: int | None = None
    for i, text in enumerate(lines):
        from_ocr = ocr is None or ocr[i]
        if _ZH_HEADING.match(text):
            last_top = last_sub = None
        found = _clause_number(lines, i, last_top, last_sub) if from_ocr else None
        if found is not None:
            read, taken, length = found
            rest = text[length:]
            sep = "" if not rest or rest[0].isspace() else " "
            text = f"{taken}{sep}{rest}"
            repairs.append(NumberRepair(i, 0, len(taken), read.strip(), taken, "clause"))
        if from_ocr:
            head = len(found[1]) if found is not None else 0
            tail, figs = _figures(text[head:], i, head)
            text = text[:head] + tail
            repairs.extend(figs)
        m = re.match(r"^(\d{1,2})(?:[.．](\d{1,2}))?(?=[\s\u4e00-\u9fff(（\"“]|[.．、]\s?\S)", text)
        if m and not quantity_follows(text[m.end() :]):
            top, sub = int(m.group(1)), m.group(2)
            if sub is not None and (last_top is None or top in (last_top, last_top + 1)):
                last_top, last_sub = top, int(sub)
            elif sub is None and (last_top is None or top == last_top + 1):
                last_top, last_sub = top, None
        out.append(text)
    return out, repairs
