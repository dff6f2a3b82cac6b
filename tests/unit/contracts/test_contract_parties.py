"""Who the parties are (issue 19): the reader that tells which label names the supplier and which the customer, from
what the contract's opening and definitions state, and what a user sees because of it (the customer's documents are
not the supplier's documentation; the unilateral change finding names who holds the right; the CLI and the JSON show
the parties). Contract texts written for these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.domain.contract_clarity import check_text, detected_kinds, paragraphs_from_text, split_clauses
from disputedesk.domain.contract_clarity.parties import Parties, read_parties

from .conftest import AS_OF


def parties(text: str) -> Parties:
    return read_parties(split_clauses(paragraphs_from_text(text)))


def sides(text: str) -> tuple[str | None, str | None]:
    """(supplier as shown in Chinese, customer as shown in Chinese), None where unknown."""
    p = parties(text)
    return (p.supplier.shown(True) if p.supplier else None, p.customer.shown(True) if p.customer else None)


# ------------------------------------------------------------------ the reader
@pytest.mark.parametrize(
    ("opening", "supplier", "customer"),
    [
        # the role in brackets after the label
        (
            "冷库维保合同\n甲方（买方）：青禾冷链物流有限公司\n乙方（卖方）：松岩制冷设备有限公司\n",
            "乙方（卖方）",
            "甲方（买方）",
        ),
        # the label in brackets after the role
        (
            "配件订货合同\n需方（甲方）：临川纸业有限公司\n供方（乙方）：白鹭轴承有限公司\n",
            "乙方（供方）",
            "甲方（需方）",
        ),
        # government procurement
        (
            "政府采购合同\n采购人（甲方）：河口区第二中学\n供应商（乙方）：卓远教学设备有限公司\n",
            "乙方（供应商）",
            "甲方（采购人）",
        ),
        # the company first, then what the contract calls it: here 甲方 is the SELLER
        (
            "仪器销售合同\n甲方：明镜光学仪器有限公司（以下简称“卖方”）\n乙方：远帆检测技术有限公司（以下简称“买方”）\n",
            "甲方（卖方）",
            "乙方（买方）",
        ),
        # the role line names the label it will go by
        (
            "设备租赁合同\n出租人：恒丰机械租赁有限公司（以下简称甲方）\n承租人：石桥建筑工程有限公司（以下简称乙方）\n",
            "甲方（出租人）",
            "乙方（承租人）",
        ),
        # a heading block of roles, closed by the labels in the same order
        (
            "空调买卖合同\n买方：云杉酒店管理有限公司\n地址：江北路8号\n卖方：北辰暖通设备有限公司\n地址：湖滨路3号\n"
            "（以下分别简称甲方、乙方）\n",
            "乙方（卖方）",
            "甲方（买方）",
        ),
        # a sentence that says it outright
        (
            "技术服务合同\n甲方：枫林化工有限公司\n乙方：睿信软件有限公司\n甲方为委托方，乙方为受托方。\n",
            "乙方（受托方）",
            "甲方（委托方）",
        ),
        # one side stated: in a contract of two parties, the other label is the other side (no role word made up)
        ("水泵供货合同\n甲方（需方）：清河水务有限公司\n乙方：长江泵业有限公司\n", "乙方", "甲方（需方）"),
        # the label on the line below the party
        (
            "塔吊租赁合同\n承租方：远景建设有限公司\n（以下简称甲方）\n出租方：高塔机械有限公司\n（以下简称乙方）\n",
            "乙方（出租方）",
            "甲方（承租方）",
        ),
        (
            "咨询合同\n委托方：＿＿＿＿＿＿\n（甲方）\n服务方：＿＿＿＿＿＿\n（乙方）\n",
            "乙方（服务方）",
            "甲方（委托方）",
        ),
        # a comma before what the party is called
        (
            "订货合同\n购货单位：＿＿＿＿，以下简称甲方；\n供货单位：＿＿＿＿，以下简称乙方。\n",
            "乙方（供货单位）",
            "甲方（购货单位）",
        ),
        # no 甲方/乙方: the companies go by their role words
        ("锅炉合同\n光明热电有限公司（以下简称买方）与恒温锅炉有限公司（以下简称卖方）签订本合同。\n", "卖方", "买方"),
        ("工矿产品买卖合同\n出卖人：＿＿＿＿ 签订地点：＿＿\n买受人：＿＿＿＿ 签订时间：＿＿\n", "出卖人", "买受人"),
    ],
)
def test_the_reader_takes_each_chinese_form(opening: str, supplier: str, customer: str) -> None:
    text = opening + "第一条 标的\n按附件交付设备并提供售后服务。\n"
    assert sides(text) == (supplier, customer)


def test_the_reader_keeps_the_line_that_says_so_with_its_place() -> None:
    p = parties(
        "冷库维保合同\n甲方（买方）：青禾冷链物流有限公司\n乙方（卖方）：松岩制冷设备有限公司\n"
        "第一条 服务\n乙方按月巡检。\n"
    )
    assert p.known and p.evidence[0]["text"] == "甲方（买方）：青禾冷链物流有限公司"
    assert p.evidence[0]["location"]["paragraph"] == 1  # type: ignore[index]
    d = p.as_dict()
    assert d["known"] is True and d["supplier"]["label"] == "乙方" and d["customer"]["role"] == "买方"  # type: ignore[index]


def test_english_defined_terms_after_the_company_names() -> None:
    p = parties(
        'MAINTENANCE AGREEMENT\nThis Agreement is made between Harbor Pumps Ltd. (the "Supplier") and Greenfield Dairy '
        'GmbH (the "Customer").\n1. Services\nThe Supplier services the pumps monthly.\n'
    )
    assert p.known and p.supplier and p.customer
    assert (p.supplier.label, p.customer.label) == ("Supplier", "Customer")
    assert p.supplier.shown() == "Supplier"


def test_english_definitions_clause() -> None:
    p = parties(
        'PURCHASE AGREEMENT\n1. Definitions\n1.1 "Purchaser" means Lakeside Bakery Inc.\n1.2 "Vendor" means Northwind '
        "Ovens Co.\n2. Goods\nThe Vendor delivers two ovens.\n"
    )
    assert p.supplier and p.customer and (p.supplier.label, p.customer.label) == ("Vendor", "Purchaser")


def test_a_bilingual_contract_with_both_forms() -> None:
    p = parties(
        'EQUIPMENT CONTRACT 设备合同\n甲方（买方）Party A (the "Buyer"): 金穗面粉有限公司\n'
        '乙方（卖方）Party B (the "Seller"): 大川粉机有限公司\n1. 标的 Subject\n'
    )
    assert p.supplier and p.customer
    assert p.supplier.shown(True) == "乙方（卖方）" and p.supplier.shown(False) == "Party B (Seller)"
    assert p.customer.shown(True) == "甲方（买方）" and p.customer.shown(False) == "Party A (Buyer)"


@pytest.mark.parametrize(
    "text",
    [
        # only 甲方/乙方 with company names: who sells is not said, and the order does not say it either
        "设备合同\n甲方：青禾冷链物流有限公司\n乙方：松岩制冷设备有限公司\n第一条 标的\n乙方向甲方交付冷风机。\n",
        # the contract says both are buyers: no reading
        "设备合同\n甲方（买方）：青禾冷链物流有限公司\n乙方（买方）：松岩制冷设备有限公司\n",
        # only one side named, among three parties
        "三方协议\n甲方（买方）：青禾冷链物流有限公司\n乙方：松岩制冷设备有限公司\n丙方：中信担保有限公司\n",
        # an English contract that defines no role
        "AGREEMENT\nThis Agreement is made between Harbor Pumps Ltd. and Greenfield Dairy GmbH.\n1. Services\n",
        # "为" followed by work for the other side is no statement of a role
        "服务合同\n甲方：枫林化工有限公司\n乙方：睿信软件有限公司\n乙方为买方安装设备并调试。\n",
        # what a party calls someone else is no role of the party
        "通信服务协议\n甲方：＿＿＿＿\n乙方：某通信有限公司\n甲方委托他人（以下称“受托人”）办理的，受托人应出示证件。\n",
        # a role word inside a longer name is none (audit21). A subcontract: the general contractor (总承包人) is
        # the customer here, the word 承包人 inside it says nothing
        "幕墙分包合同\n总承包人（甲方）：江畔建设集团有限公司\n分包人（乙方）：明远幕墙工程有限公司\n",
        # 被委托人 is the one entrusted, not the one who entrusts (委托人)
        "锅炉代管合同\n被委托人（乙方）：恒温物业有限公司\n甲方：北坡热力有限公司\n",
        # 以下简称 followed by a longer word that starts with a role word
        "平台协议\n甲方：云杉网络有限公司（以下简称“用户中心”）\n乙方：白桦商贸有限公司\n",
        # a role word given to a class of people ("each a") is no party: here the customers are the reseller's end users
        'RESELLER AGREEMENT\nThis Agreement is between Brightline Software Ltd. (the "Vendor") and Northgate Systems '
        'LLC (the "Reseller").\n1. Appointment\nThe Reseller may resell licences to end users (each a "Customer").\n',
        # a heading line that opens with a longer word ("用户名：") names no party
        "车位租赁登记表\n出租人：城南停车管理有限公司\n用户名：xiaoli88\n车位号：B-12\n",
        # a contract one level down: the head contract's role words say the opposite here
        "劳务分包合同\n甲方（承包人）：江畔建设集团有限公司\n乙方（分包人）：青石劳务有限公司\n",
        "房屋转租合同\n甲方（承租人）：林某\n乙方（次承租人）：周某\n",
        'SUBCONTRACT\nMain Works Ltd. (the "Contractor") and Steelframe Ltd. (the "Subcontractor") agree as follows.\n'
        'Harbor Port Authority (the "Employer") has engaged the Contractor for the quay works.\n',
        # a bilingual opening whose Chinese and English statements contradict each other (甲方 is Party A)
        "设备合同 EQUIPMENT CONTRACT\n甲方（买方）：青禾冷链物流有限公司\n"
        'Party A (the "Seller"): Qinghe Cold Chain Co., Ltd.\n乙方：松岩制冷设备有限公司\nParty B: Songyan Ltd.\n',
    ],
)
def test_unknown_when_the_text_does_not_say(text: str) -> None:
    p = parties(text)
    assert not p.known and p.supplier is None and p.customer is None and p.evidence == []
    assert p.as_dict()["known"] is False


# ------------------------------------------------------------------ (a) documentation
STATED = "纸机配件合同\n甲方（买方）：临川纸业有限公司\n乙方（卖方）：白鹭机械有限公司\n"
PLAIN = "纸机配件合同\n甲方：临川纸业有限公司\n乙方：白鹭机械有限公司\n"
SELLER_JIA = "纸机配件合同\n甲方：白鹭机械有限公司（以下简称“卖方”）\n乙方：临川纸业有限公司（以下简称“买方”）\n"


def test_drawings_the_buyer_hands_over_are_not_the_suppliers_documentation() -> None:
    body = "第五条 配合\n甲方应在签约后7日内提供车间基础图纸及管线布置图。\n"
    assert "documentation" not in detected_kinds(STATED + body)
    # unknown parties: as before
    assert "documentation" in detected_kinds(PLAIN + body)
    # 甲方 is the seller here: its drawings are the supplier's documentation
    assert "documentation" in detected_kinds(SELLER_JIA + body)


def test_the_suppliers_documents_in_the_same_sentence_still_count() -> None:
    body = "第五条 资料\n乙方应随设备提供技术资料，甲方应提供车间布置图纸。\n"
    assert "documentation" in detected_kinds(STATED + body)
    report = check_text(STATED + "第五条 资料\n甲方负责提供设备安装所需的技术资料。\n", as_of=AS_OF).as_dict()
    doc = next(c for c in report["clauses"] if c["kind"] == "documentation")  # type: ignore[union-attr]
    assert doc["present"] is False


def test_english_customer_documentation_is_not_the_suppliers() -> None:
    head = 'SERVICE AGREEMENT\nBetween Harbor Pumps Ltd. (the "Supplier") and Greenfield Dairy GmbH (the "Customer").\n'
    body = "5. Cooperation\nThe Customer shall provide the technical documentation of its plant to the Supplier.\n"
    assert "documentation" not in detected_kinds(head + body)
    assert "documentation" in detected_kinds("SERVICE AGREEMENT\nBetween two companies.\n" + body)


def test_spare_parts_the_customer_alone_must_keep_are_not_the_suppliers() -> None:
    lease = "叉车租赁合同\n出租人（甲方）：顺达设备租赁有限公司\n承租人（乙方）：华光仓储有限公司\n"
    body = "第七条 维护\n7.1 乙方应自行负责叉车的备件、保养及维修，并承担相关费用。\n"
    assert "spare_parts" not in detected_kinds(lease + body)
    # unknown parties: as before
    assert "spare_parts" in detected_kinds("叉车租赁合同\n甲方：顺达设备租赁有限公司\n乙方：华光仓储有限公司\n" + body)
    # the supplier named in the sentence: still spare parts
    both = "第七条 维护\n7.1 乙方应负责叉车的日常保养，甲方应在5日内提供所需备件。\n"
    assert "spare_parts" in detected_kinds(lease + both)


def _seen(text: str, kind: str) -> tuple[bool, list[str], set[str]]:
    """What a user sees of a kind: ticked or not, the clauses of its excerpts, the codes of its findings."""
    report = check_text(text, as_of=AS_OF).as_dict()
    entry = next(c for c in report["clauses"] if c["kind"] == kind)  # type: ignore[union-attr]
    found = {f["code"] for f in report["findings"] if f["kind"] == kind}  # type: ignore[union-attr,index]
    return entry["present"], [e["location"]["clause"] for e in entry["excerpts"]], found


def test_the_seller_called_jia_handing_over_technical_papers_is_documentation() -> None:
    """The documentation exclude takes "向乙方提供" as papers handed TO the supplier (甲方 the customer, as in most
    forms); where the opening says 甲方 sells, "甲方向乙方提供技术资料" is the supplier's documentation, and
    the buyer's own drawings still are not."""
    body = (
        "第四条 交付\n4.1 甲方应在交货时向乙方移交该套包装线的全部技术资料。\n"
        "4.2 乙方应在签约后10日内向甲方提交厂房基础图纸。\n"
    )
    assert _seen(SELLER_JIA + body, "documentation")[:2] == (True, ["4.1"])
    assert "missing" not in _seen(SELLER_JIA + body, "documentation")[2]
    # unknown parties, or 甲方 the buyer: as before, 4.1 is no documentation duty
    for opening in (PLAIN, STATED):
        assert "4.1" not in _seen(opening + body, "documentation")[1], opening
    assert "missing" in _seen(PLAIN + body.split("4.2")[0], "documentation")[2]


