"""A file the contract check cannot check, said once for every door: the contracts page's upload (refused before
anything is stored), the check without storing (``/api/contracts/check``) and the report of a stored item.

Each refusal carries a stable ``code`` for a program, the HTTP status that fits it (413 too large, 415 a type the check
does not read, 422 a file of a readable type without text the check can use) and a sentence naming the file and what
is wrong, which the edge says in the reader's language (web/app.py).

What counts as "no contract text" (fix23): a file of 0 bytes; a text file of blanks only (spaces, tabs, blank lines,
full-width spaces, a byte-order mark, zero-width spaces: Python's ``str.strip`` and the reader's line split leave
nothing); a Word document with no text in it; a text with no letter of any script at all (figures, punctuation and
signs only). A text that is only short is read and checked: the reader notes that it is very short for a contract
(``contract_text.SHORT_CONTRACT``), since a draft clause checked on purpose is a fair use.
"""

from __future__ import annotations

from ..domain.text import T, Text
from ..ingest.contract_text import ContractReadError, detect_format, ocr_available, read_contract_bytes
from ..ingest.ocr import OcrResult

MAX_CONTRACT_BYTES = 100 * 1024 * 1024  # the largest file the check reads
STATUS = {
    "not_a_contract": 400,
    "too_large": 413,
    "unsupported_type": 415,
    "legacy_doc": 415,
    "empty_file": 422,
    "no_text": 422,
    "no_words": 422,
    "ocr_unavailable": 422,
    "unreadable": 422,
}
# formats whose whole text is read before an upload is stored (fast, no OCR); a PDF or a scan where OCR is not installed
# is read before too (its text layer only, quick), so one without text is refused unstored; where OCR is installed, a
# scan is read by OCR before it is stored (scan_refusal)
READ_BEFORE_STORING = ("text", "docx")
READ_BEFORE_STORING_WITHOUT_OCR = ("pdf", "image")


def _read_first(fmt: str) -> bool:
    return fmt in READ_BEFORE_STORING or (fmt in READ_BEFORE_STORING_WITHOUT_OCR and not ocr_available())


class ContractRefused(ValueError):
    """A file the contract check cannot check: ``args[0]`` is the sentence (a :class:`Text`), with its ``code``, HTTP
    ``status`` and ``file`` (the name as given)."""

    def __init__(self, text: Text, *, code: str, file: str) -> None:
        super().__init__(text)
        self.code = code
        self.status = STATUS.get(code, 422)
        self.file = file

    @property
    def text(self) -> Text:
        return self.args[0]  # type: ignore[no-any-return]


def _mb(n: int) -> str:
    return format(n / 1024 / 1024, ".1f")


def refusal(code: str, name: str, *, fmt: str | None = None, reason: object = None, size: int = 0) -> ContractRefused:
    """The refusal of file `name` for `code` (a ``ContractReadError.code`` or ``empty_file``/``too_large``)."""
    if code == "empty_file":
        text = T("%(file)s is empty (0 bytes)", file=name)
    elif code == "too_large":
        text = T(
            "%(file)s is too large for a contract check (%(size)s MB; at most %(limit)s MB)",
            file=name,
            size=_mb(size),
            limit=_mb(MAX_CONTRACT_BYTES),
        )
    elif code == "unsupported_type":
        text = T(
            "%(file)s is not a contract document the check can read: accepted are PDF, DOCX, text files, and scans "
            "or photos (PNG, JPEG, TIFF, BMP, GIF, WebP)",
            file=name,
        )
    elif code == "legacy_doc":
        text = T(
            "%(file)s is an old Word file (.doc) the check cannot read: save it as DOCX or PDF and use that", file=name
        )
    elif code == "no_text" and fmt == "text":
        text = T("%(file)s holds no text, only spaces or blank lines", file=name)
    elif code == "no_text" and fmt == "docx":
        text = T(
            "%(file)s is a Word document with no text in it (if it holds a scan of the contract, use the scan itself: "
            "PDF or image)",
            file=name,
        )
    elif code == "no_words":
        text = T(
            "%(file)s holds no words, only figures, punctuation or signs: it is not the text of a contract", file=name
        )
    else:  # unreadable, OCR not installed, a scan in which OCR found nothing: the reader's reason
        text = T("%(file)s cannot be read: %(reason)s", file=name, reason=reason if reason is not None else "")
        code = code if code in STATUS else "unreadable"
    return ContractRefused(text, code=code, file=name)


