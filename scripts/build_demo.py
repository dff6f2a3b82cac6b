#!/usr/bin/env python3
"""Build the demo dispute's source files in src/disputedesk/demo/data/ (deterministic).

Run:  .venv/bin/python scripts/build_demo.py [--out DIR]

Everything here is fiction: Auerbach Feinblech GmbH (a German sheet-metal job shop) bought two
fibre laser cutting machines from 深圳市锐锋激光智能装备有限公司 (Shenzhen Ruifeng Laser), and
the supplier's technical support failed. A second supplier, 宁波恒拓数控机械有限公司 (Ningbo
Hengtuo CNC), has a small good record. See the generated data/README.md for the story.

The output is byte-for-byte reproducible: fixed dates, fixed boundaries and Message-IDs, fixed
PDF creation dates, ZIP members (DOCX/XLSX) with fixed timestamps, a seeded random generator for
the photo noise. Edit the story here and rebuild; do not edit the generated files by hand.

Needs (generator only, not the app): fpdf2 2.8 (PDF; brings fontTools, used to turn the Noto CJK
font into a TrueType subset whose text every extractor reads, and Pillow, used for the photos),
openpyxl (XLSX); and from the app's own dependencies python-docx, python-stdnum, holidays. The
font comes from Debian's fonts-noto-cjk; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import random
import re
import shutil
import sys
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from email import policy
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from stdnum.cn import uscc as uscc_mod

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "disputedesk" / "demo" / "data"
FONT_REGULAR = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FONT_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FONT_SC_INDEX = 2  # "Noto Sans CJK SC" inside the collection (simplified Chinese glyph forms)

BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")
CRLF = policy.compat32.clone(linesep="\r\n")


def berlin(y: int, mo: int, d: int, h: int, mi: int, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=BERLIN)


def shanghai(y: int, mo: int, d: int, h: int, mi: int, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=SHANGHAI)


def digest(*parts: object, n: int = 12) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:n]


# --------------------------------------------------------------------------------------------
# Unified Social Credit Codes (GB 32100-2015): authority 9 (market regulation), type 1
# (enterprise), 6-digit region, 9-character organisation code (GB 11714, its own check
# character), and the final check character computed by python-stdnum.
# --------------------------------------------------------------------------------------------
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def org_code(body8: str) -> str:
    """GB 11714 organisation code: 8 characters + check character (weights 3,7,9,10,5,8,4,2)."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body8, weights, strict=True))
    check = 11 - total % 11
    return body8 + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(region: str, org8: str) -> str:
    first17 = "91" + region + org_code(org8)
    code = first17 + uscc_mod.calc_check_digit(first17)
    return uscc_mod.validate(code)


# --------------------------------------------------------------------------------------------
# The cast
# --------------------------------------------------------------------------------------------
BUYER_DOMAIN = "auerbach-feinblech.de"
RF_DOMAIN = "ruifenglaser.com"
RF_LOOKALIKE = "ruifenglasser.com"  # one extra "s": the payment-fraud sender
HT_DOMAIN = "hengtuo-cnc.com"
COUNSEL_DOMAIN = "falk-schreiber.de"

RF_USCC = make_uscc("440300", "MA5DKR7T")
HT_USCC = make_uscc("330206", "MA2H8LQ5")

RF_NAME_EN = "Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd."
RF_NAME_ZH = "深圳市锐锋激光智能装备有限公司"
RF_ADDR_EN = (
    "101, Building 3, Ruifeng Industrial Park, No. 71 Xintian Avenue, Xintian Community, "
    "Fuhai Subdistrict, Bao'an District, Shenzhen, Guangdong 518103, China"
)
RF_ADDR_ZH = "广东省深圳市宝安区福海街道新田社区新田大道71号锐锋工业园3栋101"
HT_NAME_EN = "Ningbo Hengtuo CNC Machinery Co., Ltd."
HT_NAME_ZH = "宁波恒拓数控机械有限公司"
HT_ADDR_EN = "No. 1288 Lushan East Road, Daqi Subdistrict, Beilun District, Ningbo, Zhejiang 315800, China"
HT_ADDR_ZH = "浙江省宁波市北仑区大碶街道庐山东路1288号"

BUYER_NAME = "Auerbach Feinblech GmbH"
BUYER_ADDR = "Gewerbering 7, 72108 Rottenburg am Neckar, Germany"

RF_BANK = {
    "beneficiary": "SHENZHEN RUIFENG LASER INTELLIGENT EQUIPMENT CO., LTD.",
    "bank": "China Merchants Bank, Shenzhen Branch (招商银行深圳分行)",
    "swift": "CMBCCNBS",
    "account": "755931872610801",
}
FRAUD_BANK = {
    "beneficiary": "RUIFENG LASER TRADING (HK) LIMITED",
    "bank": "Asia Pacific Commerce Bank Limited, Hong Kong",
    "swift": "APCBHKHHXXX",
    "account": "801-442917-838",
}
HT_BANK = {
    "beneficiary": "NINGBO HENGTUO CNC MACHINERY CO., LTD.",
    "bank": "Bank of Ningbo, Beilun Sub-branch (宁波银行北仑支行)",
    "swift": "BKNBCN2N",
    "account": "51012200003844170",
}


def _iban_de(blz: str, account: str) -> str:
    bban = blz + account.zfill(10)
    num = int(bban + "131400")  # "DE" = 13 14, check digits "00"
    return f"DE{98 - num % 97:02d}{bban}"


BUYER_IBAN = _iban_de("64190110", "0038172604")
BUYER_BANK = {"bank": "Neckartal Volksbank eG", "bic": "GENODES1NTV", "iban": BUYER_IBAN}


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    name_zh: str | None = None  # display name in Chinese, where the person uses one

    def display(self) -> str:
        return self.name_zh or self.name


KATRIN = Person("Katrin Albers", f"k.albers@{BUYER_DOMAIN}")
JONAS = Person("Jonas Reuter", f"j.reuter@{BUYER_DOMAIN}")
MEHMET = Person("Mehmet Yilmaz", f"m.yilmaz@{BUYER_DOMAIN}")
LENA = Person("Lena Hoffmann", f"l.hoffmann@{BUYER_DOMAIN}")
FALK = Person("Dr. Miriam Falk", f"m.falk@{COUNSEL_DOMAIN}")

WANG = Person("Wang Lei", f"wanglei@{RF_DOMAIN}", "王磊")
SERVICE = Person("Ruifeng Service", f"service@{RF_DOMAIN}", "锐锋售后服务部")
ZHAO = Person("Zhao Zhe", f"zhaozhe@{RF_DOMAIN}", "赵喆")  # 喆 is in GBK, not in GB2312
KEVIN = Person("Kevin Liu", f"kevin.liu@{RF_DOMAIN}")
CHEN = Person("Chen Zhiqiang", f"chenzq@{RF_DOMAIN}", "陈志强")
HUANG = Person("Huang Li", f"finance@{RF_DOMAIN}", "黄丽")
FAKE_HUANG = Person("Huang Li", f"finance@{RF_LOOKALIKE}", "黄丽")

LIJUN = Person("Li Jun", f"lijun@{HT_DOMAIN}", "李军")
TINA = Person("Tina Zhou", f"tina.zhou@{HT_DOMAIN}")

SN1 = "RF3015G6-2512-0087"
SN2 = "RF3015G6-2512-0088"
HT_SN = "HT25PB-04417"
RF_MODEL = "RF-F3015-6kW"
HT_MODEL = "HT-PB110/3200"

CONTRACT_NO = "RF-EU-2025-1046"
AMENDMENT_NO = "RF-EU-2025-1046-A1"
HT_CONTRACT_NO = "HT-SC-2025-0317"
PO_NO = "PO-2025-318"
PI_NO = "RF-PI-20260519"
HT_PO_NO = "PO-2025-114"

# --------------------------------------------------------------------------------------------
# PDF helpers (fpdf2, Noto Sans CJK SC embedded as a subset: the text layer round-trips
# through pdftotext, Chinese included)
# --------------------------------------------------------------------------------------------


_PDF_FONTS: dict[str, str] = {}
_FONT_DIR: list[object] = []  # keeps the temporary folder alive for the whole run