def test_the_customers_own_reply_is_no_response_time_where_the_parties_are_known() -> None:
    """The response-time exclude names the customer only by role words (买方, the Customer …); where the opening says
    who the customer is, its label replying ("甲方应在3日内答复…", "Party A shall reply within 5 days") is no response
    time either, while the supplier's reply under the same label still is."""
    for opening, body in (
        (STATED, "第五条 配合\n5.1 甲方应在3日内答复乙方提出的改造方案。\n"),
        (
            'SERVICE AGREEMENT\nParty A (the "Buyer"): Greenfield Dairy GmbH\n'
            'Party B (the "Seller"): Harbor Pumps Ltd.\n',
            "5. Cooperation\n5.1 Party A shall reply to the questions of Party B within 5 days.\n",
        ),
    ):
        present, _, found = _seen(opening + body, "response_time")
        assert not present and "missing" in found, body
    # unknown parties: as before; 甲方 the seller: its reply is the support response
    body = "第五条 服务\n5.1 甲方应在3日内答复乙方提出的故障报告。\n"
    assert _seen(PLAIN + body, "response_time")[:2] == (True, ["5.1"])
    assert _seen(SELLER_JIA + body, "response_time")[:2] == (True, ["5.1"])


# ------------------------------------------------------------------ (b) who may change the fees
FEES = "第六条 费用\n乙方有权根据原材料价格单方调整维护费，并提前15日通知甲方。\n"


