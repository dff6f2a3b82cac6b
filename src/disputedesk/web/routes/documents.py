"""Documents: letters (pick, preview, download DOCX/PDF, mark sent) and evidence bundles
(build with progress, download, verify an uploaded bundle). Pages and JSON API."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from ...documents import letters as L
from ...documents.channels import stored as stored_channel
from ...domain.text import Field as Named
from ...domain.text import T, Text, field_error
from ...services import bundle as bundles
from ...services import letters as svc
from ...services.accounts import Access, record
from ...services.context import Context
from ..auth import client_address
from ..deps import current_workspace, get_ctx, get_lang, need, user_today
from ..pages import render

router = APIRouter()
NAV = [(70, "Documents", "/documents")]

KIND_ZH = {k: v.title_zh for k, v in L.KINDS.items()}


def _cases(ctx: Context, ws: Access, lang: str = "en") -> list[tuple[str, str]]:
    """(value, label) of what a letter can be about: cases first, then suppliers — a supplier by its
    registered Chinese name on a Chinese page when recorded, as everywhere else the app names it."""
    from sqlalchemy import select

    from ...store.db import unit_of_work
    from ...store.models import Case, Organization

    with unit_of_work(ctx.engine) as s:
        cases = s.execute(
            select(Case.number, Case.title, Case.id).where(Case.workspace_id == ws.workspace_id).order_by(Case.number)
        ).all()
        sups = s.execute(
            select(Organization.key, Organization.name_en, Organization.name_zh).where(
                Organization.workspace_id == ws.workspace_id, Organization.role == "supplier"
            )
        ).all()
    out = [(n, f"{n} · {t}") for n, t, i in cases if ws.share_case_id in (None, i)]
    if ws.share_case_id is None:
        if lang == "zh":  # Chinese brackets on a Chinese page: 浙江华光激光科技有限公司（zhejiang-huaguang）
            out += [(k, f"{zh or en}（{k}）") for k, en, zh in sups]
        else:
            out += [(k, f"{en} ({k})") for k, en, zh in sups]
    return out


def _form_overrides(form: dict[str, Any]) -> dict[str, str]:
    return {k[5:]: str(v) for k, v in form.items() if k.startswith("fact_") and str(v).strip()}


def _page(request: Request, ctx: Context, ws: Access, lang: str, **kw: Any) -> HTMLResponse:
    return render(
        request,
        "documents_index.html",
        lang,
        ws,
        ctx,
        kinds_letters=list(L.KINDS.values()),
        subjects=_cases(ctx, ws, lang),
        letters=svc.list_letters(ctx, ws.slug),
        exports=bundles.list_exports(ctx, ws.slug, limit=5),
        fact_labels=L.FACT_LABELS,
        today=user_today(request, ctx),  # the "mark sent" form's date: today where the sender is
        **kw,
    )


@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def documents_page(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    made = request.query_params.get("letter")
    return _page(request, ctx, ws, lang, made=int(made) if made and made.isdigit() else None)


@router.post("/documents/letters/preview", response_class=HTMLResponse, include_in_schema=False)
async def letter_preview(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("export")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    form = dict(await request.form())
    subject = svc.resolve_subject(ctx, ws.slug, str(form.get("case") or "") or None)
    kind = str(form.get("kind") or "")
    if kind not in L.KINDS:
        raise ValueError(
            field_error("kind", "'%(value)s' is not one of %(choices)s", value=kind, choices=", ".join(L.KINDS))
        )
    letter_lang = str(form.get("lang") or "both")
    if letter_lang not in svc.LANGS:
        raise ValueError(
            field_error(
                "lang", "'%(value)s' is not one of %(choices)s", value=letter_lang, choices=", ".join(svc.LANGS)
            )
        )
    tz = request.cookies.get("tz")
    facts = svc.gather_facts(
        ctx, ws.slug, subject, letter_date=svc.sender_today(ctx, ws.slug, tz), kind=kind, sender_tz=tz
    )
    facts.apply(_form_overrides(form))
    letter = L.build_letter(kind, facts, letter_lang)
    return render(
        request,
        "documents_preview.html",
        lang,
        ws,
        ctx,
        letter=letter,
        pairs=L._pairs(letter),
        missing=letter.missing,
        fact_labels=L.FACT_LABELS,
        notes=facts.notes,
    )


@router.post("/documents/letters", include_in_schema=False)
async def letter_create(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("export")),
) -> Response:
    form = dict(await request.form())
    try:
        rendered = svc.render_letter(
            ctx,
            ws.slug,
            str(form.get("case") or "") or None,
            str(form.get("kind") or ""),
            lang=str(form.get("lang") or "both"),
            fmt=str(form.get("format") or "pdf"),
            layout=str(form.get("layout") or "side-by-side"),
            overrides=_form_overrides(form),
            sender_tz=request.cookies.get("tz"),
        )
    except (ValueError, LookupError) as exc:  # a fact typed wrong, no one to write to: the form again
        if not isinstance(exc.args[0] if exc.args else None, Text):
            raise
        typed = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrftoken"}
        page = _page(
            request, ctx, ws, get_lang(request), error=exc, posted={"action": "/documents/letters", "values": typed}
        )
        page.status_code = 404 if isinstance(exc, LookupError) else 400
        return page
    stored = svc.keep_letter(ctx, ws.slug, rendered, actor=ws.username)
    return RedirectResponse(f"/documents?letter={stored.id}#letter-{stored.id}", status_code=303)


@router.post("/documents/letters/{letter_id}/sent", include_in_schema=False)
def letter_sent_form(
    request: Request,
    letter_id: int,
    sent_on: str = Form(...),
    channel: str = Form(...),
    recipient: str = Form(""),
    proof: str = Form(""),
    note: str = Form(""),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("annotate")),
    lang: str = Depends(get_lang),
) -> Response:
    try:
        try:
            on = date.fromisoformat(sent_on)
        except ValueError:
            raise ValueError(field_error("sent_on", "'%(value)s' is not a date (YYYY-MM-DD)", value=sent_on)) from None
        svc.mark_sent(
            ctx,
            ws.slug,
            letter_id,
            sent_on=on,
            channel=stored_channel(channel),  # 快递（EMS） kept as courier (EMS), shown in the reader's words
            recipient=recipient or None,
            proof=proof.strip() or None,
            note=note or None,
            actor=ws.username,
        )
    except ValueError as exc:  # a field typed wrong: the page again, with the message and what was typed
        if not isinstance(exc.args[0] if exc.args else None, Text):
            raise
        typed = {"sent_on": sent_on, "channel": channel, "recipient": recipient, "proof": proof, "note": note}
        page = _page(
            request,
            ctx,
            ws,
            lang,
            error=exc,
            posted={"action": f"/documents/letters/{letter_id}/sent", "values": typed},
        )
        page.status_code = 400
        return page
    return RedirectResponse(f"/documents?letter={letter_id}#letter-{letter_id}", status_code=303)


# -- bundles ------------------------------------------------------------------------------------


@router.get("/documents/bundles", response_class=HTMLResponse, include_in_schema=False)
def bundles_page(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return _bundles_page(request, ctx, ws, lang)


def _bundles_page(request: Request, ctx: Context, ws: Access, lang: str, **kw: Any) -> HTMLResponse:
    return render(
        request,
        "documents_bundles.html",
        lang,
        ws,
        ctx,
        exports=bundles.list_exports(ctx, ws.slug),
        subjects=[s for s in _cases(ctx, ws) if s[0].upper().startswith("CASE")],
        **kw,
    )


@router.post("/documents/bundles", include_in_schema=False)
def bundle_start_form(
    request: Request,
    scope: str = Form("all"),
    items: str = Form(""),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("export")),
    lang: str = Depends(get_lang),
) -> Response:
    try:
        export_id = _start(ctx, ws, scope, items)
    except (ValueError, LookupError) as exc:  # the form again: the message beside its field, the choices kept
        said = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else None
        if said is None:
            raise
        named = said.params.get("field")
        field = str(named) if isinstance(named, Named) else "scope"
        page = _bundles_page(
            request,
            ctx,
            ws,
            lang,
            error=said,
            error_field=field if field in ("scope", "items") else "scope",
            posted={"action": "/documents/bundles", "values": {"scope": scope, "items": items}},
        )
        page.status_code = 400
        return page
    return RedirectResponse(f"/documents/bundles/{export_id}", status_code=303)


def _start(ctx: Context, ws: Access, scope: str, items: str, scope_field: str = "scope") -> int:
    """Start an export of ``scope`` (a case number, ``all`` or ``selection`` with ``items``); a
    refusal names the field (``scope_field``: what the caller calls the choice of scope)."""
    labels = [x.strip() for x in items.replace(";", ",").split(",") if x.strip()]
    if scope == "selection" and not labels:
        raise ValueError(field_error("items", "list the evidence numbers to include (E-0001, E-0007, …)"))
    if scope != "selection" and labels:  # typed, but another choice made: said, never silently dropped
        raise ValueError(
            field_error(
                "items",
                "evidence numbers are used only with '%(choice)s' chosen under '%(what)s': "
                "choose it, or empty this field",
                choice=T("A selection (list below)"),
                what=T("What to include"),
            )
        )
    case = scope if scope not in ("all", "selection") else None
    if case is not None and case not in {c for c, _ in _cases(ctx, ws)}:
        raise LookupError(T("case '%(case)s' does not exist in this workspace", case=case))
    return bundles.start_export(
        ctx,
        ws.slug,
        case=case,
        labels=labels if scope == "selection" else None,
        actor=ws.username,
        scope_field=scope_field,
    )


@router.get("/documents/bundles/{export_id}", response_class=HTMLResponse, include_in_schema=False)
def bundle_page(
    export_id: int,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    view, _ = bundles.get_export(ctx, ws.slug, export_id)
    partial = bool(request.headers.get("hx-request"))
    return render(
        request, "documents_progress.html" if partial else "documents_bundle.html", lang, ws, ctx, export=view
    )


def _bundle_file(ctx: Context, ws: Access, export_id: int, request: Request) -> Response:
    view, path = bundles.get_export(ctx, ws.slug, export_id)
    if path is None or not path.is_file():
        raise LookupError(f"bundle export {export_id} has no file (status: {view.status})")
    record(
        ctx,
        ws.workspace_id,
        "bundle.downloaded",
        ws.username,
        client_address(request),
        {"export": export_id, "manifest_sha256": view.manifest_sha256},
        ledger=False,
    )
    name = view.file_name or f"bundle-{export_id}.zip"
    return StreamingResponse(
        bundles.iter_file(path),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Length": str(path.stat().st_size),
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/documents/bundles/{export_id}/download", include_in_schema=False)
def bundle_download(
    export_id: int, request: Request, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("export"))
) -> Response:
    return _bundle_file(ctx, ws, export_id, request)


@router.post("/documents/bundles/verify", response_class=HTMLResponse, include_in_schema=False)
async def bundle_verify_page(
    request: Request,
    file: UploadFile = File(...),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    report = await _verify_upload(file, ctx)
    return render(
        request,
        "documents_verify.html",
        lang,
        ws,
        ctx,
        report=report,
        file_name=file.filename or "",
        problems=[_sentence(x) for x in report.problems],
        timestamps=[_sentence(x) for x in report.timestamps],
        notes=[_sentence(x) for x in report.notes],
    )


def _sentence(line: Any) -> Text:
    """A line of the stand-alone verifier's report as a sentence the page says in its language
    (the verifier keeps the English text; its file names and hashes stay data)."""
    from ...documents.bundle_verify import Line

    return Text(line.msgid, {k: _sentence(v) if isinstance(v, Line) else v for k, v in line.params.items()})


async def _verify_upload(file: UploadFile, ctx: Context) -> Any:
    from ...documents.bundle_verify import verify_bundle
    from ...services.timestamps import TimestampError, trust_pem

    try:  # timestamp tokens are checked against this installation's TSA CA, if one is configured
        tsa_ca = trust_pem(ctx)
    except TimestampError:
        tsa_ca = None

    with tempfile.TemporaryDirectory(prefix="dd-verify-") as tmp:
        path = Path(tmp) / "bundle.zip"
        with open(path, "wb") as f:
            while chunk := await file.read(1024 * 1024):
                f.write(chunk)
        report = verify_bundle(path, tsa_ca=tsa_ca)
    # The server's temporary folder is nobody's business: name the upload as the user named it.
    shown = (file.filename or "bundle.zip").replace("\\", "/").rsplit("/", 1)[-1] or "bundle.zip"
    report.path = shown
    report.problems = [p.map_data(lambda v: v.replace(str(path), shown).replace(tmp, ".")) for p in report.problems]
    return report


# -- JSON API ------------------------------------------------------------------------------------


class LetterRequest(BaseModel):
    case: str | None = Field(None, description="Case number, supplier key, or empty for the first case.")
    kind: str = Field(..., description=", ".join(L.KINDS))
    lang: str = Field("both", description="en | zh | both")
    format: str = Field("pdf", description="pdf | docx")
    layout: str = Field("side-by-side", description="side-by-side | pair (with lang both)")
    facts: dict[str, str] = Field(default_factory=dict, description="Facts to set or override (dates YYYY-MM-DD).")


class SentRequest(BaseModel):
    sent_on: date
    channel: str
    recipient: str | None = None
    proof: str | None = Field(None, description="Evidence number of the proof of sending.")
    note: str | None = None


class NoteRequest(BaseModel):
    title: str | None = Field(None, description="Title in the evidence list.")
    proves_en: str | None = Field(None, description="What the item proves (English).")
    proves_zh: str | None = Field(None, description="证明目的 (Chinese).")
    translation_zh: str | None = Field(None, description="Chinese translation; marked not verified.")
    certified_translation: str | None = Field(None, description="Evidence number of a certified translation.")


class BundleRequest(BaseModel):
    case: str | None = None
    items: list[str] = Field(default_factory=list)
    all: bool = False


@router.get("/api/letters/kinds", tags=["documents"])
def api_letter_kinds(ws: Access = Depends(current_workspace)) -> list[dict[str, Any]]:  # noqa: ARG001
    """The letters DisputeDesk can draft, with the ladder step each records when sent."""
    return [
        {"kind": k.key, "title_en": k.title_en, "title_zh": k.title_zh, "ladder_step": k.ladder_step}
        for k in L.KINDS.values()
    ]


@router.post("/api/letters/preview", tags=["documents"])
def api_letter_preview(
    body: LetterRequest, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("export"))
) -> dict[str, Any]:
    """The letter's facts, the facts it lacks (by name) and its text, without storing anything."""
    subject = svc.resolve_subject(ctx, ws.slug, body.case)
    facts = svc.gather_facts(ctx, ws.slug, subject, letter_date=svc.sender_today(ctx, ws.slug), kind=body.kind)
    facts.apply(body.facts)
    letter = L.build_letter(body.kind, facts, body.lang)
    return {
        "kind": body.kind,
        "case": subject.case_number,
        "supplier": subject.supplier_key,
        "missing": letter.missing,
        "missing_labels": {"en": letter.missing_labels("en"), "zh": letter.missing_labels("zh")},
        "notes": facts.notes,
        "facts": facts.to_json(),
        "text": {lg: [b.text if b.table is None else b.table.columns for b in bl] for lg, bl in letter.blocks.items()},
    }


