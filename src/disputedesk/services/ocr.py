"""Searchable copies of scanned documents and photos, made by OCR beside the untouched original.

A scanned PDF (pages without a text layer) or an image is read by the local Tesseract
(``ingest.ocr``). The result is kept as a **derived evidence item**: a PDF with the page images
and the recognised text laid under them, linked to the original as its child, recorded in the
ledger like every import (``evidence.added`` with ``parent``), named ``<original>.ocr.pdf`` and
described as "text from OCR" with the engine and the mean confidence. The original's bytes are
never touched. The derived item's text is the recognised text (Chinese without the spaces
Tesseract puts between characters), so search finds it, and the contract check reads it instead
of running OCR again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from sqlalchemy import select, update

from ..domain.labels import evidence_label
from ..ingest.ocr import IMAGE_TYPES, OcrError, OcrResult, ocr_available, ocr_image, ocr_pdf

__all__ = ["SearchableCopy", "find_copy", "make_searchable_copy", "needs_ocr", "ocr_available"]
from ..store.db import unit_of_work
from ..store.models import EvidenceItem
from .context import Context
from .evidence import EvidenceView, get_evidence
from .workspaces import get_workspace

SOURCE_PREFIX = "ocr:"
DERIVED_KIND = "generated_document"


@dataclass
class SearchableCopy:
    original: str  # E-0004
    copy: str  # E-0005
    confidence: float | None
    pages: list[int]
    created: bool  # False when it existed already
    found_text: bool = True  # False: OCR read no text at all (a photo without writing)


def needs_ocr(media_type: str, data: bytes) -> list[int] | None:
    """Pages to OCR (1-based; every page of an image), or None when the file has its text."""
    if media_type in IMAGE_TYPES:
        return []
    if media_type != "application/pdf":
        return None
    from ..ingest.pdf_layout import PdfLayoutError, read_pdf_lines

    try:
        layout = read_pdf_lines(data)
    except PdfLayoutError:
        return None
    if layout.ocr is not None:  # already a searchable copy
        return None
    return layout.empty_pages or None


def find_copy(ctx: Context, workspace: str, original: EvidenceView) -> EvidenceView | None:
    """The searchable copy made earlier for `original`, if any."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        number = s.execute(
            select(EvidenceItem.number)
            .where(EvidenceItem.workspace_id == ws.id, EvidenceItem.source == SOURCE_PREFIX + original.label)
            .order_by(EvidenceItem.number)
            .limit(1)
        ).scalar_one_or_none()
    return get_evidence(ctx, workspace, evidence_label(number)) if number is not None else None


def make_searchable_copy(
    ctx: Context, workspace: str, label: str, *, actor: str, result: OcrResult | None = None
) -> SearchableCopy | None:
    """OCR `label` into a searchable copy beside it; None when it needs no OCR. Idempotent. ``result``: the OCR of
    the same bytes made already (the contracts page reads a scan before storing it), not run again."""
    from .import_evidence import Candidate, import_candidates

    original = get_evidence(ctx, workspace, label)
    existing = find_copy(ctx, workspace, original)
    if existing is not None:
        return SearchableCopy(original.label, existing.label, None, [], created=False)
    if result is None:
        with ctx.blobs.open(original.sha256) as stream:
            data = stream.read()
        pages = needs_ocr(original.media_type, data)
        if pages is None:
            return None
        if not ocr_available():
            raise OcrError("OCR is not available: install tesseract-ocr, tesseract-ocr-chi-sim and tesseract-ocr-eng")
        result = ocr_image(data) if original.media_type in IMAGE_TYPES else ocr_pdf(data, pages)
    pdf = result.pdf
    stem = original.original_name.rsplit(".", 1)[0] if "." in original.original_name else original.original_name
    found = bool(result.text.strip())
    description = (
        f"Searchable copy of {original.label} made by OCR ({result.engine}): text from OCR on page(s) "
        f"{', '.join(map(str, result.ocr_pages))}, mean confidence {result.confidence:.0f}%. "
        if found  # a photo of a machine has no writing: the copy is not to be taken as its text
        else f"Copy of {original.label} made by OCR ({result.engine}): OCR found no text on page(s) "
        f"{', '.join(map(str, result.ocr_pages))}, so there is nothing to search. "
    ) + f"The original {original.label} is unchanged."
    report = import_candidates(
        ctx,
        workspace,
        [
            Candidate(
                name=f"{stem}.ocr.pdf",
                source=SOURCE_PREFIX + original.label,
                open=lambda: io.BytesIO(pdf),
                size_hint=len(pdf),
                kind=DERIVED_KIND,
                description=description,
                parent_number=original.number,
            )
        ],
        actor=actor,
    )
    outcome = report.outcomes[0]
    if outcome.evidence is None:
        raise OcrError(f"{label}: the searchable copy could not be stored ({outcome.reason})")
    # the search text is the recognised text as a reader writes it (derived data, not in the ledger)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        s.execute(
            update(EvidenceItem)
            .where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == int(outcome.evidence[2:]))
            .values(text=result.text.replace("\x00", ""))
        )
    return SearchableCopy(
        original.label, outcome.evidence, result.confidence, result.ocr_pages, created=True, found_text=found
    )