def unilateral(text: str) -> dict[str, object]:
    report = check_text(text, as_of=AS_OF).as_dict()
    return next(f for f in report["findings"] if f["code"] == "unilateral_change")  # type: ignore[union-attr,index]


def test_the_fee_change_finding_names_the_supplier() -> None:
    f = unilateral(STATED + FEES)
    assert str(f["message_zh"]).startswith("乙方（卖方）可单方调整费用或价格")
    assert str(f["message_en"]).startswith("The supplier (“乙方（卖方）”) may change the fees or prices alone")
    assert f["holder"] == "supplier"


def test_the_fee_change_finding_names_the_customer_when_jia_is_the_seller() -> None:
    f = unilateral(SELLER_JIA + FEES)
    assert str(f["message_zh"]).startswith("乙方（买方）可单方调整") and f["holder"] == "customer"


def test_the_fee_change_finding_says_one_side_while_the_parties_are_unknown() -> None:
    f = unilateral(PLAIN + FEES)
    assert f["message_en"] == (
        "One side may change the fees or prices alone (e.g. on notice): the price agreed for support today can be "
        "raised without the other side's consent."
    )
    assert str(f["message_zh"]).startswith("一方可单方调整") and "holder" not in f


def test_an_english_terms_change_names_the_supplier() -> None:
    text = (
        'SUBSCRIPTION TERMS\nBetween Cloudway Ltd. (the "Provider") and Harbor Pumps Ltd. (the "Client").\n'
        "9. Changes\nThe Provider reserves the right to modify these terms by posting them online.\n"
    )
    f = unilateral(text)
    assert str(f["message_en"]).startswith("The Provider may change the terms alone")
    assert str(f["message_zh"]).startswith("“Provider”（供方）可单方变更条款")


