"""Read a contract (PDF, DOCX or plain text) into paragraphs that keep their place.

Every paragraph carries its page (PDF only), its index in the document and its character
offsets in :attr:`ContractText.text`, so a finding of the contract-clarity check can point back
to where it was found.

* PDF: the text layer with its layout through `pdfplumber` (pdfminer), page by page, one
  paragraph per line (PDF text has no reliable paragraph marks; the clause splitter joins lines
  into clauses). A line set larger than the body text, or short and bold, is a heading; page
  numbers ("3", "- 3 -", "第 3 页", "Page 3 of 9") and running headers/footers repeated in the
  margin of most pages are left out. A PDF whose pages have no text layer is OCRed only when
  the ``tesseract`` program with the ``chi_sim`` language data is installed on this machine;
  otherwise :class:`ContractReadError` says so. Nothing is downloaded.
* DOCX: `python-docx`, body paragraphs and table rows in document order (a table row becomes
  one paragraph with its cells joined by `` | ``, which keeps a two-column bilingual layout
  side by side). Word's automatic numbers ("第一条", "1.1", "一、", "（一）") are rendered in
  front of the text as the reader sees them (``docx_structure``); heading styles, outline levels
  and short bold lines mark headings.
* Plain text: UTF-8 (with or without BOM), then GB18030 (a superset of GB2312/GBK) as fallback;
  Markdown "#" headings lose their marks and are headings.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.contract_clarity.clauses import markdown_heading
from ..domain.contract_clarity.ocr_numbers import NumberRepair, repair_lines
from ..domain.text import Seq, T, Text

if TYPE_CHECKING:
    from .ocr import OcrResult

PARAGRAPH_SEPARATOR = "\n"
# fewer letters (Chinese characters included) than this: read and checked, with a note that the text is very short
# for a contract (a clause or a cover page uploaded by mistake; the shortest real contracts are several times longer)
SHORT_CONTRACT = 200
DOCX_CELL_SEPARATOR = " | "


class ContractReadError(Exception):
    """The file cannot be read as a contract; the message names the file and the reason. ``code`` says which kind of
    problem it is, for a program (the API's ``code``): ``unsupported_type``, ``legacy_doc``, ``no_text``, ``no_words``,
    ``ocr_unavailable`` or ``unreadable`` (a damaged file, text that cannot be decoded, OCR that failed)."""

    def __init__(self, *args: object, code: str = "unreadable") -> None:
        super().__init__(*args)
        self.code = code


@dataclass(frozen=True)
class Paragraph:
    text: str
    index: int  # 0-based position among the document's paragraphs
    char_start: int  # offset of the first character in ContractText.text
    char_end: int  # offset after the last character
    page: int | None = None  # 1-based PDF page; None for DOCX and text
    heading: int | None = None  # heading level the layout shows (style, font, bold, "#"), if any


@dataclass
class ContractText:
    source: str  # file name as given
    format: str  # "pdf" | "docx" | "text"
    text: str  # paragraphs joined by PARAGRAPH_SEPARATOR (offsets refer to this)
    paragraphs: list[Paragraph]
    encoding: str | None = None  # for plain text
    pages: int | None = None
    ocr_pages: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ocr_confidence: float | None = None  # 0..100 when some text came from OCR
    ocr_engine: str | None = None
    derived_pdf: bytes | None = None  # searchable copy made by OCR (the original is untouched)
    # clause numbers and figures OCR misread, as read and as taken (`line` is the paragraph index)
    number_repairs: list[NumberRepair] = field(default_factory=list)
    # figures OCR was unsure of: (paragraph index, start, end, confidence) in the paragraph's text
    ocr_unsure: list[tuple[int, int, int, float]] = field(default_factory=list)


def _reason(exc: Exception) -> str:
    """An underlying error's message: a translatable sentence when it is one (``Text``), else its English text."""
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, Text) else str(exc)


def _read_as(read: str, taken: str, page: int | None) -> Text:
    return T("“%(read)s” as %(taken)s (page %(page)s)", read=read, taken=taken, page=str(page))


_NOTHING_READ = T(
    "OCR found no text in this scan or photo: it may be blank, too blurred, too dark or too small; "
    "scan the page straight at 300 dpi (or photograph it flat in even light) and upload it again"
)


Item = tuple[str, int | None] | tuple[str, int | None, int | None]  # text, page[, heading level]


