"""Contract clarity on stored evidence: the report for a contract item, with its text.

The analysis itself is pure (``domain/contract_clarity``); this reads the original from the
vault, runs it with today's date (which decides, e.g., which Arbitration Law text applies) and
returns the report plus the paragraphs, so a page can highlight every finding in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from ..domain.bizcal import parse_windows
from ..domain.contract_clarity import SuggestionParams, check_contract
from ..ingest.contract_text import ContractReadError, ContractText, read_contract_bytes
from .context import Context
from .contract_refusals import MAX_CONTRACT_BYTES as MAX_CONTRACT_BYTES
from .contract_refusals import ContractRefused as ContractRefused  # the refusals, for the routes
from .contract_refusals import from_read_error, not_a_contract
from .contract_refusals import read_before_storing as read_before_storing
from .contract_refusals import read_scan_before_storing as read_scan_before_storing
from .contract_refusals import refusal as refusal
from .contract_refusals import scan_refusal as scan_refusal
from .contract_refusals import upload_refusal as upload_refusal
from .evidence import EvidenceFilter, EvidenceView, list_evidence, open_original
from .sla import create_draft_terms

CONTRACT_KINDS = ("contract", "amendment")
# Kinds that are never a contract: the check is not run on them (a WhatsApp chat has no clauses).
NOT_CONTRACTS = ("correspondence", "photo_video", "log_file", "invoice", "delivery_note", "payment_proof")


@dataclass
class ContractCheck:
    item: EvidenceView
    doc: ContractText
    report: dict[str, Any]


def check_bytes(
    data: bytes, name: str, *, as_of: date, params: SuggestionParams | None = None
) -> tuple[ContractText, dict[str, Any]]:
    if not data:
        raise refusal("empty_file", name)
    try:
        doc = read_contract_bytes(data, name)
    except ContractReadError as exc:
        raise from_read_error(exc, data, name) from exc
    report = check_contract(doc.paragraphs, as_of=as_of, params=params)
    out: dict[str, Any] = {"file": name, "format": doc.format, **report.as_dict()}
    add_reading(out, doc)
    return doc, out


def add_reading(out: dict[str, Any], doc: ContractText) -> None:
    """What the report says about how the contract was read (the page, the API and the CLI alike): its pages, the
    reader's notes and, for text from OCR, the engine, the pages, the confidence and each number OCR misread
    (`ocr.repairs`), with `number_read` on every location whose clause number was taken from such a reading."""
    if doc.pages is not None:
        out["pages"] = doc.pages
    if doc.notes:
        out["read_notes"] = doc.notes
    if doc.ocr_confidence is not None:
        out["ocr"] = {"pages": doc.ocr_pages, "confidence": doc.ocr_confidence, "engine": doc.ocr_engine}
        out["ocr"]["repairs"] = [
            {"paragraph": r.line, "page": doc.paragraphs[r.line].page, "read": r.read, "taken": r.taken, "kind": r.kind}
            for r in doc.number_repairs
        ]
        out["ocr"]["unsure"] = [
            {"paragraph": i, "page": doc.paragraphs[i].page, "text": doc.paragraphs[i].text[a:b], "confidence": conf}
            for i, a, b, conf in doc.ocr_unsure
        ]
        _mark_numbers_read(out, {r.taken: r.read for r in doc.number_repairs if r.kind == "clause"})


def _mark_numbers_read(node: object, read_as: dict[str, str]) -> None:
    """Every location in the report whose clause number OCR read otherwise ("2.1" read "21", and "2.1(1)" under it)
    says what OCR read (`number_read`), so the page shows it beside the number it cites."""
    if not read_as:
        return
    if isinstance(node, list):
        for item in node:
            _mark_numbers_read(item, read_as)
    elif isinstance(node, dict):
        clause = node.get("clause")
        if isinstance(clause, str) and "paragraph" in node:
            for taken, read in read_as.items():
                if (
                    clause == taken
                    or clause.startswith(taken)
                    and not clause[len(taken)].isdigit()
                    and clause[len(taken)] not in ".．"
                ):
                    node["number_read"], node["number_taken"] = read, taken
                    break
        for value in node.values():
            if isinstance(value, list | dict):
                _mark_numbers_read(value, read_as)


def check_item(ctx: Context, workspace: str, label: str, params: SuggestionParams | None = None) -> ContractCheck:
    """The report for a stored contract. A scan is read from its searchable copy (made by OCR
    beside the original, services/ocr.py) when there is one, else OCRed now without storing."""
    from .ocr import find_copy

    view, stream = open_original(ctx, workspace, label)
    if view.kind in NOT_CONTRACTS:
        stream.close()
        raise not_a_contract(label, view.kind, view.original_name)
    source = find_copy(ctx, workspace, view) or view
    if source is not view:
        stream.close()
        stream = ctx.blobs.open(source.sha256)
    if source.size > MAX_CONTRACT_BYTES:
        stream.close()
        raise refusal("too_large", view.original_name, size=source.size)
    with stream:
        data = stream.read()
    doc, report = check_bytes(data, view.original_name, as_of=ctx.clock().date(), params=params)
    if source is not view:
        report["searchable_copy"] = source.label
    return ContractCheck(view, doc, report)


def contract_items(ctx: Context, workspace: str) -> list[EvidenceView]:
    items: list[EvidenceView] = []
    for kind in CONTRACT_KINDS:
        items.extend(list_evidence(ctx, workspace, EvidenceFilter(kind=kind), limit=1000).items)
    return sorted(items, key=lambda i: i.number)


def highlighted_paragraphs(doc: ContractText, report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each paragraph with the spans to mark: (start, end, css class, note) in its own text; a
    note is (English, Chinese): the page shows the one of its language."""
    marks: dict[int, list[tuple[int, int, str, tuple[str, str]]]] = {}

    def add(loc: dict[str, Any] | None, css: str, note: tuple[str, str]) -> None:
        if not loc or loc.get("paragraph") is None:
            return
        i = int(loc["paragraph"])
        if not 0 <= i < len(doc.paragraphs):
            return
        doc_start = int(loc.get("char_start", doc.paragraphs[i].char_start))
        doc_end = int(loc.get("char_end", doc.paragraphs[i].char_end))
        # a sentence may run on over several paragraphs (a scan's OCR gives one per printed line):
        # mark its part in each
        while i < len(doc.paragraphs) and (i == int(loc["paragraph"]) or doc.paragraphs[i].char_start < doc_end):
            p = doc.paragraphs[i]
            start = max(0, doc_start - p.char_start)
            end = min(len(p.text), doc_end - p.char_start)
            if end > start:
                marks.setdefault(i, []).append((start, end, css, note))
            i += 1

    for c in report["clauses"]:
        for e in c.get("excerpts", [])[:5]:
            add(e.get("location"), "found", (c["title_en"], c["title_zh"]))
    for v in report.get("vague_terms", []):
        add(v.get("location"), "vague", (f"vague: {v['term']}", f"用语模糊：{v['term']}"))
    # what OCR read doubtfully, cut out of whatever mark it stands in: a figure it was unsure of, then (winning) a
    # number it misread and the check took for another
    cuts: dict[int, list[tuple[int, int, str, tuple[str, ...]]]] = {}
    for i, a, b, conf in doc.ocr_unsure:
        note = (
            f"OCR was unsure of this figure (confidence {conf:.0f}%): check the original",
            f"OCR 对此数字没有把握（置信度 {conf:.0f}%）：请核对原件",
        )
        cuts.setdefault(i, []).append((a, b, "ocr-unsure", note))
    for r in doc.number_repairs:
        note = (
            f"read by OCR as “{r.read}”, taken as {r.taken}: check the original",
            f"OCR 识别为“{r.read}”，按 {r.taken} 处理：请核对原件",
            r.read,
        )
        cuts.setdefault(r.line, []).append((r.start, r.end, "ocr-fix", note))
    out = []
    for p in doc.paragraphs:
        spans = sorted(marks.get(p.index, []))
        # keep non-overlapping spans, the vague ones winning over clause excerpts
        pieces: list[tuple[str, str | None, tuple[str, str] | None]] = []
        pos = 0
        for start, end, css, note in sorted(spans, key=lambda s: (s[0], s[2] != "vague")):
            if start < pos:
                continue
            pieces.append((p.text[pos:start], None, None))
            pieces.append((p.text[start:end], css, note))
            pos = end
        pieces.append((p.text[pos:], None, None))
        pieces = _cut_out([x for x in pieces if x[0]], cuts.get(p.index, []))
        out.append({"index": p.index, "page": p.page, "pieces": pieces, "marked": bool(spans)})
    return out