def suggested(text: str, kind: str) -> dict[str, str]:
    report = check_text(text + "第一条 标的\n交付磨床一台。\n", as_of=AS_OF).as_dict()
    return next(s for s in report["suggestions"] if s["kind"] == kind)  # type: ignore[union-attr,index]


def test_suggested_clauses_use_the_contracts_own_labels() -> None:
    s = suggested(STATED, "response_time")
    assert s["text_zh"].startswith("乙方应") and "卖方" not in s["text_zh"]
    assert s["text_en"].startswith("The Seller shall")  # the contract gives no English label
    # 甲方 is the seller here
    assert suggested(SELLER_JIA, "response_time")["text_zh"].startswith("甲方应")
    # unknown parties: as written
    assert suggested(PLAIN, "response_time")["text_zh"].startswith("卖方应")
    bilingual = (
        'GRINDER CONTRACT 磨床合同\n甲方（买方）Party A (the "Buyer"): 东\n乙方（卖方）Party B (the "Seller"): 西\n'
    )
    s = suggested(bilingual, "response_time")
    assert s["text_en"].startswith("Party B shall") and s["text_zh"].startswith("乙方应")
    english = (
        'SUPPLY AGREEMENT\nBetween Harbor Pumps Ltd. (the "Supplier") and Greenfield Dairy GmbH (the "Customer").\n'
    )
    s = suggested(english, "response_time")
    assert s["text_en"].startswith("The Supplier shall") and "Seller" not in s["text_en"]


