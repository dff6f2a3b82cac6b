"""Small text helpers for contract analysis: numbers in words (EN/ZH), scripts, sentences.

Hand-written: the number words that appear in contracts ("forty-eight (48) hours", "十五日",
"两个工作日") are a closed, small set; a general NLP library would add a large dependency and
a model download for no gain here.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}  # fmt: skip

EN_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:one |a )?hundred)"
)
# "48", "forty-eight", "forty-eight (48)", "two (2)", "1.5"
EN_NUMBER = rf"(?:\d+(?:\.\d+)?|{EN_NUMBER_WORD}(?:\s*\(\s*\d+(?:\.\d+)?\s*\))?)"
ZH_DIGITS = "零〇一二两三四五六七八九十百千"
# "十五", "24", and the translated-contract form with the digits in brackets: "二十四 (24)", "九十（90）"
ZH_NUMBER = rf"(?:\d+(?:\.\d+)?|[{ZH_DIGITS}]+(?:\s*[(（]\s*\d+(?:\.\d+)?\s*[)）])?)"

_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}  # fmt: skip


def zh_to_int(s: str) -> int | None:
    """'十五' -> 15, '二十四' -> 24, '一百二十' -> 120, '三' -> 3; None if not a Chinese numeral."""
    if not s or any(ch not in _ZH_DIGIT and ch not in "十百千" for ch in s):
        return None
    total, current = 0, 0
    for ch in s:
        if ch in _ZH_DIGIT:
            current = _ZH_DIGIT[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
    return total + current


def en_word_to_int(s: str) -> int | None:
    s = s.lower().strip()
    if "hundred" in s:
        return 100
    parts = re.split(r"[- ]", s)
    value = 0
    for part in parts:
        if part in _EN_TENS:
            value += _EN_TENS[part]
        elif part in _EN_UNITS:
            value += _EN_UNITS[part]
        else:
            return None
    return value


def parse_number(s: str) -> Decimal | None:
    """Parse '48', 'forty-eight (48)', '十五', '1,000.50' into a Decimal."""
    s = s.strip()
    paren = re.search(r"[(（]\s*(\d+(?:\.\d+)?)\s*[)）]", s)
    if paren:
        return Decimal(paren.group(1))
    plain = s.replace(",", "")
    try:
        return Decimal(plain)
    except InvalidOperation:
        pass
    zh = zh_to_int(s)
    if zh is not None:
        return Decimal(zh)
    en = en_word_to_int(s)
    if en is not None:
        return Decimal(en)
    return None


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_RE = re.compile(r"[A-Za-z]")


def cjk_count(text: str) -> int:
    """The number of CJK characters (those `is_cjk` says are), counted by one regex rather than a Python loop."""
    return len(_CJK_RE.findall(text))


def script_counts(text: str) -> tuple[int, int]:
    """(number of CJK characters, number of Latin letters)."""
    return len(_CJK_RE.findall(text)), len(_LATIN_RE.findall(text))


def detect_language(text: str) -> str:
    """'en', 'zh', 'bilingual' or 'unknown'. One CJK character weighs about 3 Latin letters."""
    cjk, latin = script_counts(text)
    if cjk + latin == 0:
        return "unknown"
    share_zh = cjk / (cjk + latin / 3)
    if share_zh >= 0.85:
        return "zh"
    if share_zh <= 0.15:
        return "en"
    return "bilingual"


def paragraph_language(text: str) -> str:
    cjk, latin = script_counts(text)
    if cjk == 0 and latin == 0:
        return "unknown"
    return "zh" if cjk * 3 >= latin else "en"


# Sentence ends: Chinese full stop/semicolon always; Latin '.', ';' '!' '?' when followed by space.
_SENTENCE_END = re.compile(r"[。；！？]|[.;!?](?=\s)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split clause text into (start, end) sentence spans; whitespace trimmed; never empty."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        # do not split after common abbreviations or numbers like "7.2" / "i.e." / "No."
        before = text[max(0, m.start() - 4) : m.start() + 1]
        if m.group() == "." and re.search(r"(?:\b(?:No|Art|art|Sec|Co|Ltd|Inc|e\.g|i\.e|etc|cl)\.)$", before):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
