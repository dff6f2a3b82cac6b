"""OCR of scanned contracts and photos with the local Tesseract (Debian: tesseract-ocr,
tesseract-ocr-chi-sim, tesseract-ocr-eng); nothing is downloaded.

One Tesseract run per page gives both a searchable PDF page (the page image with the recognised
text laid invisibly over it) and the words with their confidence (TSV), so the searchable copy
and the confidence come from the same recognition. PDF pages are rendered with `pypdfium2`
(300 dpi); pages that already have a text layer are kept as they are. The pages are joined into
one PDF with `pypdf`. The caller keeps the result as a *derived* copy: the original is never
changed.

Why not OCRmyPDF: it gives the searchable PDF but no recognition confidence, which the user must
see next to text that came from OCR, and it would run Tesseract a second time to get it.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .pdf_layout import OCR_METADATA_KEY, is_page_number, join_cjk

LANGUAGES = "chi_sim+eng"
DPI = 300
PAGE_TIMEOUT_S = 300
MAX_OCR_PAGES = 200
UNSURE = 70.0  # a figure read with a lower confidence is marked for the reader to check ("90%" read "9096", conf 0)
IMAGE_TYPES = ("image/png", "image/jpeg", "image/tiff", "image/bmp", "image/gif", "image/webp")


class OcrError(Exception):
    """OCR could not be run or failed; the message says why."""


@dataclass
class OcrLine:
    text: str
    page: int  # 1-based
    confidence: float  # 0..100, mean of the line's words weighted by length
    heading: int | None = None  # set when the line is set clearly larger than the page's body text
    # figures Tesseract was unsure of: (start, end, confidence) of each word with a digit or a percent sign read with
    # a confidence under UNSURE, in `text`
    unsure: list[tuple[int, int, float]] = field(default_factory=list)


@dataclass
class OcrResult:
    lines: list[OcrLine]
    pdf: bytes  # the searchable copy (all pages)
    pages: int
    ocr_pages: list[int]  # 1-based pages read by OCR
    confidence: float  # 0..100, mean over all recognised characters
    engine: str  # e.g. "tesseract 5.3.0 (chi_sim+eng)"
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@lru_cache(maxsize=1)
def _tesseract() -> tuple[str, str, frozenset[str]] | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20, check=False)
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    first = (version.stdout or version.stderr).splitlines()
    return exe, (first[0].strip() if first else "tesseract"), frozenset((langs.stdout + langs.stderr).split())


def ocr_available() -> bool:
    """True when the `tesseract` program with Simplified Chinese and English data is installed."""
    t = _tesseract()
    return t is not None and {"chi_sim", "eng"} <= t[2]


def engine_name() -> str:
    t = _tesseract()
    return f"{t[1] if t else 'tesseract'} ({LANGUAGES})"


def _join_words(words: list[str]) -> str:
    """Tesseract separates Chinese characters by spaces; a reader does not."""
    return join_cjk(" ".join(words))


def _parse_tsv(tsv: str, page: int) -> list[OcrLine]:
    rows = tsv.splitlines()
    if not rows:
        return []
    header = rows[0].split("\t")
    idx = {name: i for i, name in enumerate(header)}
    groups: dict[tuple[str, str, str], list[tuple[str, float, int]]] = {}
    order: list[tuple[str, str, str]] = []
    for row in rows[1:]:
        cols = row.split("\t")
        if len(cols) < len(header) or cols[idx["level"]] != "5":
            continue
        text = cols[idx["text"]].strip()
        try:
            conf = float(cols[idx["conf"]])
            height = int(cols[idx["height"]])
        except ValueError:
            continue
        if not text or conf < 0:
            continue
        key = (cols[idx["block_num"]], cols[idx["par_num"]], cols[idx["line_num"]])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((text, conf, height))
    lines: list[OcrLine] = []
    heights: list[int] = []
    for key in order:
        words = groups[key]
        text = _join_words([w for w, _, _ in words])
        weight = sum(len(w) for w, _, _ in words) or 1
        conf = sum(c * len(w) for w, c, _ in words) / weight
        line_height = sorted(h for _, _, h in words)[len(words) // 2]
        heights.append(line_height)
        lines.append(OcrLine(text, page, conf, None, _unsure_figures(text, words)))
    # a page number printed above or below the text ("第 1 页", "- 3 -", "Page 3 of 9") is no part of the contract: the
    # PDF text layer drops it by its place in the margin (pdf_layout); here it is the first or last line of the page
    for edge in (-1, 0):
        if lines and is_page_number(lines[edge].text):
            del lines[edge], heights[edge]
    if heights:
        body = sorted(heights)[len(heights) // 2]
        for line, h in zip(lines, heights, strict=True):
            cjk = sum(1 for c in line.text if "\u4e00" <= c <= "\u9fff")
            short = len(line.text) <= 60 and cjk <= 30 and not line.text.endswith(tuple(".;:。；：!?！？,，"))
            if body and short and h >= body * 1.3:
                line.heading = 1
    return lines


def _unsure_figures(text: str, words: list[tuple[str, float, int]]) -> list[tuple[int, int, float]]:
    """Where in the joined line `text` stand the words with a digit or a percent sign that Tesseract read with a
    confidence under UNSURE (joining only drops the spaces between Chinese characters, so each word is found whole,
    in order)."""
    spans: list[tuple[int, int, float]] = []
    pos = 0
    for word, conf, _ in words:
        at = text.find(word, pos)
        if at < 0:
            continue
        pos = at + len(word)
        if conf < UNSURE and any(c.isdigit() or c in "%％" for c in word):
            spans.append((at, pos, round(conf, 1)))
    return spans


def _run_tesseract(image_path: Path, out_base: Path) -> None:
    t = _tesseract()
    if t is None:
        raise OcrError("the tesseract program is not installed (Debian: tesseract-ocr tesseract-ocr-chi-sim)")
    cmd = [t[0], str(image_path), str(out_base), "-l", LANGUAGES, "--dpi", str(DPI), "pdf", "tsv"]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=PAGE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"tesseract took longer than {PAGE_TIMEOUT_S} s for one page") from exc
    if out.returncode != 0:
        raise OcrError(f"tesseract failed: {(out.stderr or '').strip()[:300]}")


MAX_SKEW = 6.0  # degrees a photo or scan may be turned and still be straightened


def _skew_score(ink: Any, angle: float) -> float:
    """How sharply the rows of text stand out when the page is turned by `angle`: the sum of squared differences
    between neighbouring rows' ink (lines of text level with the rows give high peaks and empty gaps)."""
    from PIL import Image

    turned = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
    strips = turned.resize((32, turned.height), Image.Resampling.BOX).tobytes()  # each row as 32 strips' mean ink
    rows = [sum(strips[i : i + 32]) for i in range(0, len(strips), 32)]
    return float(sum((a - b) ** 2 for a, b in zip(rows, rows[1:], strict=False)))


