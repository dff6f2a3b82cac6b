"""Bilingual letters: the facts they need, the wording (files counsel can edit), and the blocks a
letter is built of (title, headings, paragraphs, tables) in one language or side by side.

Pure: no database, no clock. ``services/letters/`` fills :class:`LetterFacts` from the case and
stores the result as evidence; ``letter_render.py`` turns a letter's blocks into files (HTML,
PDF with WeasyPrint, DOCX on the ``templates/letter.docx`` letterhead).

- Wording: ``templates/letters/<kind>.<en|zh>.txt`` (Jinja2, one block per paragraph; see the
  README there). A fact that is missing is printed as a visible marker naming it and listed
  at the top of the letter: a letter never has silent blanks.
- Kinds and facts: ``letter_facts.py``. Tables (requests, SLA breaches, claims, payments,
  evidence and parties, their columns in both languages) and how values are written (dates,
  money, the user's own text marked where its language is not the letter's): ``letter_tables.py``.
  Their names are importable from here as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from jinja2 import Environment, StrictUndefined

from ..domain.text import Text
from .letter_facts import (  # noqa: F401 - the letter's names, imported from here by the services and tests
    DRAFT_EN,
    DRAFT_NOTE_EN,
    DRAFT_NOTE_ZH,
    DRAFT_ZH,
    FACT_LABELS,
    FACT_TEXT_LIMIT,
    KINDS,
    LIST_FACTS,
    PERSON_FACTS,
    USER_TEXT_FACTS,
    Kind,
    LetterFacts,
)
from .letter_money import fmt_money  # noqa: F401
from .letter_tables import (  # noqa: F401
    METHOD_ZH,
    STATUS_ZH,
    TABLE_COLUMNS,
    ZONED,
    Block,
    Table,
    bank_account,
    build_table,
    contacts,
    fmt_date,
    fmt_when,
    missing_marker,
    person,
    shown,
    zone_label,
)


def _template_text(kind: str, lang: str) -> str:
    return (resources.files("disputedesk.documents") / "templates" / "letters" / f"{kind}.{lang}.txt").read_text(
        encoding="utf-8"
    )


# Chinese characters and CJK / full-width punctuation (【】（）：；，。).
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_OPEN, _CLOSE = "\x02", "\x03"  # around a fact's value in a Chinese letter, until the spaces are settled


def _edged(value: str) -> str:
    return f"{_OPEN}{value}{_CLOSE}"


def _tightened(text: str) -> str:
    """A Chinese letter has no space inside Chinese text: where a fact's value begins or ends in
    Chinese (英文及中文, 【缺少：调解机构】) the template's space beside it goes; a value in Latin
    letters or digits keeps its spaces (编号为 RF-EU-2025-1046 的合同, 于 2025年10月14日 签订), as every
    Chinese page of DisputeDesk writes them."""
    text = re.sub(rf"(?<=[{_CJK}]) {_OPEN}(?=[{_CJK}])", _OPEN, text)
    text = re.sub(rf"(?<=[{_CJK}]){_CLOSE} (?=[{_CJK}])", _CLOSE, text)
    return text.replace(_OPEN, "").replace(_CLOSE, "")


def render_blocks(
    kind: str, lang: str, facts: LetterFacts, table_lang: str | None = None
) -> tuple[list[Block], list[str]]:
    """The letter's blocks in one language, and the names of the facts it lacked (in order)."""
    if kind not in KINDS:
        raise ValueError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    missing: list[str] = []

    def note(name: str) -> str:
        if name not in missing:
            missing.append(name)
        return missing_marker(name, lang)

    def value(name: str) -> Any:
        if lang == "zh" and getattr(facts, f"{name}_zh", None):
            return getattr(facts, f"{name}_zh")
        return getattr(facts, name)

    def N(name: str) -> str:  # noqa: N802 - short on purpose: used in every template line
        return _edged(fact(name)) if lang == "zh" else fact(name)

    def fact(name: str) -> str:
        if name not in FACT_LABELS:
            raise ValueError(f"template {kind}.{lang}.txt: unknown fact {name!r}")
        v = value(name)
        if v in (None, "", []):
            return note(name)
        if name in PERSON_FACTS and isinstance(v, str):
            return person(v, lang)
        if name == "buyer_contact" and isinstance(v, str):
            return contacts(v, lang)
        if name == "buyer_bank" and isinstance(v, str):
            return bank_account(v, lang)
        if name in USER_TEXT_FACTS or isinstance(v, Text):
            return shown(v, lang, items=name in LIST_FACTS)
        return str(v)

    def D(name: str) -> str:  # noqa: N802
        v = getattr(facts, name)
        return fmt_date(v, lang) if v else _edged(note(name)) if lang == "zh" else note(name)

    env = Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)  # noqa: S701 - plain text
    text = env.from_string(_template_text(kind, lang)).render(N=N, D=D, U=lambda t: shown(t, lang), f=facts, lang=lang)
    text = _tightened(text)
    blocks: list[Block] = []
    for raw in re.split(r"\n[ \t]*\n", text.strip()):
        chunk = raw.strip("\n")
        if not chunk.strip():
            continue
        if chunk.startswith("# "):
            blocks.append(Block("title", chunk[2:].strip()))
        elif chunk.startswith("## "):
            blocks.append(Block("heading", chunk[3:].strip()))
        elif re.fullmatch(r"@[a-z_]+", chunk.strip()):
            name = chunk.strip()[1:]
            if name not in TABLE_COLUMNS:
                raise ValueError(f"template {kind}.{lang}.txt: unknown table @{name}")
            t = build_table(name, facts, table_lang or lang, note)
            blocks.append(Block("table", t, None, name) if isinstance(t, str) else Block("table", "", t, name))
        else:
            blocks.append(Block("para", chunk))
    return blocks, missing


