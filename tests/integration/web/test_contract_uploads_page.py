"""What a user sees on the clarity page of an uploaded contract (issue 19). An item of a schedule: "Schedule 1, item
2" / "附件一第2项", the item cited in the reader's language, the schedule's label as the contract writes it (a
spare-parts item of 附件一 was cited as "clause 2", another clause of the contract). A contract in one language: the
prevailing language is not among the missing clauses. Contract text written for these tests."""

from __future__ import annotations

import re

from pages_support import upload_contract, visible

CONTRACT = """设备买卖合同
第一条 设备
乙方向甲方交付数控车床一台。
第二条 备件
乙方按附件一的约定提供备件。
附件一 备件清单
1. 主轴轴承两套。
2. 乙方应在接到甲方通知后48小时内提供备件，保修期内免费。
"""


def test_a_schedules_item_is_cited_as_the_schedules_item_in_the_readers_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    label = upload_contract(c, "spare-parts-zh.txt", CONTRACT)
    zh = " ".join(visible(c.get(f"/contracts/{label}?lang=zh").text))
    assert re.search(r"附件一\s*第2项", zh) and not re.search(r"条款\s*2\b", zh)
    en = " ".join(visible(c.get(f"/contracts/{label}?lang=en").text))
    assert re.search(r"附件一\s*, item 2", en) and "附件一第2项" not in en
    api = c.get(f"/api/evidence/{label}/clarity").json()
    spare = next(k for k in api["clauses"] if k["kind"] == "spare_parts")
    cited = [e["location"] for e in spare["excerpts"]]
    assert {"clause": "附件一第2项", "schedule": "附件一", "item": "2"}.items() <= next(
        loc for loc in cited if loc.get("item")
    ).items()
    assert all(loc["clause"] != "2" for loc in cited)


BILINGUAL_SCHEDULE = """EQUIPMENT SUPPLY CONTRACT 设备供货合同
1. Equipment 设备
The Seller supplies one laser cutting machine. 卖方向买方提供激光切割机一台。
2. Spare parts 备件
The Seller supplies spare parts as set out in Schedule 1. 卖方按附件一提供备件。
SCHEDULE 1 SPARE PARTS 附件一 备件
1. The Seller shall keep spare parts available for 8 years. 卖方应在8年内保证备件供应。
2. Spare parts shall be delivered within 5 days of the Buyer's order. 备件应在买方订货后5日内交付。
"""


def test_a_bilingual_schedules_item_is_cited_with_the_schedules_label_in_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    """Seen on a scanned bilingual contract: the Chinese page cited "SCHEDULE 1第1项"; its heading also says 附件一."""
    c = client_for("empty")
    label = upload_contract(c, "spare-parts-bilingual.txt", BILINGUAL_SCHEDULE)
    zh = " ".join(visible(c.get(f"/contracts/{label}?lang=zh").text))
    assert re.search(r"附件一\s*第1项", zh) and "SCHEDULE 1第" not in zh and "SCHEDULE 1 第" not in zh
    en = " ".join(visible(c.get(f"/contracts/{label}?lang=en").text))
    assert re.search(r"SCHEDULE 1\s*, item 1", en) and "附件一, item" not in en


def test_a_chinese_only_contract_does_not_list_the_prevailing_language_as_missing(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    label = upload_contract(c, "lathe-zh.txt", CONTRACT)
    zh = " ".join(visible(c.get(f"/contracts/{label}?lang=zh").text))
    missing = zh.split("缺失（", 1)[1].split("已约定（", 1)[0]
    assert "优先语言" not in missing and "适用法律" in missing
    en = " ".join(visible(c.get(f"/contracts/{label}?lang=en").text))
    assert "Prevailing language" not in en.split("Missing (", 1)[1].split("Found (", 1)[0]
