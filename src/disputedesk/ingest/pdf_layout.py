"""Lines of a PDF with their layout: which are headings, which are page furniture.

`pdfplumber` (on pdfminer.six) gives every character with its font name and size and every
line with its position. From that:

* the body size is the size most characters have; a short line set at least 12 % larger, or
  short and entirely in a bold face, is a heading (level 1; 2 when only slightly larger);
* a line in the top or bottom margin (10 % of the page) that is only a page number ("3",
  "- 3 -", "第 3 页", "第3页 共9页", "Page 3 of 9", "3/9") is dropped, and so is a running
  header or footer: a margin line whose text (digits aside) repeats on most pages.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from dataclasses import dataclass

MARGIN = 0.10
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—·\s]*\d{1,4}[-–—·\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
    r"(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|共\s*\d+\s*页\s*第\s*\d+\s*页)$",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    """The line is only a page number ("3", "- 3 -", "第 3 页", "第3页 共9页", "Page 3 of 9", "3/9")."""
    return bool(_PAGE_NUMBER.match(text.strip()))


OCR_METADATA_KEY = "/DisputeDeskOCR"  # set on a searchable copy made by ingest.ocr
# Chinese set with spaces between characters or words (OCR text layers, "填 写 说 明"): a reader
# sees no spaces there
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")


def join_cjk(text: str) -> str:
    return _CJK_GAP.sub("", text).strip()


_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|\bdemi\b", re.IGNORECASE)
_SENTENCE_END = tuple(".;:。；：!?！？,，")


@dataclass
class PdfLine:
    text: str
    page: int  # 1-based
    heading: int | None = None
    unsure: tuple[tuple[int, int, float], ...] = ()  # OCR lines of a searchable copy: figures it was unsure of


@dataclass
class PdfPages:
    lines: list[PdfLine]
    pages: int
    empty_pages: list[int]  # 1-based numbers of pages without any text layer
    ocr: dict[str, object] | None = None  # what ingest.ocr recorded when this is a searchable copy


class PdfLayoutError(Exception):
    """The bytes are not a readable PDF (message says why)."""


def _short(text: str) -> bool:
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return len(text) <= 80 and cjk <= 30 and (cjk > 0 or len(text.split()) <= 12)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def read_pdf_lines(data: bytes, password: str = "") -> PdfPages:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    raw: list[tuple[int, str, float, bool, str]] = []  # page, text, size, bold, zone (top/body/bottom)
    sizes: Counter[float] = Counter()
    empty: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data), password=password) as pdf:
            n_pages = len(pdf.pages)
            ocr_info = _ocr_info(pdf.metadata.get(OCR_METADATA_KEY[1:]))
            for number, page in enumerate(pdf.pages, start=1):
                height = float(page.height) or 1.0
                lines = page.extract_text_lines(strip=True, return_chars=True)
                if not any(line["text"].strip() for line in lines):
                    empty.append(number)
                    continue
                for line in lines:
                    chars = [c for c in line.get("chars", []) if str(c.get("text", "")).strip()]
                    if not chars:
                        continue
                    line_sizes = sorted(round(float(c.get("size", 0)) * 2) / 2 for c in chars)
                    size = line_sizes[len(line_sizes) // 2]
                    for c in chars:
                        sizes[round(float(c.get("size", 0)) * 2) / 2] += 1
                    bold = all(_BOLD.search(str(c.get("fontname", ""))) for c in chars)
                    top, bottom = float(line["top"]), float(line["bottom"])
                    zone = "top" if bottom <= height * MARGIN else "bottom" if top >= height * (1 - MARGIN) else "body"
                    raw.append((number, join_cjk(line["text"]), size, bold, zone))
    except PDFPasswordIncorrect as exc:
        raise PdfLayoutError("PDF is encrypted with a password") from exc
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise PdfLayoutError("PDF is encrypted with a password") from exc
        raise PdfLayoutError(f"not a readable PDF ({cause.__class__.__name__}: {cause})") from exc

    ocr_lines = _ocr_lines(ocr_info)
    if ocr_lines is not None:  # a searchable copy: its OCR pages are read from the recorded lines
        ocr_pages = set(ocr_lines)
        raw = [r for r in raw if r[0] not in ocr_pages]
        empty = [p for p in empty if p not in ocr_pages]
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    margin_pages: dict[str, set[int]] = {}
    for page_no, text, _, _, zone in raw:
        if zone != "body":
            margin_pages.setdefault(_furniture_key(text), set()).add(page_no)
    with_text = max(1, n_pages - len(empty))
    out: list[PdfLine] = []
    for page_no, text, size, bold, zone in raw:
        if zone != "body":
            if _PAGE_NUMBER.match(text):
                continue
            repeats = len(margin_pages.get(_furniture_key(text), ()))
            if with_text >= 3 and repeats >= max(3, with_text // 2):
                continue
        heading: int | None = None
        if body and _short(text) and not text.endswith(_SENTENCE_END):
            if size >= body * 1.3:
                heading = 1
            elif size >= body * 1.12 or bold:
                heading = 1 if size >= body * 1.12 else 2
        out.append(PdfLine(text, page_no, heading))
    if ocr_lines is not None:
        for page_lines in ocr_lines.values():
            out.extend(page_lines)
        out.sort(key=lambda line: line.page)  # stable: reading order within a page is kept
    return PdfPages(out, n_pages, empty, ocr_info)


def _ocr_lines(info: dict[str, object] | None) -> dict[int, list[PdfLine]] | None:
    """The recognised lines a searchable copy recorded, by page (None when it is no such copy)."""
    if info is None or not isinstance(info.get("lines"), list) or not isinstance(info.get("pages"), list):
        return None
    by_page: dict[int, list[PdfLine]] = {int(p): [] for p in info["pages"] if isinstance(p, int)}  # type: ignore[union-attr]
    for item in info["lines"]:  # type: ignore[union-attr]
        if isinstance(item, list) and len(item) in (3, 4) and isinstance(item[0], int) and isinstance(item[2], str):
            heading = item[1] if isinstance(item[1], int) else None
            unsure = tuple(
                (int(u[0]), int(u[1]), float(u[2]))
                for u in (item[3] if len(item) == 4 and isinstance(item[3], list) else [])
                if isinstance(u, list) and len(u) == 3
            )
            by_page.setdefault(item[0], []).append(PdfLine(item[2], item[0], heading, unsure))
    return by_page


def _ocr_info(raw: object) -> dict[str, object] | None:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    if not isinstance(raw, str):
        return None
    try:
        info = json.loads(raw)
    except ValueError:
        return None
    return info if isinstance(info, dict) else None