def _cff_to_truetype(src: Path, dst: Path, chars: set[str]) -> None:
    """Subset a Noto Sans CJK (CFF outlines) face to `chars` and convert it to TrueType outlines.

    Why: fpdf2 embeds a CID-keyed CFF font with an embedded CMap as /Encoding, which pdftotext
    reads correctly but pypdf (our own PDF dependency, and what the contract-clarity feature is
    likely to use) does not: it returns "\\x00A\\x00r..." for "Ar". The same glyphs as a TrueType
    font are embedded as CIDFontType2 with Identity-H, which every extractor reads. The conversion
    is the fontTools "otf2ttf" recipe (cubic to quadratic curves with cu2qu, max error 1 unit).
    """
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(src), fontNumber=FONT_SC_INDEX, recalcTimestamp=False)
    opts = subset.Options()
    opts.desubroutinize = True
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(ord(c) for c in chars if ord(c) >= 32))
    sub.subset(font)
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    hmtx = font["hmtx"]
    for name in order:
        g = glyf.glyphs[name]
        g.recalcBounds(glyf)
        hmtx[name] = (hmtx[name][0], getattr(g, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(dst))


def pdf_fonts() -> dict[str, str]:
    """TrueType versions of Noto Sans CJK SC Regular/Bold holding every character this script uses."""
    if not _PDF_FONTS:
        import tempfile

        tmp = tempfile.TemporaryDirectory(prefix="demo-fonts-")
        _FONT_DIR.append(tmp)
        chars = set(Path(__file__).read_text(encoding="utf-8")) | {chr(c) for c in range(32, 127)}
        for style, src in (("", FONT_REGULAR), ("B", FONT_BOLD)):
            dst = Path(tmp.name) / f"noto-sc{style or 'R'}.ttf"
            _cff_to_truetype(src, dst, chars)
            _PDF_FONTS[style] = str(dst)
    return _PDF_FONTS


def new_pdf(title: str, author: str, created: datetime, header: str | None = None) -> Any:
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("sc", "", 7.5)
                self.set_text_color(110, 110, 110)
                self.cell(0, 5, header, align="R", new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0, 0, 0)
                self.ln(1)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("sc", "", 7.5)
            self.set_text_color(110, 110, 110)
            self.cell(0, 5, f"{title} — {self.page_no()}/{{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = Doc(format="A4")
    pdf.set_creation_date(created)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("DisputeDesk demo generator")
    pdf.set_lang("en")
    fonts = pdf_fonts()
    pdf.add_font("sc", "", fonts[""])
    pdf.add_font("sc", "B", fonts["B"])
    pdf.set_margins(18, 14, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    return pdf


def pdf_title(pdf: Any, en: str, zh: str | None = None, size: float = 15) -> None:
    pdf.set_font("sc", "B", size)
    pdf.multi_cell(0, size * 0.5, en, align="C", new_x="LMARGIN", new_y="NEXT")
    if zh:
        pdf.multi_cell(0, size * 0.5, zh, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def pdf_heading(pdf: Any, text: str, size: float = 10.5) -> None:
    if pdf.get_y() > pdf.page_break_trigger - 28:  # keep a heading with the text that follows
        pdf.add_page()
    pdf.ln(1.5)
    pdf.set_font("sc", "B", size)
    pdf.multi_cell(0, 5.4, text, new_x="LMARGIN", new_y="NEXT")


def wrap_mixed(pdf: Any, text: str, width: float) -> list[str]:
    """Break Chinese text between any two CJK characters, but never inside a Latin word or a
    number (fpdf2's CHAR mode would split an account number or "RF-EU-2025-1046" anywhere)."""
    lines: list[str] = []
    for para in text.split("\n"):
        tokens = re.findall(r"[A-Za-z0-9][A-Za-z0-9.,:/@%&+\-_()'’]*|\s+|.", para)
        line = ""
        for tok in tokens:
            if line and pdf.get_string_width(line + tok) > width:
                lines.append(line.rstrip())
                line = tok.lstrip()
            else:
                line += tok
        lines.append(line.rstrip())
    return lines


def pdf_para(pdf: Any, text: str, size: float = 9, zh: bool = False, gap: float = 1.2) -> None:
    pdf.set_font("sc", "", size)
    if zh:
        width = pdf.w - pdf.l_margin - pdf.r_margin - 1
        text = "\n".join(wrap_mixed(pdf, text, width))
        pdf.multi_cell(0, size * 0.52, text, new_x="LMARGIN", new_y="NEXT", align="L", wrapmode="CHAR")
    else:
        pdf.multi_cell(0, size * 0.52, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def pdf_bi(pdf: Any, en: str, zh: str, size: float = 9) -> None:
    """One clause: English paragraph, then its Chinese text (alternating paragraphs)."""
    pdf_para(pdf, en, size, gap=0.6)
    pdf_para(pdf, zh, size, zh=True, gap=2.0)


def pdf_table(pdf: Any, rows: list[list[str]], widths: list[float], size: float = 8) -> None:
    pdf.set_font("sc", "", size)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=size * 0.55) as table:
        for i, r in enumerate(rows):
            row = table.row()
            for c in r:
                if i == 0:
                    pdf.set_font("sc", "B", size)
                row.cell(c)
            pdf.set_font("sc", "", size)
    pdf.ln(2)


def pdf_kv(pdf: Any, pairs: list[tuple[str, str]], size: float = 8.5, key_w: float = 58) -> None:
    lh = size * 0.55
    for k, v in pairs:
        pdf.set_font("sc", "B", size)
        key_lines = pdf.multi_cell(key_w, lh, k, dry_run=True, output="LINES")
        if pdf.get_y() + lh * len(key_lines) > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y()
        pdf.multi_cell(key_w, lh, k, new_x="RIGHT", new_y="TOP")
        pdf.set_font("sc", "", size)
        width = pdf.w - pdf.r_margin - pdf.get_x()
        value = "\n".join(wrap_mixed(pdf, v, width - 1)) if not v.isascii() else v
        mode = "WORD" if v.isascii() else "CHAR"  # non-ASCII values are pre-wrapped by wrap_mixed
        pdf.multi_cell(0, lh, value, new_x="LMARGIN", new_y="NEXT", align="L", wrapmode=mode)
        pdf.set_y(max(pdf.get_y(), y + lh * len(key_lines)) + 0.8)


def pdf_stamp(pdf: Any, x: float, y: float, lines: list[str], r: float = 17) -> None:
    """A red company chop (公章): circle, star and the company name in the middle."""
    pdf.set_draw_color(200, 20, 20)
    pdf.set_text_color(200, 20, 20)
    pdf.set_line_width(0.9)
    pdf.ellipse(x - r, y - r, 2 * r, 2 * r)
    pdf.set_font("sc", "B", 13)
    pdf.set_xy(x - 5, y - 10)
    pdf.cell(10, 6, "★", align="C")
    pdf.set_font("sc", "B", 6.2)
    for i, line in enumerate(lines):
        pdf.set_xy(x - r + 2, y - 2 + i * 3.6)
        pdf.cell(2 * r - 4, 3.4, line, align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)


def pdf_signatures(pdf: Any, left: list[str], right: list[str], stamp_right: list[str] | None = None) -> None:
    pdf.ln(4)
    if pdf.get_y() > 230:
        pdf.add_page()
    y0 = pdf.get_y()
    pdf.set_font("sc", "", 8.5)
    col = (pdf.w - 36) / 2
    for i, line in enumerate(left):
        pdf.set_xy(18, y0 + i * 5)
        pdf.cell(col, 5, line)
    for i, line in enumerate(right):
        pdf.set_xy(18 + col, y0 + i * 5)
        pdf.cell(col, 5, line)
    if stamp_right:
        pdf_stamp(pdf, 18 + col + 55, y0 + 16, stamp_right)
    pdf.set_y(y0 + max(len(left), len(right)) * 5 + 6)


def pdf_bytes(pdf: Any) -> bytes:
    return bytes(pdf.output())


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------
SUPPORT_CLAUSE_EN = "Seller shall provide timely technical support."
SUPPORT_CLAUSE_ZH = "卖方应及时提供技术支持。"


def contract_pdf() -> bytes:
    pdf = new_pdf(
        f"Sales Contract {CONTRACT_NO}",
        RF_NAME_EN,
        datetime(2025, 10, 14, 15, 20, tzinfo=SHANGHAI),
        header=f"Contract No. 合同编号: {CONTRACT_NO}",
    )
    pdf_title(pdf, "SALES CONTRACT", "销 售 合 同")
    pdf_kv(
        pdf,
        [
            ("Contract No. 合同编号", CONTRACT_NO),
            ("Date 签订日期", "14 October 2025 / 2025年10月14日"),
            ("Place of signing 签订地点", "Shenzhen, China / 中国深圳"),
        ],
    )
    pdf_heading(pdf, "The Seller 卖方")
    pdf_kv(
        pdf,
        [
            ("Name 名称", f"{RF_NAME_EN}\n{RF_NAME_ZH}"),
            ("USCC 统一社会信用代码", RF_USCC),
            ("Address 地址", f"{RF_ADDR_EN}\n{RF_ADDR_ZH}"),
            ("Legal representative 法定代表人", "Chen Zhiqiang 陈志强"),
            ("Tel. / E-mail 电话/邮箱", f"+86 755 2781 6600 / {KEVIN.email}"),
        ],
    )
    pdf_heading(pdf, "The Buyer 买方")
    pdf_kv(
        pdf,
        [
            ("Name 名称", BUYER_NAME),
            ("Address 地址", BUYER_ADDR),
            ("Represented by 代表人", "Katrin Albers, Managing Director (Geschäftsführerin) 总经理"),
            ("VAT ID 增值税号", "DE318442907"),
            ("Tel. / E-mail 电话/邮箱", f"+49 7472 98 31 0 / {JONAS.email}"),
        ],
    )
    pdf_para(
        pdf,
        "The Seller and the Buyer agree to conclude this contract for the sale of the goods below "
        "on the following terms and conditions.",
    )
    pdf_para(pdf, "买卖双方经友好协商，同意按下列条款签订本合同。", zh=True)

    pdf_heading(pdf, "Article 1  Goods, quantity and price  第一条 货物、数量及价格")
    pdf_table(
        pdf,
        [
            ["No.\n序号", "Description 品名", "Model 型号", "Qty 数量", "Unit price\n单价 (EUR)", "Amount\n金额 (EUR)"],
            [
                "1",
                "Fibre laser cutting machine, 6 kW, working area 3000 × 1500 mm, with water chiller, "
                "exhaust fan and standard spare parts kit\n光纤激光切割机（含冷水机、抽风机及标准备件包）",
                RF_MODEL,
                "2 sets 台",
                "148,500.00",
                "297,000.00",
            ],
            ["", "Total 合计 (CIF Hamburg, Incoterms® 2020)", "", "2", "", "297,000.00"],
        ],
        widths=[9, 70, 26, 17, 22, 22],
    )
    pdf_bi(
        pdf,
        "Total contract price: EUR 297,000.00 (say euro two hundred ninety-seven thousand only), "
        "CIF Hamburg, Incoterms® 2020. Technical specification: Annex 1.",
        "合同总价：297,000.00欧元（大写：贰拾玖万柒仟欧元整），CIF汉堡（《2020年国际贸易术语解释通则》）。"
        "技术规格见附件1。",
    )

    pdf_heading(pdf, "Article 2  Payment  第二条 付款方式")
    pdf_bi(
        pdf,
        "2.1 The Buyer shall pay 30 % of the total price, EUR 89,100.00, by T/T as a deposit within "
        "7 days after signing of this contract.",
        "2.1 买方应于本合同签订后7日内以电汇方式支付合同总价的30%，即89,100.00欧元，作为定金。",
    )
    pdf_bi(
        pdf,
        "2.2 The Buyer shall pay the balance of 70 %, EUR 207,900.00, by T/T before shipment, after "
        "the pre-shipment inspection.",
        "2.2 余款70%，即207,900.00欧元，由买方在出货前验货后以电汇方式支付。",
    )
    pdf_bi(
        pdf,
        f"2.3 Seller's bank account: beneficiary {RF_BANK['beneficiary']}; bank: China Merchants "
        f"Bank, Shenzhen Branch; SWIFT: {RF_BANK['swift']}; account no.: {RF_BANK['account']}.",
        f"2.3 卖方收款账户：户名 {RF_NAME_ZH}；开户行：招商银行深圳分行；"
        f"SWIFT：{RF_BANK['swift']}；账号：{RF_BANK['account']}。",
    )

    pdf_heading(pdf, "Article 3  Delivery  第三条 交货")
    pdf_bi(
        pdf,
        "3.1 The Seller shall ship the goods within 60 days after receipt of the deposit. Port of "
        "loading: Shenzhen (Yantian), China. Port of destination: Hamburg, Germany.",
        "3.1 卖方应在收到定金后60天内发货。装运港：中国深圳（盐田）；目的港：德国汉堡。",
    )
    pdf_bi(pdf, "3.2 Partial shipment is not allowed.", "3.2 不允许分批装运。")

    pdf_heading(pdf, "Article 4  Inspection, installation and acceptance  第四条 检验、安装与验收")
    pdf_bi(
        pdf,
        "4.1 The Buyer shall inspect the goods within 7 days after arrival at the port of "
        "destination and notify the Seller in writing of any quality problem; otherwise the goods "
        "shall be deemed to conform to this contract.",
        "4.1 买方应在货物到达目的港后7日内进行检验，如有质量问题应书面通知卖方，逾期视为货物符合合同约定。",
    )
    pdf_bi(
        pdf,
        "4.2 The Seller shall send one engineer to the Buyer's site for installation, commissioning "
        "and training. The Seller bears the international travel; the Buyer bears accommodation "
        "and local transport.",
        "4.2 卖方派一名工程师到买方现场进行安装、调试和培训。国际差旅费由卖方承担，食宿及当地交通由买方承担。",
    )

    pdf_heading(pdf, "Article 5  Quality and warranty  第五条 质量保证")
    pdf_bi(
        pdf,
        "5.1 The goods shall be brand new and conform to the technical specification in Annex 1.",
        "5.1 货物应为全新产品，并符合附件1的技术规格。",
    )
    pdf_bi(
        pdf,
        "5.2 The warranty period is 24 months from the date of delivery.",
        "5.2 质保期为自交货之日起24个月。",
    )
    pdf_bi(
        pdf,
        "5.3 During the warranty period the Seller shall repair or replace free of charge any part "
        "that fails because of a quality problem. Wearing parts (nozzles, protective lenses, "
        "ceramic rings) and damage caused by improper operation are excluded.",
        "5.3 在质保期内，因产品质量问题造成的零部件损坏，由卖方免费维修或更换。易损件（喷嘴、保护镜片、陶瓷环）"
        "及因操作不当造成的损坏除外。",
    )

    pdf_heading(pdf, "Article 6  Technical support and training  第六条 技术支持与培训")
    pdf_bi(pdf, "6.1 " + SUPPORT_CLAUSE_EN, "6.1 " + SUPPORT_CLAUSE_ZH)
    pdf_bi(
        pdf,
        "6.2 The Seller shall train the Buyer's operators during commissioning (3 days).",
        "6.2 卖方在调试期间为买方操作人员提供培训（3天）。",
    )
    pdf_bi(
        pdf,
        "6.3 The Seller shall provide the operation manual and necessary technical documents together with the goods.",
        "6.3 卖方随货提供操作说明书及必要的技术资料。",
    )
    pdf_bi(
        pdf,
        "6.4 Software upgrades will be provided when necessary.",
        "6.4 必要时卖方提供软件升级。",
    )

    pdf_heading(pdf, "Article 7  Liability  第七条 违约责任")
    pdf_bi(
        pdf,
        "7.1 If the Seller delays shipment, it shall pay a penalty of 0.5 % of the value of the "
        "delayed goods for each full week of delay, not exceeding 5 % in total.",
        "7.1 卖方延迟发货的，每满一周按延迟交付货物价值的0.5%支付违约金，总额不超过5%。",
    )
    pdf_bi(
        pdf,
        "7.2 The Seller's total liability under this contract shall not exceed 10 % of the "
        "contract price. The Seller is not liable for indirect loss, loss of production or loss of "
        "profit.",
        "7.2 卖方在本合同项下的全部责任不超过合同总价的10%。卖方不承担任何间接损失、停产损失或利润损失。",
    )

    pdf_heading(pdf, "Article 8  Force majeure  第八条 不可抗力")
    pdf_bi(
        pdf,
        "Neither party is liable for failure to perform caused by force majeure. The affected "
        "party shall notify the other party promptly and provide proof within 15 days.",
        "任何一方因不可抗力不能履行合同的，不承担责任。受影响一方应及时通知对方，并在15日内提供证明。",
    )

    pdf_heading(pdf, "Article 9  Governing law  第九条 适用法律")
    pdf_bi(
        pdf,
        "This contract is governed by the laws of the People's Republic of China.",
        "本合同适用中华人民共和国法律。",
    )

    pdf_heading(pdf, "Article 10  Dispute resolution  第十条 争议解决")
    pdf_bi(
        pdf,
        "Any dispute arising from or in connection with this contract shall be settled through "
        "friendly negotiation. If no settlement can be reached, either party may submit the "
        "dispute to arbitration in Shenzhen.",
        "因本合同引起的或与本合同有关的任何争议，双方应友好协商解决；协商不成的，任何一方均可提交深圳仲裁。",
    )

    pdf_heading(pdf, "Article 11  Language  第十一条 语言")
    pdf_bi(
        pdf,
        "This contract is made in English and Chinese. Both versions have the same effect.",
        "本合同以中文和英文书就，两种文本具有同等效力。",
    )

    pdf_heading(pdf, "Article 12  Notices  第十二条 通知")
    pdf_bi(
        pdf,
        "Notices shall be sent to the addresses of the parties stated above.",
        "通知应发送至上述双方地址。",
    )

    pdf_heading(pdf, "Article 13  Miscellaneous  第十三条 其他")
    pdf_bi(
        pdf,
        "13.1 This contract takes effect when signed and sealed by both parties.",
        "13.1 本合同经双方签字盖章后生效。",
    )
    pdf_bi(
        pdf,
        "13.2 Any amendment to this contract shall be made in writing and signed by both parties.",
        "13.2 本合同的任何修改须以书面形式作出并经双方签字盖章。",
    )
    pdf_bi(
        pdf,
        "13.3 This contract is made in two originals; each party holds one. Annex 1 is an integral "
        "part of this contract.",
        "13.3 本合同一式两份，双方各执一份。附件1为本合同不可分割的组成部分。",
    )
    pdf_signatures(
        pdf,
        ["The Buyer 买方:", BUYER_NAME, "", "Signature: Katrin Albers", "Managing Director", "Date: 14.10.2025"],
        [
            "The Seller 卖方:",
            RF_NAME_ZH,
            "",
            "签字 Signature: 陈志强",
            "法定代表人 Legal representative",
            "日期 Date: 2025-10-14",
        ],
        stamp_right=["深圳市锐锋激光", "智能装备有限公司", "合同专用章"],
    )

    pdf.add_page()
    pdf_title(pdf, "Annex 1  Technical specification", "附件1 技术规格", size=12)
    pdf_table(
        pdf,
        [
            ["Item 项目", "Specification 规格"],
            ["Model 型号", RF_MODEL],
            ["Laser source 激光器", "6,000 W continuous-wave fibre laser 连续光纤激光器"],
            ["Working area 加工幅面", "3050 × 1530 mm"],
            ["Positioning accuracy 定位精度", "±0.03 mm"],
            ["Repeatability 重复定位精度", "±0.02 mm"],
            ["Max. positioning speed 最大定位速度", "120 m/min"],
            ["Controller 数控系统", "RF-CNC (Windows based), firmware V3.2.x 固件版本V3.2.x"],
            ["Height controller 调高器", "RF-HC200 capacitive height controller 电容式调高器"],
            ["Operator interface 操作界面", "English / Chinese 英文/中文"],
            ["Power supply 电源", "400 V / 50 Hz, 3-phase 三相"],
            ["Marking 认证", "CE"],
        ],
        widths=[60, 114],
    )
    return pdf_bytes(pdf)


def amendment_pdf() -> bytes:
    pdf = new_pdf(
        f"Amendment No. 1 {AMENDMENT_NO}",
        RF_NAME_EN,
        datetime(2025, 12, 3, 10, 5, tzinfo=SHANGHAI),
        header=f"Contract No. 合同编号: {CONTRACT_NO} — Amendment 补充协议: {AMENDMENT_NO}",
    )
    pdf_title(pdf, "AMENDMENT No. 1 TO SALES CONTRACT " + CONTRACT_NO, "销售合同补充协议（一）", size=13)
    pdf_kv(
        pdf,
        [
            ("Amendment No. 编号", AMENDMENT_NO),
            ("Date 日期", "3 December 2025 / 2025年12月3日"),
            ("Seller 卖方", f"{RF_NAME_EN} {RF_NAME_ZH} (USCC 统一社会信用代码 {RF_USCC})"),
            ("Buyer 买方", f"{BUYER_NAME}, {BUYER_ADDR}"),
        ],
    )
    pdf_bi(
        pdf,
        f'The parties agree to amend Sales Contract {CONTRACT_NO} dated 14 October 2025 (the "Contract") as follows:',
        f"双方同意对2025年10月14日签订的销售合同（编号{CONTRACT_NO}，下称“原合同”）作如下补充和修改：",
    )
    pdf_heading(pdf, "1. Shipment date  装运日期")
    pdf_bi(
        pdf,
        'Article 3.1 of the Contract is replaced by: "The Seller shall ship the goods no later than 15 January 2026."',
        "原合同第3.1条修改为：“卖方应不迟于2026年1月15日发货。”",
    )
    pdf_heading(pdf, "2. Remote technical support  远程技术支持")
    pdf_bi(
        pdf,
        'The following Article 6.5 is added to the Contract: "6.5 During the warranty period the '
        "Seller shall provide free remote technical support (telephone, e-mail, WeChat and remote "
        "desktop) and shall respond to the Buyer's support requests within 24 hours.\"",
        "原合同增加第6.5条：“6.5 在质保期内，卖方应免费提供远程技术支持（电话、电子邮件、微信及远程桌面），"
        "并在24小时内响应买方的支持请求。”",
    )
    pdf_heading(pdf, "3. Other terms  其他条款")
    pdf_bi(
        pdf,
        "All other terms of the Contract remain unchanged. This amendment is an integral part of "
        "the Contract and takes effect when signed and sealed by both parties. It is made in "
        "English and Chinese; both versions have the same effect.",
        "原合同其他条款不变。本补充协议为原合同不可分割的组成部分，经双方签字盖章后生效。"
        "本补充协议以中英文书就，两种文本具有同等效力。",
    )
    pdf_signatures(
        pdf,
        ["The Buyer 买方:", BUYER_NAME, "", "Signature: Katrin Albers", "Date: 03.12.2025"],
        ["The Seller 卖方:", RF_NAME_ZH, "", "签字 Signature: 陈志强", "日期 Date: 2025-12-03"],
        stamp_right=["深圳市锐锋激光", "智能装备有限公司", "合同专用章"],
    )
    return pdf_bytes(pdf)


def delivery_note_pdf() -> bytes:
    pdf = new_pdf(
        "Delivery Note RF-DN-20260112",
        RF_NAME_EN,
        datetime(2026, 1, 12, 9, 40, tzinfo=SHANGHAI),
        header=f"{RF_NAME_ZH} {RF_NAME_EN}",
    )
    pdf_title(pdf, "DELIVERY NOTE / PACKING LIST", "送货单 / 装箱单", size=13)
    pdf_kv(
        pdf,
        [
            ("Delivery note no. 单号", "RF-DN-20260112"),
            ("Date 日期", "2026-01-12"),
            ("Contract 合同", f"{CONTRACT_NO} (Amendment 补充协议 {AMENDMENT_NO})"),
            ("Buyer's order 订单", PO_NO),
            ("Consignee 收货人", f"{BUYER_NAME}, {BUYER_ADDR}"),
            ("Port of loading 装运港", "Yantian, Shenzhen 深圳盐田"),
            ("Port of discharge 目的港", "Hamburg, Germany 德国汉堡"),
            ("Bill of lading 提单号", "YTN26HAM011402 (shipped on board 2026-01-14)"),
            ("Incoterms 贸易术语", "CIF Hamburg, Incoterms® 2020"),
        ],
    )
    pdf_table(
        pdf,
        [
            ["Crate\n箱号", "Contents 内容", "Serial no. 序列号", "Gross / net kg\n毛重/净重"],
            [
                "1",
                f"Fibre laser cutting machine {RF_MODEL}, machine bed and gantry, controller "
                "RF-CNC firmware V3.2.7, height controller RF-HC200\n光纤激光切割机主机",
                SN1,
                "9,850 / 9,420",
            ],
            [
                "2",
                "Laser source 6 kW, water chiller, exhaust fan, spare parts kit\n激光器、冷水机、抽风机、备件包",
                "LS6K-2511-3391 (laser source 激光器)",
                "1,260 / 1,080",
            ],
            [
                "3",
                f"Fibre laser cutting machine {RF_MODEL}, machine bed and gantry, controller "
                "RF-CNC firmware V3.2.7, height controller RF-HC200\n光纤激光切割机主机",
                SN2,
                "9,850 / 9,420",
            ],
            [
                "4",
                "Laser source 6 kW, water chiller, exhaust fan, spare parts kit\n激光器、冷水机、抽风机、备件包",
                "LS6K-2511-3392 (laser source 激光器)",
                "1,260 / 1,080",
            ],
        ],
        widths=[12, 88, 44, 30],
    )
    pdf_bi(
        pdf,
        "Documents enclosed: commercial invoice RF-CI-20260112, packing list, certificate of origin, "
        "CE declaration of conformity, operation manual (Chinese).",
        "随附单据：商业发票RF-CI-20260112、装箱单、原产地证书、CE符合性声明、操作说明书（中文）。",
    )
    pdf_heading(pdf, "Receipt at the Buyer's premises  买方收货确认")
    pdf_para(
        pdf,
        "Goods received at Gewerbering 7, Rottenburg am Neckar on 26.02.2026, 4 crates, in apparent "
        "good order. Remark: crate 2, outer boarding damaged on one side, contents without visible "
        "damage. Serial numbers checked against the nameplates: RF3015G6-2512-0087, "
        "RF3015G6-2512-0088.",
    )
    pdf_para(pdf, "Signed: Mehmet Yilmaz (Auerbach Feinblech GmbH, maintenance)    Date: 26.02.2026")
    return pdf_bytes(pdf)


def commercial_invoice_pdf() -> bytes:
    pdf = new_pdf(
        "Commercial Invoice RF-CI-20260112",
        RF_NAME_EN,
        datetime(2026, 1, 12, 9, 30, tzinfo=SHANGHAI),
        header=f"{RF_NAME_ZH} · {RF_ADDR_ZH}",
    )
    pdf_title(pdf, "COMMERCIAL INVOICE", "商业发票", size=13)
    pdf_kv(
        pdf,
        [
            ("Invoice no. 发票号", "RF-CI-20260112"),
            ("Date 日期", "2026-01-12"),
            ("Seller 卖方", f"{RF_NAME_EN}\n{RF_ADDR_EN}\nUSCC {RF_USCC}"),
            ("Buyer 买方", f"{BUYER_NAME}, {BUYER_ADDR}, VAT ID DE318442907"),
            ("Contract / order 合同/订单", f"{CONTRACT_NO} / {PO_NO}"),
            ("Terms 条款", "CIF Hamburg, Incoterms® 2020; payment 30 % T/T deposit, 70 % T/T before shipment"),
            ("HS code 海关编码", "8456.11 (machine tools operated by laser)"),
            ("Origin 原产地", "China 中国"),
        ],
    )
    pdf_table(
        pdf,
        [
            ["Description 品名", "Serial no. 序列号", "Qty", "Unit price EUR", "Amount EUR"],
            [f"Fibre laser cutting machine {RF_MODEL} 光纤激光切割机", SN1, "1", "148,500.00", "148,500.00"],
            [f"Fibre laser cutting machine {RF_MODEL} 光纤激光切割机", SN2, "1", "148,500.00", "148,500.00"],
            ["Total CIF Hamburg 合计", "", "2", "", "297,000.00"],
            ["Less deposit received 2025-10-21 已收定金", "", "", "", "-89,100.00"],
            ["Less balance received 2026-01-07 已收余款", "", "", "", "-207,900.00"],
            ["Amount due 应付金额", "", "", "", "0.00"],
        ],
        widths=[70, 42, 10, 26, 26],
    )
    pdf_para(
        pdf,
        f"Bank details 收款账户: {RF_BANK['beneficiary']}; {RF_BANK['bank']}; SWIFT {RF_BANK['swift']}; "
        f"A/C {RF_BANK['account']}",
    )
    pdf_signatures(
        pdf,
        [],
        ["For and on behalf of the Seller", RF_NAME_EN, "", "(signed) Liu Yang (Kevin Liu)"],
        stamp_right=["深圳市锐锋激光", "智能装备有限公司", "财务专用章"],
    )
    return pdf_bytes(pdf)


def payment_proof_pdf(
    value_date: date, amount: Decimal, remittance: str, ref: str, beneficiary: dict[str, str]
) -> bytes:
    created = datetime(value_date.year, value_date.month, value_date.day, 11, 42, tzinfo=BERLIN)
    pdf = new_pdf(f"Payment confirmation {ref}", BUYER_BANK["bank"], created, header=BUYER_BANK["bank"])
    pdf_title(
        pdf,
        "Ausführungsbestätigung Auslandszahlung",
        "Confirmation of execution — foreign payment (SWIFT gpi)",
        size=12,
    )
    uetr = uuid.uuid5(uuid.NAMESPACE_URL, f"demo-uetr:{ref}")
    pdf_kv(
        pdf,
        [
            ("Auftraggeber / Ordering customer", f"{BUYER_NAME}, {BUYER_ADDR}"),
            ("IBAN Auftraggeber / Debit account", BUYER_IBAN),
            ("Begünstigter / Beneficiary", beneficiary["beneficiary"]),
            ("Konto / Account", beneficiary["account"]),
            ("Bank des Begünstigten / Beneficiary bank", f"{beneficiary['bank']}, SWIFT {beneficiary['swift']}"),
            ("Betrag / Amount", f"EUR {amount:,.2f}"),
            ("Entgelte / Charges", "SHA (shared)"),
            ("Ausführungstag = Valuta / Value date", value_date.strftime("%d.%m.%Y")),
            ("Verwendungszweck / Remittance information", remittance),
            ("Referenz / Bank reference", ref),
            ("UETR (SWIFT gpi)", str(uetr)),
            ("Status", "Ausgeführt / Executed — ACSC (settlement completed)"),
        ],
        key_w=72,
    )
    pdf_para(
        pdf,
        "Dieses Dokument wurde maschinell erstellt und ist ohne Unterschrift gültig. / This document "
        "was generated automatically and is valid without signature.",
        size=7.5,
    )
    return pdf_bytes(pdf)


def commissioning_pdf() -> bytes:
    pdf = new_pdf(
        "Commissioning Report RF-IC-20260313",
        RF_NAME_EN,
        datetime(2026, 3, 13, 16, 30, tzinfo=BERLIN),
        header=f"{RF_NAME_ZH} — After-sales service 售后服务部",
    )
    pdf_title(pdf, "INSTALLATION & COMMISSIONING ACCEPTANCE REPORT", "安装调试验收报告", size=12)
    pdf_kv(
        pdf,
        [
            ("Report no. 编号", "RF-IC-20260313"),
            ("Contract 合同", CONTRACT_NO),
            ("Site 地点", f"{BUYER_NAME}, {BUYER_ADDR}"),
            ("Period 时间", "09.03.2026 – 13.03.2026"),
            ("Seller's engineer 卖方工程师", "Wang Lei 王磊"),
            ("Buyer's representative 买方代表", "Mehmet Yilmaz"),
            ("Machines 设备", f"{RF_MODEL}: {SN1}, {SN2}; controller firmware V3.2.7 固件版本"),
        ],
    )
    pdf_table(
        pdf,
        [
            ["Test 测试项目", SN1, SN2],
            ["Positioning accuracy X/Y 定位精度", "0.021 / 0.024 mm ✓", "0.019 / 0.026 mm ✓"],
            ["Cutting test 10 mm S235 碳钢切割", "✓", "✓"],
            ["Cutting test 1.5 mm 1.4301 不锈钢切割", "✓", "✓"],
            ["Height follow calibration 随动标定", "✓", "✓"],
            ["Safety circuits 安全回路", "✓", "✓"],
        ],
        widths=[80, 47, 47],
    )
    pdf_bi(
        pdf,
        "Training: 3 days, 4 operators (names on the attendance list). Both machines are accepted on 13 March 2026.",
        "培训：3天，操作人员4名（见签到表）。两台设备于2026年3月13日验收合格。",
    )
    pdf_heading(pdf, "Open items  遗留问题")
    pdf_bi(
        pdf,
        "1. English operation and maintenance manual to be sent by the Seller (only the Chinese "
        "version is available on site).",
        "1. 英文操作及维护说明书由卖方后续提供（现场仅有中文版）。",
    )
    pdf_bi(
        pdf,
        "2. Remote-desktop access (TeamViewer) installed for remote support under Amendment No. 1, Art. 6.5.",
        "2. 已安装远程桌面（TeamViewer），用于补充协议一第6.5条约定的远程支持。",
    )
    pdf_signatures(
        pdf,
        ["Buyer 买方:", "Mehmet Yilmaz", "Date: 13.03.2026"],
        ["Seller 卖方:", "王磊 Wang Lei", "日期: 2026-03-13"],
    )
    return pdf_bytes(pdf)


def spare_parts_pi_pdf() -> bytes:
    pdf = new_pdf(
        f"Proforma Invoice {PI_NO}",
        RF_NAME_EN,
        datetime(2026, 5, 19, 10, 40, tzinfo=SHANGHAI),
        header=f"{RF_NAME_ZH} {RF_NAME_EN}",
    )
    pdf_title(pdf, "PROFORMA INVOICE", "形式发票", size=13)
    pdf_kv(
        pdf,
        [
            ("PI no. 编号", PI_NO),
            ("Date 日期", "2026-05-19"),
            ("Buyer 买方", f"{BUYER_NAME}, {BUYER_ADDR}"),
            ("Reference 参考", f"Contract {CONTRACT_NO}, machine {SN1}"),
        ],
    )
    pdf_table(
        pdf,
        [
            ["Item 品名", "Qty", "Unit price EUR", "Amount EUR"],
            ["RF-HC200 capacitive height controller module 电容调高器模块", "1", "2,180.00", "2,180.00"],
            ["Express freight DHL 快递费", "1", "170.00", "170.00"],
            ["Total 合计", "", "", "2,350.00"],
        ],
        widths=[100, 14, 30, 30],
    )
    pdf_bi(
        pdf,
        "Not covered by warranty: damage caused by collision (improper operation, Contract Art. 5.3). "
        "Payment 100 % T/T before dispatch.",
        "不在保修范围：碰撞造成的损坏（操作不当，合同第5.3条）。发货前100%电汇付款。",
    )
    pdf_para(
        pdf,
        f"Bank 收款账户: {RF_BANK['beneficiary']}; {RF_BANK['bank']}; SWIFT {RF_BANK['swift']}; "
        f"A/C {RF_BANK['account']}",
    )
    return pdf_bytes(pdf)


def fault_report_pdf() -> bytes:
    pdf = new_pdf(
        "Fault report FR-2026-014",
        BUYER_NAME,
        datetime(2026, 3, 27, 16, 25, tzinfo=BERLIN),
        header=f"{BUYER_NAME} — Instandhaltung / Maintenance",
    )
    pdf_title(pdf, "Fault report / Störungsbericht FR-2026-014", size=12)
    pdf_kv(
        pdf,
        [
            ("Machine", f"{RF_MODEL}, serial {SN1} (laser 1, hall B)"),
            ("Reported by", "Mehmet Yilmaz, maintenance"),
            ("Stopped at", "27.03.2026 15:05 CET (UTC+1)"),
            ("Firmware before", "RF-CNC V3.2.7 / height controller firmware HC-1.8"),
            ("Firmware after", "RF-CNC V3.3.0 (installed remotely by Ruifeng, 14:00–14:55 CET)"),
            ("Alarm", "E-207 Follow calibration failed (随动标定失败), repeated after every restart"),
        ],
        key_w=40,
    )
    pdf_heading(pdf, "Sequence")
    for line in [
        "14:00  Ruifeng engineer (Wang Lei) connects by TeamViewer and starts the firmware upgrade.",
        "14:55  Upgrade reported finished by Ruifeng; controller restarts.",
        "15:02  Automatic height calibration starts; the Z axis moves down without stopping and the "
        "nozzle touches the calibration plate; alarm E-207.",
        "15:05  Machine stopped by the operator. Nozzle and ceramic ring replaced; no other visible damage.",
        "15:20–16:10  Three more calibration attempts: E-207 each time. Machine taken out of production.",
    ]:
        pdf_para(pdf, line, gap=0.6)
    pdf_heading(pdf, "Impact")
    pdf_para(
        pdf,
        "Laser 1 is down. Orders of week 14 moved to laser 2 (serial RF3015G6-2512-0088, still on "
        "firmware V3.2.7, works normally with the same cutting head type). Second shift on laser 1 "
        "cancelled.",
    )
    pdf_para(pdf, "Photos: IMG_20260327_153112.jpg (error screen).")
    return pdf_bytes(pdf)


def manual_excerpt_zh_pdf() -> bytes:
    pdf = new_pdf(
        "RF-F3015 操作说明书（节选）",
        RF_NAME_ZH,
        datetime(2025, 9, 1, 10, 0, tzinfo=SHANGHAI),
        header="锐锋激光 RF-F3015 系列光纤激光切割机 操作说明书 V2.1",
    )
    pdf.set_lang("zh-CN")
    pdf_title(pdf, "RF-F3015 系列光纤激光切割机", "操作说明书（节选）", size=14)
    sections = [
        ("第五章 调高器的使用", ""),
        (
            "5.1 概述",
            "RF-HC200 电容式调高器通过检测喷嘴与板材之间的电容变化，实时控制切割头高度。"
            "随动精度为±0.05毫米。设备首次上电、更换喷嘴或陶瓷环后，必须进行随动标定。",
        ),
        (
            "5.2 随动标定步骤",
            "（1）将切割头移动到平整的金属板上方；（2）在数控系统主界面点击“调高器”→“标定”；"
            "（3）系统自动下降切割头至接触板材，然后回升并记录电容曲线；（4）标定完成后界面显示“标定成功”。"
            "如显示报警E-207，请检查喷嘴、陶瓷环及传感器线缆。",
        ),
        (
            "5.3 注意事项",
            "标定过程中严禁手动移动Z轴。升级数控系统固件后，调高器固件须同步升级至对应版本，"
            "否则可能出现通讯异常。具体版本对应关系请咨询售后服务部。",
        ),
        ("第六章 常见报警及处理", ""),
        ("E-205 调高器通讯中断", "检查调高器与数控系统之间的通讯线；重启设备。"),
        (
            "E-207 随动标定失败",
            "检查喷嘴是否松动、陶瓷环是否破损、传感器线缆是否接触良好；重新标定。如多次标定失败，请联系售后服务部。",
        ),
        ("E-311 激光器通讯超时", "检查激光器与数控系统之间的通讯线及激光器电源；重启激光器。"),
        ("第七章 维护保养", ""),
        ("7.1 每日保养", "检查保护镜片、喷嘴及冷水机水位；清理切割区域废料。"),
        ("7.2 每周保养", "清洁导轨及齿条，检查润滑油位；检查抽风系统。"),
    ]
    for head, text in sections:
        pdf_heading(pdf, head)
        if text:
            pdf_para(pdf, text, zh=True)
    return pdf_bytes(pdf)


def hengtuo_contract_pdf() -> bytes:
    pdf = new_pdf(
        f"Sales Contract {HT_CONTRACT_NO}",
        HT_NAME_EN,
        datetime(2025, 3, 18, 14, 0, tzinfo=SHANGHAI),
        header=f"Contract No. 合同编号: {HT_CONTRACT_NO}",
    )
    pdf_title(pdf, "SALES CONTRACT", "销售合同", size=14)
    pdf_kv(
        pdf,
        [
            ("Contract No. 合同编号", HT_CONTRACT_NO),
            ("Date 日期", "18 March 2025 / 2025年3月18日"),
            ("Seller 卖方", f"{HT_NAME_EN} {HT_NAME_ZH}\nUSCC 统一社会信用代码: {HT_USCC}\n{HT_ADDR_EN}\n{HT_ADDR_ZH}"),
            ("Seller's e-mail 卖方邮箱", f"{LIJUN.email} (service 售后), {TINA.email} (sales 销售)"),
            ("Buyer 买方", f"{BUYER_NAME}, {BUYER_ADDR}"),
            ("Buyer's e-mail 买方邮箱", f"{JONAS.email}, {MEHMET.email}"),
        ],
    )
    pdf_heading(pdf, "1. Goods and price  货物及价格")
    pdf_bi(
        pdf,
        f"One CNC press brake {HT_MODEL} (110 t, bending length 3200 mm, HT-NC8 controller), "
        "USD 58,900.00 FOB Ningbo, Incoterms® 2020. Payment: 30 % T/T with order, 70 % T/T before "
        "shipment.",
        f"数控折弯机{HT_MODEL}一台（110吨，折弯长度3200毫米，HT-NC8数控系统），FOB宁波58,900.00美元。"
        "付款方式：下单时电汇30%，发货前电汇70%。",
    )
    pdf_heading(pdf, "2. Warranty  质量保证")
    pdf_bi(
        pdf,
        "24 months from the date of the acceptance certificate signed by both parties. Parts that "
        "fail within the warranty are replaced free of charge, including express freight.",
        "质保期为自双方签署验收证书之日起24个月。质保期内损坏的零部件免费更换，含快递运费。",
    )
    pdf_heading(pdf, "3. Technical support  技术支持")
    pdf_bi(
        pdf,
        "3.1 Support hours: Monday to Friday, 08:30–17:30 Beijing time (Asia/Shanghai), excluding "
        "PRC statutory holidays; make-up working days announced by the State Council are working "
        "days.",
        "3.1 服务时间：北京时间周一至周五8:30–17:30，中国法定节假日除外；国务院公布的调休工作日为工作日。",
    )
    pdf_bi(
        pdf,
        "3.2 First response within 4 business hours; for a machine-down fault, a solution or "
        "workaround within 3 business days. An automatic reply is not a response.",
        "3.2 卖方应在4个工作小时内作出首次响应；设备停机故障应在3个工作日内提供解决方案或临时措施。"
        "自动回复不视为响应。",
    )
    pdf_bi(
        pdf,
        "3.3 For each business day of delay beyond the 3 business days, the Seller credits 0.5 % of "
        "the machine price, up to 10 % in total.",
        "3.3 超过3个工作日的，每迟延一个工作日，卖方按设备价格的0.5%给予服务补偿，累计不超过10%。",
    )
    pdf_bi(
        pdf,
        "3.4 Documentation: operation and maintenance manuals in English and Chinese, delivered "
        "with the machine. Firmware updates during the warranty are free of charge and installed "
        "only with the Buyer's written consent.",
        "3.4 随机提供中英文操作及维护说明书。质保期内固件升级免费，且须经买方书面同意方可安装。",
    )
    pdf_heading(pdf, "4. Law, disputes, language, notices  法律、争议、语言及通知")
    pdf_bi(
        pdf,
        "Governed by the laws of the PRC, excluding the CISG. Disputes: China International "
        "Economic and Trade Arbitration Commission (CIETAC), Shanghai, in English, one arbitrator. "
        "The English text prevails. Notices by e-mail to the addresses on the first page are valid.",
        "适用中华人民共和国法律，排除《联合国国际货物销售合同公约》的适用。争议提交中国国际经济贸易仲裁委员会，"
        "在上海仲裁，仲裁语言为英文，独任仲裁员。以英文文本为准。发送至首页所列电子邮箱的通知有效。",
    )
    pdf_signatures(
        pdf,
        ["Buyer 买方:", BUYER_NAME, "Signature: Katrin Albers", "Date: 18.03.2025"],
        ["Seller 卖方:", HT_NAME_ZH, "签字 Signature: 孙建华", "日期 Date: 2025-03-18"],
        stamp_right=["宁波恒拓数控", "机械有限公司", "合同专用章"],
    )
    return pdf_bytes(pdf)


def hengtuo_delivery_note_pdf() -> bytes:
    pdf = new_pdf(
        "Delivery Note HT-DN-20250612",
        HT_NAME_EN,
        datetime(2025, 6, 12, 9, 0, tzinfo=SHANGHAI),
        header=f"{HT_NAME_ZH} {HT_NAME_EN}",
    )
    pdf_title(pdf, "DELIVERY NOTE", "送货单", size=13)
    pdf_kv(
        pdf,
        [
            ("No. 单号", "HT-DN-20250612"),
            ("Contract 合同", f"{HT_CONTRACT_NO} / {HT_PO_NO}"),
            ("Goods 货物", f"CNC press brake {HT_MODEL} 数控折弯机, serial 序列号 {HT_SN}"),
            ("Shipped 发货", "2025-06-12 FOB Ningbo 宁波"),
            ("Received 收货", "30.06.2025, Rottenburg — signed Mehmet Yilmaz"),
            ("Acceptance certificate 验收证书", "signed 03.07.2025"),
        ],
    )
    return pdf_bytes(pdf)


# --------------------------------------------------------------------------------------------
# Images (Pillow): the nameplate photo, the photo of the error screen, an HMI screenshot
# --------------------------------------------------------------------------------------------


def _font(size: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size, index=FONT_SC_INDEX)


def _exif(taken: datetime, model: str = "SM-A546B") -> Any:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "samsung"  # Make
    exif[0x0110] = model  # Model
    exif[0x0132] = taken.strftime("%Y:%m:%d %H:%M:%S")  # DateTime
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    off = taken.strftime("%z")
    sub[0x9011] = f"{off[:3]}:{off[3:]}"  # OffsetTimeOriginal
    return exif


def _photo_finish(img: Any, seed: int) -> Any:
    """Make a flat drawing look a little like a phone photo: slight blur and sensor noise."""
    from PIL import Image, ImageFilter

    rnd = random.Random(seed)
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    noise = Image.new("L", img.size)
    noise.putdata([rnd.randint(0, 38) for _ in range(img.size[0] * img.size[1])])
    noise_rgb = Image.merge("RGB", (noise, noise, noise))
    return Image.blend(img, noise_rgb, 0.07)


def error_screen_jpg() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 600), (38, 40, 44))
    d = ImageDraw.Draw(img)
    d.rectangle((60, 40, 740, 560), fill=(18, 44, 86), outline=(10, 10, 10), width=6)
    d.rectangle((66, 46, 734, 92), fill=(196, 30, 30))
    d.text((80, 52), "报警 ALARM  E-207  随动标定失败", font=_font(26, True), fill=(255, 255, 255))
    d.text((80, 110), "Follow calibration failed", font=_font(24, True), fill=(255, 220, 80))
    d.text((80, 160), "RF-CNC V3.3.0   HC: RF-HC200 fw HC-1.8", font=_font(20), fill=(220, 230, 240))
    d.text((80, 195), "2026-03-27 22:02:41", font=_font(20), fill=(220, 230, 240))
    lines = [
        "X  1512.403   Y  764.118   Z  -2.915",
        "电容值 Capacitance: 0.00 pF",
        "调高器通讯: 协议不匹配 (v1 / v2)",
        "HC protocol mismatch",
        "请检查喷嘴、陶瓷环及传感器线缆",
    ]
    for i, line in enumerate(lines):
        d.text((80, 250 + i * 38), line, font=_font(21), fill=(230, 236, 245))
    d.rectangle((80, 470, 300, 530), fill=(70, 90, 120))
    d.text((110, 484), "复位 RESET", font=_font(22, True), fill=(255, 255, 255))
    d.rectangle((500, 470, 720, 530), fill=(70, 90, 120))
    d.text((530, 484), "标定 CALIB.", font=_font(22, True), fill=(255, 255, 255))
    img = _photo_finish(img.rotate(2.2, resample=Image.Resampling.BICUBIC, fillcolor=(38, 40, 44)), seed=207)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80, exif=_exif(datetime(2026, 3, 27, 15, 31, 12, tzinfo=BERLIN)))
    return out.getvalue()


def nameplate_jpg() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (720, 480), (88, 92, 96))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((60, 50, 660, 430), radius=14, fill=(196, 200, 204), outline=(60, 60, 60), width=3)
    d.text((90, 70), "锐锋激光 RUIFENG LASER", font=_font(30, True), fill=(20, 20, 20))
    rows = [
        ("型号 Model", RF_MODEL),
        ("序列号 Serial No.", SN1),
        ("出厂日期 Date", "2025-12"),
        ("激光功率 Laser power", "6000 W"),
        ("电源 Power supply", "3~ 400 V 50 Hz 42 kVA"),
        ("重量 Weight", "9420 kg"),
    ]
    for i, (k, v) in enumerate(rows):
        d.text((90, 130 + i * 40), k, font=_font(20), fill=(40, 40, 40))
        d.text((350, 130 + i * 40), v, font=_font(21, True), fill=(10, 10, 10))
    d.text((560, 370), "CE", font=_font(40, True), fill=(20, 20, 20))
    d.text((90, 385), RF_NAME_ZH, font=_font(16), fill=(40, 40, 40))
    img = _photo_finish(img.rotate(-1.5, resample=Image.Resampling.BICUBIC, fillcolor=(88, 92, 96)), seed=87)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80, exif=_exif(datetime(2026, 2, 27, 10, 14, 3, tzinfo=BERLIN)))
    return out.getvalue()


