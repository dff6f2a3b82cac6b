"""`disputedesk contract check FILE… [--json]`: contract clarity from the command line.

Also the function the API / contract page call: :func:`contract_report` (bytes in, JSON-ready
report out, with the draft support terms for the SLA engine under ``support_terms_draft``).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import typer

from disputedesk.domain.contract_clarity import SuggestionParams, check_contract
from disputedesk.ingest.contract_text import ContractReadError, read_contract_bytes
from disputedesk.services.contract_refusals import ContractRefused

from .core import refusal

contract_app = typer.Typer(
    help="Contract clarity: support terms, vague wording, suggested clauses.", no_args_is_help=True
)


def contract_report(data: bytes, name: str, *, as_of: date, params: SuggestionParams | None = None) -> dict[str, Any]:
    """Read a contract (PDF/DOCX/text bytes) and return the JSON-ready clarity report.

    The report's ``support_terms_draft`` is the hand-over to the SLA engine (a draft the user
    confirms). Raises ContractReadError (message names the file) on unreadable input.
    """
    try:
        doc = read_contract_bytes(data, name)
    except ContractReadError as exc:
        raise ContractReadError(f"{name}: {exc}") from exc
    return _report(doc, as_of, params)


def _read(path: Path) -> Any:
    """The contract at `path`, or the refusal the pages and the API give for it (``services/contract_refusals.py``)."""
    from disputedesk.domain.text import T
    from disputedesk.services.contract_refusals import MAX_CONTRACT_BYTES, from_read_error, refusal

    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContractRefused(T("%(file)s does not exist", file=name), code="unreadable", file=name) from None
    except IsADirectoryError:
        raise ContractRefused(T("%(file)s is a folder, not a file", file=name), code="unreadable", file=name) from None
    except OSError:
        raise ContractRefused(T("%(file)s cannot be opened", file=name), code="unreadable", file=name) from None
    if not data:
        raise refusal("empty_file", name)
    if len(data) > MAX_CONTRACT_BYTES:
        raise refusal("too_large", name, size=len(data))
    try:
        return read_contract_bytes(data, name)
    except ContractReadError as exc:
        raise from_read_error(exc, data, name) from exc


def _report(doc: Any, as_of: date, params: SuggestionParams | None) -> dict[str, Any]:
    from disputedesk.services.contracts import add_reading

    report = check_contract(doc.paragraphs, as_of=as_of, params=params)
    out: dict[str, Any] = {"file": doc.source, "format": doc.format}
    out.update(report.as_dict())
    add_reading(out, doc)
    return out


def _where(loc: dict[str, Any]) -> str:
    parts = []
    if loc.get("clause"):
        read = f" (OCR read “{loc['number_read']}”)" if loc.get("number_read") else ""
        parts.append(f"cl. {loc['clause']}{read}")
    if loc.get("page") is not None:
        parts.append(f"p. {loc['page']}")
    parts.append(f"para {loc['paragraph'] + 1}")
    return ", ".join(parts)


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _side(side: dict[str, Any]) -> str:
    """The side's label as "乙方 [Party B] (卖方 [seller])" or "“Party B” (“Seller”)": the label, and its role word when
    that says more, each Chinese word with its English gloss, each English one quoted as the contract's term."""
    gloss = side.get("gloss_en") or {}
    terms = side.get("terms_en") or []

    def word(w: str) -> str:
        # a Chinese word with its gloss; an English one is the contract's defined term, quoted ("“Seller”")
        return f"{w} [{gloss[w]}]" if w in gloss else f"“{w}”" if w in terms else w

    # the contract's English word where it gives one (as on the English page: "Party B", not "乙方 [Party B]")
    label = next((w for w in side.get("labels") or [] if w in terms), side["label"])
    role = next((w for w in side.get("roles") or [] if w in terms), side.get("role"))
    return word(label) if not role or role == label else f"{word(label)} ({word(role)})"


def _parties_line(parties: dict[str, Any] | None) -> str:
    """The header's "supplier 乙方 [Party B] (卖方 [seller]) · customer 甲方 [Party A] (买方 [buyer]) [para 2]",
    where the contract says who is who."""
    if not parties or not parties.get("known"):
        return ""
    ev = parties.get("evidence") or []
    at = f" [{_where(ev[0]['location'])}]" if ev else ""
    return f"  supplier {_side(parties['supplier'])} · customer {_side(parties['customer'])}{at}"