# ------------------------------------------------------------------ (c) the CLI and the JSON
def test_the_cli_header_and_json_show_the_parties(tmp_path: Path) -> None:
    path = tmp_path / "parts.txt"
    path.write_text(STATED + FEES, encoding="utf-8")
    runner = CliRunner()
    human = runner.invoke(app, ["contract", "check", str(path), "--as-of", "2026-11-26"])
    assert human.exit_code == 0, human.output
    header = human.stdout.splitlines()[0]
    # the contract's own words, each with an English gloss (fix22)
    assert "supplier 乙方 [Party B] (卖方 [seller]) · customer 甲方 [Party A] (买方 [buyer]) [para 2]" in header
    out = runner.invoke(app, ["contract", "check", str(path), "--json", "--as-of", "2026-11-26"])
    rep = json.loads(out.stdout)
    assert rep["parties"]["supplier"]["label"] == "乙方" and rep["parties"]["customer"]["role"] == "买方"
    assert rep["parties"]["evidence"][0]["text"].startswith("甲方（买方）")
    assert rep["parties"]["evidence"][0]["location"]["paragraph"] == 1
    assert rep["parties"]["supplier"]["gloss_en"] == {"乙方": "Party B", "卖方": "seller"}
    assert rep["parties"]["supplier"]["terms_en"] == []  # added (fix22b): the contract's English terms, none here
    path.write_text(PLAIN + FEES, encoding="utf-8")
    plain = runner.invoke(app, ["contract", "check", str(path), "--as-of", "2026-11-26"])
    assert "supplier" not in plain.stdout.splitlines()[0]
    rep = json.loads(runner.invoke(app, ["contract", "check", str(path), "--json"]).stdout)
    assert rep["parties"] == {"known": False, "supplier": None, "customer": None, "evidence": []}