def _cut_out(
    pieces: list[tuple[str, str | None, Any]], cuts: list[tuple[int, int, str, tuple[str, ...]]]
) -> list[tuple[str, str | None, Any]]:
    """The pieces of a paragraph with each span in `cuts` (start, end, css, note) made a piece of its own, inside
    whatever mark it stands in; a later cut wins over an earlier one."""
    for start, end, mark, note in cuts:
        out: list[tuple[str, str | None, Any]] = []
        pos = 0
        for text, css, n in pieces:
            a, b = max(start - pos, 0), min(end - pos, len(text))
            if a < b:
                out.extend(x for x in ((text[:a], css, n), (text[a:b], mark, note), (text[b:], css, n)) if x[0])
            else:
                out.append((text, css, n))
            pos += len(text)
        pieces = out
    return pieces


def sla_draft_available() -> bool:
    """Whether the contract page offers "send to the SLA engine as draft terms": always, since the SLA
    engine (``services/sla/terms.py``) is part of every installation."""
    return True


# The contract check names severities as contracts do; the SLA engine uses the request's
# severities (critical, high, normal, low). "all" fills every level that states nothing else.
_SEVERITY_MAP = {"critical": "critical", "major": "high", "other": "normal", "minor": "low"}
_FIELD_MAP = {"response": "first_response", "resolution": "resolution"}