def _human(rep: dict[str, Any]) -> str:
    lines = [
        f"== {rep['file']}  score {rep['score']}/100  language {rep['language']}  clauses {rep['clause_count']}"
        + _parties_line(rep.get("parties"))
    ]
    b = rep["score_breakdown"]
    lines.append("   " + "  ".join(f"{k} {v['points']}/{v['max']}" for k, v in b.items()))
    for note in rep.get("read_notes", []):
        lines.append(f"   note: {note}")
    lines.append("Checklist:")
    for c in rep["clauses"]:
        # a one-sided change right is present but no ✓ ("fine"): a warning mark and what it means
        mark = {"present": "✓", "one_sided": "⚠"}.get(c.get("status", ""), "✓" if c["present"] else "✗")
        # a bilingual paragraph gives one excerpt per language at the same place: the place is listed once
        where = "; ".join(dict.fromkeys(_where(e["location"]) for e in c["excerpts"][:3]))
        vals = ", ".join(f"{k}={v}" for k, v in c["values"].items() if k not in ("durations", "rates", "amounts"))
        durs = ", ".join(f"{d['text']} ({d['basis']})" for d in c["values"].get("durations", [])[:4])
        extra = "; ".join(x for x in ((c.get("one_sided") or {}).get("note_en"), durs, vals) if x)
        lines.append(f"  {mark} {c['kind']:<26} {where}{'  — ' + _short(extra, 90) if extra else ''}")
    lines.append("Findings (most important first):")
    for f in rep["findings"][:25]:
        cit = f.get("citation", {}).get("citation")
        loc = f" [{_where(f['location'])}]" if f.get("location") else ""
        lines.append(f"  [{f['severity']}] {f['kind']}: {f['message_en']}{loc}{' — ' + cit if cit else ''}")
    if len(rep["findings"]) > 25:
        lines.append(f"  … {len(rep['findings']) - 25} more (use --json)")
    if rep["vague_terms"]:
        lines.append("Vague wording:")
        for v in rep["vague_terms"][:15]:
            lines.append(f"  '{v['term']}' [{_where(v['location'])}]: {_short(v['excerpt'], 80)}")
    if rep["suggestions"]:
        lines.append("Suggested clauses (draft — for review by counsel):")
        for s in rep["suggestions"]:
            lines.append(f"  * {s['kind']} ({s['reason']})")
            lines.append(f"    EN: {s['text_en']}")
            lines.append(f"    ZH: {s['text_zh']}")
    return "\n".join(lines)


@contract_app.command("check")
def check(
    files: list[Path] = typer.Argument(..., help="Contract files: PDF, DOCX or text (English/Chinese)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line per file."),
    as_of: str = typer.Option(None, "--as-of", help="Date (YYYY-MM-DD) for the law in force; default today (UTC)."),
    response_hours: int = typer.Option(4, help="Suggested first-response time, business hours."),
    time_zone: str = typer.Option("Asia/Shanghai", help="Time zone for suggested business hours."),
    institution: str = typer.Option("CIETAC", help="Arbitral institution for the suggested clause."),
    seat: str = typer.Option("Shanghai", help="Seat of arbitration for the suggested clause."),
    prevailing_language: str = typer.Option("English", help="Prevailing language for the suggested clause."),
    warranty_months: int = typer.Option(24, help="Warranty length for the suggested clause."),
) -> None:
    """Check contracts for support terms, vague wording and legal weak points."""
    if as_of is None:
        day = datetime.now(UTC).date()
    else:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            typer.echo(f"--as-of: not a date (YYYY-MM-DD): {as_of!r}", err=True)
            raise typer.Exit(2) from None
    if response_hours <= 0 or warranty_months <= 0:
        typer.echo("--response-hours and --warranty-months must be positive", err=True)
        raise typer.Exit(2)
    params = SuggestionParams(
        time_zone=time_zone,
        response_business_hours=response_hours,
        institution=institution,
        seat=seat,
        arbitration_language=prevailing_language,
        prevailing_language=prevailing_language,
        warranty_months=warranty_months,
    )
    failed = 0
    for i, path in enumerate(files):
        try:
            doc = _read(path)
            rep = _report(doc, day, params)
            rep["file"] = str(path)
        except ContractRefused as exc:
            failed += 1
            typer.echo(refusal(exc.text), err=True)  # in English and in Chinese, as the API's `error` says it
            continue
        if as_json:
            typer.echo(json.dumps(rep, ensure_ascii=False))
        else:
            if i:
                typer.echo("")
            typer.echo(_human(rep))
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(contract_app, name="contract")