# ------------------------------------------------------------------ audit21: more role words
@pytest.mark.parametrize(
    ("opening", "supplier", "customer"),
    [
        # repair contracts: who hands the item in (托修人) and who repairs it (承修人)
        ("家电维修合同\n托修人（甲方）：＿＿＿＿\n承修人（乙方）：＿＿＿＿\n", "乙方（承修人）", "甲方（托修人）"),
        # a consumer contract stating the consumer's label
        ("本合同适用于消费者（甲方）与健身服务经营者（乙方）之间的预付卡交易。\n", "乙方", "甲方（消费者）"),
        # a service named before 提供方/接受方
        ("保洁服务合同\n甲方（保洁服务接受方）\n乙方（保洁服务提供方）\n", "乙方（服务提供方）", "甲方（服务接受方）"),
    ],
)
def test_more_role_words(opening: str, supplier: str, customer: str) -> None:
    assert sides(opening) == (supplier, customer)


# ------------------------------------------------------------------ fix22: an English gloss of the role words
@pytest.mark.parametrize(
    ("opening", "supplier", "customer"),
    [
        ("配件订货合同\n需方（甲方）：临川纸业有限公司\n供方（乙方）：白鹭轴承有限公司\n",
         "乙方 [Party B] (供方 [supplier])", "甲方 [Party A] (需方 [buyer])"),
        ("技术服务合同\n甲方：枫林化工有限公司\n乙方：睿信软件有限公司\n甲方为委托方，乙方为受托方。\n",
         "乙方 [Party B] (受托方 [entrusted party])", "甲方 [Party A] (委托方 [entrusting party])"),
        ("厂房装修合同\n发包方（甲方）：临川纸业有限公司\n承包方（乙方）：青松装饰工程有限公司\n",
         "乙方 [Party B] (承包方 [contractor])", "甲方 [Party A] (发包方 [employer])"),
        # a label with no role word: the label's gloss alone
        ("水泵供货合同\n甲方（需方）：清河水务有限公司\n乙方：长江泵业有限公司\n", "乙方 [Party B]",
         "甲方 [Party A] (需方 [buyer])"),
        # no 甲方/乙方: the role words are the labels
        ("工矿产品买卖合同\n出卖人：＿＿＿＿ 签订地点：＿＿\n买受人：＿＿＿＿ 签订时间：＿＿\n", "出卖人 [seller]",
         "买受人 [buyer]"),
        # English words need none: they are the contract's defined terms, quoted as such (fix22b)
        ('SUPPLY AGREEMENT\nBetween Harbor Pumps Ltd. (the "Supplier") and Greenfield Dairy GmbH (the "Customer").\n',
         "“Supplier”", "“Customer”"),
        ('SPARE PARTS AGREEMENT\nBetween Kestrel Valves Ltd. (the "Seller") and Marsh Bakery Ltd. (the "Buyer").\n',
         "“Seller”", "“Buyer”"),
        ('配件供货合同 PARTS SUPPLY CONTRACT\n甲方（买方）Party A (the "Buyer"): 东川食品有限公司\n'
         '乙方（卖方）Party B (the "Seller"): 西岭阀门有限公司\n', "“Party B” (“Seller”)", "“Party A” (“Buyer”)"),
    ],
)  # fmt: skip
def test_the_cli_glosses_the_contracts_chinese_role_words_in_english(
    tmp_path: Path, opening: str, supplier: str, customer: str
) -> None:
    path = tmp_path / "gloss.txt"
    path.write_text(opening + "第一条 标的\n按附件交付设备。\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["contract", "check", str(path), "--as-of", "2026-11-26"])
    assert out.exit_code == 0, out.output
    assert f"supplier {supplier} · customer {customer} [" in out.stdout.splitlines()[0]


def test_every_role_word_the_reader_knows_has_an_english_gloss() -> None:
    from disputedesk.domain.contract_clarity.parties import CUSTOMER_ROLES_ZH, GLOSS_EN, SUPPLIER_ROLES_ZH

    for word in ("甲方", "乙方", *SUPPLIER_ROLES_ZH, *CUSTOMER_ROLES_ZH):
        assert GLOSS_EN.get(word), word
    said = (GLOSS_EN["买方"], GLOSS_EN["卖方"], GLOSS_EN["需方"], GLOSS_EN["供方"])
    assert said == ("buyer", "seller", "buyer", "supplier")


# ------------------------------------------------------------------ fix22: two parties on one line; a class is no party
@pytest.mark.parametrize(
    ("opening", "supplier", "customer"),
    [
        # both parties on one line, each with its label and role (already read; kept so)
        ("设备买卖合同\n甲方（买方）：北岭食品有限公司  乙方（卖方）：南港压缩机有限公司\n",
         "乙方（卖方）", "甲方（买方）"),
        ("设备买卖合同\n甲方：北岭食品有限公司（以下简称“买方”）  乙方：南港压缩机有限公司（以下简称“卖方”）\n",
         "乙方（卖方）", "甲方（买方）"),
        # role fields side by side on one line, then the labels in the order the roles stand
        ("空调买卖合同\n买方：云杉酒店管理有限公司  卖方：北辰暖通设备有限公司\n（以下分别简称甲方、乙方）\n",
         "乙方（卖方）", "甲方（买方）"),
        # no 甲方/乙方: role fields side by side are the labels
        ("工矿产品买卖合同\n出卖人：南港压缩机有限公司  买受人：北岭食品有限公司\n", "出卖人", "买受人"),
        ("维修合同\n托修方：北岭食品有限公司\t承修方：南港机电维修有限公司\n", "承修方", "托修方"),
    ],
)  # fmt: skip
def test_two_parties_on_one_heading_line(opening: str, supplier: str, customer: str) -> None:
    assert sides(opening + "第一条 标的\n按附件交付设备并提供售后服务。\n") == (supplier, customer)


@pytest.mark.parametrize(
    "text",
    [
        # two fields of the same side on one line say nothing of the other
        "采购合同\n买方：北岭食品有限公司  采购人：北岭食品有限公司\n",
        # a role word inside a field's value is no field ("买方代表：" names the buyer's representative)
        "采购合同\n签订地点：江北  买方代表：张三\n卖方联系人：李四\n",
        # a role word defined as a class of people is no party: unknown is better than wrong
        'SUPPLY TERMS\n"Customer" means any person who orders Products from Brightline Ltd. (the "Supplier").\n',
        'SUPPLY TERMS\n1. Definitions\n1.1 "Customer" means any person or entity that buys Products.\n'
        '1.2 "Supplier" means Brightline Ltd.\n',
        'SUPPLY TERMS\n1. Definitions\n1.1 "Client" shall mean each company that signs an Order Form.\n'
        '1.2 "Provider" means Brightline Ltd.\n',
        'SUPPLY TERMS\n1. Definitions\n1.1 "Buyer" means anyone who places an order.\n'
        '1.2 "Seller" means Brightline Ltd.\n',
    ],
)
def test_unknown_rather_than_wrong(text: str) -> None:
    assert not parties(text).known


def test_a_role_word_defined_as_one_named_party_is_still_read() -> None:
    text = 'SUPPLY TERMS\n1. Definitions\n1.1 "Customer" means Northgate Ltd.\n1.2 "Supplier" means Brightline Ltd.\n'
    assert sides(text) == ("Supplier", "Customer")


# ------------------------------------------------------------------ fix22: the customer's own 响应 is no response time
def test_the_customers_own_response_is_no_response_time_where_the_parties_are_known() -> None:
    """The customer answering the supplier ("甲方应在收到乙方通知后24小时内响应"): where the opening says 甲方 buys,
    it is no response time (the supplier is named in it, as the one who gave notice); the supplier's response under
    the same label still is, and so is the customer's sentence while the parties are unknown or where 甲方 sells."""
    own = "第五条 配合\n5.1 甲方应在收到乙方通知后24小时内响应。\n"
    present, _, found = _seen(STATED + own, "response_time")
    assert not present and "missing" in found
    # the customer's own duty naming no supplier (parties.customers_own_duty)
    alone = "第五条 配合\n5.1 甲方应在24小时内响应并确认检修时间。\n"
    assert not _seen(STATED + alone, "response_time")[0]
    english = (
        'SERVICE AGREEMENT\nParty A (the "Buyer"): Greenfield Dairy GmbH\nParty B (the "Seller"): Harbor Pumps Ltd.\n'
        "5. Cooperation\n5.1 Party A shall respond within 24 hours after a notice from Party B.\n"
    )
    assert not _seen(english, "response_time")[0]
    # the supplier's response after the customer's call still counts, with or without a comma between
    for body in (
        "第五条 服务\n5.1 甲方报修后乙方应在2小时内响应。\n",
        "第五条 服务\n5.1 甲方报修后，乙方应在2小时内响应。\n",
        "第五条 服务\n5.1 甲方通知乙方在2小时内响应。\n",
    ):
        assert _seen(STATED + body, "response_time")[:2] == (True, ["5.1"]), body
    # unknown parties: as before; 甲方 the seller: its response is the support response
    assert _seen(PLAIN + own, "response_time")[:2] == (True, ["5.1"])
    assert _seen(SELLER_JIA + own, "response_time")[:2] == (True, ["5.1"])


def test_the_label_patterns_are_built_once_per_set_of_labels() -> None:
    from disputedesk.domain.contract_clarity import parties as P

    p = parties(STATED)
    for f in (P._hands_rx, P._opens_rx, P._holder_rx):
        f.cache_clear()
    for _ in range(3):
        P.customer_hands_over("甲方应提供车间图纸。", p)
        P.customers_own_duty("甲方应自行保管备件。", p)
        P.right_holder("乙方有权单方调整维护费。", p, re.compile("单方调整"))
    for f in (P._hands_rx, P._opens_rx, P._holder_rx):
        info = f.cache_info()
        assert info.misses <= 2 and info.hits >= 2, (f, info)