def hmi_screenshot_png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (640, 400), (236, 238, 242))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 640, 30), fill=(32, 64, 128))
    d.text(
        (10, 4), "RF-CNC V3.3.0 — 调高器 / Height controller — 标定 Calibration", font=_font(15), fill=(255, 255, 255)
    )
    d.text((20, 45), "标定曲线 Calibration curve", font=_font(16, True), fill=(0, 0, 0))
    d.rectangle((20, 70, 620, 300), fill=(255, 255, 255), outline=(120, 120, 120))
    pts = [(30 + i * 6, 110 + (i * i) // 40) for i in range(30)] + [(210 + i * 6, 290) for i in range(65)]
    d.line(pts, fill=(200, 30, 30), width=2)
    d.text((30, 310), "Z 下降至 -2.915 mm，电容无变化 (0.00 pF)", font=_font(15), fill=(0, 0, 0))
    d.text((30, 335), "E-207 随动标定失败 Follow calibration failed", font=_font(15, True), fill=(190, 20, 20))
    d.text((30, 360), "HC fw HC-1.8 < required HC-2.1", font=_font(15), fill=(0, 0, 0))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def registry_screenshot_png() -> bytes:
    """Screenshot of the supplier's entry in the national enterprise credit registry, as a buyer
    saves it during due diligence (fictional entry, marked as a demo)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (900, 640), (245, 246, 248))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 900, 34), fill=(222, 225, 230))
    d.text((12, 8), "https://www.gsxt.gov.cn/  —  截图 2025-09-30 14:12", font=_font(14), fill=(60, 60, 60))
    d.rectangle((0, 34, 900, 86), fill=(178, 34, 34))
    d.text((24, 44), "国家企业信用信息公示系统", font=_font(26, True), fill=(255, 255, 255))
    d.text((24, 100), RF_NAME_ZH, font=_font(24, True), fill=(20, 20, 20))
    d.rounded_rectangle((24, 136, 104, 162), radius=6, fill=(46, 139, 87))
    d.text((36, 139), "存续", font=_font(17, True), fill=(255, 255, 255))
    rows = [
        ("统一社会信用代码", RF_USCC),
        ("企业名称", RF_NAME_ZH),
        ("类型", "有限责任公司（自然人投资或控股）"),
        ("法定代表人", "陈志强"),
        ("注册资本", "5000万元人民币"),
        ("成立日期", "2016年08月19日"),
        ("营业期限", "2016年08月19日 至 无固定期限"),
        ("登记机关", "深圳市市场监督管理局宝安监管局"),
        ("核准日期", "2025年06月12日"),
        ("登记状态", "存续（在营、开业、在册）"),
        ("住所", RF_ADDR_ZH),
        ("经营范围", "激光切割设备的研发、生产和销售；货物及技术进出口。"),
    ]
    for i, (k, v) in enumerate(rows):
        y = 180 + i * 34
        fill = (255, 255, 255) if i % 2 else (250, 250, 252)
        d.rectangle((24, y, 876, y + 34), outline=(210, 212, 216), fill=fill)
        d.text((36, y + 7), k, font=_font(16), fill=(90, 90, 90))
        d.text((220, y + 7), v, font=_font(16), fill=(15, 15, 15))
    d.text((700, 600), "DEMO 示例数据", font=_font(18, True), fill=(190, 190, 190))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


WHATSAPP_SYSTEM = (
    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann "
    "sie lesen oder anhören, nicht einmal WhatsApp. Tippe, um mehr zu erfahren."
)
# Jonas's phone (Europe/Berlin); the export carries no time zone and a two-digit year
WHATSAPP: list[tuple[datetime, str | None, str]] = [
    (berlin(2026, 4, 14, 11, 58), None, WHATSAPP_SYSTEM),
    (
        berlin(2026, 4, 14, 11, 58),
        "Jonas Reuter",
        "Hi Kevin, Jonas Reuter from Auerbach Feinblech. Laser 1 has been down since 27 March. "
        "Did you see my e-mail this morning? Please call me.",
    ),
    (
        berlin(2026, 4, 14, 12, 31),
        "Kevin Liu",
        "Hi Jonas, sorry I am at customer visit. I will check with engineer team and reply by email tonight",
    ),
    (berlin(2026, 4, 14, 12, 31), "Kevin Liu", "Don't worry my friend 👍"),
    (berlin(2026, 4, 17, 8, 12), "Jonas Reuter", "Kevin, still no rollback. You wrote it would come the next day."),
    (berlin(2026, 4, 17, 8, 40), "Kevin Liu", "Sorry, R&D need check the version. Engineer will send today"),
    (
        berlin(2026, 5, 21, 10, 58),
        "Jonas Reuter",
        f"Kevin, urgent: did your bank account change? We got an e-mail from finance@{RF_LOOKALIKE} "
        "with a Hong Kong account.",
    ),
    (berlin(2026, 5, 21, 10, 58), "Jonas Reuter", "<Medien ausgeschlossen>"),
    (berlin(2026, 5, 21, 11, 34), "Kevin Liu", "No!! We never change account. This is fake email. Don't pay"),
    (berlin(2026, 5, 21, 11, 35), "Kevin Liu", "I tell our IT now, I write you email also"),
    (
        berlin(2026, 7, 6, 10, 15),
        "Jonas Reuter",
        "Kevin, our managing director sent a formal complaint to Mr Chen this morning. Please make sure he reads it.",
    ),
    (berlin(2026, 7, 6, 14, 47), "Kevin Liu", "Received. I will report to my boss"),
    (berlin(2026, 7, 24, 13, 5), "Kevin Liu", "Hi Jonas, I sent you our proposal by email. Please check 🙏"),
    (berlin(2026, 9, 4, 11, 2), "Kevin Liu", "Jonas sorry, engineer visa problem. Visit after National Day"),
    (
        berlin(2026, 9, 4, 11, 15),
        "Jonas Reuter",
        "Kevin, that is not acceptable. Mr Chen promised September in writing.",
    ),
    (berlin(2026, 10, 12, 8, 30), "Jonas Reuter", "Kevin, is there a date for the engineer visit now?"),
]


def whatsapp_export_txt() -> bytes:
    """A WhatsApp chat export as Android writes it in a German locale ("dd.mm.yy, HH:MM - ")."""
    lines = []
    for at, who, text in WHATSAPP:
        stamp = f"{at:%d.%m.%y, %H:%M}"
        lines.append(f"{stamp} - {text}" if who is None else f"{stamp} - {who}: {text}")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------------------------
# Text attachments
# --------------------------------------------------------------------------------------------


def firmware_changelog_txt() -> bytes:
    """The supplier's change log, as a Windows GBK text file with CRLF (as Chinese tools write it)."""
    text = "\r\n".join(
        [
            "RF-CNC 数控系统 V3.3.0 更新说明",
            "发布日期：2026-03-20",
            "适用机型：RF-F3015 / RF-F4020 / RF-F6025 系列",
            "",
            "一、新增功能",
            "1. 新增蛙跳上抬功能，空程速度提升约15%。",
            "2. 新增共边切割工艺参数库。",
            "",
            "二、优化",
            "1. 优化穿孔工艺，厚板穿孔时间缩短约20%。",
            "2. 调高器通讯协议升级为 v2。注意：需配合调高器固件 HC-2.1 及以上版本使用。",
            "",
            "三、问题修复",
            "1. 修复长时间运行后报表统计错误的问题。",
            "2. 修复英文界面部分文字显示不全的问题。",
            "",
            "四、升级方式",
            "由售后工程师远程升级，升级时间约1小时，升级前请备份参数。",
            "",
            "English summary: V3.3.0 improve piercing and speed. Height controller protocol v2.",
            "",
        ]
    )
    return text.encode("gbk")


def controller_log_txt() -> bytes:
    """The controller's own log. Its clock was never changed from the factory's Beijing time."""
    lines = [
        "[2026-03-27 21:00:07] SYS  RF-CNC V3.2.7 build 20251118 running, HC link v1 OK",
        "[2026-03-27 21:00:41] NET  remote session opened (TeamViewer id 1 482 337 905)",
        "[2026-03-27 21:04:12] UPD  package RF-CNC_V3.3.0_20260320.rfp received (48 211 904 bytes)",
        "[2026-03-27 21:04:13] UPD  parameter backup -> D:\\RFCNC\\Backup\\20260327_210413",
        "[2026-03-27 21:05:02] UPD  installing V3.3.0 ...",
        "[2026-03-27 21:53:40] UPD  install finished, reboot requested",
        "[2026-03-27 21:55:18] SYS  RF-CNC V3.3.0 build 20260320 running",
        "[2026-03-27 21:55:19] HC   link protocol v2 requested, device answered v1 (fw HC-1.8)",
        "[2026-03-27 21:55:19] HC   WARN protocol mismatch, fallback mode",
        "[2026-03-27 21:58:02] NET  remote session closed",
        "[2026-03-27 22:02:03] HC   calibration start",
        "[2026-03-27 22:02:38] HC   capacitance 0.00 pF, no signal change",
        "[2026-03-27 22:02:41] AXIS Z following error, Z=-2.915 touch detected",
        "[2026-03-27 22:02:41] ALM  E-207 Follow calibration failed",
        "[2026-03-27 22:05:10] SYS  emergency stop by operator",
        "[2026-03-27 22:21:44] HC   calibration start",
        "[2026-03-27 22:22:19] ALM  E-207 Follow calibration failed",
        "[2026-03-27 22:47:02] HC   calibration start",
        "[2026-03-27 22:47:37] ALM  E-207 Follow calibration failed",
        "[2026-03-27 23:09:55] HC   calibration start",
        "[2026-03-27 23:10:30] ALM  E-207 Follow calibration failed",
        "[2026-03-27 23:11:02] SYS  shutdown",
        "",
    ]
    return "\r\n".join(lines).encode("ascii")


# --------------------------------------------------------------------------------------------
# DOCX and XLSX (ZIP members get fixed timestamps so the files are reproducible)
# --------------------------------------------------------------------------------------------


def normalize_zip(data: bytes, stamp: datetime) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            member = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the current time on save: pin it
                member = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                    member,
                )
            dst.writestr(zi, member)
    return out.getvalue()


def service_terms_docx() -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Noto Sans CJK SC"
    style.font.size = Pt(10)
    cp = doc.core_properties
    cp.author = "赵喆 Zhao Zhe"
    cp.title = "锐锋激光售后服务条款（2026版）/ Ruifeng After-sales Service Terms 2026 v2.0"
    cp.created = datetime(2026, 5, 8, 2, 10, tzinfo=UTC).replace(tzinfo=None)
    cp.modified = datetime(2026, 5, 11, 7, 45, tzinfo=UTC).replace(tzinfo=None)
    cp.last_modified_by = "赵喆"
    cp.revision = 3
    cp.comments = ""
    doc.add_heading("锐锋激光售后服务条款（2026版）", 0)
    doc.add_heading("Ruifeng Laser After-sales Service Terms 2026 (v2.0)", 1)
    paras = [
        (
            "生效日期：2026年6月1日。本条款适用于所有海外客户，替代此前的售后服务承诺。",
            "Effective date: 1 June 2026. These terms apply to all overseas customers and replace "
            "previous after-sales service commitments.",
        ),
        (
            "1. 免费远程支持：设备调试验收后3个月内免费提供远程支持。",
            "1. Free remote support: for 3 months after acceptance of commissioning.",
        ),
        (
            "2. 此后远程支持须购买“远程服务计划”：基础版每台每年1,800欧元，响应时间为2个工作日；"
            "高级版每台每年3,200欧元，响应时间为1个工作日。",
            "2. After that, remote support requires a Remote Service Plan: Basic EUR 1,800 per machine "
            "per year, response within 2 working days; Premium EUR 3,200 per machine per year, "
            "response within 1 working day.",
        ),
        (
            "3. 上门服务：每人每天650欧元，另加往返机票及食宿费用。",
            "3. On-site service: EUR 650 per engineer per day plus flights, accommodation and meals.",
        ),
        (
            "4. 工作时间：北京时间周一至周五9:00–18:00，中国法定节假日休息。",
            "4. Working hours: Monday–Friday 09:00–18:00 Beijing time; closed on PRC public holidays.",
        ),
        (
            "5. 固件升级：由卖方决定升级时间，升级造成的调试费用由客户承担。",
            "5. Firmware upgrades: timing decided by the Seller; commissioning costs caused by "
            "upgrades are borne by the customer.",
        ),
        (
            "6. 未购买服务计划的客户，卖方不保证响应时间。",
            "6. For customers without a service plan the Seller does not guarantee any response time.",
        ),
        (
            "7. 本条款由深圳市锐锋激光智能装备有限公司负责解释。",
            "7. Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd. reserves the right of final "
            "interpretation of these terms.",
        ),
    ]
    for zh, en in paras:
        doc.add_paragraph(zh)
        doc.add_paragraph(en)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["计划 Plan", "价格 Price", "响应 Response", "渠道 Channels"], strict=True
    ):
        cell.text = text
    for row in [
        ["基础版 Basic", "EUR 1,800 / 台·年", "2 个工作日 working days", "Email"],
        ["高级版 Premium", "EUR 3,200 / 台·年", "1 个工作日 working day", "Email, WeChat, TeamViewer"],
    ]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.add_paragraph("售后服务部  赵喆    2026年5月11日")
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue(), datetime(2026, 5, 11, 7, 45))


