"""What a person typed, quoted back in a refusal, stands in the quotation marks of the page's
language: “CASE-2099-009” inside a Chinese sentence, with no space between the closing mark and the
Chinese words, 'CASE-2099-009' in an English one (accounts, case forms, records; demo workspace)."""

from __future__ import annotations

import re

import pytest
from pages_support import foreign_sentences


def _alert(html: str) -> str:
    found = re.search(r'class="flash error"[^>]*>(.*?)</p>', html, re.S)
    assert found, html[-2000:]
    return found.group(1)


FORMS = [
    # where, what is typed, the Chinese page's words, the English page's
    ("/access/share", {"label": "counsel", "case": "CASE-2099-009", "days": "14"},
     "“CASE-2099-009”", "no case &#39;CASE-2099-009&#39; in &#39;default&#39;"),
    ("/cases", {"title": "Laser 2", "supplier": "nosuch", "issues": "product_defect", "support_requests": "SR-0001"},
     "供应商：“nosuch”不是本工作区中的供应商", "supplier: &#39;nosuch&#39; is not a supplier in this workspace"),
    ("/cases", {"title": "Laser 2", "supplier": "ruifeng", "issues": "product_defect", "support_requests": "SR-0001",
                "opened_on": "2026-02-30"},
     "“2026-02-30”不是实际存在的日期", "&#39;2026-02-30&#39; is not a real calendar date"),
    ("/requests/new", {"supplier": "ruifeng", "title": "Laser 2 down", "severity": "high", "serial": "SN-404"},
     "没有序列号为“SN-404”的设备（", "no machine with serial number &#39;SN-404&#39;"),
]  # fmt: skip


@pytest.mark.parametrize(("where", "typed", "said_zh", "said_en"), FORMS, ids=[f[0] + "-" + f[2][:12] for f in FORMS])
def test_a_typed_value_is_quoted_the_way_the_pages_language_quotes(client_for, where, typed, said_zh, said_en) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    c.get("/lang/zh")
    zh = _alert(c.post(where, data=typed, follow_redirects=False).text)
    assert said_zh in zh, zh
    assert "&#39;" not in zh and "'" not in zh and not re.search(r"” [\u4e00-\u9fff]", zh), zh
    assert foreign_sentences(f"<p>{zh}</p>") == [], zh
    c.get("/lang/en")
    assert said_en in _alert(c.post(where, data=typed, follow_redirects=False).text)
