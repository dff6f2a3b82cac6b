"""`disputedesk ocr E-0004 …`: a searchable copy (OCR) of scanned evidence beside the original."""

from __future__ import annotations

import typer

from .core import WorkspaceOpt, err, fail, open_context, out, ws_or_default


def register(app: typer.Typer) -> None:
    @app.command("ocr")
    def ocr_cmd(
        labels: list[str] = typer.Argument(..., metavar="E-0004…", help="Evidence items (scans, photos)."),
        workspace: str = WorkspaceOpt,
        actor: str = typer.Option("cli", help="Who is recorded in the ledger."),
    ) -> None:
        """Read scanned PDFs and photos by OCR (Tesseract, Chinese and English) into searchable copies
        kept beside the untouched originals; their text is searchable and used by the contract check."""
        from ..ingest.ocr import OcrError, ocr_available
        from ..services.evidence import EvidenceNotFound
        from ..services.ocr import make_searchable_copy

        if not ocr_available():
            raise fail("OCR is not available: install tesseract-ocr, tesseract-ocr-chi-sim, tesseract-ocr-eng")
        ctx = open_context()
        slug = ws_or_default(ctx, workspace)
        failed = 0
        for label in labels:
            try:
                copy = make_searchable_copy(ctx, slug, label, actor=actor)
            except (EvidenceNotFound, OcrError, ValueError) as exc:
                failed += 1
                msg = str(exc)
                err.print(msg if msg.startswith(label) else f"{label}: {msg}", highlight=False)
                continue
            if copy is None:
                out.print(f"{label}: has its text already (no OCR needed)", highlight=False)
            elif not copy.created:
                out.print(f"{label}: searchable copy {copy.copy} exists already", highlight=False)
            elif not copy.found_text:
                out.print(
                    f"{label}: OCR found no text (pages {', '.join(map(str, copy.pages))}): nothing to search; "
                    f"the copy {copy.copy} holds the image only",
                    highlight=False,
                )
            else:
                out.print(
                    f"{label}: searchable copy {copy.copy} (text from OCR, pages {', '.join(map(str, copy.pages))}, "
                    f"mean confidence {copy.confidence:.0f}%)",
                    highlight=False,
                )
        if failed:
            raise typer.Exit(1)