DOWNTIME_EVENTS = [
    # ticket, serial, stopped, restarted, cause, messages
    (
        "FR-2026-014",
        SN1,
        berlin(2026, 3, 27, 15, 5),
        berlin(2026, 6, 8, 18, 0),
        "E-207 after firmware V3.3.0 (remote upgrade by supplier); rollback 20.04 incomplete; "
        "height controller module replaced 08.06",
        "sr-e207",
    ),
    ("FR-2026-031", SN1, berlin(2026, 6, 18, 9, 40), berlin(2026, 6, 18, 11, 10), "E-207 recurrence", "sr-e207"),
    ("FR-2026-032", SN1, berlin(2026, 6, 18, 14, 25), berlin(2026, 6, 18, 16, 0), "E-207 recurrence", "sr-e207"),
    ("FR-2026-035", SN1, berlin(2026, 6, 24, 7, 15), berlin(2026, 6, 24, 9, 5), "E-207 recurrence", "sr-e207"),
    (
        "FR-2026-058",
        SN2,
        berlin(2026, 9, 30, 13, 50),
        berlin(2026, 10, 8, 9, 45),
        "E-311 laser communication timeout; cable reseated on supplier's advice",
        "sr-e311",
    ),
    (
        "FR-2026-019",
        HT_SN,
        berlin(2026, 4, 21, 7, 30),
        berlin(2026, 4, 21, 10, 5),
        "Press brake alarm 24 (R axis soft limit); parameter fixed on Hengtuo's advice",
        "sr-ht-alarm24",
    ),
]


def downtime_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Downtime 2026"
    header = [
        "Ticket",
        "Machine serial",
        "Stopped at (Europe/Berlin)",
        "Restarted at (Europe/Berlin)",
        "Downtime hours",
        "Production hours lost (2 shifts, Mon-Fri)",
        "Cause",
        "Support request",
    ]
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    for ticket, serial, start, end, cause, sr in DOWNTIME_EVENTS:
        hours = Decimal((end - start).total_seconds()) / Decimal(3600)
        ws.append(
            [
                ticket,
                serial,
                start.isoformat(),
                end.isoformat(),
                float(round(hours, 2)),
                float(round(production_hours_lost(start, end), 2)),
                cause,
                sr,
            ]
        )
    ws2 = wb.create_sheet("Costs")
    ws2.append(["Date", "Item", "Amount", "Currency", "Evidence"])
    for c in ws2[1]:
        c.font = Font(bold=True)
    for row in [
        [
            "2026-05-22",
            f"RF-HC200 height controller module, {PI_NO}, paid under protest",
            "2350.00",
            "EUR",
            "documents/payment_2026-05-22_spare-part-under-protest.pdf",
        ],
        [
            "2026-04-30",
            "External laser cutting bought from Lasertechnik Sulz GmbH, April",
            "8420.00",
            "EUR",
            "invoice on file",
        ],
        [
            "2026-05-29",
            "External laser cutting bought from Lasertechnik Sulz GmbH, May",
            "11260.00",
            "EUR",
            "invoice on file",
        ],
        [
            "2026-06-10",
            "External laser cutting bought from Lasertechnik Sulz GmbH, 1-8 June",
            "2870.00",
            "EUR",
            "invoice on file",
        ],
        ["2026-03-27", "Nozzle and ceramic ring replaced after E-207 crash", "64.50", "EUR", "FR-2026-014"],
    ]:
        ws2.append(row)
    ws2.append([])
    ws2.append(["Amounts are text with two decimals on purpose: money is exact (Decimal), not floating point."])
    for sheet in (ws, ws2):
        for col in sheet.columns:
            width = max(len(str(c.value or "")) for c in col)
            sheet.column_dimensions[col[0].column_letter].width = min(60, width + 2)
    wb.properties.creator = "Mehmet Yilmaz"
    wb.properties.created = datetime(2026, 3, 30, 7, 0)
    wb.properties.modified = datetime(2026, 10, 12, 8, 0)
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue(), datetime(2026, 10, 12, 8, 0))


def production_hours_lost(start: datetime, end: datetime) -> Decimal:
    """Hours of the buyer's two-shift plan inside [start, end): Mon-Fri 06:00-22:00 Europe/Berlin,
    except public holidays in Baden-Wuerttemberg (the buyer's calendar, not the supplier's)."""
    import holidays

    bw = holidays.country_holidays("DE", subdiv="BW", years=range(2025, 2028))
    total = Decimal(0)
    day = start.astimezone(BERLIN).date()
    while day <= end.astimezone(BERLIN).date():
        if day.weekday() < 5 and day not in bw:
            s = datetime(day.year, day.month, day.day, 6, tzinfo=BERLIN)
            e = datetime(day.year, day.month, day.day, 22, tzinfo=BERLIN)
            lo, hi = max(s, start), min(e, end)
            if hi > lo:
                total += Decimal(int((hi - lo).total_seconds())) / Decimal(3600)
        day += timedelta(days=1)
    return total


# --------------------------------------------------------------------------------------------
# Mail: the model of one message, and how it becomes RFC 5322 bytes
# --------------------------------------------------------------------------------------------


@dataclass
class Att:
    filename: str
    data: bytes
    ctype: str  # "application/pdf", "image/jpeg", "text/plain; charset=gbk", ...
    # How the file name is written: "ascii"; "rfc2231-utf-8" / "rfc2231-gbk" (filename*=);
    # "rfc2047-gbk" / "rfc2047-utf-8" (an encoded word inside the quoted filename="...", not
    # standard but what Foxmail and Outlook send).
    style: str = "ascii"


@dataclass
class Mail:
    key: str  # slug; also the file name's tail
    at: datetime  # the Date header, in the sender's zone
    sender: Person
    to: list[Person]
    subject: str
    body: str
    cc: list[Person] = field(default_factory=list)
    parent: str | None = None  # key of the message this one answers (In-Reply-To/References)
    # Body charset: "utf-8", "gbk", "gb18030", or "gb2312*" (labelled gb2312 but encoded as GBK,
    # with characters outside GB2312, as real Chinese mail servers do)
    charset: str = "utf-8"
    cte: str = "base64"  # "base64" or "quoted-printable" (utf-8 only)
    # Subject encoding: "utf-8", "gbk", "gb18030", "gb2312*" (label gb2312, bytes GBK), or
    # "raw-gbk" (8-bit GBK bytes in the header, no RFC 2047 at all)
    subject_charset: str = "utf-8"
    html: bool = False  # also an HTML alternative (Coremail / Foxmail style)
    html_extra: str = ""  # raw HTML put before the text (e.g. a remote image a viewer must not load)
    attachments: list[Att] = field(default_factory=list)
    forward: str | None = None  # key of a message attached whole (message/rfc822)
    extra_headers: list[tuple[str, str]] = field(default_factory=list)
    quote: bool = True  # quote the parent below the text, as mail clients do
    sr: str | None = None  # support request this message belongs to
    note: str = ""  # what the message shows (evidence description)
    reply_to: Person | None = None


def org_of(p: Person) -> str:
    domain = p.email.split("@")[1]
    return {
        BUYER_DOMAIN: "buyer",
        RF_DOMAIN: "ruifeng",
        RF_LOOKALIKE: "fraud",
        HT_DOMAIN: "hengtuo",
        COUNSEL_DOMAIN: "counsel",
    }[domain]


def _zone_name(dt: datetime) -> str:
    return dt.tzname() or ""


def _rfc2822(dt: datetime) -> str:
    return f"{format_datetime(dt)} ({_zone_name(dt)})"


def _codec(cs: str) -> tuple[str, str]:
    """(Python codec for the bytes, label written in the message)."""
    if cs == "gb2312*":
        return "gbk", "gb2312"
    return cs, cs


def encode_words(text: str, cs: str, header_name: str = "Subject") -> str:
    """RFC 2047 encoded words for a header text, in the given charset (label may lie, see _codec)."""
    if text.isascii():
        return text
    codec, label = _codec(cs)
    enc = Header(text, codec, maxlinelen=76, header_name=header_name).encode()
    upper = {"utf-8": "UTF-8", "gbk": "GBK", "gb18030": "GB18030", "gb2312": "gb2312"}[label]
    return enc.replace(f"=?{codec}?", f"=?{upper}?")


def addr(p: Person, cs: str) -> str:
    name = p.display()
    if name.isascii():
        return formataddr((name, p.email))
    return f"{encode_words(name, cs, 'From')} <{p.email}>"


def body_part(text: str, cs: str, cte: str, subtype: str = "plain") -> Message:
    codec, label = _codec(cs)
    # A client writing in a legacy charset turns characters it cannot encode (quoted text) into "?".
    text = text.encode(codec, errors="replace").decode(codec)
    charset = Charset(codec)
    if cte == "quoted-printable":
        charset.body_encoding = QP
    part = MIMEText(text, subtype, charset)  # type: ignore[arg-type]  # a Charset works (stdlib docs)
    if label != codec:
        part.set_param("charset", label)
    return part


def _html(text: str, charset: str, extra: str = "") -> str:
    import html

    label = {"gb2312*": "GBK", "gbk": "GBK", "gb2312": "GB2312", "gb18030": "GB18030", "big5": "Big5"}.get(
        charset, "UTF-8"
    )
    paras = "".join(f"<div>{html.escape(line) if line.strip() else '<br>'}</div>" for line in text.split("\n"))
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={label}"></head>'
        f'<body>{extra}<div style="line-height:1.7;font-size:14px;font-family:Arial">{paras}</div></body></html>'
    )


def attachment_part(att: Att) -> Message:
    maintype, _, rest = att.ctype.partition("/")
    subtype = rest.split(";")[0].strip()
    if maintype == "image":
        part: Message = MIMEImage(att.data, subtype)
    elif maintype == "application":
        part = MIMEApplication(att.data, subtype)
    else:
        part = MIMEBase(maintype, subtype)
        if "charset=" in rest:
            part.set_param("charset", rest.split("charset=")[1].strip())
        part.set_payload(base64.encodebytes(att.data).decode("ascii"))
        part["Content-Transfer-Encoding"] = "base64"
    style = att.style
    if style == "ascii":
        part.set_param("name", att.filename)
        part.add_header("Content-Disposition", "attachment", filename=att.filename)
    elif style.startswith("rfc2231-"):
        cs = style.removeprefix("rfc2231-")
        part.set_param("name", att.filename, charset=cs)
        part.add_header("Content-Disposition", "attachment", filename=(cs, "", att.filename))
    elif style.startswith("rfc2047-"):
        cs = style.removeprefix("rfc2047-")
        word = Header(att.filename, cs, maxlinelen=10_000).encode()
        word = word.replace(f"=?{cs}?", f"=?{cs.upper()}?")
        part.set_param("name", word)
        part.add_header("Content-Disposition", "attachment", filename=word)
    else:
        raise ValueError(f"unknown attachment name style {style!r}")
    return part


def message_id(m: Mail) -> str:
    h = digest("msgid", m.key, n=40)
    org = org_of(m.sender)
    local, domain = m.sender.email.split("@")
    if org == "ruifeng":
        return f"<{h[:8]}.{h[8:12]}.{h[12:23]}.Coremail.{local}@{domain}>"
    if org == "hengtuo":
        return f"<{m.at:%Y%m%d%H%M%S}{int(h[:8], 16) % 10**7:07d}@{domain}>"
    if org == "fraud":
        return f"<{h[:20]}@{domain}>"
    return f"<{uuid.UUID(h[:32])}@{BUYER_DOMAIN}>"


def mailer(m: Mail) -> tuple[str, str]:
    org = org_of(m.sender)
    if org == "ruifeng":
        return "X-Mailer", "Coremail Webmail Server Version XT5.0.14 build 20230109(1ccd2cbc)"
    if org == "hengtuo":
        return "X-Mailer", "Foxmail 7.2.25.228[cn]"
    if org == "fraud":
        return "X-Mailer", "Microsoft Outlook 16.0"
    return "User-Agent", "Mozilla Thunderbird"


def received_headers(m: Mail) -> list[tuple[str, str]]:
    """The Received chain as the buyer's mail server stored it (newest first)."""
    org = org_of(m.sender)
    sid = digest("smtp", m.key, n=14).upper()
    rcpt = next((p.email for p in [*m.to, *m.cc] if org_of(p) == "buyer"), None)
    if org == "buyer":
        if all(org_of(p) == "buyer" for p in [*m.to, *m.cc]):
            # internal mail: submitted to and delivered by our own server
            t = (m.at + timedelta(seconds=2)).astimezone(BERLIN)
            return [
                (
                    "Received",
                    f"from [10.20.1.{40 + len(m.key) % 30}] (unknown [10.20.1.{40 + len(m.key) % 30}])\n"
                    f"\tby mail.{BUYER_DOMAIN} (Postfix) with ESMTPSA id 4f{sid[:10]}\n"
                    f"\tfor <{rcpt}>; {_rfc2822(t)}",
                )
            ]
        return []  # a copy from the Sent folder: it never passed a receiving server
    t_in = (m.at + timedelta(seconds=7 + len(m.key) % 40)).astimezone(BERLIN)
    t_out = m.at + timedelta(seconds=1 + len(m.key) % 3)
    if org == "ruifeng":
        hops = [
            f"from mail.{RF_DOMAIN} (mail.{RF_DOMAIN} [203.0.113.45])\n"
            f"\tby mx01.{BUYER_DOMAIN} (Postfix) with ESMTPS id 4f{sid[:10]}\n"
            f"\tfor <{rcpt}>; {_rfc2822(t_in)}",
            f"from {m.sender.email.split('@')[0]}$ruifenglaser.com "
            f"( [113.88.{len(m.key) % 200}.{17 + len(m.key) % 90}] ) by\n"
            f"\tajax-webmail-mail (Coremail) ; {_rfc2822(t_out.astimezone(SHANGHAI))}",
        ]
    elif org == "hengtuo":
        hops = [
            f"from smtpbg.{HT_DOMAIN} (smtpbg.{HT_DOMAIN} [203.0.113.120])\n"
            f"\tby mx01.{BUYER_DOMAIN} (Postfix) with ESMTPS id 4f{sid[:10]}\n"
            f"\tfor <{rcpt}>; {_rfc2822(t_in)}",
            f"from DESKTOP-HT{sid[:4]} ( [122.227.{len(m.key) % 200}.{30 + len(m.key) % 90}])\n"
            f"\tby smtpbg.{HT_DOMAIN} (ESMTP) with SMTP id {sid}; {_rfc2822(t_out.astimezone(SHANGHAI))}",
        ]
    elif org == "fraud":
        hops = [
            f"from mail.{RF_LOOKALIKE} (vps-21487.hosting-cloud.example [198.51.100.77])\n"
            f"\tby mx01.{BUYER_DOMAIN} (Postfix) with ESMTPS id 4f{sid[:10]}\n"
            f"\tfor <{rcpt}>; {_rfc2822(t_in)}",
            f"from [192.0.2.144] (unknown [192.0.2.144])\n"
            f"\tby mail.{RF_LOOKALIKE} (Postfix) with ESMTPA id {sid[:11]}; "
            f"{_rfc2822(t_out.astimezone(ZoneInfo('Africa/Lagos')))}",
        ]
    else:
        raise ValueError(org)
    auth = {
        "ruifeng": f"spf=pass smtp.mailfrom={RF_DOMAIN}; dkim=pass header.d={RF_DOMAIN};\n\t"
        f"dmarc=pass header.from={RF_DOMAIN}",
        "hengtuo": f"spf=pass smtp.mailfrom={HT_DOMAIN}; dkim=pass header.d={HT_DOMAIN};\n\t"
        f"dmarc=pass header.from={HT_DOMAIN}",
        "fraud": f"spf=pass smtp.mailfrom={RF_LOOKALIKE}; dkim=none; dmarc=none header.from={RF_LOOKALIKE}",
    }[org]
    return [("Received", hops[0]), ("Received", hops[1]), ("Authentication-Results", f"mx01.{BUYER_DOMAIN};\n\t{auth}")]


def _first_lines(text: str, n: int = 14) -> list[str]:
    lines = text.rstrip("\n").split("\n")
    return lines[:n] + (["[…]"] if len(lines) > n else [])


WEEKDAYS_ZH = "一二三四五六日"


def quote_block(child: Mail, parent: Mail) -> str:
    """Quote the parent the way the child's mail client would."""
    org = org_of(child.sender)
    lines = _first_lines(parent.body)
    if org in ("ruifeng", "hengtuo") and child.sender.name != "Kevin Liu":
        t = parent.at.astimezone(SHANGHAI)
        to = "; ".join(f'"{p.display()}"<{p.email}>' for p in parent.to)
        head = [
            "------------------ 原始邮件 ------------------",
            f'发件人: "{parent.sender.display()}"<{parent.sender.email}>',
            f"发送时间: {t.year}年{t.month}月{t.day}日(星期{WEEKDAYS_ZH[t.weekday()]}) {t:%H:%M}",
            f"收件人: {to}",
            f"主题: {parent.subject}",
            "",
        ]
        return "\n\n\n" + "\n".join(head + lines)
    if org in ("ruifeng", "hengtuo", "fraud"):  # Kevin (and the impostor) use Outlook in English
        t = parent.at.astimezone(SHANGHAI)
        head = [
            "",
            "-----Original Message-----",
            f"From: {parent.sender.name} <{parent.sender.email}>",
            f"Sent: {t:%A, %B} {t.day}, {t:%Y %I:%M %p}",
            f"To: {'; '.join(p.name for p in parent.to)}",
            f"Subject: {parent.subject}",
            "",
        ]
        return "\n\n" + "\n".join(head + lines)
    t = parent.at.astimezone(BERLIN)
    name = parent.sender.name
    return f"\n\nAm {t:%d.%m.%Y} um {t:%H:%M} schrieb {name}:\n" + "\n".join(
        "> " + line if line else ">" for line in lines
    )


def _set_boundaries(msg: Message, m: Mail) -> None:
    org = org_of(m.sender)
    for i, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        h = digest("boundary", m.key, i, n=24)
        if org in ("ruifeng",):
            b = f"----=_Part_{int(h[:6], 16) % 900000 + 100000}_{int(h[6:14], 16)}.{1774000000000 + i}"
        elif org == "hengtuo":
            b = f"----=_NextPart_{h[:6].upper()}_{h[6:14].upper()}_{h[14:22].upper()}"
        elif org == "fraud":
            b = f"_00{i}_{h.upper()}_"
        else:
            b = f"------------{h}"
        part.set_boundary(b)


def build_mail(m: Mail, by_key: dict[str, Mail], raw_by_key: dict[str, bytes]) -> bytes:
    parent = by_key[m.parent] if m.parent else None
    text = m.body
    if parent is not None and m.quote:
        text = text.rstrip("\n") + quote_block(m, parent)
    text = text.rstrip("\n") + "\n"
    body: Message = body_part(text, m.charset, m.cte)
    if m.html:
        alt = MIMEMultipart("alternative")
        alt.attach(body)
        alt.attach(body_part(_html(text, m.charset, m.html_extra), m.charset, m.cte, "html"))
        body = alt
    if m.attachments or m.forward:
        root: Message = MIMEMultipart("mixed")
        root.attach(body)
        for att in m.attachments:
            root.attach(attachment_part(att))
        if m.forward:
            fwd = MIMEMessage(__import__("email").message_from_bytes(raw_by_key[m.forward], policy=policy.compat32))
            fname = by_key[m.forward].subject.replace("/", "_").replace(":", "_")[:60] + ".eml"
            fwd.add_header("Content-Disposition", "attachment", filename=("utf-8", "", fname))
            root.attach(fwd)
    else:
        root = body
    _set_boundaries(root, m)

    content = [(k, v) for k, v in root.items()]
    for k in {k for k, _ in content}:
        del root[k]
    hs = m.subject_charset
    headers: list[tuple[str, str]] = list(received_headers(m))
    headers.append(("Date", format_datetime(m.at)))
    headers.append(("From", addr(m.sender, hs if hs != "raw-gbk" else "gbk")))
    headers.append(("To", ", ".join(addr(p, hs if hs != "raw-gbk" else "gbk") for p in m.to)))
    if m.cc:
        headers.append(("Cc", ", ".join(addr(p, hs if hs != "raw-gbk" else "gbk") for p in m.cc)))
    if m.reply_to:
        headers.append(("Reply-To", addr(m.reply_to, "utf-8")))
    subj_placeholder = "__RAW_SUBJECT__"
    if hs == "raw-gbk":
        headers.append(("Subject", subj_placeholder))
    else:
        headers.append(("Subject", encode_words(m.subject, hs)))
    headers.append(("Message-ID", message_id(m)))
    if parent is not None:
        refs = references(parent, by_key)
        headers.append(("In-Reply-To", message_id(parent)))
        headers.append(("References", "\n\t".join(refs)))
    headers.append(mailer(m))
    headers.extend(m.extra_headers)
    for k, v in headers + content:
        root[k] = v
    raw = root.as_bytes(policy=CRLF)
    if hs == "raw-gbk":
        raw = raw.replace(subj_placeholder.encode(), m.subject.encode("gbk"), 1)
    return raw


def references(parent: Mail, by_key: dict[str, Mail]) -> list[str]:
    chain: list[str] = []
    cur: Mail | None = parent
    while cur is not None:
        chain.append(message_id(cur))
        cur = by_key[cur.parent] if cur.parent else None
    chain.reverse()
    # mail clients shorten long chains but keep the thread root (RFC 5322 section 3.6.4)
    return chain if len(chain) <= 10 else [chain[0], *chain[-9:]]


# --------------------------------------------------------------------------------------------
# Small attachments generated for single messages
# --------------------------------------------------------------------------------------------


def hengtuo_quotation_pdf() -> bytes:
    pdf = new_pdf(
        "Quotation HT-Q-260908",
        HT_NAME_EN,
        datetime(2026, 9, 8, 16, 5, tzinfo=SHANGHAI),
        header=f"{HT_NAME_ZH} {HT_NAME_EN}",
    )
    pdf_title(pdf, "QUOTATION 报价单", size=13)
    pdf_kv(
        pdf,
        [
            ("No.", "HT-Q-260908"),
            ("Date", "2026-09-08"),
            ("Customer", BUYER_NAME),
            ("Machine", f"{HT_MODEL}, SN {HT_SN}"),
            ("Validity", "30 days"),
        ],
    )
    pdf_table(
        pdf,
        [
            ["Item", "Qty", "Price USD"],
            ["Hydraulic seal kit, Y1/Y2 cylinders 油缸密封件套装", "1", "298.00"],
            ["Express freight (DHL) 快递费", "1", "88.00"],
            ["Total", "", "386.00"],
        ],
        widths=[120, 20, 34],
    )
    pdf_para(pdf, "Delivery: 5 working days after order. Payment: T/T in advance.")
    return pdf_bytes(pdf)


def hengtuo_manual_en_pdf() -> bytes:
    pdf = new_pdf(
        "HT-NC8 controller update 2.4 — operator notes",
        HT_NAME_EN,
        datetime(2026, 8, 20, 9, 0, tzinfo=SHANGHAI),
        header="HT-NC8 CNC controller — English",
    )
    pdf_title(pdf, "HT-NC8 controller, software 2.4", "Operator notes (English)", size=12)
    for head, text in [
        (
            "1. What is new",
            "Crowning table for 3200 mm machines; angle correction database per "
            "material; R-axis soft limit adjustable in parameter P1.27 for the extended stroke option.",
        ),
        (
            "2. Before the update",
            "Back up the parameters (Service > Backup). The update is installed "
            "only after the customer's written consent (contract Art. 3.4). Duration: about 20 minutes.",
        ),
        (
            "3. Alarms",
            "Alarm 24: R-axis software limit. Check P1.27 against the installed stroke "
            "(standard 160 mm, extended 250 mm). Alarm 31: Y1/Y2 synchronisation, check the linear scales.",
        ),
    ]:
        pdf_heading(pdf, head)
        pdf_para(pdf, text)
    return pdf_bytes(pdf)


