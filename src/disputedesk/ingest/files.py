"""Plain files: evidence kind guess, text extraction for preview/search.

Text extractors are registered by media type (``@extractor("application/pdf")``); a file
whose type has none is kept as opaque bytes (what a file is: ``ingest/mediatypes.py``).
Extraction never changes the stored original.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from .zipcaps import TextNotExtracted, check_package, read_member

Extractor = Callable[[Path], str]
_EXTRACTORS: dict[str, Extractor] = {}

# Text kept per item for preview and search (the original stays whole in the vault).
MAX_TEXT_CHARS = 2_000_000


def extractor(*media_types: str) -> Callable[[Extractor], Extractor]:
    def deco(fn: Extractor) -> Extractor:
        for mt in media_types:
            _EXTRACTORS[mt] = fn
        return fn

    return deco


KIND_BY_TYPE = {
    "message/rfc822": "correspondence",
    "application/vnd.ms-outlook": "correspondence",
    "application/mbox": "correspondence",
}
KINDS = (
    "correspondence",
    "contract",
    "amendment",
    "delivery_note",
    "invoice",
    "payment_proof",
    "photo_video",
    "log_file",
    "generated_document",
    "other",
)


def guess_kind(name: str, media_type: str) -> str:
    if media_type in KIND_BY_TYPE:
        return KIND_BY_TYPE[media_type]
    if media_type.startswith(("image/", "video/")):
        return "photo_video"
    if name.lower().endswith((".log",)):
        return "log_file"
    return "other"


def document_date(media_type: str, head: bytes) -> datetime | None:
    """The date a document carries itself, where cheap to read (a mail's Date header)."""
    if media_type != "message/rfc822":
        return None
    try:
        headers = BytesHeaderParser().parsebytes(head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0])
        raw = headers.get("Date")
        if not raw:
            return None
        dt = parsedate_to_datetime(str(raw))
        return dt if dt.tzinfo is not None else None
    except (TypeError, ValueError, IndexError):
        return None


def has_extractor(media_type: str) -> bool:
    return media_type in _EXTRACTORS or media_type.startswith("text/")


def extract_text(path: Path, media_type: str) -> str | None:
    fn = _EXTRACTORS.get(media_type)
    if fn is None and media_type.startswith("text/"):
        fn = _EXTRACTORS["text/plain"]
    if fn is None:
        return None
    try:
        text = fn(path)
    except TextNotExtracted as exc:  # a decompression bomb or an absurd package: kept, text refused
        return f"text not extracted: {exc}"
    except Exception:  # noqa: BLE001 - an unreadable document is still evidence; it just has no text
        return None
    return text[:MAX_TEXT_CHARS] if text else None


@extractor("text/plain", "text/csv", "text/markdown")
def _text(path: Path) -> str:
    raw = path.open("rb").read(MAX_TEXT_CHARS * 2)
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


@extractor("message/rfc822")
def _eml(path: Path) -> str:
    from email import policy
    from email.parser import BytesParser

    msg = BytesParser(policy=policy.default).parse(path.open("rb"))
    parts = [f"Subject: {msg.get('Subject', '')}", f"From: {msg.get('From', '')}", f"Date: {msg.get('Date', '')}", ""]
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        try:
            parts.append(body.get_content())
        except (LookupError, UnicodeDecodeError):
            payload = body.get_payload(decode=True) or b""
            parts.append(payload.decode("gb18030", errors="replace"))
    return "\n".join(parts)


@extractor("application/pdf")
def _pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)

    reader = PdfReader(str(path))
    pages = []
    for i, page in enumerate(reader.pages, 1):
        pages.append(f"[page {i}]\n{page.extract_text() or ''}")
    return "\n\n".join(pages)


@extractor("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
def _docx(path: Path) -> str:
    import docx

    check_package(path)  # python-docx reads whole parts: their declared sizes are checked first
    d = docx.Document(str(path))
    out = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            out.append(" | ".join(c.text for c in row.cells))
    return "\n".join(out)


@extractor("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
def _xlsx(path: Path) -> str:
    # Shared strings hold the text of an .xlsx; enough for search without a spreadsheet library.
    import zipfile
    from xml.etree import ElementTree as ET

    check_package(path)
    with zipfile.ZipFile(path) as z:
        if "xl/sharedStrings.xml" not in z.namelist():
            return ""
        root = ET.fromstring(read_member(z, "xl/sharedStrings.xml"))
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    return "\n".join("".join(t.text or "" for t in si.iter(f"{ns}t")) for si in root.iter(f"{ns}si"))


@extractor("application/vnd.openxmlformats-officedocument.presentationml.presentation")
def _pptx(path: Path) -> str:
    import re
    import zipfile
    from xml.etree import ElementTree as ET

    check_package(path)
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    slide = re.compile(r"^ppt/slides/slide(\d+)\.xml$")
    out = []
    with zipfile.ZipFile(path) as z:
        names = sorted((int(m.group(1)), n) for n in z.namelist() if (m := slide.match(n)))
        for number, name in names:
            root = ET.fromstring(read_member(z, name))
            texts = [t.text or "" for t in root.iter(f"{ns}t")]
            out.append(f"[slide {number}]\n" + "\n".join(texts))
    return "\n\n".join(out)


@extractor("application/vnd.oasis.opendocument.text")
def _odt(path: Path) -> str:
    import zipfile
    from xml.etree import ElementTree as ET

    check_package(path)
    ns = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(read_member(z, "content.xml"))
    return "\n".join("".join(p.itertext()) for p in root.iter() if p.tag in (f"{ns}p", f"{ns}h"))
