"""Read a contract (PDF, DOCX or plain text) into paragraphs that keep their place.

Every paragraph carries its page (PDF only), its index in the document and its character
offsets in :attr:`ContractText.text`, so a finding of the contract-clarity check can point back
to where it was found.

* PDF: the text layer through `pypdf`, page by page, one paragraph per non-empty line (PDF text
  has no reliable paragraph marks; the clause splitter joins lines into clauses). A PDF whose
  pages have no text layer is OCRed only when the ``tesseract`` program with the ``chi_sim``
  language data is installed on this machine; otherwise :class:`ContractReadError` says so.
  Nothing is downloaded.
* DOCX: `python-docx`, body paragraphs and table rows in document order (a table row becomes
  one paragraph with its cells joined by `` | ``, which keeps a two-column bilingual layout
  side by side).
* Plain text: UTF-8 (with or without BOM), then GB18030 (a superset of GB2312/GBK) as fallback.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PARAGRAPH_SEPARATOR = "\n"
DOCX_CELL_SEPARATOR = " | "


class ContractReadError(Exception):
    """The file cannot be read as a contract; the message names the file and the reason."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    index: int  # 0-based position among the document's paragraphs
    char_start: int  # offset of the first character in ContractText.text
    char_end: int  # offset after the last character
    page: int | None = None  # 1-based PDF page; None for DOCX and text


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


def _build(source: str, fmt: str, items: list[tuple[str, int | None]]) -> ContractText:
    paragraphs: list[Paragraph] = []
    parts: list[str] = []
    pos = 0
    for text, page in items:
        text = text.strip()
        if not text:
            continue
        if parts:
            pos += len(PARAGRAPH_SEPARATOR)
        paragraphs.append(Paragraph(text, len(paragraphs), pos, pos + len(text), page))
        parts.append(text)
        pos += len(text)
    return ContractText(source, fmt, PARAGRAPH_SEPARATOR.join(parts), paragraphs)


def _lines(text: str) -> Iterator[str]:
    for line in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n"):
        line = line.strip()
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
        raise ContractReadError(f"not UTF-8 or GB18030 text (byte {exc.start})") from exc


def read_text(data: bytes, source: str = "<text>") -> ContractText:
    text, encoding = decode_text(data)
    result = _build(source, "text", [(line, None) for line in _lines(text)])
    result.encoding = encoding
    return result


# ---------------------------------------------------------------- DOCX
def read_docx(data: bytes, source: str = "<docx>") -> ContractText:
    import docx
    from docx.document import Document as DocumentObject
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document: DocumentObject = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise ContractReadError(f"not a readable DOCX file ({exc.__class__.__name__}: {exc})") from exc

    items: list[tuple[str, int | None]] = []

    def add_table(table: Table) -> None:
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                    continue
                seen.add(id(cell._tc))
                cell_text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                if cell_text:
                    cells.append(cell_text)
                for inner in cell.tables:
                    add_table(inner)
            if cells:
                items.append((DOCX_CELL_SEPARATOR.join(cells), None))

    # iter_inner_content (python-docx >= 1.0) yields paragraphs and tables in document order.
    for block in document.iter_inner_content():
        if isinstance(block, DocxParagraph):
            for line in block.text.split("\n"):
                items.append((line, None))
        elif isinstance(block, Table):
            add_table(block)
    return _build(source, "docx", items)


# ---------------------------------------------------------------- PDF
def ocr_available() -> bool:
    """True when the `tesseract` program and its Simplified Chinese data (chi_sim) are installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in (out.stdout + out.stderr).split()


def _ocr_page_images(page: object) -> str:
    """OCR the images of one PDF page with the local tesseract (eng+chi_sim)."""
    exe = shutil.which("tesseract")
    assert exe is not None
    texts: list[str] = []
    for image in getattr(page, "images", []):
        with tempfile.TemporaryDirectory() as tmp:
            img_path = Path(tmp) / (Path(image.name).name or "page.png")
            img_path.write_bytes(image.data)
            out = subprocess.run(
                [exe, str(img_path), "stdout", "-l", "chi_sim+eng"],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            if out.returncode == 0:
                texts.append(out.stdout)
    return "\n".join(texts)


def read_pdf(data: bytes, source: str = "<pdf>") -> ContractText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise ContractReadError("PDF is encrypted with a password") from exc
        page_texts = [page.extract_text() or "" for page in reader.pages]
    except ContractReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ContractReadError(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc

    empty = [i + 1 for i, t in enumerate(page_texts) if not t.strip()]
    ocr_pages: list[int] = []
    notes: list[str] = []
    if empty:
        if ocr_available():
            for number in empty:
                page_texts[number - 1] = _ocr_page_images(reader.pages[number - 1])
                ocr_pages.append(number)
            notes.append(f"pages {ocr_pages} read by OCR (tesseract chi_sim+eng): check the text")
        elif len(empty) == len(page_texts):
            raise ContractReadError(
                "PDF has no text layer (scanned?) and OCR is not available: install tesseract with "
                "Simplified Chinese data (Debian: tesseract-ocr tesseract-ocr-chi-sim) or supply a "
                "PDF with text, a DOCX or a text file"
            )
        else:
            notes.append(f"pages {empty} have no text layer and were skipped (OCR not installed)")
    items: list[tuple[str, int | None]] = []
    for number, text in enumerate(page_texts, start=1):
        items.extend((line, number) for line in _lines(text))
    result = _build(source, "pdf", items)
    if not result.paragraphs:
        raise ContractReadError("PDF contains no text")
    result.pages = len(page_texts)
    result.ocr_pages = ocr_pages
    result.notes = notes
    return result


# ---------------------------------------------------------------- dispatch
def detect_format(data: bytes, name: str = "") -> str:
    """'pdf', 'docx' or 'text', from the content (magic bytes) first and the name second."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (b"word/" in data[:4096] or name.lower().endswith(".docx")):
        return "docx"
    lower = name.lower()
    if lower.endswith(".pdf"):
        return "pdf"
    if lower.endswith(".docx"):
        return "docx"
    if lower.endswith(".doc"):
        raise ContractReadError("legacy .doc (Word 97-2003) is not supported: save it as .docx or PDF")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContractReadError("binary file of unknown type (expected PDF, DOCX or text)")
    return "text"


def read_contract_bytes(data: bytes, name: str = "<contract>") -> ContractText:
    fmt = detect_format(data, name)
    if fmt == "pdf":
        result = read_pdf(data, name)
    elif fmt == "docx":
        result = read_docx(data, name)
    else:
        result = read_text(data, name)
    if not result.paragraphs:
        raise ContractReadError("no text found")
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
        raise ContractReadError(f"{p}: {exc}") from exc
