"""Benchmark: a bundle PDF with the fonts parsed once per process (``documents/pdf.py``) beside
the same PDF with fpdf2 parsing the font files for every document, in the same run.

Each round makes the small PDFs a case bundle holds (an evidence list of 12 rows in English and
Chinese, a chronology, a printout volume of 3 items) once each way, alternating which way goes
first. The first document of the cached way (the one that parses the fonts) is timed apart.
CPU time of this process (``time.process_time``), medians of ``--rounds`` rounds; the PDFs of
both ways are compared byte for byte (creation date fixed), so the cache changes only the time.

    .venv/bin/python benchmarks/pdf_fonts.py
    .venv/bin/python benchmarks/pdf_fonts.py --rounds 20
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from disputedesk.documents import pdf as pdfs

FIXED = datetime.datetime(2026, 12, 5, tzinfo=datetime.UTC)
ROWS = [
    [f"E-{i:04d}", f"2026-10-0{i % 9 + 1}", "邮件 Mail", f"主轴故障报告 Spindle failure report {i}", "a1b2c3d4"]
    for i in range(1, 13)
]
COLUMNS = [pdfs.Column("No. 编号", 1), pdfs.Column("Date 日期", 1.2), pdfs.Column("Kind 类型", 1),
           pdfs.Column("Title 标题", 4), pdfs.Column("SHA-256", 1.5)]  # fmt: skip


def uncached_add_font(pdf, family: str, path: str, style: str = "") -> None:  # type: ignore[no-untyped-def]
    """The way before the cache: fpdf2 parses the font file for each document."""
    pdf.add_font(family, style=style, fname=path)


@contextmanager
def fixed_date() -> Iterator[None]:
    made = pdfs._new_pdf

    def new_pdf(fonts, *, landscape=False):  # type: ignore[no-untyped-def]
        pdf = made(fonts, landscape=landscape)
        pdf.set_creation_date(FIXED)
        return pdf

    pdfs._new_pdf = new_pdf  # type: ignore[assignment]
    try:
        yield
    finally:
        pdfs._new_pdf = made  # type: ignore[assignment]


def bundle_pdfs(fonts: pdfs.Fonts) -> list[bytes]:
    out = []
    for title in ("Evidence list 证据清单", "Chronology 时间顺序表"):
        buf = io.BytesIO()
        pdfs.table_pdf(buf, fonts=fonts, title=title, intro=["Case CASE-2026-001 案件"], columns=COLUMNS,
                       rows=ROWS, footer="DisputeDesk")  # fmt: skip
        out.append(buf.getvalue())
    volume = pdfs.PrintoutVolume(fonts, "Printouts 打印件 · volume 第 1 册")
    for i in range(3):
        volume.add(label=f"E-000{i}", sha256="ab" * 32, headers=[("From 发件人", "wang@jinhua-cnc.com")],
                   body="主轴在交货后第 75 天出现故障。The spindle failed on day 75.\n" * 20)  # fmt: skip
    buf = io.BytesIO()
    volume.output(buf)
    out.append(buf.getvalue())
    return out


def timed(fn: Callable[[], list[bytes]]) -> tuple[float, list[bytes]]:
    t = time.process_time()
    result = fn()
    return time.process_time() - t, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=11)
    args = ap.parse_args()
    fonts = pdfs.Fonts.find()
    cached = pdfs._add_font
    with fixed_date():
        first, _ = timed(lambda: bundle_pdfs(fonts))  # parses the fonts once
        times: dict[str, list[float]] = {"cached": [], "uncached": []}
        for r in range(args.rounds):
            for way in ("cached", "uncached") if r % 2 else ("uncached", "cached"):
                pdfs._add_font = cached if way == "cached" else uncached_add_font  # type: ignore[assignment]
                spent, made = timed(lambda: bundle_pdfs(fonts))
                times[way].append(spent)
                if way == "cached":
                    cached_pdfs = made
                else:
                    uncached_pdfs = made
            assert cached_pdfs == uncached_pdfs, "the cached fonts changed the PDFs"
        pdfs._add_font = cached  # type: ignore[assignment]
    before, after = statistics.median(times["uncached"]), statistics.median(times["cached"])
    print(f"load {os.getloadavg()[0]:.1f}; 3 PDFs a round (evidence list, chronology, printout volume), "
          f"CPU medians of {args.rounds} rounds")  # fmt: skip
    print(f"fonts parsed per document (before): {before:.3f} s a round, {before / 3:.3f} s a PDF")
    print(f"fonts parsed once per process (now): {after:.3f} s a round, {after / 3:.3f} s a PDF; "
          f"first round of the process {first:.3f} s")  # fmt: skip
    print(f"ratio now/before: {after / before:.2f}x; PDFs byte-identical: yes")


if __name__ == "__main__":
    main()