# --------------------------------------------------------------------------------------------
# The correspondence
# --------------------------------------------------------------------------------------------

SIG_MEHMET = """
Best regards
Mehmet Yilmaz
Maintenance / After-sales engineering
Auerbach Feinblech GmbH - Gewerbering 7 - 72108 Rottenburg am Neckar - Germany
Tel. +49 7472 98 31 42 - m.yilmaz@auerbach-feinblech.de
"""
SIG_JONAS = """
Best regards
Jonas Reuter
Head of Purchasing
Auerbach Feinblech GmbH - Gewerbering 7 - 72108 Rottenburg am Neckar - Germany
Tel. +49 7472 98 31 20 - j.reuter@auerbach-feinblech.de
"""
SIG_KATRIN = """
Katrin Albers
Managing Director
Auerbach Feinblech GmbH - Gewerbering 7 - 72108 Rottenburg am Neckar - Germany
Tel. +49 7472 98 31 10 - k.albers@auerbach-feinblech.de
"""
SIG_LENA = """
Kind regards
Lena Hoffmann
Accounting
Auerbach Feinblech GmbH - Tel. +49 7472 98 31 30
"""
SIG_WANG = """
王磊 Wang Lei
售后工程师 After-sales Engineer
深圳市锐锋激光智能装备有限公司
Tel: +86 138 2651 4470   WeChat: rf_wanglei
"""
SIG_KEVIN = """
Best regards
Kevin Liu 刘洋
International Sales Manager
Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd.
Mob/WhatsApp/WeChat: +86 139 2874 0315
www.ruifenglaser.com
"""

SUBJ_MANUAL = f"Request: English operation and maintenance manual RF-F3015 (SN {SN1} / {SN2})"
SUBJ_FW = "【固件升级通知】RF-CNC V3.3.0 / Firmware upgrade notice"
SUBJ_E207 = f"URGENT: Laser 1 (SN {SN1}) down after firmware V3.3.0 – alarm E-207"
SUBJ_TERMS = "关于售后服务政策调整的通知 / Notice of after-sales service policy adjustment"
SUBJ_COMPLAINT = (
    f"Formal complaint and demand to cure – Contract {CONTRACT_NO} / 关于合同{CONTRACT_NO}的正式投诉及限期补救通知"
)
SUBJ_GM = f"Escalation to the General Manager – cure period expired – Contract {CONTRACT_NO} / 致总经理：补救期限已届满"
SUBJ_E311 = f"Laser 2 (SN {SN2}) stopped – alarm E-311 laser communication timeout"
SUBJ_HT = f"Press brake {HT_MODEL} SN {HT_SN} – alarm 24 on R axis"
SUBJ_HT_SEALS = f"Quotation request: hydraulic seal kit and English manual update, SN {HT_SN}"

AUTO_REPLY = [("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes")]

COMPLAINT_EN = f"""Dear Mr Chen,

We write to you as the legal representative and general manager of {RF_NAME_EN} concerning Sales
Contract {CONTRACT_NO} of 14 October 2025 and Amendment No. 1 of 3 December 2025 (two fibre laser
cutting machines {RF_MODEL}, serial numbers {SN1} and {SN2}).

Your company is in breach of the contract:

1. Technical support (Art. 6.1; Art. 6.5 added by Amendment No. 1): our support request of
27 March 2026 (laser 1, alarm E-207 after your remote firmware upgrade) was first answered only
with "received, will check". The machine was down for 73 days, until 8 June 2026, and the fault
has returned since 18 June 2026. Our messages of 31 March, 30 April and 29 June 2026 received no
answer or only an acknowledgement.

2. Documentation (Art. 6.3): the English operation and maintenance manual, requested on
27 February and 16 March 2026 and recorded as an open item in the commissioning report of
13 March 2026, has still not been delivered.

3. Unilateral change of terms: your notice of 11 May 2026 makes remote support chargeable. It
contradicts Art. 6.5 (free remote support during the warranty period) and Art. 13.2 (amendments
only in writing, signed by both parties). We do not accept it.

4. Warranty (Art. 5.2, 5.3): you charged EUR 2,350.00 for the RF-HC200 module that was damaged
by your firmware upgrade. We paid it under protest on 22 May 2026.

We demand that you, by 31 July 2026 at the latest:
a) permanently remedy the E-207 fault on laser 1 ({SN1});
b) deliver the complete English operation and maintenance manual;
c) confirm in writing that remote support remains free of charge during the warranty period as
   agreed, and that the Service Terms 2026 do not apply to our machines;
d) refund EUR 2,350.00.

If you do not cure these breaches by that date, we will claim compensation for all our losses,
including the cost of subcontracted laser cutting, and we reserve all further rights, including
termination of the contract as regards laser 1.

Please confirm receipt of this letter.
"""

COMPLAINT_ZH = f"""尊敬的陈总：

我司现致函贵司法定代表人兼总经理，事关2025年10月14日签订的销售合同（编号{CONTRACT_NO}）及2025年12月3日签订的补充协议一（光纤激光切割机{RF_MODEL}两台，序列号{SN1}及{SN2}）。

贵司存在以下违约行为：

一、技术支持（合同第6.1条；补充协议一增加的第6.5条）：我司于2026年3月27日提出的支持请求（1号激光切割机在贵司远程固件升级后出现E-207报警），贵司仅回复“收到，我们会检查”。设备停机73天，直至2026年6月8日，且自2026年6月18日起故障再次出现。我司2026年3月31日、4月30日及6月29日的邮件未获答复或仅获确认收到。

二、技术资料（合同第6.3条）：英文操作及维护说明书，我司已于2026年2月27日及3月16日提出要求，并记录于2026年3月13日调试验收报告的遗留问题中，至今仍未提供。

三、单方变更条款：贵司2026年5月11日的通知将远程支持改为收费服务，违反第6.5条（质保期内免费远程支持）及第13.2条（合同修改须以书面形式作出并经双方签字盖章）。我司不予接受。

四、质量保证（合同第5.2条、第5.3条）：对于因贵司固件升级而损坏的RF-HC200模块，贵司收取了2,350.00欧元。我司已于2026年5月22日在保留异议的情况下支付。

我司要求贵司于2026年7月31日前：
（一）彻底排除1号激光切割机（{SN1}）的E-207故障；
（二）提供完整的英文操作及维护说明书；
（三）书面确认质保期内远程支持按约定免费，且《售后服务条款（2026版）》不适用于我司设备；
（四）退还2,350.00欧元。

如贵司未能在上述期限内补救，我司将要求赔偿全部损失（包括外协激光切割费用），并保留包括就1号设备解除合同在内的一切权利。

请确认收到本函。
"""

GM_EN = """Dear Mr Chen,

The period set in our letter of 6 July 2026 expired on 31 July 2026 without any of our four demands
being met. The proposal of 24 July 2026 (Mr Liu) is not a remedy: it asks us to pay for a site
visit and for remote support that the contract already includes, and it refuses the refund.

We therefore turn to you personally. Unless we receive by 14 August 2026 a written confirmation
signed by you that
(a) your engineer will repair laser 1 on site at your cost in August 2026,
(b) the English manual will be delivered by 31 August 2026,
(c) remote support remains free of charge during the warranty period, and
(d) EUR 2,350.00 will be refunded,
we will instruct our lawyers and claim compensation for all our losses.
"""

GM_ZH = """尊敬的陈总：

我司2026年7月6日函件所设定的期限已于2026年7月31日届满，我司的四项要求均未得到满足。2026年7月24日刘先生提出的方案并非补救措施：该方案要求我司为合同已包含的上门服务及远程支持付费，并拒绝退款。

因此我司直接致函您本人。如我司未能在2026年8月14日前收到您签字的书面确认，确认
（一）贵司工程师将于2026年8月到我司现场维修1号设备，费用由贵司承担；
（二）英文说明书将于2026年8月31日前提供；
（三）质保期内远程支持免费；
（四）退还2,350.00欧元，
我司将委托律师并要求赔偿全部损失。
"""


def re_(subject: str, prefix: str = "Re: ") -> str:
    return subject if subject.lower().startswith(("re:", "回复")) else prefix + subject