def skew_angle(gray: Any) -> float:
    """The angle (degrees, counter-clockwise) that makes the text lines of a page level, within ±MAX_SKEW: searched
    coarsely, then to a tenth of a degree, on a small copy of the page (a few hundredths of a second)."""
    from PIL import Image

    width = 700
    small = gray.resize((width, max(1, round(gray.height * width / gray.width))), Image.Resampling.BILINEAR)
    paper, dark = _levels(small)
    cut = (paper + dark) // 2
    ink = small.point(lambda v: 255 if v < cut else 0)
    best = max(range(-int(MAX_SKEW), int(MAX_SKEW) + 1), key=lambda a: _skew_score(ink, a))
    fine = [best + d / 10 for d in range(-6, 7)]
    return round(max(fine, key=lambda a: _skew_score(ink, a)), 1)


def prepare_page(image: Any) -> Any:
    """A page image as Tesseract reads it best: grey, its contrast stretched (a photo in poor light, a pale copy) and
    turned level when it lies askew by more than a quarter of a degree (a photo, a page fed in at a slant). Tesseract
    levels only small angles itself; at 2–3° it misreads clause numbers and whole lines."""
    from PIL import Image, ImageOps

    gray = image.convert("L")
    stretched = ImageOps.autocontrast(gray, cutoff=1)
    if _ink_range(gray) < 160:  # pale or dim: stretched; a clean scan is left as it is
        gray = stretched
    angle = skew_angle(stretched)
    if abs(angle) < 0.3:
        return image if gray is not stretched else gray
    return gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _levels(gray: Any) -> tuple[int, int]:
    """(paper, type): the grey of the paper (the median) and the darkest grey one pixel in a thousand reaches."""
    hist = gray.histogram()
    total = sum(hist)
    cumulative, dark = 0, None
    for level, count in enumerate(hist):
        cumulative += count
        if dark is None and cumulative >= total * 0.001:
            dark = level
        if cumulative >= total * 0.5:
            return level, dark or 0
    return 255, dark or 0