@router.post("/api/letters", tags=["documents"], status_code=201)
def api_letter_create(
    body: LetterRequest, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("export"))
) -> dict[str, Any]:
    """Render a letter, keep it as an evidence item (with a ledger entry) and say where to download it."""
    rendered = svc.render_letter(
        ctx, ws.slug, body.case, body.kind, lang=body.lang, fmt=body.format, layout=body.layout, overrides=body.facts
    )
    stored = svc.keep_letter(ctx, ws.slug, rendered, actor=ws.username)
    return {
        "id": stored.id,
        "evidence": stored.evidence,
        "sha256": stored.sha256,
        "file_name": rendered.file_name,
        "missing": rendered.missing,
        "download": f"/api/evidence/{stored.evidence}/original",
    }


@router.get("/api/letters", tags=["documents"])
def api_letters(ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> list[dict[str, Any]]:
    """Generated letters and whether (when, how) they were sent."""
    return [v.as_dict() for v in svc.list_letters(ctx, ws.slug)]


@router.post("/api/letters/{letter_id}/sent", tags=["documents"])
def api_letter_sent(
    letter_id: int, body: SentRequest, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("annotate"))
) -> dict[str, Any]:
    """Record that a letter was sent: a ledger entry, and the case's ladder step where there is a case."""
    view, warnings = svc.mark_sent(
        ctx,
        ws.slug,
        letter_id,
        sent_on=body.sent_on,
        channel=body.channel,
        recipient=body.recipient,
        proof=body.proof,
        note=body.note,
        actor=ws.username,
    )
    return {**view.as_dict(), "warnings": warnings}