def correspondence() -> list[Mail]:
    m: list[Mail] = []
    add = m.append

    # ---- before the dispute: payment, shipment, arrival --------------------------------------
    add(
        Mail(
            "balance-remittance",
            berlin(2026, 1, 7, 10, 12),
            LENA,
            [HUANG, KEVIN],
            cc=[JONAS],
            subject=f"Balance payment 70 % – Contract {CONTRACT_NO} / remittance advice",
            body=f"""Dear Ms Huang, dear Kevin,

today we transferred the balance of EUR 207,900.00 (70 %) for contract {CONTRACT_NO} to your
account at China Merchants Bank, Shenzhen Branch, A/C {RF_BANK["account"]}, value date 07.01.2026,
charges shared. Bank reference NVB2601070021958.

Please confirm receipt and ship the machines by 15 January 2026 as agreed in Amendment No. 1.
{SIG_LENA}""",
            cte="quoted-printable",
            note="Buyer's remittance advice for the 70 % balance; names the genuine beneficiary account.",
        )
    )
    add(
        Mail(
            "balance-received",
            shanghai(2026, 1, 8, 9, 36),
            HUANG,
            [LENA],
            cc=[KEVIN],
            parent="balance-remittance",
            charset="gbk",
            subject_charset="gbk",
            subject=f"回复：Balance payment 70 % – Contract {CONTRACT_NO} / remittance advice",
            body="""Lena 您好，

余款207,900.00欧元已收到，谢谢！

Dear Lena, we have received the balance EUR 207,900.00. Thank you.

黄丽 Huang Li
财务部 Finance Dept.
深圳市锐锋激光智能装备有限公司
""",
            note="Supplier's finance department confirms the balance, from the genuine domain ruifenglaser.com.",
        )
    )
    add(
        Mail(
            "shipment-notice",
            shanghai(2026, 1, 14, 17, 5),
            KEVIN,
            [JONAS],
            cc=[MEHMET],
            subject=f"Shipment notice – {CONTRACT_NO} – B/L YTN26HAM011402",
            body=f"""Dear Jonas,

Good news, the two machines are loaded today at Yantian port, B/L No. YTN26HAM011402, ETA Hamburg
20 Feb. Delivery note RF-DN-20260112 and commercial invoice RF-CI-20260112 send with original
documents by DHL.

Please note our Chinese New Year holiday is 15-23 Feb, office closed, we come back 24 Feb.
{SIG_KEVIN}""",
            note="Shipment on 14 January 2026 (B/L date): one candidate start of the 24-month warranty.",
        )
    )
    add(
        Mail(
            "arrival-commissioning",
            berlin(2026, 2, 27, 11, 20),
            MEHMET,
            [KEVIN],
            cc=[JONAS, WANG],
            subject=f"Machines arrived – commissioning dates – {CONTRACT_NO}",
            body=f"""Dear Kevin,

both machines arrived at our plant yesterday (26 February), 4 crates. Crate 2 had outer damage,
the contents look OK. Serial numbers {SN1} and {SN2} checked against the nameplates.

Please confirm the arrival date of your commissioning engineer. We suggest Monday, 9 March.

Please also send the English operation manual in advance: the documents in the crates are in
Chinese only.
{SIG_MEHMET}""",
            note="Arrival on 26 February 2026; first request for the English manual.",
        )
    )
    add(
        Mail(
            "arrival-commissioning-re",
            shanghai(2026, 3, 2, 10, 48),
            KEVIN,
            [MEHMET],
            cc=[JONAS],
            parent="arrival-commissioning",
            subject=f"RE: Machines arrived – commissioning dates – {CONTRACT_NO}",
            body=f"""Dear Mehmet,

Wang Lei will arrive Frankfurt 8 March, please help arrange hotel near your factory.
English manual I will ask our engineer team.
{SIG_KEVIN}""",
            note="Supplier confirms the commissioning engineer; manual 'will ask'.",
        )
    )

    # ---- SR: English manual ---------------------------------------------------------------
    add(
        Mail(
            "sr-manual",
            berlin(2026, 3, 16, 9, 20),
            MEHMET,
            [SERVICE, WANG],
            cc=[KEVIN],
            subject=SUBJ_MANUAL,
            sr="sr-manual",
            body=f"""Dear Ruifeng service team,

as recorded in the commissioning report RF-IC-20260313 (open item 1), we still have no English
operation and maintenance manual for our two {RF_MODEL} machines. Our operators and our
maintenance team cannot work safely with the Chinese version, and we need the English
instructions for our CE documentation.

Please send the complete English manual (operation, maintenance, alarm list, height controller
calibration) as PDF.
{SIG_MEHMET}""",
            note="Support request: the English operation and maintenance manual (Contract Art. 6.3).",
        )
    )
    add(
        Mail(
            "sr-manual-re1",
            shanghai(2026, 3, 19, 16, 45),
            WANG,
            [MEHMET],
            cc=[KEVIN],
            parent="sr-manual",
            charset="gbk",
            subject_charset="gbk",
            html=True,
            sr="sr-manual",
            subject="回复：" + SUBJ_MANUAL,
            body=f"""Mehmet 您好，

附件是操作说明书，请查收。

Dear Mehmet, attached is the manual, pls check.
{SIG_WANG}""",
            attachments=[
                Att("RF-F3015操作说明书（节选）.pdf", manual_excerpt_zh_pdf(), "application/pdf", "rfc2231-gbk")
            ],
            note="Supplier sends a Chinese-only manual excerpt (RFC 2231 GBK file name).",
        )
    )
    add(
        Mail(
            "sr-manual-re2",
            berlin(2026, 3, 19, 13, 10),
            MEHMET,
            [WANG],
            cc=[KEVIN, SERVICE],
            parent="sr-manual-re1",
            sr="sr-manual",
            subject="Re: 回复：" + SUBJ_MANUAL,
            body=f"""Dear Wang Lei,

thank you, but the attached file is an excerpt of the Chinese manual (chapters 5 to 7 only). It is
not what we asked for. We need the complete manual in English. Under the Machinery Directive we
must give our operators instructions in a language they understand; we cannot run the machines in
Germany without them.

Please send the English manual by Friday, 27 March 2026.
{SIG_MEHMET}""",
            note="Buyer rejects the Chinese excerpt and sets a date (27 March 2026).",
        )
    )
    add(
        Mail(
            "sr-manual-re3",
            shanghai(2026, 3, 25, 10, 2),
            WANG,
            [MEHMET],
            parent="sr-manual-re2",
            charset="gbk",
            subject_charset="gbk",
            sr="sr-manual",
            subject="回复：Re: 回复：" + SUBJ_MANUAL,
            body=f"""Dear Mehmet,

english manual is translating now, will send to you soon.

thanks
{SIG_WANG}""",
            note="Supplier: 'translating now, will send soon' (broken English, GBK-labelled body).",
        )
    )
    add(
        Mail(
            "sr-manual-chase",
            berlin(2026, 5, 12, 8, 45),
            MEHMET,
            [WANG, SERVICE],
            cc=[KEVIN, JONAS],
            parent="sr-manual-re3",
            sr="sr-manual",
            subject="Re: 回复：Re: 回复：" + SUBJ_MANUAL + " – still missing",
            body=f"""Dear Wang Lei,

on 25 March you wrote that the English manual was being translated and would be sent soon.
Seven weeks later we still have nothing. Please send it now, or tell us the date when you will
send it.
{SIG_MEHMET}""",
            note="Chaser for the manual; never answered.",
        )
    )

    # ---- the firmware notice -------------------------------------------------------------------
    add(
        Mail(
            "fw-notice",
            shanghai(2026, 3, 24, 11, 30),
            WANG,
            [MEHMET],
            charset="gbk",
            subject_charset="gbk",
            html=True,
            subject=SUBJ_FW,
            body=f"""尊敬的客户：

您好！RF-CNC数控系统V3.3.0已正式发布，优化了穿孔工艺和切割速度，并修复了若干问题。我司售后工程师将通过远程方式为您免费升级，请保持设备联网。

Dear customer,
new firmware V3.3.0 is release, improve piercing and cutting speed and fix some bugs. Our engineer
will upgrade for you by remote, free of charge. Please keep machine online and tell us the time.

更新说明见附件。Change log see attachment.
{SIG_WANG}""",
            attachments=[
                Att("RF-CNC_V3.3.0_更新说明.txt", firmware_changelog_txt(), "text/plain; charset=gbk", "rfc2047-gbk")
            ],
            note="Supplier pushes firmware V3.3.0; the Chinese-only change log says it needs height "
            "controller firmware HC-2.1 (the buyer's machines have HC-1.8). File name as an RFC 2047 "
            "encoded word inside a quoted parameter (Foxmail/Outlook style).",
        )
    )
    add(
        Mail(
            "fw-notice-re",
            berlin(2026, 3, 25, 8, 50),
            MEHMET,
            [WANG],
            parent="fw-notice",
            subject="Re: " + SUBJ_FW,
            body=f"""Dear Wang Lei,

OK. Please upgrade laser 1 (SN {SN1}) first, on Friday 27 March at 14:00 CET (21:00 Beijing
time), after our early shift. If everything runs well we will schedule laser 2 next week.

The change log is only in Chinese - is there anything we must check before the upgrade?
{SIG_MEHMET}""",
            note="Buyer agrees to the upgrade of laser 1 only and asks what to check; the question is never answered.",
        )
    )

    # ---- SR: E-207 after the firmware update (critical) ----------------------------------------
    add(
        Mail(
            "sr-e207",
            berlin(2026, 3, 27, 16, 40),
            MEHMET,
            [WANG, SERVICE],
            cc=[KEVIN, JONAS],
            subject=SUBJ_E207,
            sr="sr-e207",
            cte="quoted-printable",
            body=f"""Dear Wang Lei, dear service team,

after your remote upgrade to V3.3.0 this afternoon (14:00-14:55 CET), laser 1 does not work any
more. At the first height calibration the Z axis went down without stopping, the nozzle touched
the calibration plate and the controller shows alarm E-207 "Follow calibration failed". We tried
three more times: same alarm. The machine is stopped.

We changed nozzle and ceramic ring: no change. Laser 2 (still on V3.2.7) works normally with the
same cutting head type.

Attached: our fault report FR-2026-014 and a photo of the screen.

This is a machine-down situation. Please call me or connect by TeamViewer as soon as possible,
and tell us how to go back to V3.2.7.
{SIG_MEHMET}""",
            attachments=[
                Att("FR-2026-014_fault-report.pdf", fault_report_pdf(), "application/pdf"),
                Att("IMG_20260327_153112.jpg", error_screen_jpg(), "image/jpeg"),
            ],
            note="Critical support request: laser 1 down after the supplier's remote firmware upgrade. "
            "Sent Friday 16:40 CET = 23:40 in Shenzhen: the supplier's clock starts on Monday 30 March.",
        )
    )
    add(
        Mail(
            "sr-e207-ack",
            shanghai(2026, 3, 30, 10, 15),
            WANG,
            [MEHMET],
            parent="sr-e207",
            charset="gbk",
            subject_charset="raw-gbk",
            sr="sr-e207",
            subject="回复: " + SUBJ_E207,
            body="收到，我们会检查。\n\n王磊\n",
            note="Bare acknowledgement ('received, we will check'). Subject in raw 8-bit GBK, no RFC 2047.",
        )
    )
    add(
        Mail(
            "sr-e207-chase1",
            berlin(2026, 3, 31, 9, 5),
            MEHMET,
            [WANG, SERVICE],
            cc=[KEVIN],
            parent="sr-e207-ack",
            sr="sr-e207",
            subject="Re: 回复: " + SUBJ_E207,
            body=f"""Dear Wang Lei,

thank you for the confirmation, but "we will check" does not help us. Laser 1 has been down since
Friday. Please

1. send us the V3.2.7 rollback package and instructions today, and
2. tell us when an engineer will connect.

Under Amendment No. 1 (Art. 6.5) you must respond to our support requests within 24 hours.
{SIG_MEHMET}""",
            note="Chaser; invokes the 24-hour response of Amendment No. 1.",
        )
    )
    add(
        Mail(
            "sr-e207-logreq",
            shanghai(2026, 4, 1, 17, 20),
            WANG,
            [MEHMET],
            parent="sr-e207-chase1",
            charset="gbk",
            subject_charset="gbk",
            sr="sr-e207",
            subject="回复: Re: 回复: " + SUBJ_E207,
            body=f"""Dear Mehmet,

pls send us the controller log file (D:\\RFCNC\\Log\\) and the screen photo of height controller
calibration page. We check with R&D department.

请提供控制器日志文件及调高器标定页面截图。
{SIG_WANG}""",
            note="Supplier asks for the controller log (first substantive answer, 5 days after the request).",
        )
    )
    add(
        Mail(
            "sr-e207-log",
            berlin(2026, 4, 1, 13, 2),
            MEHMET,
            [WANG, SERVICE],
            parent="sr-e207-logreq",
            sr="sr-e207",
            subject="Re: 回复: Re: 回复: " + SUBJ_E207,
            body=f"""Dear Wang Lei,

attached are the controller log of 27 March and a screenshot of the calibration page.

Please look at the log: right after the upgrade the controller asks the height controller for
protocol v2, and the height controller answers v1 (firmware HC-1.8): "protocol mismatch". Then
the calibration fails. This is a firmware problem, not a mechanical one.

(The controller clock is still on Beijing time, as set in your factory.)
{SIG_MEHMET}""",
            attachments=[
                Att("RFCNC_20260327.log", controller_log_txt(), "text/plain; charset=us-ascii"),
                Att("height_calibration_fail.png", hmi_screenshot_png(), "image/png"),
            ],
            note="Buyer sends the controller log (timestamps in Beijing time, UTC+8) and a screenshot.",
        )
    )
    add(
        Mail(
            "sr-e207-sensor",
            shanghai(2026, 4, 7, 11, 48),
            WANG,
            [MEHMET],
            cc=[SERVICE],
            parent="sr-e207-log",
            charset="gbk",
            subject_charset="gbk",
            html=True,
            sr="sr-e207",
            subject="回复: Re: 回复: Re: 回复: " + SUBJ_E207,
            body=f"""Mehmet 您好，

经研发部分析，E-207报警是电容传感器或者线缆的问题，和固件没有关系。请检查切割头传感器线缆和陶瓷环，然后重新标定。

Dear Mehmet, R&D check the log, E-207 is sensor or cable problem, not firmware. please check the
sensor cable and ceramic ring of cutting head and calibrate again.
{SIG_WANG}""",
            note="Supplier blames the sensor/cable, 'not firmware' (after the Qingming holiday 4-6 April).",
        )
    )
    add(
        Mail(
            "sr-e207-rollback-req",
            berlin(2026, 4, 7, 10, 30),
            MEHMET,
            [WANG, SERVICE],
            cc=[KEVIN, JONAS],
            parent="sr-e207-sensor",
            sr="sr-e207",
            subject="Re: 回复: Re: 回复: Re: 回复: " + SUBJ_E207,
            body=f"""Dear Wang Lei,

we did exactly that on 27 March and again today: new ceramic ring, sensor cable checked and
exchanged with the one from laser 2 - same alarm E-207. The cutting head of laser 1 works on
laser 2 without any problem. The only difference between the two machines is the firmware.

Your own change log says that V3.3.0 needs height controller firmware HC-2.1 or higher. Our height
controllers have HC-1.8. Nobody told us this before the upgrade.

Please send the V3.2.7 rollback package today, or the HC-2.1 firmware with instructions.
{SIG_MEHMET}""",
            note="Buyer proves the cause from the supplier's own change log.",
        )
    )
    add(
        Mail(
            "escalation-kevin",
            berlin(2026, 4, 14, 8, 55),
            JONAS,
            [KEVIN],
            cc=[KATRIN, MEHMET],
            parent="sr-e207-rollback-req",
            sr="sr-e207",
            subject=f"Escalation: laser 1 down for 18 days – Contract {CONTRACT_NO}",
            body=f"""Dear Kevin,

I have to escalate this to you. Laser 1 (SN {SN1}) has been down since 27 March, after your
engineer installed firmware V3.3.0 remotely. Since then we received one "we will check", a request
for logs and a wrong diagnosis. No rollback, no solution, 18 days.

We are buying laser cutting from a subcontractor to keep our delivery dates, at our cost. Please
make sure that your company fixes the machine this week, and tell me who is responsible on your
side.

Amendment No. 1 promised free remote support and a response within 24 hours. This is not what we
are getting.
{SIG_JONAS}""",
            note="First escalation, to the supplier's sales manager; announces subcontracting costs (foreseeability).",
        )
    )
    add(
        Mail(
            "escalation-kevin-re",
            shanghai(2026, 4, 14, 21, 40),
            KEVIN,
            [JONAS],
            cc=[MEHMET, WANG],
            parent="escalation-kevin",
            sr="sr-e207",
            subject=f"RE: Escalation: laser 1 down for 18 days – Contract {CONTRACT_NO}",
            body=f"""Dear Jonas,

So sorry for late reply and the trouble. I push our engineer team today, they will send the
rollback firmware tomorrow. Please don't worry, we will solve it.
{SIG_KEVIN}""",
            note="Sales manager promises the rollback 'tomorrow' (it comes three days later).",
        )
    )
    add(
        Mail(
            "sr-e207-rollback",
            shanghai(2026, 4, 17, 15, 5),
            WANG,
            [MEHMET],
            cc=[KEVIN],
            parent="escalation-kevin-re",
            charset="gbk",
            subject_charset="gbk",
            sr="sr-e207",
            subject="回复: RE: Escalation: laser 1 down for 18 days – Contract " + CONTRACT_NO,
            body=f"""Mehmet 您好，

回滚固件V3.2.7下载链接如下：
https://pan.ruifenglaser.com/s/7Rk2QeV3  提取码：rf32

Dear Mehmet, the rollback firmware V3.2.7 download link is above, code rf32. Please backup
parameter before install. If problem pls tell me.
{SIG_WANG}""",
            note="Rollback package sent as a download link (no engineer connects).",
        )
    )
    add(
        Mail(
            "sr-e207-rollback-result",
            berlin(2026, 4, 20, 14, 10),
            MEHMET,
            [WANG],
            cc=[KEVIN, JONAS],
            parent="sr-e207-rollback",
            sr="sr-e207",
            subject="Re: 回复: RE: Escalation: laser 1 down for 18 days – Contract " + CONTRACT_NO,
            body=f"""Dear Wang Lei,

we installed the V3.2.7 rollback ourselves on Saturday, 18 April (no engineer of yours connected).

Result:
- alarm E-207 is gone, the calibration finishes;
- but the following height drifts by about +/-0.4 mm while cutting (specification: +/-0.05 mm),
  so 1.5 mm stainless parts are rejected (dross, burn marks).

Laser 1 is still not usable for production. The height controller seems to have been damaged
during the first calibration with V3.3.0. Please tell us how you will fix it, and connect by
TeamViewer this week.
{SIG_MEHMET}""",
            note="Rollback does not restore the machine; height controller damaged.",
        )
    )
    add(
        Mail(
            "sr-e207-chase2",
            berlin(2026, 4, 30, 18, 20),
            MEHMET,
            [WANG, SERVICE],
            cc=[KEVIN],
            parent="sr-e207-rollback-result",
            sr="sr-e207",
            subject="Re: 回复: RE: Escalation: laser 1 down for 18 days – Contract " + CONTRACT_NO,
            body=f"""Dear Wang Lei,

ten days without any answer. Laser 1 has now been down for five weeks. Please reply.
{SIG_MEHMET}""",
            note="Chaser sent on the eve of the Labour Day holiday (it arrives after midnight in Shenzhen).",
        )
    )
    add(
        Mail(
            "sr-e207-autoreply",
            shanghai(2026, 5, 1, 0, 20, 7),
            WANG,
            [MEHMET],
            parent="sr-e207-chase2",
            charset="gbk",
            subject_charset="gbk",
            quote=False,
            sr="sr-e207",
            subject="自动回复: Re: 回复: RE: Escalation: laser 1 down for 18 days – Contract " + CONTRACT_NO,
            body="""您好！我于5月1日至5月5日劳动节休假，5月6日正常上班，届时会尽快回复您的邮件。5月9日（星期六）正常上班。
紧急事务请联系售后服务部：service@ruifenglaser.com

Hello, I am on Labour Day holiday from 1 to 5 May and will reply after 6 May.
For urgent matters please contact service@ruifenglaser.com.

（此邮件为系统自动回复，请勿直接回复）
""",
            extra_headers=AUTO_REPLY,
            note="Automatic reply (自动回复, Auto-Submitted: auto-replied): not a response under the contract.",
        )
    )
    add(
        Mail(
            "sr-e207-module",
            shanghai(2026, 5, 7, 10, 25),
            WANG,
            [MEHMET],
            cc=[KEVIN],
            parent="sr-e207-chase2",
            charset="gbk",
            subject_charset="gbk",
            sr="sr-e207",
            subject="回复: Re: 回复: RE: Escalation: laser 1 down for 18 days – Contract " + CONTRACT_NO,
            body=f"""Mehmet 您好，

根据您的描述，调高器模块已经损坏，需要更换新的RF-HC200模块。备件价格由商务部报价。

Dear Mehmet, the height controller module is broken, need replace new RF-HC200 module. Price
sales department will send you.
{SIG_WANG}""",
            note="After 17 days: the height controller module must be replaced - and the supplier wants "
            "to charge for it.",
        )
    )
    add(
        Mail(
            "sr-e207-warranty",
            berlin(2026, 5, 7, 9, 15),
            JONAS,
            [WANG, KEVIN],
            cc=[MEHMET, KATRIN],
            parent="sr-e207-module",
            sr="sr-e207",
            subject="Re: 回复: Re: 回复: RE: Escalation: laser 1 down for 18 days – Contract " + CONTRACT_NO,
            body=f"""Dear Kevin, dear Wang Lei,

the machine is under warranty (24 months, Contract Art. 5.2), and the module was damaged by your
firmware upgrade. Under Art. 5.3 its replacement is free of charge. Please ship a new RF-HC200
module today by express and send us the tracking number.
{SIG_JONAS}""",
            note="Buyer claims the module under warranty.",
        )
    )

    # ---- unilateral change of the service terms ------------------------------------------------
    add(
        Mail(
            "service-terms",
            shanghai(2026, 5, 11, 16, 0),
            ZHAO,
            [JONAS, MEHMET],
            cc=[KEVIN],
            charset="gb2312*",
            subject_charset="gb2312*",
            html=True,
            subject=SUBJ_TERMS,
            body="""尊敬的客户：

您好！为了给客户提供更专业的服务，我司自2026年6月1日起调整海外客户售后服务政策：设备验收后3个月内免费提供远程支持，此后远程支持需购买“远程服务计划”（基础版每台每年1,800欧元）。详见附件《锐锋售后服务条款（2026版）》。

感谢您一直以来的支持！

Dear customer,

from 1 June 2026 our after-sales service policy for overseas customers is adjusted: free remote
support for 3 months after acceptance, after that remote support need to buy Remote Service Plan
(Basic EUR 1,800 per machine per year). Please see attached Service Terms 2026 v2.0.

售后服务部 After-sales Service Dept.
赵喆 Zhao Zhe  经理 Manager
深圳市锐锋激光智能装备有限公司
""",
            attachments=[
                Att(
                    "锐锋售后服务条款2026版_v2.0.docx",
                    service_terms_docx(),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "rfc2047-gbk",
                )
            ],
            note="Unilateral change of the service terms: free remote support becomes a paid plan from "
            "1 June 2026. Labelled gb2312 but encoded as GBK (赵喆: 喆 is not in GB2312).",
        )
    )
    add(
        Mail(
            "service-terms-objection",
            berlin(2026, 5, 13, 10, 40),
            JONAS,
            [ZHAO, KEVIN],
            cc=[KATRIN],
            parent="service-terms",
            subject="Re: " + SUBJ_TERMS,
            body=f"""Dear Mr Zhao,

we do not accept this change. Our contract {CONTRACT_NO} with Amendment No. 1 (Art. 6.5) gives us
free remote support for the whole warranty period (24 months), with a response within 24 hours.
Under Art. 13.2 the contract can only be changed in writing, signed by both parties. A notice by
e-mail does not change it.

Please confirm in writing that the Service Terms 2026 do not apply to our two machines.
{SIG_JONAS}""",
            note="Buyer objects to the change in writing (Art. 6.5 and 13.2).",
        )
    )
    add(
        Mail(
            "service-terms-kevin",
            shanghai(2026, 5, 19, 11, 5),
            KEVIN,
            [JONAS],
            cc=[ZHAO, MEHMET],
            parent="service-terms-objection",
            subject="RE: " + SUBJ_TERMS,
            body=f"""Dear Jonas,

understand your point, but this is new company policy for all oversea customer, I can not make
exception. For you special we give 20% discount for the Basic plan, EUR 1,440 per machine per year.

About the height controller module: our R&D check the log, the damage is from collision, it is
operator problem, so warranty not cover (Contract Art. 5.3). Please find attached PI
{PI_NO}, EUR 2,350.00 incl. DHL. After payment we ship in 3 days.
{SIG_KEVIN}""",
            attachments=[Att(f"{PI_NO}.pdf", spare_parts_pi_pdf(), "application/pdf")],
            note="Supplier maintains the paid plan (20 % discount) and refuses warranty for the module "
            "('collision'); proforma invoice attached.",
        )
    )
    add(
        Mail(
            "internal-collision",
            berlin(2026, 5, 20, 8, 30),
            JONAS,
            [MEHMET, KATRIN],
            subject="Ruifeng says the E-207 damage was a collision – please confirm",
            body=f"""Mehmet, Katrin,

Ruifeng now says the height controller was damaged by a collision caused by our operator, and
refuses the warranty. Mehmet, can you confirm that there was no collision?

Katrin, I propose that we pay the EUR 2,350.00 for {PI_NO} under protest to get laser 1 running,
and claim it back later. The subcontracting costs us more every week.

Jonas
""",
            note="Internal: how to react to the 'collision' argument.",
        )
    )
    add(
        Mail(
            "internal-collision-re",
            berlin(2026, 5, 20, 9, 12),
            MEHMET,
            [JONAS, KATRIN],
            parent="internal-collision",
            subject="Re: Ruifeng says the E-207 damage was a collision – please confirm",
            body="""There was no collision caused by an operator. The log of 27 March shows the Z axis going
down during the first automatic calibration after the upgrade, with the height controller
answering the wrong protocol (v1 instead of v2). Nobody moved the axis; the machine was in the
automatic calibration routine.

I agree to pay under protest - we need the machine.

Mehmet
""",
            note="Internal: the maintenance engineer's account of the crash (witness evidence).",
        )
    )

    # ---- payment fraud: lookalike domain, hijacked thread --------------------------------------
    add(
        Mail(
            "fraud-bank-change",
            shanghai(2026, 5, 21, 9, 47),
            FAKE_HUANG,
            [JONAS, LENA],
            parent="service-terms-kevin",
            subject="RE: " + SUBJ_TERMS + " / 变更收款账户通知 Notice of bank account change",
            body=f"""Dear Jonas, Dear Lena,

Good day. Please note that due to our annual audit, our company account at China Merchants Bank
is temporary under review and can not receive foreign currency until further notice. Kindly
arrange the payment of PI {PI_NO} (EUR 2,350.00) and the Remote Service Plan for 2 machines
(EUR 2,880.00) to our new account below:

Beneficiary: {FRAUD_BANK["beneficiary"]}
Bank: {FRAUD_BANK["bank"]}
SWIFT: {FRAUD_BANK["swift"]}
Account: {FRAUD_BANK["account"]}

請注意：由於年度審計，我司招商銀行帳戶暫時無法收款，請將款項匯入以上新帳戶。

Please send us the bank slip after payment. This is urgent as the module is ready to ship.

Best regards
Huang Li 黃麗
Finance Department
Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd.
""",
            reply_to=FAKE_HUANG,
            charset="big5",
            html=True,
            html_extra=f'<img src="https://www.{RF_LOOKALIKE}/img/logo.png" width="160" alt="Ruifeng Laser"><br>',
            note="PAYMENT FRAUD: lookalike domain ruifenglasser.com (double s), Big5 body in traditional "
            "characters (signed 黃麗, not 黄丽), HTML with a remote logo, threaded into the real "
            "conversation, asks to pay into a new Hong Kong account whose beneficiary is not the "
            "supplier's legal name. Not paid.",
        )
    )
    add(
        Mail(
            "fraud-internal-lena",
            berlin(2026, 5, 21, 10, 20),
            LENA,
            [JONAS],
            subject="Fwd: RE: " + SUBJ_TERMS + " / 变更收款账户通知 Notice of bank account change – genuine?",
            body=f"""Jonas,

is this genuine? The sender is finance@{RF_LOOKALIKE} - with a double "s" - and the new
beneficiary is a Hong Kong company, not the company in the contract. In January Ms Huang wrote
from finance@{RF_DOMAIN}. I will not pay anything until you confirm.

Lena

-------- Weitergeleitete Nachricht --------
Betreff: RE: {SUBJ_TERMS} / 变更收款账户通知 Notice of bank account change
Datum: Thu, 21 May 2026 09:47:00 +0800
Von: 黄丽 <finance@{RF_LOOKALIKE}>
An: Jonas Reuter <{JONAS.email}>, Lena Hoffmann <{LENA.email}>

Dear Jonas, Dear Lena,

Good day. Please note that due to our annual audit, our company account at China Merchants Bank
is temporary under review [...] to our new account below:

Beneficiary: {FRAUD_BANK["beneficiary"]}
Account: {FRAUD_BANK["account"]}
""",
            note="Internal: accounting spots the lookalike domain and the foreign beneficiary.",
        )
    )
    add(
        Mail(
            "fraud-check-kevin",
            berlin(2026, 5, 21, 11, 5),
            JONAS,
            [KEVIN],
            subject=f"Did your bank account change? Suspicious e-mail from finance@{RF_LOOKALIKE}",
            body=f"""Dear Kevin,

we received the attached e-mail asking us to pay PI {PI_NO} and the service plan to a new account
in Hong Kong. The sender domain is {RF_LOOKALIKE}, not {RF_DOMAIN}. I tried to call you and
wrote on WhatsApp. Please confirm urgently whether your bank account has changed. We will pay nothing until
you confirm in writing.
{SIG_JONAS}""",
            forward="fraud-bank-change",
            note="Buyer forwards the suspicious message to the known contact (attached whole, message/rfc822).",
        )
    )
    add(
        Mail(
            "fraud-check-kevin-re",
            shanghai(2026, 5, 21, 17, 32),
            KEVIN,
            [JONAS],
            cc=[HUANG],
            parent="fraud-check-kevin",
            subject=f"RE: Did your bank account change? Suspicious e-mail from finance@{RF_LOOKALIKE}",
            body=f"""Dear Jonas,

Thank you for tell us!! We never change bank account, this email is fake. Please only pay to our
China Merchants Bank account in the contract (A/C {RF_BANK["account"]}). Our IT is checking the
email system.

我司从未变更收款账户，请以合同约定账户为准。
{SIG_KEVIN}""",
            note="Supplier confirms the bank-change e-mail is fake.",
        )
    )
    add(
        Mail(
            "protest-payment",
            berlin(2026, 5, 22, 9, 0),
            LENA,
            [HUANG],
            cc=[JONAS, KEVIN],
            parent="service-terms-kevin",
            subject=f"Payment of PI {PI_NO} under protest",
            body=f"""Dear Ms Huang,

today we transferred EUR 2,350.00 for proforma invoice {PI_NO} to your account at China Merchants
Bank, Shenzhen Branch, A/C {RF_BANK["account"]}, as stated in contract {CONTRACT_NO}.

The payment is made under protest and without acknowledging any liability. In our view the
module is covered by the warranty (Contract Art. 5.2 and 5.3): the damage was caused by your
firmware upgrade, not by a collision. We reserve the right to claim the amount back.

Please ship the module today.
{SIG_LENA}""",
            cte="quoted-printable",
            note="Payment of the module under protest (mitigation), to the verified account.",
        )
    )

    # ---- E-207: module, reopening, silence ----------------------------------------------------------
    add(
        Mail(
            "sr-e207-shipped",
            shanghai(2026, 5, 27, 14, 30),
            WANG,
            [MEHMET],
            cc=[KEVIN],
            parent="sr-e207-warranty",
            charset="gbk",
            subject_charset="gbk",
            sr="sr-e207",
            subject="回复: Re: 回复: Re: 回复: RE: Escalation: laser 1 down for 18 days – Contract " + CONTRACT_NO,
            body=f"""Mehmet 您好，

模块已经发出，DHL运单号：4718220963。

Dear Mehmet, the module is shipped today by DHL, AWB 4718220963.
{SIG_WANG}""",
            note="Module shipped 27 May (five days after payment, not three).",
        )
    )
    add(
        Mail(
            "sr-e207-installed",
            berlin(2026, 6, 9, 8, 40),
            MEHMET,
            [WANG],
            cc=[KEVIN, JONAS],
            parent="sr-e207-shipped",
            sr="sr-e207",
            subject="Re: 回复: Re: 回复: Re: 回复: RE: Escalation: laser 1 down for 18 days – Contract " + CONTRACT_NO,
            body=f"""Dear Wang Lei,

the RF-HC200 module arrived on 3 June. After your TeamViewer session yesterday (8 June,
14:00-17:30 Beijing time) the module is installed with firmware HC-2.1 and the controller is back
on V3.3.0. Calibration OK, test cuts on 1.5 mm stainless OK. Laser 1 went back into production
yesterday at 18:00 CEST.

Downtime of laser 1: 27 March 15:05 - 8 June 18:00 (73 days).

Thank you for the session. We keep the request open for two weeks of observation.
{SIG_MEHMET}""",
            note="Laser 1 back in production on 8 June 2026 after 73 days.",
        )
    )
    add(
        Mail(
            "sr-e207-reopen",
            berlin(2026, 6, 18, 17, 45),
            MEHMET,
            [WANG, SERVICE],
            cc=[KEVIN],
            parent="sr-e207-installed",
            sr="sr-e207",
            subject=f"E-207 is back – laser 1 (SN {SN1})",
            body=f"""Dear Wang Lei,

E-207 is back. Laser 1 stopped twice today (09:40 and 14:25) with alarm E-207 while cutting; each
time it needed a restart and a new calibration (about 1.5 hours lost each time). We can send the
log.

Please analyse it and tell us what to do. I understand that tomorrow is a holiday in China
(Dragon Boat Festival) - please make sure someone covers this.
{SIG_MEHMET}""",
            note="The request is reopened on the eve of the Dragon Boat Festival (19-21 June 2026).",
        )
    )
    add(
        Mail(
            "sr-e207-reopen-ack",
            shanghai(2026, 6, 22, 9, 10),
            WANG,
            [MEHMET],
            parent="sr-e207-reopen",
            charset="gbk",
            subject_charset="gbk",
            sr="sr-e207",
            subject=f"Re: E-207 is back – laser 1 (SN {SN1})",
            body="Received, will check.\n\nWang Lei\n",
            note="Bare acknowledgement ('Received, will check').",
        )
    )
    add(
        Mail(
            "sr-e207-reopen-chase",
            berlin(2026, 6, 29, 9, 30),
            MEHMET,
            [WANG, SERVICE],
            cc=[KEVIN, JONAS],
            parent="sr-e207-reopen-ack",
            sr="sr-e207",
            subject=f"Re: E-207 is back – laser 1 (SN {SN1})",
            body=f"""Dear Wang Lei,

one week after "Received, will check" there is still no answer. E-207 stopped laser 1 again on
24 June. We now run laser 1 at reduced speed and check every sheet; about one sheet in three
must be cut again.
{SIG_MEHMET}""",
            note="Chaser after the reopening; never answered.",
        )
    )

    # ---- formal complaint and escalation ---------------------------------------------------------
    add(
        Mail(
            "formal-complaint",
            berlin(2026, 7, 6, 10, 0),
            KATRIN,
            [CHEN],
            cc=[KEVIN, ZHAO, JONAS],
            subject=SUBJ_COMPLAINT,
            body=COMPLAINT_EN
            + SIG_KATRIN
            + "\n"
            + "-" * 60
            + "\n\n"
            + COMPLAINT_ZH
            + "\nKatrin Albers\n总经理\nAuerbach Feinblech GmbH\n",
            note="Formal complaint (EN/ZH) to the legal representative with a cure deadline of 31 July 2026 (催告).",
        )
    )
    add(
        Mail(
            "formal-complaint-ack",
            shanghai(2026, 7, 8, 14, 22),
            ZHAO,
            [KATRIN],
            cc=[CHEN, KEVIN],
            parent="formal-complaint",
            charset="gb2312",
            subject_charset="gbk",
            html=True,
            subject="回复：" + SUBJ_COMPLAINT,
            body="""Albers 女士您好：

贵司函件已收到，我司正在内部核查，会尽快回复。

Dear Ms Albers, we have received your letter, we are checking internally and will reply as soon
as possible.

售后服务部
深圳市锐锋激光智能装备有限公司
""",
            note="Acknowledgement of the formal complaint (genuine GB2312 body).",
        )
    )
    add(
        Mail(
            "formal-complaint-kevin",
            shanghai(2026, 7, 24, 18, 30),
            KEVIN,
            [KATRIN, JONAS],
            cc=[ZHAO, CHEN],
            parent="formal-complaint",
            subject="RE: " + SUBJ_COMPLAINT,
            body=f"""Dear Katrin, Dear Jonas,

After internal meeting, our proposal:
1. We send engineer on site in September to check laser 1, travel cost share 50/50.
2. Remote Service Plan 50% discount for you (EUR 900 per machine per year).
3. English manual will finish end of August.
4. Module cost can not refund, because R&D confirm collision.

Hope you can understand, we want keep long cooperation.
{SIG_KEVIN}""",
            note="Supplier's counter-proposal: no cure, paid plan at a discount.",
        )
    )
    add(
        Mail(
            "escalation-gm",
            berlin(2026, 8, 3, 9, 30),
            KATRIN,
            [CHEN],
            cc=[KEVIN, ZHAO, JONAS],
            parent="formal-complaint-kevin",
            subject=SUBJ_GM,
            body=GM_EN + SIG_KATRIN + "\n" + "-" * 60 + "\n\n" + GM_ZH + "\nKatrin Albers\n总经理\n",
            note="Escalation to the general manager after the cure period expired; new deadline 14 August 2026.",
        )
    )
    add(
        Mail(
            "escalation-gm-re",
            shanghai(2026, 8, 10, 10, 15),
            CHEN,
            [KATRIN],
            cc=[KEVIN, ZHAO],
            parent="escalation-gm",
            charset="gb18030",
            subject_charset="gb18030",
            quote=False,
            subject="回复：" + SUBJ_GM,
            body="""Albers女士：

您好！贵司来函收悉，我司高度重视。经公司研究，答复如下：

一、我司将于2026年9月中旬派工程师赴贵司现场检修1号设备，差旅费用由我司承担。
二、英文说明书将于2026年8月底前提供。
三、贵司两台设备在质保期内的远程支持继续免费提供。
四、关于调高器模块费用（€2,350.00）及其他损失，我司认为系操作原因造成，不予承担。

希望双方继续友好协商，妥善解决。

此致
敬礼！

深圳市锐锋激光智能装备有限公司
总经理 陈志强
2026年8月10日
""",
            note="The general manager's reply in Chinese (GB18030; the euro sign is not valid GBK): "
            "promises a free site visit, the manual and free remote support (an acknowledgement), "
            "refuses the refund.",
        )
    )
    add(
        Mail(
            "engineer-delay",
            shanghai(2026, 9, 4, 16, 50),
            KEVIN,
            [JONAS],
            cc=[MEHMET],
            parent="escalation-gm-re",
            subject="RE: 回复：" + SUBJ_GM,
            body=f"""Dear Jonas,

Sorry, our engineer visa for Germany is delayed, embassy need more document. The visit will be
after National Day holiday, maybe middle of October. English manual also need more time,
translation company is busy. We will inform.
{SIG_KEVIN}""",
            note="The general manager's promises slip: no visit in September, no manual in August.",
        )
    )

    # ---- SR: laser 2, E-311, across the National Day holiday -----------------------------------
    add(
        Mail(
            "sr-e311",
            berlin(2026, 9, 30, 16, 30),
            MEHMET,
            [WANG, SERVICE],
            cc=[KEVIN],
            subject=SUBJ_E311,
            sr="sr-e311",
            body=f"""Dear Wang Lei,

laser 2 stopped today at 13:50 with alarm E-311 "Laser communication timeout". Restarting the
laser source and the controller did not help. Now both of our lasers are affected (laser 1 runs
at reduced speed because of E-207).

I know that your National Day holiday starts tomorrow. Please answer before the holiday, or tell
us who is on duty.
{SIG_MEHMET}""",
            note="High-severity request sent 22:30 Shenzhen time on the eve of National Day (1-7 October).",
        )
    )
    add(
        Mail(
            "sr-e311-autoreply",
            shanghai(2026, 9, 30, 22, 30, 41),
            KEVIN,
            [MEHMET],
            parent="sr-e311",
            quote=False,
            sr="sr-e311",
            subject="Automatic reply: " + SUBJ_E311,
            body="""Thank you for your email. I am out of office for the National Day holiday from 1 to 7 October
2026 and back on 8 October, with limited access to email. For urgent after-sales matters please
contact service@ruifenglaser.com.

国庆节放假期间（10月1日至10月7日）邮件回复可能延迟。
""",
            extra_headers=[("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")],
            note="English out-of-office reply (Auto-Submitted): not a response.",
        )
    )
    add(
        Mail(
            "sr-e311-re",
            shanghai(2026, 10, 8, 9, 40),
            WANG,
            [MEHMET],
            cc=[KEVIN],
            parent="sr-e311",
            charset="gbk",
            subject_charset="gbk",
            html=True,
            sr="sr-e311",
            subject="回复: " + SUBJ_E311,
            body=f"""Mehmet 您好，

国庆假期刚回来。E-311是激光器通讯超时，请检查激光器与数控系统之间的通讯线（DB9接头）是否松动，重新插紧后重启激光器。

Dear Mehmet, just back from National Day holiday. E-311 is laser communication timeout, please
check the communication cable (DB9 connector) between laser source and controller, plug again and
restart laser source.
{SIG_WANG}""",
            note="First answer on the first working day after National Day.",
        )
    )
    add(
        Mail(
            "sr-e311-resolved",
            berlin(2026, 10, 8, 10, 5),
            MEHMET,
            [WANG],
            cc=[KEVIN],
            parent="sr-e311-re",
            sr="sr-e311",
            subject="Re: 回复: " + SUBJ_E311,
            body=f"""Dear Wang Lei,

thank you. The DB9 connector on the laser source side was loose; after reseating it laser 2 runs
again (since 09:45 CEST). You may close this request. Laser 2 was down from 30 September 13:50 to
8 October 09:45.
{SIG_MEHMET}""",
            note="Resolved by the buyer on the supplier's advice; downtime 30 Sep - 8 Oct.",
        )
    )

    # ---- the buyer decides to go to counsel ----------------------------------------------------------
    add(
        Mail(
            "internal-next-steps",
            berlin(2026, 10, 12, 8, 15),
            KATRIN,
            [JONAS],
            cc=[MEHMET],
            subject="Ruifeng – next steps",
            body="""Jonas,

no English manual (promised for the end of August by Mr Chen himself), no engineer visit, E-207
still there. I don't want to wait any longer. Please prepare the file for Dr. Falk: contract and
amendment, the complaint of 6 July, the escalation of 3 August and Mr Chen's answer, our downtime
log and the subcontracting invoices. Please also check what the contract says about
arbitration - "arbitration in Shenzhen" without naming an institution sounds weak to me.

For the next laser we should look at how Hengtuo wrote their contract.

Katrin
""",
            note="Internal decision to instruct counsel.",
        )
    )
    add(
        Mail(
            "counsel-instruction",
            berlin(2026, 10, 27, 9, 10),
            JONAS,
            [FALK],
            cc=[KATRIN],
            subject="Mandate: Auerbach Feinblech ./. Shenzhen Ruifeng Laser – support failure, laser cutting machines",
            body=f"""Dear Dr. Falk,

as agreed on the phone, we would like you to represent us against {RF_NAME_EN}
({RF_NAME_ZH}, USCC {RF_USCC}). Summary:

- Contract {CONTRACT_NO} of 14.10.2025, Amendment No. 1 of 03.12.2025, two lasers, EUR 297,000.00
  paid in full.
- Laser 1 down 27.03.-08.06.2026 after the supplier's remote firmware upgrade; E-207 recurring
  since 18.06.2026.
- English manual never delivered.
- Unilateral switch from free to paid remote support (notice of 11.05.2026).
- Module EUR 2,350.00 paid under protest on 22.05.2026.
- Formal complaint with a cure deadline of 31.07.2026; escalation to the general manager on
  03.08.2026; his reply of 10.08.2026 promised a site visit, the manual and free remote support,
  none of which happened.
- Subcontracted laser cutting April-June: EUR 22,550.00.

Please also note the attempted payment fraud of 21.05.2026 (lookalike domain {RF_LOOKALIKE}); we
did not pay.

We will send you the evidence bundle from DisputeDesk.
{SIG_JONAS}""",
            note="Mandate to external counsel (sent after the end of summer time: +0100).",
        )
    )

    # ---- the second supplier: Ningbo Hengtuo, a good record ---------------------------------------
    add(
        Mail(
            "ht-alarm24",
            berlin(2026, 4, 21, 8, 5),
            MEHMET,
            [LIJUN],
            cc=[TINA],
            subject=SUBJ_HT,
            sr="sr-ht-alarm24",
            body=f"""Dear Li Jun,

since this morning our press brake stops with alarm 24 when the backgauge R axis moves up for a
box bend (program 4471, R = 175 mm). The machine is down. Can you help?
{SIG_MEHMET}""",
            note="Support request to Hengtuo: press brake down (alarm 24).",
        )
    )
    add(
        Mail(
            "ht-alarm24-re",
            shanghai(2026, 4, 21, 15, 32),
            LIJUN,
            [MEHMET],
            cc=[TINA],
            parent="ht-alarm24",
            charset="gbk",
            subject_charset="gbk",
            subject="Re: " + SUBJ_HT,
            sr="sr-ht-alarm24",
            body="""Dear Mehmet,

Alarm 24 is the software limit of the R axis. In your program R = 175 mm is higher than the limit
160 mm in parameter P1.27. Your backgauge has the extended R stroke option, so please set
P1.27 = 180 (password 2025), restart the controller and run the program again.

Please tell me if it works. I am online until 17:30 Beijing time, also WeChat lijun_ht.

Best regards
Li Jun 李军
Service Engineer 售后工程师
Ningbo Hengtuo CNC Machinery Co., Ltd. 宁波恒拓数控机械有限公司
""",
            note="Hengtuo answers with the fix within 1.5 business hours.",
        )
    )
    add(
        Mail(
            "ht-alarm24-ok",
            berlin(2026, 4, 21, 10, 15),
            MEHMET,
            [LIJUN],
            cc=[TINA],
            parent="ht-alarm24-re",
            subject="Re: " + SUBJ_HT,
            sr="sr-ht-alarm24",
            body=f"""Dear Li Jun,

it works - the press brake is running again. Thank you for the fast help!
{SIG_MEHMET}""",
            note="Resolved the same morning.",
        )
    )
    add(
        Mail(
            "ht-seals",
            berlin(2026, 9, 8, 9, 0),
            MEHMET,
            [TINA],
            cc=[LIJUN],
            subject=SUBJ_HT_SEALS,
            sr="sr-ht-seals",
            body=f"""Dear Tina,

please quote one hydraulic seal kit for the Y1/Y2 cylinders of our {HT_MODEL} (SN {HT_SN}), and
send us the English manual for the HT-NC8 controller update 2.4 that Li Jun mentioned.
{SIG_MEHMET}""",
            note="Low-priority request to Hengtuo: spare parts quotation and English manual.",
        )
    )
    add(
        Mail(
            "ht-seals-re",
            shanghai(2026, 9, 8, 16, 20),
            TINA,
            [MEHMET],
            cc=[LIJUN],
            parent="ht-seals",
            charset="gbk",
            subject_charset="gbk",
            subject="Re: " + SUBJ_HT_SEALS,
            sr="sr-ht-seals",
            body="""Dear Mehmet,

thank you for your inquiry. Please find attached our quotation HT-Q-260908: seal kit for the Y1/Y2
cylinders, USD 386.00 including express freight, delivery 5 working days after order. The English
manual for the HT-NC8 update 2.4 is attached too.

Best regards
Tina Zhou 周婷
Sales Manager
Ningbo Hengtuo CNC Machinery Co., Ltd.
""",
            attachments=[
                Att("HT-Q-260908.pdf", hengtuo_quotation_pdf(), "application/pdf"),
                Att("HT-NC8_V2.4_操作说明_EN.pdf", hengtuo_manual_en_pdf(), "application/pdf", "rfc2231-utf-8"),
            ],
            note="Hengtuo answers the same day with the quotation and the English manual.",
        )
    )
    return m


