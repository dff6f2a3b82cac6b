"""Fast PDFs for the evidence bundle (fpdf2): tables (evidence list, chronology) and printouts.

A bundle for thousands of items needs PDFs in milliseconds, so the bundle uses fpdf2 with
TrueType-outline fonts (DejaVu Sans for Latin, Droid Sans Fallback for Chinese). Both are
embedded as subsets with a ToUnicode map, so the Chinese text can be extracted (pdftotext,
pypdf) and searched. Letters, where typography matters more than speed, use WeasyPrint with
Noto CJK (``documents/letter_render.py``).

Debian packages: ``fonts-dejavu-core`` and ``fonts-droid-fallback``.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

LATIN_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)
LATIN_BOLD = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
)
CJK_FONTS = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
)


# fpdf2 logs a warning for each character neither font has (emoji in chat exports); the
# printout shows a blank there and the original is in the bundle, so keep the log quiet.
logging.getLogger("fpdf").setLevel(logging.ERROR)


class FontMissing(RuntimeError):
    """A font needed for bundle PDFs is not installed; the message names the Debian package."""


def _first(paths: Sequence[str], package: str) -> str:
    for p in paths:
        if Path(p).is_file():
            return p
    raise FontMissing(f"font not found ({paths[0]}): install the Debian package {package}")


@dataclass(frozen=True)
class Fonts:
    latin: str
    bold: str
    cjk: str

    @classmethod
    def find(cls) -> Fonts:
        return cls(
            _first(LATIN_FONTS, "fonts-dejavu-core"),
            _first(LATIN_BOLD, "fonts-dejavu-core"),
            _first(CJK_FONTS, "fonts-droid-fallback"),
        )


@lru_cache(maxsize=1)
def _pdf_class():  # type: ignore[no-untyped-def]
    """fpdf2 is imported on first use (the verifier and the CLI start faster without it)."""
    from fpdf import FPDF

    class BundlePDF(FPDF):
        header_text: str = ""
        footer_text: str = ""

        def header(self) -> None:
            if self.header_text:
                self.set_font("sans", size=7)
                self.set_text_color(90, 90, 90)
                self.multi_cell(0, 3.5, self.header_text, new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0, 0, 0)
                self.ln(1)

        def footer(self) -> None:
            self.set_y(-11)
            self.set_font("sans", size=7)
            self.set_text_color(90, 90, 90)
            n = f"{self.page_no()}/{{nb}}"
            self.multi_cell(0, 3.5, f"{self.footer_text}  ·  {n}" if self.footer_text else n, align="C")
            self.set_text_color(0, 0, 0)

    return BundlePDF


_PARSE_LOCK = threading.Lock()


@lru_cache(maxsize=8)
def _parsed_font(path: str, style: str):  # type: ignore[no-untyped-def]
    """A font file parsed by fpdf2 once per process: its glyph widths, glyph ids and descriptor.

    Parsing Droid Sans Fallback (about 50,000 characters) takes ~0.2 s of CPU, and every bundle
    PDF used to pay it again; these parts are only read afterwards, so documents share them."""
    from fpdf import FPDF

    with _PARSE_LOCK:
        scratch = FPDF()
        scratch.add_font("parsed", style=style, fname=path)
        return scratch.fonts[f"parsed{style}"]


def _add_font(pdf, family: str, path: str, style: str = "") -> None:  # type: ignore[no-untyped-def]
    """``pdf.add_font`` from the parsed font: what a document changes is its own (its subset of
    used glyphs, the fontTools font that the subsetter cuts down when the PDF is written)."""
    from fontTools import ttLib
    from fpdf.fonts import SubsetMap

    parsed = _parsed_font(path, style)
    if parsed.color_font is not None:  # not one of ours; fpdf2 would tie it to its document
        pdf.add_font(family, style=style, fname=path)
        return
    font = copy.copy(parsed)  # shares the read-only cmap, glyph ids and descriptor
    font.i = len(pdf.fonts) + 1
    font.fontkey = f"{family.lower()}{style}"
    font.cw = parsed.cw.copy()  # a defaultdict that fills in widths of characters it lacks
    font.ttfont = ttLib.TTFont(path, recalcTimestamp=False, fontNumber=0, lazy=True)
    # the glyph names: Droid's 'post' table has none, and fontTools derives them from the cmap (~0.2 s)
    font.ttfont.setGlyphOrder(list(parsed.ttfont.getGlyphOrder()))
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.subset = SubsetMap(font)
    pdf.fonts[font.fontkey] = font


def _new_pdf(fonts: Fonts, *, landscape: bool = False):  # type: ignore[no-untyped-def]
    """A fresh document with the fonts loaded (parsed once per process, then ~10 ms a document;
    the subset of the large CJK font is still cut when each PDF is written)."""
    pdf = _pdf_class()(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.set_compression(True)
    _add_font(pdf, "sans", fonts.latin)
    _add_font(pdf, "sans", fonts.bold, style="B")
    _add_font(pdf, "cjk", fonts.cjk)
    pdf.set_fallback_fonts(["cjk"], exact_match=False)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_margins(12, 12, 12)
    pdf.alias_nb_pages()
    pdf.set_creator("DisputeDesk")
    return pdf


def _clean(text: str) -> str:
    # Control characters other than newline/tab would be drawn as boxes.
    return "".join(ch if ch in "\n\t" or ord(ch) >= 32 else " " for ch in text).replace("\t", "    ")


@dataclass
class Column:
    title: str
    width: float  # relative


def table_pdf(
    out: BinaryIO,
    *,
    fonts: Fonts,
    title: str,
    intro: Sequence[str],
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    footer: str,
    max_lines: int = 4,
) -> int:
    """A titled table, its header row repeated on every page. Returns the number of pages.

    Rows are laid out by hand (wrap by measured width, at most ``max_lines`` lines a cell, the
    rest shortened with "…"; the CSV carries the full text): fpdf2's generic table needs ~2 ms
    a row, this ~0.3 ms, which matters for a bundle of thousands of items.
    """
    pdf = _new_pdf(fonts, landscape=True)
    pdf.footer_text = footer
    pdf.add_page()
    pdf.set_font("sans", "B", size=13)
    pdf.multi_cell(0, 7, _clean(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("sans", size=8)
    for line in intro:
        pdf.multi_cell(0, 4, _clean(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    total = sum(c.width for c in columns)
    widths = [pdf.epw * c.width / total for c in columns]
    lh = 3.4
    size = 7
    widths_cache: dict[str, float] = {}

    def width_of(ch: str) -> float:
        w = widths_cache.get(ch)
        if w is None:
            w = widths_cache[ch] = pdf.get_string_width(ch)
        return w

    def wrap(text: str, width: float) -> list[str]:
        lines: list[str] = []
        for para in _clean(text).split("\n"):
            cur, cur_w, last_space = "", 0.0, -1
            for ch in para:
                w = width_of(ch)
                if cur_w + w > width and cur:
                    if last_space > 0 and ch != " ":
                        lines.append(cur[:last_space])
                        cur = cur[last_space + 1 :] + ch
                    else:
                        lines.append(cur)
                        cur = "" if ch == " " else ch
                    cur_w = sum(width_of(c) for c in cur)
                    last_space = cur.rfind(" ")
                    continue
                cur += ch
                cur_w += w
                if ch == " ":
                    last_space = len(cur) - 1
            lines.append(cur)
        if len(lines) > max_lines:
            lines = [*lines[: max_lines - 1], lines[max_lines - 1][:-1] + "…"]
        return lines or [""]

    def header_row() -> None:
        pdf.set_font("sans", "B", size=size)
        pdf.set_fill_color(235, 235, 235)
        cells = [wrap(c.title, w - 1.2) for c, w in zip(columns, widths, strict=True)]
        n = max(len(c) for c in cells)
        y = pdf.get_y()
        x = pdf.l_margin
        pdf.rect(x, y, pdf.epw, n * lh + 1, style="F")
        for cell, w in zip(cells, widths, strict=True):
            for i, line in enumerate(cell):
                pdf.set_xy(x + 0.6, y + 0.5 + i * lh)
                pdf.cell(w - 1.2, lh, line)
            x += w
        pdf.set_y(y + n * lh + 1)
        pdf.set_font("sans", size=size)

    bottom = pdf.h - 14
    pdf.set_font("sans", size=size)
    header_row()
    pdf.set_draw_color(200, 200, 200)
    for r in rows:
        cells = [wrap(v or "", w - 1.2) for v, w in zip(r, widths, strict=True)]
        n = max(len(c) for c in cells)
        height = n * lh + 1
        if pdf.get_y() + height > bottom:
            pdf.add_page()
            header_row()
        y = pdf.get_y()
        x = pdf.l_margin
        for cell, w in zip(cells, widths, strict=True):
            for i, line in enumerate(cell):
                if line:
                    pdf.set_xy(x + 0.6, y + 0.5 + i * lh)
                    pdf.cell(w - 1.2, lh, line)
            x += w
        pdf.line(pdf.l_margin, y + height, pdf.l_margin + pdf.epw, y + height)
        pdf.set_y(y + height)
    pdf.output(out)
    return pdf.pages_count


def _heading_style():  # type: ignore[no-untyped-def]
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(235, 235, 235))


class PrintoutVolume:
    """Printouts of correspondence, one item after another, in one PDF (a bundle volume).

    Every page carries the item's number and SHA-256 in its header: a printout derived from the
    electronic original counts as the original (SPC Evidence Provisions (2019) Art. 15), and the
    header ties each page to the bytes in the bundle. Each item starts on a new page.
    """

    def __init__(self, fonts: Fonts, title: str) -> None:
        self.pdf = _new_pdf(fonts)
        self.pdf.footer_text = title
        self.items = 0

    @property
    def pages(self) -> int:
        return self.pdf.pages_count

    def add(self, *, label: str, sha256: str, headers: Sequence[tuple[str, str]], body: str) -> tuple[int, int]:
        pdf = self.pdf
        pdf.header_text = (
            f"{label} · SHA-256 {sha256}\n"
            f"Printout derived from the electronic original {label} · 由电子数据原件 {label} 直接打印输出"
        )
        pdf.add_page()
        first = pdf.page_no()
        for name, value in headers:
            pdf.set_font("sans", "B", size=8.5)
            pdf.cell(22, 4.5, _clean(name))
            pdf.set_font("sans", size=8.5)
            pdf.multi_cell(0, 4.5, _clean(value) or "—", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)
        pdf.set_font("sans", size=9)
        pdf.multi_cell(0, 4.6, _clean(body) or "(no text / 无文本)", align="L", new_x="LMARGIN", new_y="NEXT")
        self.items += 1
        return first, pdf.page_no()

    def output(self, out: BinaryIO) -> None:
        self.pdf.output(out)
