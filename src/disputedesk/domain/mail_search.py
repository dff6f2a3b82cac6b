"""Search terms for English and Chinese text, the same on SQLite FTS5 and PostgreSQL.

Neither engine segments Chinese out of the box, and their tokenisers differ. So text is turned
into terms here, in Python, and both engines index those terms exactly as given (SQLite FTS5
with the ``ascii`` tokenizer, which splits at the spaces between terms; PostgreSQL with
``array_to_tsvector``, which takes lexemes as they are):

* a run of CJK characters (Chinese, Japanese kana, Korean) becomes every single character plus
  every overlapping pair: 设备故障 → 设 备 故 障 设备 备故 故障 — so a two-character word such
  as 故障, 退款 or 合同 is found wherever it occurs, and a one-character query still works;
* everything else becomes lower-cased (case-folded) words of letters and digits.

A query is transformed the same way: a CJK run of two or more characters must contain all its
pairs (in any order; the snippet shows the real occurrence), a single character must occur,
and a Latin word of three or more letters also matches longer words it begins
(``refund`` finds "refunds"). All terms must match (AND).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

_CJK = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # compatibility ideographs
    "\U00020000-\U0003134f"  # extensions B-G
)
_SPLIT = re.compile(f"([{_CJK}]+)")
_WORD = re.compile(r"[^\W_]+")
MAX_WORD = 40  # longer "words" are base64 or hashes: not worth indexing
MAX_CHARS = 300_000  # text indexed per document (the original stays whole in the vault)


def _latin_words(segment: str) -> list[str]:
    return [w for w in _WORD.findall(segment.casefold()) if len(w) <= MAX_WORD]


def index_terms(text: str) -> str:
    """The normalised terms of a text, separated by single spaces (duplicates kept)."""
    out: list[str] = []
    for i, seg in enumerate(_SPLIT.split(text[:MAX_CHARS])):
        if not seg:
            continue
        if i % 2:  # a CJK run
            out.extend(seg)
            out.extend(seg[j : j + 2] for j in range(len(seg) - 1))
        else:
            out.extend(_latin_words(seg))
    return " ".join(out)


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]
    highlights: tuple[str, ...]  # what to mark in snippets (CJK runs, Latin words), lower-cased

    @property
    def empty(self) -> bool:
        return not self.terms

    def fts5(self) -> str:
        """FTS5 MATCH expression."""
        return " AND ".join(f'"{t.text}"' + ("*" if t.prefix else "") for t in self.terms)

    def tsquery(self) -> str:
        """PostgreSQL tsquery text (quoted lexemes, so no parser touches them)."""
        return " & ".join("'" + t.text.replace("'", "''") + "'" + (":*" if t.prefix else "") for t in self.terms)


def parse_query(q: str) -> Query:
    terms: list[Term] = []
    marks: list[str] = []
    for i, seg in enumerate(_SPLIT.split(q or "")):
        if not seg:
            continue
        if i % 2:
            marks.append(seg)
            if len(seg) == 1:
                terms.append(Term(seg))
            else:
                terms.extend(Term(seg[j : j + 2]) for j in range(len(seg) - 1))
        else:
            for w in _latin_words(seg):
                marks.append(w)
                terms.append(Term(w, prefix=len(w) >= 3))
    seen: set[Term] = set()
    unique = tuple(t for t in terms if not (t in seen or seen.add(t)))  # type: ignore[func-returns-value]
    return Query(unique, tuple(dict.fromkeys(marks)))


def snippet(text: str, query: Query, width: int = 90) -> tuple[str, str]:
    """(plain snippet with hits in «», HTML snippet with hits in <mark>) around the first hit."""
    flat = " ".join((text or "").split())
    if not flat:
        return "", ""
    pats = []
    for m in query.highlights:
        if _SPLIT.fullmatch(m):
            pats.append(re.escape(m))
        else:
            pats.append(r"(?<![^\W_])" + re.escape(m) + (r"[^\W_]*" if len(m) >= 3 else r"(?![^\W_])"))
    rx = re.compile("|".join(sorted(pats, key=len, reverse=True)), re.IGNORECASE) if pats else None
    first = rx.search(flat) if rx else None
    start = max(0, (first.start() if first else 0) - width // 2)
    end = min(len(flat), start + 2 * width)
    piece = flat[start:end]
    lead = "…" if start else ""
    tail = "…" if end < len(flat) else ""
    if rx is None:
        return lead + piece + tail, html.escape(lead + piece + tail)
    plain, rich, pos = [], [], 0
    for hit_m in rx.finditer(piece):
        plain.append(piece[pos : hit_m.start()])
        rich.append(html.escape(piece[pos : hit_m.start()]))
        hit = piece[hit_m.start() : hit_m.end()]
        plain.append(f"«{hit}»")
        rich.append(f"<mark>{html.escape(hit)}</mark>")
        pos = hit_m.end()
    plain.append(piece[pos:])
    rich.append(html.escape(piece[pos:]))
    return lead + "".join(plain) + tail, html.escape(lead) + "".join(rich) + html.escape(tail)


# -- what a search is asked and what it answers (the search service and the CLI's read path) ------

DIRECTIONS = ("buyer->supplier", "supplier->buyer", "internal", "other")


@dataclass
class SearchFilter:
    supplier: str | None = None
    direction: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    has_attachment: bool | None = None
    thread: int | None = None

    def validate(self) -> None:
        if self.direction and self.direction not in DIRECTIONS:
            raise ValueError(f"direction: {self.direction!r} is not one of {', '.join(DIRECTIONS)}")
        for name in ("date_from", "date_to"):
            v = getattr(self, name)
            if v is not None and v.tzinfo is None:
                raise ValueError(f"{name}: needs a time zone")

    @property
    def active(self) -> bool:
        return any(
            v is not None and v != ""
            for v in (self.supplier, self.direction, self.date_from, self.date_to, self.has_attachment, self.thread)
        )


@dataclass
class Hit:
    evidence: str
    kind: str  # message | attachment | document
    subject: str
    name: str
    sent_at: datetime | None
    direction: str | None
    snippet: str
    snippet_html: str
    thread_id: int | None
    message_evidence: str | None
    auto_reply: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "evidence": self.evidence,
            "kind": self.kind,
            "subject": self.subject,
            "name": self.name,
            "sent_at": self.sent_at.astimezone(UTC).isoformat() if self.sent_at else None,
            "direction": self.direction,
            "snippet": self.snippet,
            "thread": self.thread_id,
            "message": self.message_evidence,
            "auto_reply": self.auto_reply,
        }


@dataclass
class SearchResult:
    """A page of hits and how many there are: exact up to the ranking window, else "more than"."""

    hits: list[Hit]
    total: int  # all hits, at most the window (RANK_WINDOW)
    capped: bool  # more hits than the window (``total`` is then the window)
    ranked: bool = True  # False: too many to rank, the page is the most recently added hits

    @property
    def total_label(self) -> str:
        """The count as people read it: "1,234", or "5,000+" when there are more."""
        return f"{self.total:,}+" if self.capped else f"{self.total:,}"

    @property
    def more(self) -> bool:
        """More hits than the page shows."""
        return self.capped or self.total > len(self.hits)


def message_hit(
    query: Query,
    evidence: str,
    kind: str,
    name: str,
    text: str | None,
    document_date: datetime | None,
    message: tuple[str | None, str | None, datetime | None, str | None, str, int | None, bool] | None,
) -> Hit:
    """One hit as shown: ``message`` is (subject, text, sent_at, direction, its evidence label, thread,
    auto-reply) of the message the indexed text belongs to, None for a document without one."""
    if message is not None:
        subject, body_text, sent_at, direction, msg_label, thread_id, auto = message
        body = f"{subject or ''} — {body_text or ''}" if kind == "message" else (text or name)
    else:
        body = text or name
    plain, rich = snippet(body, query)
    if message is None:
        return Hit(evidence, kind, name, name, document_date, None, plain, rich, None, None, False)
    return Hit(evidence, kind, subject or "", name, sent_at, direction, plain, rich, thread_id, msg_label, bool(auto))