def _build(source: str, fmt: str, items: list[Item]) -> ContractText:
    paragraphs: list[Paragraph] = []
    parts: list[str] = []
    pos = 0
    for item in items:
        text, page = item[0].strip(), item[1]
        heading = item[2] if len(item) > 2 else None  # type: ignore[misc]
        if not text:
            continue
        if parts:
            pos += len(PARAGRAPH_SEPARATOR)
        paragraphs.append(Paragraph(text, len(paragraphs), pos, pos + len(text), page, heading))
        parts.append(text)
        pos += len(text)
    return ContractText(source, fmt, PARAGRAPH_SEPARATOR.join(parts), paragraphs)


# blanks str.strip keeps: zero-width spaces and joiners, the word joiner, a byte-order mark inside the text
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def _lines(text: str) -> Iterator[str]:
    for line in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n"):
        line = line.strip().strip(_ZERO_WIDTH).strip()
        if line:
            yield line


# ---------------------------------------------------------------- plain text
def decode_text(data: bytes) -> tuple[str, str]:
    """Decode contract text bytes: UTF-8 (BOM allowed), else GB18030. Returns (text, encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ContractReadError(T("not UTF-8 or GB18030 text (byte %(byte)s)", byte=str(exc.start))) from exc


def read_text(data: bytes, source: str = "<text>") -> ContractText:
    text, encoding = decode_text(data)
    items: list[Item] = []
    for line in _lines(text):
        md = markdown_heading(line)
        items.append((line[md[1] :], None, md[0]) if md else (line, None))
    result = _build(source, "text", items)
    result.encoding = encoding
    return result


# ---------------------------------------------------------------- DOCX
def _with_number(number: str, text: str) -> str:
    if not number:
        return text
    return f"{number}{'' if number.endswith(('、', '）', ')', '．')) else ' '}{text}"


def read_docx(data: bytes, source: str = "<docx>") -> ContractText:
    import docx
    from docx.document import Document as DocumentObject
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    from .zipcaps import TextNotExtracted, check_package

    try:
        check_package(data)  # a decompression bomb is refused before python-docx reads a part
    except TextNotExtracted as exc:
        raise ContractReadError(T("text not extracted: %(reason)s", reason=_reason(exc))) from exc
    try:
        document: DocumentObject = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise ContractReadError(
            T("not a readable DOCX file (%(error)s)", error=exc.__class__.__name__ + ": " + str(exc))
        ) from exc

    from .docx_structure import NumberingRenderer, heading_level

    numbers = NumberingRenderer(document)
    items: list[Item] = []

    def add_table(table: Table) -> None:
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                    continue
                seen.add(id(cell._tc))
                texts = [_with_number(numbers.number_of(p), p.text.strip()) for p in cell.paragraphs]
                cell_text = " ".join(t for t in texts if t.strip())
                if cell_text:
                    cells.append(cell_text)
                for inner in cell.tables:
                    add_table(inner)
            if cells:
                items.append((DOCX_CELL_SEPARATOR.join(cells), None))

    # iter_inner_content (python-docx >= 1.0) yields paragraphs and tables in document order.
    for block in document.iter_inner_content():
        if isinstance(block, DocxParagraph):
            number = numbers.number_of(block)
            lines = block.text.split("\n")
            level = heading_level(block, block.text) if len(lines) == 1 else None
            for i, line in enumerate(lines):
                text = _with_number(number, line.strip()) if i == 0 else line
                items.append((text, None, level if i == 0 else None))
        elif isinstance(block, Table):
            add_table(block)
    return _build(source, "docx", items)


# ---------------------------------------------------------------- PDF and images
def ocr_available() -> bool:
    """True when the `tesseract` program with Simplified Chinese and English data is installed."""
    from .ocr import ocr_available as available

    return available()


def _ocr_note(engine: str, pages: list[int], confidence: float) -> Text:
    return T(
        "text from OCR (%(engine)s) on page(s) %(pages)s, mean confidence %(confidence)s%%: check names, numbers "
        "and dates against the original",
        engine=engine,
        pages=", ".join(map(str, pages)),
        confidence=format(confidence, ".0f"),
    )


Unsure = Sequence[tuple[int, int, float]]  # figures OCR was unsure of in a line: (start, end, confidence)


def _repaired(
    source: str, fmt: str, items: list[Item], ocr_pages: list[int], unsure: list[Unsure] | None = None
) -> ContractText:
    """The contract with the clause numbers and figures OCR misread on `ocr_pages` taken as the numbering calls for
    ("21" under clause 2 → "2.1"), each repair recorded and named in a note (domain/contract_clarity/ocr_numbers);
    `unsure[i]` (aligned with `items`) are the figures OCR was unsure of in item i, kept as `ocr_unsure`."""
    flags = unsure or [()] * len(items)
    pairs = [(it, u) for it, u in zip(items, flags, strict=True) if it[0].strip()]
    kept = [(it[0].strip(), *it[1:]) for it, _ in pairs]
    scanned = set(ocr_pages)
    texts, repairs = repair_lines([it[0] for it in kept], [it[1] in scanned for it in kept])
    doc = _build(source, fmt, [(text, *it[1:]) for text, it in zip(texts, kept, strict=True)])  # type: ignore[misc]
    doc.number_repairs = repairs
    taken_end = {r.line: r.end for r in repairs if r.kind == "clause"}
    for i, ((item, spans), text) in enumerate(zip(pairs, texts, strict=True)):
        # the spans were found in the line as OCR gave it: shift them past a clause number taken at its start
        lead = len(item[0]) - len(item[0].lstrip())
        shift = len(text) - len(item[0].strip())
        for start, end, conf in spans:
            a, b = start - lead + shift, end - lead + shift
            if a >= taken_end.get(i, 0) and b <= len(text):
                doc.ocr_unsure.append((i, a, b, conf))
    if repairs:
        listed = [_read_as(r.read, r.taken, doc.paragraphs[r.line].page) for r in repairs[:12]]
        doc.notes.append(
            T(
                "%(n)s number(s) read by OCR taken as the numbering around them calls for: %(listed)s; "
                "check them against the original",
                n=str(len(repairs)),
                listed=Seq([*listed, *(["…"] if len(repairs) > 12 else [])]),
            )
        )
    if doc.ocr_unsure:
        from .ocr import UNSURE

        doc.notes.append(
            T(
                "%(n)s figure(s) OCR was unsure of (confidence under %(limit)s%%): %(figures)s; "
                "check them against the original",
                n=str(len(doc.ocr_unsure)),
                limit=format(UNSURE, ".0f"),
                figures=Seq(f"“{doc.paragraphs[p].text[a:b]}”" for p, a, b, _ in doc.ocr_unsure[:12]),
            )
        )
    return doc


def contract_from_ocr(result: OcrResult, source: str, fmt: str, text_lines: list[Item] | None = None) -> ContractText:
    """A contract read by OCR (all pages, or the scanned pages merged with `text_lines`)."""
    pairs: list[tuple[Item, Unsure]] = [(it, ()) for it in text_lines or []]
    pairs.extend(((line.text, line.page, line.heading), line.unsure) for line in result.lines)
    pairs.sort(key=lambda pair: pair[0][1] or 0)  # stable: page order, lines in reading order
    doc = _repaired(source, fmt, [it for it, _ in pairs], result.ocr_pages, [u for _, u in pairs])
    doc.pages = result.pages
    doc.ocr_pages = list(result.ocr_pages)
    doc.ocr_confidence = result.confidence
    doc.ocr_engine = result.engine
    doc.notes.insert(0, _ocr_note(result.engine, result.ocr_pages, result.confidence))
    return doc


def read_pdf(data: bytes, source: str = "<pdf>", *, ocr: bool = True) -> ContractText:
    from .ocr import OcrError, ocr_pdf
    from .pdf_layout import PdfLayoutError, read_pdf_lines

    try:
        layout = read_pdf_lines(data)
    except PdfLayoutError as exc:
        raise ContractReadError(_reason(exc)) from exc
    items: list[Item] = [(line.text, line.page, line.heading) for line in layout.lines]
    empty = layout.empty_pages
    notes: list[Text] = []
    if empty and ocr and ocr_available():
        try:
            result = ocr_pdf(data, empty)
        except OcrError as exc:
            raise ContractReadError(T("OCR of the scanned pages failed: %(reason)s", reason=_reason(exc))) from exc
        doc = contract_from_ocr(result, source, "pdf", items)
        if not doc.paragraphs:
            raise ContractReadError(_NOTHING_READ, code="no_text")
        doc.derived_pdf = result.pdf
        return doc
    if empty and len(empty) == layout.pages:
        raise ContractReadError(
            T(
                "PDF has no text layer (scanned?) and OCR is not available: install tesseract with "
                "Simplified Chinese data (Debian: tesseract-ocr tesseract-ocr-chi-sim) or supply a "
                "PDF with text, a DOCX or a text file"
            ),
            code="ocr_unavailable",
        )
    if empty:
        notes.append(T("pages %(pages)s have no text layer and were skipped (OCR not installed)", pages=str(empty)))
    info = layout.ocr
    pages = [int(x) for x in info.get("pages", []) if isinstance(x, int)] if info else []  # type: ignore[union-attr]
    result_doc = (
        _repaired(source, "pdf", items, pages, [line.unsure for line in layout.lines])
        if info is not None
        else _build(source, "pdf", items)
    )
    if not result_doc.paragraphs:
        if info is not None:  # a searchable copy of a scan in which OCR found nothing
            raise ContractReadError(_NOTHING_READ, code="no_text")
        raise ContractReadError(T("PDF contains no text"), code="no_text")
    result_doc.pages = layout.pages
    result_doc.notes = [*notes, *result_doc.notes]
    if info is not None:  # a searchable copy made by OCR earlier: say so, with its confidence
        confidence = info.get("confidence")
        result_doc.ocr_pages = pages
        result_doc.ocr_confidence = float(confidence) if isinstance(confidence, int | float) else None
        result_doc.ocr_engine = str(info.get("engine", "tesseract"))
        result_doc.notes.insert(len(notes), _ocr_note(result_doc.ocr_engine, pages, result_doc.ocr_confidence or 0.0))
    return result_doc


def read_image(data: bytes, source: str = "<image>") -> ContractText:
    """A photo or scan of a contract, read by OCR."""
    from .ocr import OcrError, ocr_image

    if not ocr_available():
        raise ContractReadError(
            T(
                "is an image and OCR is not available: install tesseract with Simplified Chinese data "
                "(Debian: tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng)"
            ),
            code="ocr_unavailable",
        )
    try:
        result = ocr_image(data)
    except OcrError as exc:
        raise ContractReadError(_reason(exc)) from exc
    doc = contract_from_ocr(result, source, "image")
    if not doc.paragraphs:
        raise ContractReadError(_NOTHING_READ, code="no_text")
    doc.derived_pdf = result.pdf
    return doc


# ---------------------------------------------------------------- dispatch
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF8")


def detect_format(data: bytes, name: str = "") -> str:
    """'pdf', 'docx', 'image' or 'text', from the content (magic bytes) first and the name second."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_IMAGE_MAGIC) or data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image"
    if data.startswith(b"PK\x03\x04") and (b"word/" in data[:4096] or name.lower().endswith(".docx")):
        return "docx"
    lower = name.lower()
    if lower.endswith(".pdf"):
        return "pdf"
    if lower.endswith(".docx"):
        return "docx"
    if lower.endswith(".doc"):
        raise ContractReadError(
            T("legacy .doc (Word 97-2003) is not supported: save it as .docx or PDF"), code="legacy_doc"
        )
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContractReadError(T("binary file of unknown type (expected PDF, DOCX or text)"), code="unsupported_type")
    return "text"


def read_contract_bytes(data: bytes, name: str = "<contract>") -> ContractText:
    fmt = detect_format(data, name)
    if fmt == "pdf":
        result = read_pdf(data, name)
    elif fmt == "image":
        result = read_image(data, name)
    elif fmt == "docx":
        result = read_docx(data, name)
    else:
        result = read_text(data, name)
    if not result.paragraphs:
        raise ContractReadError(T("no text found"), code="no_text")
    letters = sum(ch.isalpha() for ch in result.text)  # letters of any script, Chinese characters included
    if not letters:  # "1.\n2.\n-----": figures and signs only, no word a contract could state
        raise ContractReadError(T("no words found, only figures, punctuation or signs"), code="no_words")
    if letters < SHORT_CONTRACT:
        result.notes.append(
            T(
                "only %(n)s letters or characters of text, very short for a contract: check that this is the whole "
                "contract, not a page or a clause of it",
                n=str(letters),
            )
        )
    return result


def read_contract(path: str | Path) -> ContractText:
    """Read a contract file. Raises ContractReadError with the file name in the message."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ContractReadError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    try:
        return read_contract_bytes(data, str(p))
    except ContractReadError as exc:
        raise ContractReadError(f"{p}: {exc}", code=exc.code) from exc
