"""The clarity page says who the supplier and who the customer is, where the contract states it (issue 19): one
short line in the page's language, the contract's own labels as written. A contract that names only 甲方 and 乙方
shows no such line. Contract texts written for these tests."""

from __future__ import annotations

import pytest
from pages_support import upload_contract, visible


def page(c, label: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    """The page's visible text without spaces (the contract's own words are marked apart from the page's)."""
    return "".join("".join(visible(c.get(f"/contracts/{label}?lang={lang}").text)).split())


STATED = """空压机供货合同
甲方（买方）：北岭食品有限公司
乙方（卖方）：南港压缩机有限公司
第一条 供货
乙方向甲方交付螺杆空压机两台。
第二条 服务费
乙方有权单方调整年度维护费，并提前10日通知甲方。
"""


def test_the_page_names_the_supplier_and_the_customer_in_its_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    label = upload_contract(c, "compressor-zh.txt", STATED)
    en = page(c, label, "en")
    # the contract's own words, glossed in English (fix22)
    assert "Supplier:乙方[PartyB](卖方[seller])·Customer:甲方[PartyA](买方[buyer])" in en
    assert "Thesupplier(“乙方（卖方）”)maychangethefeesorpricesalone" in en
    zh = page(c, label, "zh")
    assert "供应商：乙方（卖方）·客户：甲方（买方）" in zh
    assert "乙方（卖方）可单方调整费用或价格" in zh and "Supplier" not in zh and "Customer" not in zh
    line = zh.split("供应商：")[1].split("自动检查")[0]  # the parties line: no English gloss on the Chinese page
    assert line == "乙方（卖方）·客户：甲方（买方）", line
    api = c.get(f"/api/evidence/{label}/clarity").json()
    assert api["parties"]["supplier"]["label"] == "乙方" and api["parties"]["customer"]["label"] == "甲方"
    assert api["parties"]["evidence"][0]["text"].startswith("甲方（买方）")


def test_a_contract_naming_only_jia_and_yi_shows_no_parties_line(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    label = upload_contract(c, "compressor-plain-zh.txt", STATED.replace("（买方）", "").replace("（卖方）", ""))
    en = page(c, label, "en")
    assert "Supplier:" not in en and "Onesidemaychangethefeesorpricesalone" in en
    zh = page(c, label, "zh")
    assert "供应商：" not in zh and "一方可单方调整费用或价格" in zh


def found_row(c, label: str, lang: str, title: str) -> str:  # type: ignore[no-untyped-def]
    """The visible text of the "Found" table's row for a kind (its title in the page's language), without spaces."""
    html = c.get(f"/contracts/{label}?lang={lang}").text
    rows = [r for r in html.split("<tr") if f"<td>{title}" in r]
    assert len(rows) == 1, rows
    return "".join("".join(visible("<tr" + rows[0].split("</tr>")[0])).split())


def test_a_one_sided_right_to_change_the_fees_is_shown_as_one_sided_not_as_agreed(client_for) -> None:  # type: ignore[no-untyped-def]
    """A user read the ✓/已约定 row of the change procedure as "fine" beside the high Art. 543 finding."""
    c = client_for("empty")
    label = upload_contract(c, "compressor-fees-zh.txt", STATED)
    en = found_row(c, label, "en", "Changes only in writing")
    assert "one-sided:onlytheSuppliermaychangethefees" in en
    zh = found_row(c, label, "zh", "变更须书面")
    assert "单方变更：仅供应商一方可调整费用" in zh and "Supplier" not in zh
    html = c.get(f"/contracts/{label}?lang=en").text
    assert 'class="tag warn"' in html
    api = c.get(f"/api/evidence/{label}/clarity").json()
    change = next(x for x in api["clauses"] if x["kind"] == "change_procedure")
    assert change["present"] is True and change["status"] == "one_sided"


@pytest.mark.parametrize(
    ("opening", "en_line", "zh_line"),
    [
        ('PUMP SUPPLY AGREEMENT\nBetween Harbor Pumps Ltd. (the "Supplier") and '
         'Greenfield Dairy GmbH (the "Customer").\n',
         "Supplier:“Supplier”·Customer:“Customer”", "供应商：“Supplier”·客户：“Customer”"),
        ('VALVE SPARE PARTS AGREEMENT\nThis agreement is made between Kestrel Valves Ltd. (the "Seller") and '
         'Marsh Bakery Ltd. (the "Buyer").\n', "Supplier:“Seller”·Customer:“Buyer”", "供应商：“Seller”·客户：“Buyer”"),
    ],
)  # fmt: skip
def test_an_english_contracts_own_words_are_quoted_as_its_defined_terms(  # type: ignore[no-untyped-def]
    client_for, opening: str, en_line: str, zh_line: str
) -> None:
    """The contract's English defined terms in quotation marks, no gloss (fix22b): "Supplier: Supplier" read as a
    glitch; "Supplier: “Supplier”" reads as the contract's word. The defining sentence stays in the tooltip."""
    c = client_for("empty")
    label = upload_contract(c, "agreement-en.txt", opening + "1. Supply\nThe Seller shall deliver two pumps.\n")
    en = page(c, label, "en")
    assert en_line in en and "[" not in en.split("Supplier:")[1][:40]
    assert zh_line in page(c, label, "zh")
    raw = c.get(f"/contracts/{label}?lang=zh").text.split('class="parties"')[1].split("</p>")[0]
    assert 'title="' + opening.splitlines()[1][:30] in raw.replace("&#34;", '"')
    side = c.get(f"/api/evidence/{label}/clarity").json()["parties"]["supplier"]
    assert side["terms_en"] == [en_line.split("“")[1].split("”")[0]]