def not_a_contract(label: str, kind: str, name: str) -> ContractRefused:
    """A stored item of a kind that is never a contract (a chat, a photo): the check is not run on it."""
    what = Text(kind.replace("_", " ").replace("photo video", "photo/video"))  # the kind's words (i18n_check DYNAMIC)
    text = T(
        "%(label)s is %(kind)s (%(file)s), not a contract: the clarity check reads contracts and amendments (if it is "
        "one, change its kind first)",
        label=label,
        kind=what,
        file=name,
    )
    return ContractRefused(text, code="not_a_contract", file=name)


def from_read_error(exc: ContractReadError, data: bytes, name: str) -> ContractRefused:
    """The refusal for the reader's error on `data`."""
    try:
        fmt: str | None = detect_format(data, name)
    except ContractReadError:
        fmt = None
    reason = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else str(exc)
    return refusal(getattr(exc, "code", "unreadable"), name, fmt=fmt, reason=reason)


def read_before_storing(head: bytes, name: str) -> bool:
    """Whether the whole upload is read before it is stored: a text or a Word document (the check is quick), and a PDF
    or a scan where OCR is not installed (only a text layer can be read then: one without is refused, not stored)."""
    try:
        return _read_first(detect_format(head, name))
    except ContractReadError:
        return False


def read_scan_before_storing(head: bytes, name: str) -> bool:
    """Whether an upload is a scan (a PDF, an image) to read by OCR before it is stored: where OCR is installed."""
    try:
        return detect_format(head, name) in READ_BEFORE_STORING_WITHOUT_OCR and ocr_available()
    except ContractReadError:
        return False


def scan_refusal(data: bytes, name: str) -> tuple[Text | None, OcrResult | None]:
    """Where OCR is installed, a scan (a PDF with pages without text, a photo) read by OCR before it is stored: (why it
    cannot be a contract, None) when OCR finds no text in it and it has no text layer either (nothing is stored: before,
    the blank scan and its OCR copy were kept, then refused on the report page), else (None, the OCR result, which the
    searchable copy reuses so OCR runs once); (None, None) when it needs no OCR. `data` is the whole file."""
    from ..ingest.contract_text import _NOTHING_READ
    from ..ingest.ocr import OcrError, ocr_image, ocr_pdf
    from .ocr import needs_ocr

    if len(data) > MAX_CONTRACT_BYTES:
        return None, None
    fmt = detect_format(data, name)
    pages = [] if fmt == "image" else needs_ocr("application/pdf", data)
    if pages is None:
        return None, None
    try:
        result = ocr_image(data) if fmt == "image" else ocr_pdf(data, pages)
    except OcrError as exc:
        reason = T("OCR of the scanned pages failed: %(reason)s", reason=str(exc))
        return T("%(refusal)s. Nothing was stored.", refusal=refusal("unreadable", name, reason=reason).text), None
    if not result.text.strip() and len(result.ocr_pages) >= result.pages:  # no text by OCR, no text layer either
        refused = refusal("no_text", name, fmt=fmt, reason=_NOTHING_READ)
        return T("%(refusal)s. Nothing was stored.", refusal=refused.text), None
    return None, result


def upload_refusal(data: bytes, name: str) -> Text | None:
    """Why an upload to the contracts page cannot be a contract, or None. `data` is the whole file for a text or a
    Word document (``read_before_storing``), else its first bytes (4 KB are enough for ``detect_format``). Asked
    before the file is stored: the vault's ledger is append-only, so a file the check can never read is refused, not
    kept as a stray evidence item (the evidence page keeps any file)."""
    if not data:
        refused = refusal("empty_file", name)
    else:
        try:
            fmt = detect_format(data, name)
            if _read_first(fmt) and len(data) <= MAX_CONTRACT_BYTES:
                read_contract_bytes(data, name)
            return None
        except ContractReadError as exc:
            refused = from_read_error(exc, data, name)
    return T("%(refusal)s. Nothing was stored.", refusal=refused.text)
