"""Supplier CSV import: Excel encodings, required columns, row errors, nothing half-imported."""

from __future__ import annotations

from decimal import Decimal

import pytest
from stdnum.cn import uscc as stdnum_uscc

from disputedesk.domain.money import Money
from disputedesk.domain.suppliers import SupplierKind
from disputedesk.ingest.supplier_csv import decode_csv_bytes, parse_supplier_csv


def make(head17: str) -> str:
    return head17 + stdnum_uscc.calc_check_digit(head17)


U1 = make("91330200MA2H3K7L0")
U2 = make("91440300MA5F1Q2R3")
U3 = make("91320583MA1W8N6P4")

ZH_SHEET = (
    "企业名称,统一社会信用代码,英文名称,注册资本,类型,邮箱域名,网站\r\n"
    f"宁波海曙精工机械有限公司,{U1},Ningbo Haishu Precision Machinery Co.,1000万元人民币,工厂,hsjg-machinery.com,"
    "https://www.hsjg-machinery.com\r\n"
    f"深圳市光速激光贸易有限公司,{U2},,500万美元,贸易公司,gslaser.cn;gs-laser.com,\r\n"
)


def test_gbk_csv_from_excel_with_chinese_headers() -> None:
    res = parse_supplier_csv(ZH_SHEET.encode("gbk"), source="供应商.csv")
    assert res.ok, [str(e) for e in res.errors]
    assert res.encoding == "gb18030"
    first, second = res.rows
    assert first.legal_name_zh == "宁波海曙精工机械有限公司"
    assert first.uscc == U1
    assert first.registered_capital == Money(Decimal("10000000"), "CNY")
    assert first.kind is SupplierKind.FACTORY
    assert second.email_domains == ("gslaser.cn", "gs-laser.com")
    assert second.registered_capital == Money(Decimal("5000000"), "USD")
    assert second.kind is SupplierKind.TRADING_COMPANY


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8")])
def test_utf8_with_and_without_bom(encoding: str, expected: str) -> None:
    res = parse_supplier_csv(ZH_SHEET.encode(encoding))
    assert res.ok and res.encoding == expected
    assert res.rows[0].legal_name_zh == "宁波海曙精工机械有限公司"


def test_english_headers_and_semicolons_from_a_european_excel() -> None:
    data = f"legal_name_zh;USCC;Legal name (EN)\n苏州可靠激光有限公司;{U3};Suzhou Reliable Lasers Co., Ltd.\n"
    res = parse_supplier_csv(data.encode())
    assert res.ok
    assert res.rows[0].legal_name_en == "Suzhou Reliable Lasers Co., Ltd."


def test_missing_column_is_named() -> None:
    data = "企业名称,英文名称\n宁波海曙精工机械有限公司,Ningbo Haishu\n".encode("gbk")
    res = parse_supplier_csv(data)
    assert not res.ok and res.rows == ()
    assert len(res.errors) == 1
    e = res.errors[0]
    assert e.row == 1 and e.field == "uscc"
    assert "missing required column" in str(e)


def test_one_bad_row_means_nothing_is_imported() -> None:
    bad_uscc = U2[:17] + ("1" if U2[17] != "1" else "2")
    data = (
        "企业名称,统一社会信用代码\n"
        f"宁波海曙精工机械有限公司,{U1}\n"
        f"深圳市光速激光贸易有限公司,{bad_uscc}\n"
        f"苏州可靠激光有限公司,{U3}\n"
    )
    res = parse_supplier_csv(data.encode("gbk"))
    assert res.rows == ()
    assert [(e.row, e.field) for e in res.errors] == [(3, "uscc")]
    assert "check character" in res.errors[0].message


def test_duplicates_in_the_file_and_against_stored_suppliers() -> None:
    data = (
        "企业名称,统一社会信用代码\n"
        f"宁波海曙精工机械有限公司,{U1}\n"
        f"宁波海曙精工机械有限公司（重复）,{U1}\n"
        f"深圳市光速激光贸易有限公司,{U2}\n"
        f"苏州可靠激光有限公司,{U3}\n"
    )
    res = parse_supplier_csv(data.encode(), existing_usccs=[U2], existing_names=["苏州可靠激光有限公司"])
    errors = {(e.row, e.field): e.message for e in res.errors}
    assert "duplicates row 2" in errors[(3, "uscc")]
    assert "already a stored supplier" in errors[(4, "uscc")]
    assert "already a stored supplier" in errors[(5, "legal_name_zh")]
    assert res.rows == ()


def test_mixed_encodings_are_refused_with_line_numbers() -> None:
    header = "企业名称,统一社会信用代码\n".encode()
    row_utf8 = f"宁波海曙精工机械有限公司,{U1}\n".encode()
    row_gbk = f"深圳市光速激光贸易有限公司,{U2}\n".encode("gbk")
    res = parse_supplier_csv(header + row_utf8 + row_gbk)
    assert not res.ok
    msg = str(res.errors[0])
    assert "mixed encodings" in msg and "3" in msg


def test_bad_cells_name_row_and_column() -> None:
    data = f"企业名称,统一社会信用代码,注册资本,类型,邮箱域名,网站\n,{U1},lots,shop,not a domain,www.x.com\n"
    res = parse_supplier_csv(data.encode())
    fields = {e.field for e in res.errors if e.row == 2}
    assert fields == {"legal_name_zh", "registered_capital", "kind", "email_domains", "websites"}


def test_empty_file_and_header_only() -> None:
    assert "empty" in str(parse_supplier_csv(b"").errors[0])
    assert "no supplier rows" in str(parse_supplier_csv("企业名称,统一社会信用代码\n".encode()).errors[0])


def test_unknown_column_is_a_warning() -> None:
    res = parse_supplier_csv(f"企业名称,统一社会信用代码,备注\n宁波海曙精工机械有限公司,{U1},好\n".encode())
    assert res.ok
    assert any(w.field == "备注" for w in res.warnings)


def test_decode_refuses_utf16() -> None:
    with pytest.raises(ValueError, match="UTF-16"):
        decode_csv_bytes("a,b".encode("utf-16"))