@dataclass
class Letter:
    kind: str
    lang: str  # en | zh | both
    layout: str  # single | side-by-side
    reference: str
    letter_date: date | None
    blocks: dict[str, list[Block]]
    missing: list[str]
    facts: LetterFacts

    @property
    def title(self) -> str:
        k = KINDS[self.kind]
        return {"en": k.title_en, "zh": k.title_zh}.get(self.lang, f"{k.title_en} · {k.title_zh}")

    def missing_labels(self, lang: str) -> list[str]:
        return [FACT_LABELS.get(m, (m, m))[1 if lang == "zh" else 0] for m in self.missing]


def build_letter(kind: str, facts: LetterFacts, lang: str = "both") -> Letter:
    if lang not in ("en", "zh", "both"):
        raise ValueError(f"lang: {lang!r} is not en, zh or both")
    langs = ["en", "zh"] if lang == "both" else [lang]
    blocks: dict[str, list[Block]] = {}
    missing: list[str] = []
    for lg in langs:
        b, m = render_blocks(kind, lg, facts, table_lang="both" if lang == "both" else lg)
        blocks[lg] = b
        missing += [x for x in m if x not in missing]
    if lang == "both" and [x.kind for x in blocks["en"]] != [x.kind for x in blocks["zh"]]:
        raise ValueError(f"templates {kind}.en.txt and {kind}.zh.txt do not have the same blocks in the same order")
    return Letter(
        kind,
        lang,
        "side-by-side" if lang == "both" else "single",
        facts.reference or "",
        facts.letter_date,
        blocks,
        missing,
        facts,
    )


def _pairs(letter: Letter) -> list[tuple[Block, Block | None]]:
    if letter.lang == "both":
        return list(zip(letter.blocks["en"], letter.blocks["zh"], strict=True))
    return [(b, None) for b in letter.blocks[letter.lang]]


def sequence_ok(blocks_en: Sequence[Block], blocks_zh: Sequence[Block]) -> bool:
    return [b.kind for b in blocks_en] == [b.kind for b in blocks_zh]
