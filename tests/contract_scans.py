"""Scanned contract pages made in the test (no scan files shipped): text rendered with Noto Sans
CJK onto grey paper and softened like a 200 dpi office scan."""

from __future__ import annotations

import os

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from disputedesk.ingest.ocr import ocr_available

NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # Debian fonts-noto-cjk


def without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without Tesseract, for this test only: ``ocr_available()`` says False wherever it is looked up.

    Both modules are imported before anything is patched: ``disputedesk.services.ocr`` binds ``ocr_available`` from
    ``disputedesk.ingest.ocr`` when first imported, so importing it while the latter is patched would keep the
    stand-in for the rest of the test process (every later OCR test in it would find OCR "not installed")."""
    import disputedesk.ingest.ocr
    import disputedesk.services.ocr

    for module in (disputedesk.ingest.ocr, disputedesk.services.ocr):
        monkeypatch.setattr(module, "ocr_available", lambda: False)


def skip_without_tesseract() -> None:
    """Skip (on a laptop) or fail (under CI=true) when Tesseract with chi_sim+eng is missing."""
    if not ocr_available():
        reason = "tesseract with chi_sim and eng is not installed (scripts/setup installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def scanned_page(lines: list[tuple[int, str]]) -> Image.Image:
    """An A4 page at 200 dpi as a scanner makes it: grey paper, slightly soft type."""
    img = Image.new("L", (1654, 2339), 246)
    draw = ImageDraw.Draw(img)
    y = 150
    for size, text in lines:
        draw.text((150, y), text, font=ImageFont.truetype(NOTO, size), fill=25)
        y += int(size * 1.9)
    return img.filter(ImageFilter.GaussianBlur(0.6))


ZH_PAGE = [
    (48, "设备买卖合同"),
    (30, "第一条 质量保证"),
    (30, "质保期为验收合格之日起十二个月。"),
    (30, "第二条 售后服务"),
    (30, "乙方应在接到通知后4小时内响应，24小时内到达现场。"),
    (30, "第三条 争议解决"),
    (30, "提交上海国际仲裁中心在上海仲裁，仲裁语言为中文。"),
]
EN_PAGE = [
    (40, "SUPPLY AGREEMENT"),
    (28, "5. Warranty"),
    (28, "The warranty period is 24 months from final acceptance."),
    (28, "6. Support"),
    (28, "Supplier shall respond within 4 business hours."),
    (28, "7. Governing Law"),
    (28, "This Agreement is governed by the laws of England."),
]


def scanned_page_300(lines: list[tuple[int, str]], faint_dots: tuple[str, ...] = ()) -> Image.Image:
    """An A4 page at 300 dpi; the dot of each clause number in `faint_dots` ("2.1") is lost, as a worn toner or a
    light copy loses it (its place is kept): the contract says 2.1, the scan shows "2 1"."""
    img = Image.new("L", (2480, 3508), 244)
    draw = ImageDraw.Draw(img)
    y = 200
    for size, text in lines:
        font = ImageFont.truetype(NOTO, size)
        number, x = text.split(" ", 1)[0], 210.0
        if number in faint_dots:
            top, sub = number.split(".")
            for part, ink in ((top, 30), (".", 244), (sub + text[len(number) :], 30)):
                draw.text((x, y), part, font=font, fill=ink)
                x += draw.textlength(part, font=font)
        else:
            draw.text((x, y), text, font=font, fill=30)
        y += int(size * 1.8)
    return img.filter(ImageFilter.GaussianBlur(0.8))


# our own wording: a maintenance contract with numbered clauses and sub-clauses, a response time, a warranty period
# and an arbitration seat; the dots of 2.1 and 4.1 are the ones the scan loses
ZH_NUMBERED = [
    (66, "设备维护合同"),
    (40, "甲方（买方）：东湖精密制造有限公司"),
    (40, "乙方（卖方）：西岭数控设备有限公司"),
    (42, "1 合同标的"),
    (40, "1.1 乙方为甲方的立式加工中心提供维护服务。"),
    (42, "2 售后服务"),
    (40, "2.1 乙方应在接到甲方报修通知后2小时内响应。"),
    (42, "3 质量保证"),
    (40, "3.1 质保期为验收合格之日起18个月。"),
    (42, "4 争议解决"),
    (40, "4.1 争议提交上海国际仲裁中心在上海仲裁，仲裁语言为中文。"),
]
ZH_NUMBERED_FAINT = ("2.1", "4.1")