@router.put("/api/evidence/{label}/bundle-note", tags=["documents"])
def api_bundle_note(
    label: str, body: NoteRequest, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("annotate"))
) -> dict[str, Any]:
    """Describe an item for the evidence list (证据目录): title, what it proves, translation."""
    bundles.set_note(ctx, ws.slug, label, actor=ws.username, **body.model_dump())
    return {"evidence": label.upper(), **body.model_dump()}


@router.post("/api/bundles", tags=["documents"], status_code=202)
def api_bundle_start(
    body: BundleRequest, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("export"))
) -> dict[str, Any]:
    """Start building a bundle (a case, a selection of items, or all); poll its progress."""
    chosen = sum(bool(x) for x in (body.case, body.items, body.all))
    if chosen != 1:
        raise ValueError("case: give exactly one of case, items or all")
    scope = body.case or ("selection" if body.items else "all")
    export_id = _start(ctx, ws, scope, ",".join(body.items), scope_field="case" if body.case else "all")
    return {"id": export_id, "progress": f"/api/bundles/{export_id}"}


@router.get("/api/bundles", tags=["documents"])
def api_bundles(ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> list[dict[str, Any]]:
    """Recent bundle exports with their status."""
    return [v.as_dict() for v in bundles.list_exports(ctx, ws.slug)]


@router.get("/api/bundles/{export_id}", tags=["documents"])
def api_bundle(
    export_id: int, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> dict[str, Any]:
    """One export: status, progress (done/total), and when done the file's size and manifest hash."""
    view, _ = bundles.get_export(ctx, ws.slug, export_id)
    d = view.as_dict()
    if view.status == "done":
        d["download"] = f"/api/bundles/{export_id}/file"
    return d


@router.get("/api/bundles/{export_id}/file", tags=["documents"])
def api_bundle_file(
    export_id: int, request: Request, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("export"))
) -> Response:
    """The bundle ZIP."""
    return _bundle_file(ctx, ws, export_id, request)


@router.post("/api/bundles/verify", tags=["documents"])
async def api_bundle_verify(
    file: UploadFile = File(...),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),  # noqa: ARG001
) -> JSONResponse:
    """Check an uploaded bundle as `disputedesk bundle verify` does (nothing is stored)."""
    report = await _verify_upload(file, ctx)
    return JSONResponse(report.as_dict(), status_code=200)


def dashboard_panels(ctx: Context, ws: Access) -> list[tuple[str, dict[str, Any]]]:
    """Letters drafted and not yet marked sent."""
    letters = svc.list_letters(ctx, ws.slug, limit=500)
    if not letters:
        return []
    unsent = sum(1 for x in letters if x.sent_on is None)
    return [("documents_panel.html", {"unsent": unsent, "total": len(letters)})]