# --------------------------------------------------------------------------------------------
# Files, dispute.json and README
# --------------------------------------------------------------------------------------------


@dataclass
class Doc:
    path: str
    kind: str
    description: str
    data: bytes
    on: date  # the date the document is about (for ordering)


def documents() -> list[Doc]:
    rf_deposit = payment_proof_pdf(
        date(2025, 10, 21), Decimal("89100.00"), f"{CONTRACT_NO} DEPOSIT 30PCT {PO_NO}", "NVB2510210047311", RF_BANK
    )
    rf_balance = payment_proof_pdf(
        date(2026, 1, 7), Decimal("207900.00"), f"{CONTRACT_NO} BALANCE 70PCT {PO_NO}", "NVB2601070021958", RF_BANK
    )
    rf_spare = payment_proof_pdf(
        date(2026, 5, 22),
        Decimal("2350.00"),
        f"{PI_NO} PAID UNDER PROTEST WARRANTY CLAIM RESERVED",
        "NVB2605220009124",
        RF_BANK,
    )
    return [
        Doc(
            "documents/HT-SC-2025-0317_sales-contract_hengtuo.pdf",
            "contract",
            f"Sales contract {HT_CONTRACT_NO} with Ningbo Hengtuo for the CNC press brake (USD 58,900.00): "
            "clear support terms (4 business hours first response, 3 business days for machine-down, "
            "service credits, English prevails, CIETAC Shanghai). The model of a clear contract.",
            hengtuo_contract_pdf(),
            date(2025, 3, 18),
        ),
        Doc(
            "documents/HT-DN-20250612_delivery-note_hengtuo.pdf",
            "delivery_note",
            f"Hengtuo delivery note: press brake {HT_SN}, received 30.06.2025, accepted 03.07.2025.",
            hengtuo_delivery_note_pdf(),
            date(2025, 6, 12),
        ),
        Doc(
            "documents/RF-EU-2025-1046_sales-contract.pdf",
            "contract",
            "Sales contract with Shenzhen Ruifeng (EN/ZH, EUR 297,000.00, CIF Hamburg). Vague support "
            "clause 6.1 ('timely technical support' / 及时提供技术支持), 24-month warranty 'from the date "
            "of delivery' (undefined), manual language unspecified, 'deposit' = 定金, 10 % liability cap, "
            "'arbitration in Shenzhen' without an institution, no prevailing language, no e-mail notices.",
            contract_pdf(),
            date(2025, 10, 14),
        ),
        Doc(
            "documents/payment_2025-10-21_deposit.pdf",
            "payment_proof",
            "Bank confirmation of the 30 % deposit, EUR 89,100.00, T/T to China Merchants Bank, 21.10.2025.",
            rf_deposit,
            date(2025, 10, 21),
        ),
        Doc(
            "documents/RF-EU-2025-1046-A1_amendment-1.pdf",
            "amendment",
            "Amendment No. 1: shipment by 15.01.2026; new Art. 6.5 free remote support during the warranty "
            "with a response 'within 24 hours' (calendar or business hours not stated).",
            amendment_pdf(),
            date(2025, 12, 3),
        ),
        Doc(
            "documents/payment_2026-01-07_balance.pdf",
            "payment_proof",
            "Bank confirmation of the 70 % balance, EUR 207,900.00, T/T to China Merchants Bank, 07.01.2026.",
            rf_balance,
            date(2026, 1, 7),
        ),
        Doc(
            "documents/RF-CI-20260112_commercial-invoice.pdf",
            "invoice",
            "Commercial invoice RF-CI-20260112 for both machines with serial numbers; shows the verified "
            "beneficiary account.",
            commercial_invoice_pdf(),
            date(2026, 1, 12),
        ),
        Doc(
            "documents/RF-DN-20260112_delivery-note.pdf",
            "delivery_note",
            f"Delivery note / packing list with serial numbers {SN1} and {SN2}, B/L YTN26HAM011402 "
            "(shipped 14.01.2026), receipt signed at the buyer's plant on 26.02.2026.",
            delivery_note_pdf(),
            date(2026, 1, 12),
        ),
        Doc(
            "documents/registry-extract_ruifeng_2025-09-30.png",
            "other",
            "Screenshot of Ruifeng's entry in the national enterprise credit registry (国家企业信用信息公示系统), "
            f"saved during due diligence on 30.09.2025: legal name, USCC {RF_USCC}, legal representative, "
            "registered capital, status 存续 (active). Fictional entry, marked DEMO.",
            registry_screenshot_png(),
            date(2025, 9, 30),
        ),
        Doc(
            "chats/WhatsApp Chat mit Kevin Liu.txt",
            "correspondence",
            "WhatsApp export from the buyer's purchasing manager's phone (Android, German locale, "
            "'dd.mm.yy, HH:MM', local time Europe/Berlin without offset, emoji, '<Medien ausgeschlossen>'): "
            "chasers, the fraud check of 21.05.2026 confirmed by Kevin Liu, the slipping site visit.",
            whatsapp_export_txt(),
            date(2026, 10, 12),
        ),
        Doc(
            "photos/RF3015G6-2512-0087_nameplate.jpg",
            "photo_video",
            f"Photo of the nameplate of laser 1 ({SN1}), taken 27.02.2026 (EXIF date and offset).",
            nameplate_jpg(),
            date(2026, 2, 27),
        ),
        Doc(
            "documents/RF-IC-20260313_commissioning-report.pdf",
            "other",
            "Installation and commissioning acceptance report of 13.03.2026: both machines accepted; open "
            "item 1 'English manual to be sent by the Seller'; TeamViewer installed for Art. 6.5.",
            commissioning_pdf(),
            date(2026, 3, 13),
        ),
        Doc(
            "documents/Ruifeng_service-terms_2026_v2.0.docx",
            "other",
            "Supplier's 'After-sales Service Terms 2026 v2.0' (DOCX, ZH/EN): remote support free for 3 months "
            "only, then a paid plan; 'right of final interpretation'. Same bytes as the attachment of the "
            "11 May 2026 notice.",
            service_terms_docx(),
            date(2026, 5, 11),
        ),
        Doc(
            "documents/payment_2026-05-22_spare-part-under-protest.pdf",
            "payment_proof",
            f"Bank confirmation: EUR 2,350.00 for {PI_NO} (height controller module) paid under protest to "
            "the verified account, 22.05.2026.",
            rf_spare,
            date(2026, 5, 22),
        ),
        Doc(
            "documents/downtime-log_2026.xlsx",
            "log_file",
            "Buyer's machine downtime log 2026 (stop/restart with UTC offsets, hours, production hours lost "
            "under the buyer's own shift calendar) and cost sheet (subcontracted cutting EUR 22,550.00).",
            downtime_xlsx(),
            date(2026, 10, 12),
        ),
    ]


def mail_path(m: Mail) -> str:
    return f"mail/{m.at.astimezone(UTC):%Y%m%dT%H%M%SZ}_{m.key}.eml"


def iso(dt: datetime) -> str:
    return dt.isoformat()


