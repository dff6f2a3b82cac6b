"""Contract clarity pages and API: upload or pick a contract, see what it promises and what is vague."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...services import contracts
from ...services.accounts import Access
from ...services.context import Context
from ...services.records.overview import contract_number_for_evidence
from ..deps import current_workspace, get_ctx, get_lang, need
from ..pages import render
from ..uploads import import_uploads

router = APIRouter()
NAV = [(55, "Contracts", "/contracts")]

# Why a wording is suggested (the contract check's issue codes), in words for the page.
REASON_WORDS = {
    "missing": "the clause is missing",
    "vague": "vague wording",
    "basis_unclear": "business or calendar time not stated",
    "cap_covers_support": "the liability cap also limits support remedies",
    "deemed_acceptance": "acceptance deemed without inspection",
    "early_start": "the period starts before the machine can be used",
    "equal_versions": "both language versions prevail equally",
    "incomplete": "incomplete",
    "limitation_clause": "limits the buyer's remedies",
    "negotiation_only": "negotiation only, no binding forum",
    "no_cost": "who pays is not stated",
    "no_email": "no e-mail address for notices",
    "no_institution": "no arbitration institution named",
    "no_language": "no language stated",
    "no_length": "no length stated",
    "no_number": "no figure stated",
    "no_seat": "no seat of arbitration",
    "no_start": "no start stated",
    "no_support_trigger": "no event that starts support",
    "no_time_zone": "no time zone stated",
    "short_inspection": "inspection period too short",
    "unilateral_change": "one party may make changes alone",  # fees, service levels or terms (fix22b)
    "whichever_first": '"whichever comes first" shortens the period',
}


@router.get("/contracts", response_class=HTMLResponse, include_in_schema=False)
def contracts_page(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return render(request, "contracts_list.html", lang, ws, ctx, items=contracts.contract_items(ctx, ws.slug))


@router.post("/contracts/upload", include_in_schema=False, response_model=None)
async def contracts_upload(
    request: Request,
    file: UploadFile = File(...),
    kind: str = Form("contract"),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
    if kind not in contracts.CONTRACT_KINDS:
        raise ValueError(f"kind: one of {', '.join(contracts.CONTRACT_KINDS)}")
    name = (file.filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    data = await file.read(4096)
    if contracts.read_before_storing(data, name):  # a text or a Word document is read whole: is there text in it?
        data += await file.read(contracts.MAX_CONTRACT_BYTES + 1 - len(data))
    await file.seek(0)
    refused = contracts.upload_refusal(data, name)
    scan = None
    if refused is None and contracts.read_scan_before_storing(data, name):  # OCR first: a blank scan is not stored
        data = await file.read(contracts.MAX_CONTRACT_BYTES + 1)
        await file.seek(0)
        refused, scan = await run_in_threadpool(contracts.scan_refusal, data, name)
    if refused is not None:  # refused before anything is stored; the page and its form come back
        if request.headers.get("HX-Request"):  # under the form, where the page's button puts the answer
            resp = render(request, "_upload_refused.html", lang, ws, ctx, error=refused)
        else:
            items = contracts.contract_items(ctx, ws.slug)
            resp = render(request, "contracts_list.html", lang, ws, ctx, items=items, error=refused)
        resp.status_code = 400
        return resp
    report = await import_uploads(ctx, ws.slug, [file], kind=kind, description=None, actor=ws.username)
    from ...services.jobs import JobView

    if isinstance(report, JobView):
        return render(request, "jobs_detail.html", lang, ws, ctx, job=report)
    o = report.outcomes[0]
    if o.status == "failed":
        raise ValueError(f"{o.name}: {o.reason}")
    from ...services import ocr

    if o.status == "imported" and o.evidence and ocr.ocr_available():
        # a scan or photo gets its searchable copy now (OCR, beside the untouched original; read once, above)
        await run_in_threadpool(ocr.make_searchable_copy, ctx, ws.slug, o.evidence, actor=ws.username, result=scan)
    target = f"/contracts/{o.evidence}"
    if request.headers.get("HX-Request"):  # the page posts with htmx (it sends the CSRF header)
        return Response(status_code=200, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


@router.get("/contracts/{label}", response_class=HTMLResponse, include_in_schema=False)
def contract_report_page(
    label: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return _report_page(request, ctx, ws, lang, label)


def _report_page(
    request: Request, ctx: Context, ws: Access, lang: str, label: str, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    chk = contracts.check_item(ctx, ws.slug, label)
    resp = render(
        request,
        "contracts_report.html",
        lang,
        ws,
        ctx,
        item=chk.item,
        r=chk.report,
        paragraphs=contracts.highlighted_paragraphs(chk.doc, chk.report),
        missing=[c for c in chk.report["clauses"] if not c["present"] and c.get("applies", True)],
        present=[c for c in chk.report["clauses"] if c["present"]],
        can_draft=contracts.sla_draft_available(),
        record_number=contract_number_for_evidence(ctx, ws.slug, chk.item.number),
        error=error,
        reason_words=REASON_WORDS,
    )
    resp.status_code = status_code
    return resp


@router.post("/contracts/{label}/draft-terms", include_in_schema=False)
def contract_draft_terms(
    label: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
    try:
        target = contracts.send_draft_terms(ctx, ws.slug, label, actor=ws.username)
    except contracts.NoMeasurableTerms as exc:
        # Not a dead end: the terms form, pre-filled with what the check found, says why.
        return RedirectResponse(f"/sla/terms/{quote(exc.contract_number)}?from={label}", status_code=303)
    except ValueError as exc:
        return _report_page(request, ctx, ws, lang, label, error=str(exc), status_code=400)
    return RedirectResponse(target, status_code=303)


@router.get("/api/evidence/{label}/clarity", tags=["contracts"])
def api_clarity(label: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> dict[str, Any]:
    """The clarity report of a stored contract or amendment."""
    return contracts.check_item(ctx, ws.slug, label).report


@router.post("/api/contracts/check", tags=["contracts"])
async def api_check(
    file: UploadFile = File(..., description="PDF, DOCX or text"),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),  # noqa: ARG001 - signed in; nothing is stored
) -> dict[str, Any]:
    """Check a contract without storing it (e.g. a draft before signing). A file the check cannot check is answered
    with `{"error", "code", "file", "field", "lang"}`: `code` is stable (`empty_file`, `no_text`, `no_words`,
    `unsupported_type`, `legacy_doc`, `unreadable`, `ocr_unavailable`, `too_large`), `error` a sentence naming the
    file in the request's language (`?lang=`, the `lang` cookie, then Accept-Language); status 413, 415 or 422."""
    name = file.filename or "contract"
    data = await file.read(contracts.MAX_CONTRACT_BYTES + 1)
    if len(data) > contracts.MAX_CONTRACT_BYTES:
        raise contracts.refusal("too_large", name, size=file.size or len(data))
    _, report = contracts.check_bytes(data, name, as_of=ctx.clock().date())
    return report