def _ink_range(gray: Any) -> int:
    """How far the type stands out from the paper (0–255). Black type on white paper gives about 200; a photo in dim
    light or a pale copy much less."""
    paper, dark = _levels(gray)
    return paper - dark


def _ocr_images(images: list[Any], pages: list[int]) -> tuple[list[OcrLine], list[bytes]]:
    """OCR PIL images (one per page); returns the lines and one searchable PDF page per image."""
    lines: list[OcrLine] = []
    pdfs: list[bytes] = []
    with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
        for image, page in zip(images, pages, strict=True):
            img_path = Path(tmp) / f"p{page}.jpg"
            prepare_page(image).convert("RGB").save(img_path, "JPEG", quality=85, dpi=(DPI, DPI))
            base = Path(tmp) / f"p{page}"
            _run_tesseract(img_path, base)
            pdfs.append((base.with_suffix(".pdf")).read_bytes())
            lines.extend(_parse_tsv(base.with_suffix(".tsv").read_text(encoding="utf-8"), page))
    return lines, pdfs


def _mean_confidence(lines: list[OcrLine]) -> float:
    weight = sum(len(line.text) for line in lines)
    return round(sum(line.confidence * len(line.text) for line in lines) / weight, 1) if weight else 0.0


def _finish(writer: Any, pages: list[int], confidence: float, lines: list[OcrLine]) -> bytes:
    """The searchable copy's bytes, recording which pages came from OCR, the confidence and the
    recognised lines in reading order (the invisible text layer is for search and selection in a
    viewer; its glyph positions do not always give back the reading order of Chinese)."""
    info = {
        "engine": engine_name(),
        "pages": pages,
        "confidence": confidence,
        "lines": [[line.page, line.heading, line.text, [list(u) for u in line.unsure]] for line in lines],
    }
    writer.add_metadata({OCR_METADATA_KEY: json.dumps(info), "/Producer": f"DisputeDesk OCR, {engine_name()}"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def ocr_pdf(data: bytes, pages: list[int] | None = None) -> OcrResult:
    """OCR the given pages (1-based; default all) of a PDF into a searchable copy of the whole PDF."""
    import pypdfium2 as pdfium
    from pypdf import PdfReader, PdfWriter

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise OcrError(f"not a readable PDF ({exc})") from exc
    n = len(doc)
    wanted = sorted(set(pages or range(1, n + 1)))
    if len(wanted) > MAX_OCR_PAGES:
        raise OcrError(f"{len(wanted)} scanned pages: more than {MAX_OCR_PAGES} are not read by OCR here")
    images = [doc[p - 1].render(scale=DPI / 72).to_pil() for p in wanted]
    doc.close()
    lines, page_pdfs = _ocr_images(images, wanted)
    original = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    by_page = dict(zip(wanted, page_pdfs, strict=True))
    for number in range(1, n + 1):
        if number in by_page:
            writer.add_page(PdfReader(io.BytesIO(by_page[number])).pages[0])
        else:
            writer.add_page(original.pages[number - 1])
    confidence = _mean_confidence(lines)
    return OcrResult(lines, _finish(writer, wanted, confidence, lines), n, wanted, confidence, engine_name())


def ocr_image(data: bytes) -> OcrResult:
    """OCR a photo or scan (PNG, JPEG, TIFF with several pages, …) into a searchable PDF."""
    from PIL import Image, ImageOps, UnidentifiedImageError
    from pypdf import PdfReader, PdfWriter

    try:
        img = Image.open(io.BytesIO(data))
        frames = []
        for i in range(getattr(img, "n_frames", 1)):
            img.seek(i)
            frames.append(ImageOps.exif_transpose(img.copy()))
    except (UnidentifiedImageError, OSError) as exc:
        raise OcrError(f"not a readable image ({exc})") from exc
    if len(frames) > MAX_OCR_PAGES:
        raise OcrError(f"{len(frames)} pages: more than {MAX_OCR_PAGES} are not read by OCR here")
    numbers = list(range(1, len(frames) + 1))
    lines, page_pdfs = _ocr_images(frames, numbers)
    writer = PdfWriter()
    for page_pdf in page_pdfs:
        writer.add_page(PdfReader(io.BytesIO(page_pdf)).pages[0])
    confidence = _mean_confidence(lines)
    pdf = _finish(writer, numbers, confidence, lines)
    return OcrResult(lines, pdf, len(frames), numbers, confidence, engine_name())
