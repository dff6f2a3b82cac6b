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


def test_a_chinese_only_contract_does_not_list_the_prevailing_language_as_missing(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    label = upload_contract(c, "lathe-zh.txt", CONTRACT)
    zh = " ".join(visible(c.get(f"/contracts/{label}?lang=zh").text))
    missing = zh.split("缺失（", 1)[1].split("已约定（", 1)[0]
    assert "优先语言" not in missing and "适用法律" in missing
    en = " ".join(visible(c.get(f"/contracts/{label}?lang=en").text))
    assert "Prevailing language" not in en.split("Missing (", 1)[1].split("Found (", 1)[0]