class NoMeasurableTerms(ValueError):
    """The contract states no response or resolution time the SLA engine can count."""

    def __init__(self, label: str, contract_number: str | None, prefill: dict[str, Any]) -> None:
        super().__init__(f"{label}: the contract states no measurable response or resolution time")
        self.label = label
        self.contract_number = contract_number
        self.prefill = prefill


def _duration(entry: dict[str, Any], round_the_clock: bool = False) -> str | None:
    """A found duration ({"value": "4", "unit": "hour", "basis": "business"}) in the SLA engine's
    notation (4h, 3wd, 30cd), or None when the engine cannot count it as stated. Calendar hours are
    counted where the contract's cover is round the clock (every hour of it is service time)."""
    try:
        value = float(entry["value"])
    except (KeyError, TypeError, ValueError):
        return None
    if value <= 0 or value != int(value):
        return None
    n, unit, basis = int(value), entry.get("unit"), entry.get("basis")
    if unit == "week":
        n, unit = n * 7, "day"
    if basis == "calendar":
        if unit == "day":
            return f"{n}cd"
        if unit == "hour" and n % 24 == 0:
            return f"{n // 24}cd"
        if round_the_clock and unit in ("hour", "minute"):
            return f"{n}{unit[0]}"
        return None  # calendar hours in office hours: the engine counts business time or whole calendar days
    if unit == "minute":
        return f"{n}m"
    if unit == "hour":
        return f"{n}h"
    if unit == "day":
        return f"{n}wd"
    return None


_WEEKDAYS = {"Mon-Fri": range(5), "Mon-Sat": range(6), "Mon-Sun": range(7)}


def _round_the_clock(draft: dict[str, Any]) -> bool:
    """The contract promises cover every hour of every day ("7×24小时", "24x7", "每天24小时" seven days a week)."""
    sh = draft.get("service_hours") or {}
    every_day = sh.get("days") in (None, "Mon-Sun")
    all_day = sh.get("coverage") == "24x7" or (sh.get("start"), sh.get("end")) == ("00:00", "24:00")
    return every_day and all_day