def build_dispute(docs: list[Doc], mails: list[Mail]) -> dict[str, object]:
    mp = {m.key: mail_path(m) for m in mails}
    by_key = {m.key: m for m in mails}

    def sr_messages(key: str) -> list[str]:
        return [mp[m.key] for m in sorted((m for m in mails if m.sr == key), key=lambda x: x.at)]

    def first(key: str) -> datetime:
        return min(m.at for m in mails if m.sr == key)

    evidence = [{"path": d.path, "kind": d.kind, "description": d.description} for d in docs]
    evidence += [
        {
            "path": mp[m.key],
            "kind": "correspondence",
            "description": f"{m.at.isoformat()} {m.sender.name} → {', '.join(p.name for p in m.to)}: {m.note}",
        }
        for m in sorted(mails, key=lambda x: x.at)
    ]
    doc = {d.kind + ":" + d.path: d.path for d in docs}

    def docpath(stem: str) -> str:
        return next(p for p in doc.values() if stem in p)

    contacts_rf = [
        {
            "name": "Wang Lei",
            "name_zh": "王磊",
            "level": "support_engineer",
            "role": "After-sales engineer / 售后工程师",
            "email": WANG.email,
            "phone": "+86 138 2651 4470",
            "wechat": "rf_wanglei",
            "hours": "Mon-Fri 09:00-12:00, 13:30-18:00 Asia/Shanghai",
        },
        {
            "name": "Ruifeng service desk",
            "name_zh": "锐锋售后服务部",
            "level": "support_engineer",
            "role": "Service mailbox / 售后服务邮箱",
            "email": SERVICE.email,
            "phone": "+86 755 2781 6630",
            "wechat": None,
            "hours": "Mon-Fri 09:00-18:00 Asia/Shanghai",
        },
        {
            "name": "Zhao Zhe",
            "name_zh": "赵喆",
            "level": "service_manager",
            "role": "After-sales service manager / 售后服务部经理",
            "email": ZHAO.email,
            "phone": "+86 755 2781 6631",
            "wechat": "zhaozhe_rf",
            "hours": "Mon-Fri 09:00-18:00 Asia/Shanghai",
        },
        {
            "name": "Kevin Liu (Liu Yang)",
            "name_zh": "刘洋",
            "level": "sales",
            "role": "International sales manager / 国际销售经理",
            "email": KEVIN.email,
            "phone": "+86 139 2874 0315",
            "wechat": "kevin-rflaser",
            "hours": "Mon-Sat, WhatsApp/WeChat also evenings",
        },
        {
            "name": "Chen Zhiqiang",
            "name_zh": "陈志强",
            "level": "general_manager",
            "role": "General manager and legal representative / 总经理、法定代表人",
            "email": CHEN.email,
            "phone": "+86 755 2781 6600",
            "wechat": None,
            "hours": "Mon-Fri 09:00-18:00 Asia/Shanghai",
        },
        {
            "name": "Huang Li",
            "name_zh": "黄丽",
            "level": "finance",
            "role": "Finance / 财务部",
            "email": HUANG.email,
            "phone": "+86 755 2781 6618",
            "wechat": None,
            "hours": "Mon-Fri 09:00-18:00 Asia/Shanghai",
        },
    ]
    contacts_ht = [
        {
            "name": "Li Jun",
            "name_zh": "李军",
            "level": "support_engineer",
            "role": "Service engineer / 售后工程师",
            "email": LIJUN.email,
            "phone": "+86 574 8618 2207",
            "wechat": "lijun_ht",
            "hours": "Mon-Fri 08:30-17:30 Asia/Shanghai",
        },
        {
            "name": "Tina Zhou",
            "name_zh": "周婷",
            "level": "sales",
            "role": "Sales manager / 销售经理",
            "email": TINA.email,
            "phone": "+86 574 8618 2201",
            "wechat": "tina_hengtuo",
            "hours": "Mon-Fri 08:30-17:30 Asia/Shanghai",
        },
        {
            "name": "Sun Jianhua",
            "name_zh": "孙建华",
            "level": "general_manager",
            "role": "General manager and legal representative / 总经理、法定代表人",
            "email": f"sunjh@{HT_DOMAIN}",
            "phone": "+86 574 8618 2200",
            "wechat": None,
            "hours": "Mon-Fri 08:30-17:30 Asia/Shanghai",
        },
    ]
    fraud = by_key["fraud-bank-change"]
    return {
        "format": "disputedesk-demo/1",
        "generated_by": "scripts/build_demo.py",
        "workspace": {"slug": "demo", "name": "Demo: Auerbach Feinblech ./. Shenzhen Ruifeng Laser"},
        "buyer": {
            "name": BUYER_NAME,
            "country": "DE",
            "address": BUYER_ADDR,
            "timezone": "Europe/Berlin",
            "calendar": "DE-BW",
            "vat_id": "DE318442907",
            "email_domains": [BUYER_DOMAIN],
            "bank_account": BUYER_BANK,
            "contacts": [
                {"name": KATRIN.name, "role": "Managing Director (Geschäftsführerin)", "email": KATRIN.email},
                {"name": JONAS.name, "role": "Head of Purchasing", "email": JONAS.email},
                {"name": MEHMET.name, "role": "Maintenance / after-sales engineer", "email": MEHMET.email},
                {"name": LENA.name, "role": "Accounting", "email": LENA.email},
            ],
        },
        "counsel": {
            "name": FALK.name,
            "firm": "Falk Schreiber Rechtsanwälte PartG mbB, Stuttgart",
            "email": FALK.email,
            "email_domains": [COUNSEL_DOMAIN],
        },
        "suppliers": [
            {
                "key": "ruifeng",
                "name_en": RF_NAME_EN,
                "name_zh": RF_NAME_ZH,
                "uscc": RF_USCC,
                "address_en": RF_ADDR_EN,
                "address_zh": RF_ADDR_ZH,
                "legal_representative": "陈志强 Chen Zhiqiang",
                "registered_capital": {"amount": "50000000.00", "currency": "CNY"},
                "established_on": "2016-08-19",
                "business_scope": "激光切割设备的研发、生产和销售；货物及技术进出口 / R&D, manufacture and sale of "
                "laser cutting equipment; import and export of goods and technology",
                "business_type": "factory",
                "timezone": "Asia/Shanghai",
                "calendar": "cn",
                "email_domains": [RF_DOMAIN],
                "websites": ["https://www.ruifenglaser.com", "https://www.ruifenglaser.cn"],
                "bank_account": RF_BANK,
                "registry_evidence": docpath("registry-extract_ruifeng"),
                "certifications": [
                    {
                        "name": "CE (Machinery Directive 2006/42/EC), declaration of conformity",
                        "valid_until": None,
                        "evidence": None,
                    }
                ],
                "due_diligence": [
                    {
                        "item": "registry_entry_checked",
                        "status": "done",
                        "date": "2025-09-30",
                        "evidence": docpath("registry-extract_ruifeng"),
                    },
                    {
                        "item": "legal_name_matches_contract_and_invoices",
                        "status": "done",
                        "date": "2026-01-12",
                        "evidence": docpath("RF-CI-20260112"),
                    },
                    {
                        "item": "beneficiary_account_in_legal_name",
                        "status": "done",
                        "date": "2025-10-21",
                        "evidence": docpath("RF-EU-2025-1046_sales-contract"),
                    },
                    {"item": "factory_audit_or_video_inspection", "status": "missing", "date": None, "evidence": None},
                    {"item": "references_from_other_buyers", "status": "missing", "date": None, "evidence": None},
                    {"item": "sanctions_export_control_screening", "status": "missing", "date": None, "evidence": None},
                ],
                "contacts": contacts_rf,
            },
            {
                "key": "hengtuo",
                "name_en": HT_NAME_EN,
                "name_zh": HT_NAME_ZH,
                "uscc": HT_USCC,
                "address_en": HT_ADDR_EN,
                "address_zh": HT_ADDR_ZH,
                "legal_representative": "孙建华 Sun Jianhua",
                "registered_capital": {"amount": "20000000.00", "currency": "CNY"},
                "established_on": "2011-05-06",
                "business_scope": "数控机床、折弯机的制造和销售；自营进出口 / manufacture and sale of CNC machine "
                "tools and press brakes; import and export",
                "business_type": "factory",
                "timezone": "Asia/Shanghai",
                "calendar": "cn",
                "email_domains": [HT_DOMAIN],
                "websites": ["https://www.hengtuo-cnc.com"],
                "bank_account": HT_BANK,
                "contacts": contacts_ht,
            },
        ],
        "contracts": [
            {
                "key": "rf-contract",
                "supplier": "ruifeng",
                "number": CONTRACT_NO,
                "title": "Sales contract: two fibre laser cutting machines RF-F3015-6kW",
                "signed_on": "2025-10-14",
                "currency": "EUR",
                "total": "297000.00",
                "incoterms": "CIF Hamburg (Incoterms 2020)",
                "document": docpath("RF-EU-2025-1046_sales-contract"),
                "warranty_months": 24,
                "warranty_starts": "'from the date of delivery' - undefined: shipment 2026-01-14 (B/L), arrival "
                "2026-02-26 or acceptance 2026-03-13",
                "governing_law": "CN",
                "dispute_resolution": "friendly negotiation, then 'arbitration in Shenzhen' (no institution named)",
                "prevailing_language": None,
                "support_terms": {
                    "source": "Art. 6.1 ('timely technical support') and Art. 6.5 added by Amendment No. 1",
                    "source_zh": "第6.1条（“及时提供技术支持”）及第1号修正案新增的第6.5条",
                    "first_response": {
                        "value": 24,
                        "unit": "hours",
                        "basis": "unspecified (calendar or business)",
                        "basis_zh": "未说明按日历时间还是工作时间",
                    },
                    "resolution": None,
                    "coverage": "unspecified",
                    "remote_support": "free of charge during the warranty period (Art. 6.5)",
                    "remedies": None,
                },
                "amendments": [
                    {
                        "number": AMENDMENT_NO,
                        "signed_on": "2025-12-03",
                        "summary": "Shipment no later than 15 January 2026 (Art. 3.1); new Art. 6.5: free remote "
                        "technical support during the warranty period, response within 24 hours.",
                        "document": docpath("A1_amendment-1"),
                    }
                ],
            },
            {
                "key": "ht-contract",
                "supplier": "hengtuo",
                "number": HT_CONTRACT_NO,
                "title": f"Sales contract: CNC press brake {HT_MODEL}",
                "signed_on": "2025-03-18",
                "currency": "USD",
                "total": "58900.00",
                "incoterms": "FOB Ningbo (Incoterms 2020)",
                "document": docpath("HT-SC-2025-0317"),
                "warranty_months": 24,
                "warranty_starts": "date of the acceptance certificate (2025-07-03)",
                "governing_law": "CN",
                "dispute_resolution": "CIETAC, Shanghai, English, one arbitrator",
                "prevailing_language": "en",
                "support_terms": {
                    "source": "Art. 3",
                    "source_zh": "第3条",
                    "windows": "Mon-Fri 08:30-17:30",
                    "timezone": "Asia/Shanghai",
                    "calendar": "cn",
                    "first_response": {"value": 4, "unit": "business_hours"},
                    "resolution": {"value": 3, "unit": "business_days", "applies_to": "machine down (critical)"},
                    "auto_reply_counts_as_response": False,
                    "service_credit": {
                        "percent_per_business_day": "0.5",
                        "cap_percent": "10",
                        "base": {"amount": "58900.00", "currency": "USD"},
                    },
                },
                "amendments": [],
            },
        ],
        "orders": [
            {
                "key": "rf-order",
                "contract": "rf-contract",
                "number": PO_NO,
                "ordered_on": "2025-10-16",
                "currency": "EUR",
                "amount": "297000.00",
            },
            {
                "key": "rf-spare-order",
                "contract": "rf-contract",
                "number": PI_NO,
                "ordered_on": "2026-05-22",
                "currency": "EUR",
                "amount": "2350.00",
            },
            {
                "key": "ht-order",
                "contract": "ht-contract",
                "number": HT_PO_NO,
                "ordered_on": "2025-03-20",
                "currency": "USD",
                "amount": "58900.00",
            },
        ],
        "payments": [
            {
                "order": "rf-order",
                "paid_on": "2025-10-21",
                "amount": "89100.00",
                "currency": "EUR",
                "method": "T/T",
                "reference": "NVB2510210047311",
                "purpose": "deposit 30 %",
                "document": docpath("2025-10-21_deposit"),
            },
            {
                "order": "rf-order",
                "paid_on": "2026-01-07",
                "amount": "207900.00",
                "currency": "EUR",
                "method": "T/T",
                "reference": "NVB2601070021958",
                "purpose": "balance 70 % before shipment",
                "document": docpath("2026-01-07_balance"),
            },
            {
                "order": "rf-spare-order",
                "paid_on": "2026-05-22",
                "amount": "2350.00",
                "currency": "EUR",
                "method": "T/T",
                "reference": "NVB2605220009124",
                "purpose": "spare part, paid under protest",
                "under_protest": True,
                "document": docpath("2026-05-22_spare-part"),
            },
        ],
        "deliveries": [
            {
                "order": "rf-order",
                "shipped_on": "2026-01-14",
                "delivered_on": "2026-02-26",
                "accepted_on": "2026-03-13",
                "document": docpath("RF-DN-20260112"),
                "units": [
                    {"model": RF_MODEL, "serial": SN1, "label": "laser 1"},
                    {"model": RF_MODEL, "serial": SN2, "label": "laser 2"},
                ],
            },
            {
                "order": "ht-order",
                "shipped_on": "2025-06-12",
                "delivered_on": "2025-06-30",
                "accepted_on": "2025-07-03",
                "document": docpath("HT-DN-20250612"),
                "units": [{"model": HT_MODEL, "serial": HT_SN, "label": "press brake"}],
            },
        ],
        "support_requests": [
            {
                "key": "sr-manual",
                "supplier": "ruifeng",
                "unit_serial": SN1,
                "also_units": [SN2],
                "title": "English operation and maintenance manual missing",
                "severity": "normal",
                "opened_at": iso(first("sr-manual")),
                "status": "open",
                "messages": sr_messages("sr-manual"),
            },
            {
                "key": "sr-e207",
                "supplier": "ruifeng",
                "unit_serial": SN1,
                "title": "Laser 1 down after firmware V3.3.0 - alarm E-207 (reopened 18 June 2026)",
                "severity": "critical",
                "opened_at": iso(first("sr-e207")),
                "status": "open",
                "reopened_at": iso(by_key["sr-e207-reopen"].at),
                "messages": sr_messages("sr-e207"),
            },
            {
                "key": "sr-e311",
                "supplier": "ruifeng",
                "unit_serial": SN2,
                "title": "Laser 2 stopped - alarm E-311 laser communication timeout",
                "severity": "high",
                "opened_at": iso(first("sr-e311")),
                "status": "resolved",
                "resolved_at": iso(berlin(2026, 10, 8, 9, 45)),
                "messages": sr_messages("sr-e311"),
            },
            {
                "key": "sr-ht-alarm24",
                "supplier": "hengtuo",
                "unit_serial": HT_SN,
                "title": "Press brake stops with alarm 24 (R axis)",
                "severity": "critical",
                "opened_at": iso(first("sr-ht-alarm24")),
                "status": "resolved",
                "resolved_at": iso(by_key["ht-alarm24-ok"].at),
                "messages": sr_messages("sr-ht-alarm24"),
            },
            {
                "key": "sr-ht-seals",
                "supplier": "hengtuo",
                "unit_serial": HT_SN,
                "title": "Quotation for hydraulic seal kit and English manual of controller update 2.4",
                "severity": "low",
                "opened_at": iso(first("sr-ht-seals")),
                "status": "resolved",
                "resolved_at": iso(by_key["ht-seals-re"].at),
                "messages": sr_messages("sr-ht-seals"),
            },
        ],
        "case": {
            "key": "case-ruifeng",
            "title": "Auerbach Feinblech ./. Shenzhen Ruifeng Laser: failed technical support, laser 1",
            "supplier": "ruifeng",
            "contract": "rf-contract",
            "support_requests": ["sr-e207", "sr-manual", "sr-e311"],
            "issues": [
                "no_or_slow_support",
                "missing_or_untranslated_manual",
                "unilateral_change_of_terms",
                "refusal_of_warranty_service",
            ],
            "ladder": [
                {"step": "support_request", "date": "2026-03-27", "evidence": mp["sr-e207"]},
                {"step": "escalation_sales", "date": "2026-04-14", "evidence": mp["escalation-kevin"]},
                {
                    "step": "formal_complaint",
                    "date": "2026-07-06",
                    "cure_deadline": "2026-07-31",
                    "evidence": mp["formal-complaint"],
                },
                {
                    "step": "escalation_senior_management",
                    "date": "2026-08-03",
                    "response_deadline": "2026-08-14",
                    "evidence": mp["escalation-gm"],
                },
                {"step": "lawyer_instructed", "date": "2026-10-27", "evidence": mp["counsel-instruction"]},
            ],
            "acknowledgements": [
                {
                    "date": "2026-08-10",
                    "evidence": mp["escalation-gm-re"],
                    "summary": "General manager promises a free site visit, the English manual and "
                    "free remote support during the warranty period.",
                }
            ],
            # the input of `disputedesk deadlines --facts FACTS.json` (issue 6), as the buyer would enter it
            "deadline_facts": {
                "governing_law": "CN",
                "contract_type": "international_sale",
                "cisg_applies": True,
                "received_on": "2026-02-26",
                "inspection_period_days": 7,
                "warranty_months": 24,
                "warranty_starts_on": None,
                "knowledge_on": "2026-03-27",
                "demands": ["2026-07-06", "2026-08-03"],
                "acknowledgements": ["2026-08-10"],
                "award_performance_deadline": None,
            },
            "claims": [
                {
                    "head": "refund of the height controller module (warranty)",
                    "amount": "2350.00",
                    "currency": "EUR",
                    "basis": "Contract Art. 5.2, 5.3",
                    "evidence": [docpath("2026-05-22_spare-part"), mp["protest-payment"]],
                },
                {
                    "head": "subcontracted laser cutting during the downtime of laser 1",
                    "amount": "22550.00",
                    "currency": "EUR",
                    "basis": "damages (PRC Civil Code Art. 584; CISG Art. 74 where it applies)",
                    "evidence": [docpath("downtime-log"), mp["escalation-kevin"]],
                },
                {
                    "head": "nozzle and ceramic ring replaced after the crash",
                    "amount": "64.50",
                    "currency": "EUR",
                    "basis": "damages",
                    "evidence": [docpath("downtime-log")],
                },
            ],
        },
        # Facts the features built on this demo should find by themselves; tests can use them as oracles.
        "expectations": {
            "auto_replies": [mp["sr-e207-autoreply"], mp["sr-e311-autoreply"]],
            "acknowledgement_only": [mp["sr-e207-ack"], mp["sr-e207-reopen-ack"], mp["formal-complaint-ack"]],
            "bank_change_requests": [mp["fraud-bank-change"]],
            "lookalike_domains": [
                {"domain": RF_LOOKALIKE, "imitates": RF_DOMAIN, "message": mp[fraud.key], "beneficiary": FRAUD_BANK}
            ],
            "unilateral_terms_change": [mp["service-terms"]],
            "forwarded_as_attachment": [mp["fraud-check-kevin"]],
            "raw_8bit_subject": [mp["sr-e207-ack"]],
            "charset_mislabelled_gb2312_is_gbk": [mp["service-terms"]],
            "charset_gb18030": [mp["escalation-gm-re"]],
            "charset_big5": [mp["fraud-bank-change"]],
            "html_remote_content": [mp["fraud-bank-change"]],
            "rfc2231_filenames": [mp["sr-manual-re1"], mp["ht-seals-re"]],
            "rfc2047_filenames": [mp["fw-notice"], mp["service-terms"]],
            "html_alternative": sorted(mp[m.key] for m in mails if m.html),
            "internal": sorted(mp[m.key] for m in mails if all(org_of(p) == "buyer" for p in [m.sender, *m.to, *m.cc])),
            "duplicate_bytes": [{"file": docpath("service-terms"), "attached_to": mp["service-terms"]}],
            "chat_exports": [
                {
                    "path": docpath("WhatsApp Chat mit"),
                    "format": "whatsapp-android",
                    "locale": "de",
                    "timezone": "Europe/Berlin",
                    "messages": sum(1 for _, who, _ in WHATSAPP if who),
                }
            ],
            "contract_vague_terms": {
                "en": ["timely", "when necessary", "friendly negotiation"],
                "zh": ["及时", "必要时", "友好协商"],
            },
        },
        "evidence": evidence,
    }


README_HEAD = """# Demo dispute: Auerbach Feinblech ./. Shenzhen Ruifeng Laser

*Generated by `scripts/build_demo.py` - edit the script and rebuild, not these files. Everything
here is fiction: companies, people, addresses, registration numbers, bank accounts, IP addresses
(documentation ranges) and Message-IDs are invented.*

## The story

**Auerbach Feinblech GmbH**, a sheet-metal job shop with 60 people in Rottenburg am Neckar
(Germany), buys two 6 kW fibre laser cutting machines for EUR 297,000.00 (CIF Hamburg) from
**深圳市锐锋激光智能装备有限公司 / Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd.**, a
factory in Bao'an, Shenzhen. The bilingual contract of 14 October 2025 is typical: "Seller shall
provide timely technical support" / "卖方应及时提供技术支持", a 24-month warranty "from the date
of delivery" (shipment? arrival? acceptance?), no language for the manual, a "deposit" that the
Chinese text calls 定金, a 10 % liability cap, "arbitration in Shenzhen" without an institution,
and two language versions "with the same effect". Amendment No. 1 (3 December 2025) moves the
shipment date and adds free remote support during the warranty with a response "within 24 hours"
(calendar or business hours? not said).

The buyer pays 30 % deposit and 70 % balance by T/T; the machines ship on 14 January 2026, arrive
on 26 February and are accepted on 13 March 2026 - with the English manual as an open item. On
27 March the supplier's engineer installs firmware V3.3.0 remotely on laser 1. The supplier's own
Chinese-only change log says the new firmware needs height-controller firmware HC-2.1; the machine
has HC-1.8. The first calibration crashes the cutting head: alarm E-207, machine down. What follows
is the pattern every buyer knows: a bare "收到，我们会检查" on Monday, a request for logs, a wrong
diagnosis after the Qingming holiday, a rollback link three days after "tomorrow", an auto-reply on
Labour Day, and a quotation for the module the firmware destroyed ("collision, operator problem").
Meanwhile the service manager announces that free remote support becomes a paid plan, and a
lookalike domain (ruifenglasser.com) slips into the thread asking to pay into a new Hong Kong
account. The buyer pays the module under protest to the verified account, laser 1 runs again after
73 days, the fault returns on the eve of the Dragon Boat Festival, and the acknowledgements
continue. A formal complaint with a cure deadline (6 July) and an escalation to the general
manager (3 August) bring promises in Chinese (10 August) that are not kept; laser 2 stops on the
eve of National Day and gets its answer eight days later. On 27 October the buyer instructs
counsel.

**宁波恒拓数控机械有限公司 / Ningbo Hengtuo CNC Machinery Co., Ltd.**, which sold the buyer a press
brake in 2025 under a clear contract (4 business hours first response, service credits, CIETAC
Shanghai, English prevails), answers its two support requests in 1.5 hours and the same day: its
scorecard should rank it above Ruifeng.

## What to look at

- **Time zones and calendars**: buyer mail in Europe/Berlin (+0100 until 29 March, +0200 until
  25 October, +0100 again for the last message), supplier mail in Asia/Shanghai (+0800), and the
  controller log in Beijing time although the machine stands in Germany. Requests fall on a Friday
  night, before Qingming (4-6 April), Labour Day (1-5 May, make-up working day Saturday 9 May),
  the Dragon Boat Festival (19-21 June) and National Day (1-7 October, make-up day Saturday
  10 October).
- **Encodings**: UTF-8 (base64 and quoted-printable), GBK, GB18030 (with a euro sign that is not
  valid GBK), a body and subject labelled gb2312 that are really GBK (赵喆: 喆 is outside GB2312),
  a raw 8-bit GBK subject without RFC 2047, RFC 2231 file names in GBK and UTF-8, RFC 2047 encoded
  words inside quoted file names, HTML alternatives, a forwarded message/rfc822, a Big5 body in
  traditional characters (the fraud message) whose HTML part loads a remote logo, a WhatsApp
  export with a German date format and no time zone.
- **What is not a response**: two automatic replies (`Auto-Submitted: auto-replied`, 自动回复 and
  "Automatic reply"), three bare acknowledgements.
- **Payment safety**: the fraud message from `finance@ruifenglasser.com` (SPF passes for the
  lookalike domain, no DKIM, sent from a hosting provider), beneficiary not the legal name.
- **Duplicates**: `documents/Ruifeng_service-terms_2026_v2.0.docx` has the same bytes as the
  attachment of the 11 May notice; the vault stores it once.
- `dispute.json` holds the structured facts, the case ladder, claims and an `expectations` block
  (auto-replies, acknowledgements, the fraud message, encodings) that later features can test
  against.
"""


def build_readme(dispute: dict[str, object], docs: list[Doc], mails: list[Mail]) -> str:
    out = [README_HEAD, "## The cast\n", "| who | organisation | role | e-mail |", "| --- | --- | --- | --- |"]
    buyer = dispute["buyer"]
    assert isinstance(buyer, dict)
    for c in buyer["contacts"]:
        out.append(f"| {c['name']} | {BUYER_NAME} | {c['role']} | {c['email']} |")
    suppliers = dispute["suppliers"]
    assert isinstance(suppliers, list)
    for s in suppliers:
        for c in s["contacts"]:
            out.append(f"| {c['name']} {c['name_zh']} | {s['name_en']} | {c['role']} ({c['level']}) | {c['email']} |")
    out.append(f"| Dr. Miriam Falk | Falk Schreiber Rechtsanwälte | buyer's counsel | {FALK.email} |")
    out.append(f"| (impostor) 黄丽 | lookalike domain | payment fraud | {FAKE_HUANG.email} |")
    out.append("")
    out.append(
        f"Supplier registration: Ruifeng USCC `{RF_USCC}`, Hengtuo USCC `{HT_USCC}` (check characters "
        "valid, computed with python-stdnum). Verified beneficiary: "
        f"{RF_BANK['beneficiary']}, {RF_BANK['bank']}, A/C {RF_BANK['account']}.\n"
    )
    out.append("## Timeline\n")
    out.append("| date (Shanghai) | date (Berlin) | from | what | file |")
    out.append("| --- | --- | --- | --- | --- |")
    events: list[tuple[datetime, str, str, str]] = []
    for d in docs:
        day = datetime(d.on.year, d.on.month, d.on.day, 12, tzinfo=BERLIN)
        events.append((day, "file:" + d.kind.replace("_", " "), d.description, d.path))
    for m in mails:
        events.append((m.at, m.sender.name, m.note, mail_path(m)))
    for at, who, what, path in sorted(events, key=lambda e: (e[0], e[3])):
        if who.startswith("file:"):
            out.append(f"| {at:%Y-%m-%d} | {at:%Y-%m-%d} | ({who[5:]}) | {what} | `{path}` |")
        else:
            sh, be = at.astimezone(SHANGHAI), at.astimezone(BERLIN)
            out.append(f"| {sh:%Y-%m-%d %H:%M} | {be:%Y-%m-%d %H:%M %z} | {who} | {what} | `{path}` |")
    out.append("")
    out.append("## Support requests\n")
    out.append("| key | supplier | unit | severity | opened | messages |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    srs = dispute["support_requests"]
    assert isinstance(srs, list)
    for sr in srs:
        out.append(
            f"| {sr['key']} | {sr['supplier']} | {sr['unit_serial']} | {sr['severity']} | {sr['opened_at']} | "
            f"{len(sr['messages'])} |"
        )
    out.append("")
    out.append("## Rebuild\n")
    out.append(
        "```\n.venv/bin/pip install fpdf2 openpyxl   # generator only (Pillow and fontTools come with fpdf2)\n"
        ".venv/bin/python scripts/build_demo.py\n```\n"
    )
    out.append(
        "The PDFs embed a subset of Noto Sans CJK SC from "
        "`/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc` (Debian `fonts-noto-cjk`), converted "
        "by the generator from CFF to TrueType outlines (fontTools) so that both `pdftotext` and `pypdf` "
        "return the Chinese text (with the CFF font fpdf2 writes an embedded CMap that pypdf misreads).\n"
    )
    out.append("## Load\n")
    out.append(
        "`disputedesk demo` imports every file listed under `evidence` in `dispute.json` through the "
        "normal import pipeline (hashing, vault, ledger) and then creates the records (parties, "
        "contracts, orders, payments, deliveries, machines, support requests) from `dispute.json`. "
        "`expectations` in `dispute.json` lists what the features should find by themselves (auto-replies, "
        "bare acknowledgements, the bank-change request, encodings); tests use it as an oracle.\n"
    )
    return "\n".join(out)


def write(out: Path, rel: str, data: bytes) -> None:
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    args = ap.parse_args(argv)
    out: Path = args.out
    for font in (FONT_REGULAR, FONT_BOLD):
        if not font.exists():
            print(f"error: font {font} not found (Debian package fonts-noto-cjk)", file=sys.stderr)
            return 2
    for sub in ("mail", "documents", "photos"):
        shutil.rmtree(out / sub, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)

    docs = documents()
    for d in docs:
        write(out, d.path, d.data)

    mails = correspondence()
    by_key = {m.key: m for m in mails}
    if len(by_key) != len(mails):
        raise SystemExit("duplicate mail key")
    raw_by_key: dict[str, bytes] = {}
    for m in mails:
        raw = build_mail(m, by_key, raw_by_key)
        raw_by_key[m.key] = raw
        write(out, mail_path(m), raw)

    dispute = build_dispute(docs, mails)
    (out / "dispute.json").write_text(json.dumps(dispute, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "README.md").write_text(build_readme(dispute, docs, mails), encoding="utf-8")
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {len(docs)} documents, {len(mails)} messages to {out} ({total / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
