"""Scanned contract pages made in the test (no scan files shipped): text rendered with Noto Sans
CJK onto grey paper and softened like a 200 dpi office scan."""

from __future__ import annotations

import os

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from disputedesk.ingest.ocr import ocr_available

NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # Debian fonts-noto-cjk


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