def contract_coverage(draft: dict[str, Any]) -> dict[str, Any] | None:
    """The service hours the contract states, as a business calendar spec for the SLA engine (each
    severity's ``coverage``): the days and clock times, in the contract's zone and holiday calendar,
    else the suggested ones the check names. Round-the-clock cover (7×24) is every hour of every day,
    holidays included (official calendar ``none``); "5×24" all day on working days. "5×12" / "7×12"
    without clock times: the hours the check assumes (08:00–20:00), said as assumed and unconfirmed.
    None when the contract does not say which hours (days alone, "5×8" without clock times): nothing
    is invented, and the SLA engine keeps the supplier's business calendar (the terms page says so)."""
    sh = draft.get("service_hours") or {}
    tz = draft.get("time_zone") or draft.get("suggested_time_zone") or "Asia/Shanghai"
    if _round_the_clock(draft):
        return {"tz": tz, "windows": {str(d): "00:00-24:00" for d in range(7)}, "official": "none"}
    days = _WEEKDAYS.get(sh.get("days") or "")
    # "5×12" gives twelve hours a day but not which: the check's assumed hours (said as assumed and unconfirmed on
    # the terms page), since the supplier's default calendar would count eight
    start = sh.get("start") or sh.get("assumed_start")
    end = sh.get("end") or sh.get("assumed_end")
    if days is None or not start or not end or sh.get("coverage") == "24x7":
        return None
    window = f"{start}-{end}"
    try:
        parse_windows(window)
    except ValueError:  # an end before the start ("20:00-08:00"): a night shift is no window to count
        return None
    return {
        "tz": tz,
        "windows": {str(d): window for d in days},
        "official": draft.get("calendar") or draft.get("suggested_calendar") or "cn",
    }


def sla_terms_from_draft(draft: dict[str, Any], label: str, contract_number: str | None) -> dict[str, Any]:
    """The support terms the contract check found, in the SLA engine's form (what the terms page
    edits). ``severities`` is empty when the contract states no measurable time; each severity counts
    in the contract's service hours when it states them (:func:`contract_coverage`)."""
    severities: dict[str, Any] = {}
    general: dict[str, str] = {}
    round_the_clock = _round_the_clock(draft)
    for tier in draft.get("severity_levels") or []:
        for found, field in _FIELD_MAP.items():
            if found not in tier:
                continue
            d = _duration(tier[found], round_the_clock)
            if d is None:
                continue
            if tier.get("severity") == "all":
                general.setdefault(field, d)
            else:
                severities.setdefault(_SEVERITY_MAP.get(tier.get("severity", ""), "normal"), {}).setdefault(field, d)
    if general:  # a time stated for every request applies to each level (a level's own time wins)
        for name in ("critical", "high", "normal", "low"):
            for field, d in general.items():
                severities.setdefault(name, {}).setdefault(field, d)
    coverage = contract_coverage(draft)
    if coverage is not None:
        for level in severities.values():
            level["coverage"] = coverage
    # No English words: the label is shown as written on Chinese pages and in letters too.
    where = f"{contract_number} · " if contract_number else ""
    return {
        "label": f"{where}{label}",
        "severities": severities,
        "acknowledgement_counts": False,
        "pause_while_waiting_for_buyer": True,
        "reopen": "resume",
        "respond_to_every_buyer_message": False,
    }


def send_draft_terms(ctx: Context, workspace: str, label: str, *, actor: str) -> str:
    """Hand the support terms found in a contract to the SLA engine as a draft to confirm.
    Returns the terms page to go to. Raises ``NoMeasurableTerms`` (with the terms form's
    pre-filled content) when the contract states no time the engine can count."""
    from .records import contract_number_for_evidence

    chk = check_item(ctx, workspace, label)
    number = contract_number_for_evidence(ctx, workspace, chk.item.number)
    if number is None:
        raise ValueError(f"{label}: not linked to a contract record; add the contract first")
    terms = sla_terms_from_draft(chk.report["support_terms_draft"], label, number)
    if not terms["severities"]:
        raise NoMeasurableTerms(label, number, terms)
    version = create_draft_terms(ctx, workspace, number, terms, source=f"clarity:{label}")
    from .accounts import record
    from .workspaces import get_workspace_by_slug

    record(
        ctx,
        get_workspace_by_slug(ctx, workspace).id,
        "contract.terms_drafted",
        actor,
        None,
        {"evidence": label, "contract": number},
        subject=chk.item.sha256,
    )
    return f"/sla/terms/{quote(number)}?drafted={version.version}"
