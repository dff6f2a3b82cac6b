"""A page in Chinese is Chinese throughout: the sentences the code writes (deadline explanations,
the ladder's suggestion, issue texts, claim workings, SLA explanations, supplier warnings) come
in Chinese, citations in their Chinese form; the user's own English words are shown as written
and marked (``class="own"``, ``lang="en"``), never mixed in silently.

The check (``pages_support.foreign_sentences``) reads the visible text outside marked elements
and fails on English prose (two or more lower-case English words in a run).
"""

from __future__ import annotations

import re

from pages_support import foreign_sentences, visible


def _zh(client, path: str) -> str:  # type: ignore[no-untyped-def]
    r = client.get(path)
    assert r.status_code == 200, (path, r.text[:300])
    return r.text


def test_the_demo_case_page_in_chinese_has_no_english_sentence_written_by_the_code(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    case_id = c.get("/api/cases").json()[0]["id"]
    c.get("/lang/zh")
    html = _zh(c, f"/cases/{case_id}")
    assert foreign_sentences(html) == []
    text = " ".join(visible(html))
    # deadlines: how each was counted, with the Chinese citation
    assert "当日不计入，自" in text and "《中华人民共和国民法典》第二百零一条" in text
    assert "诉讼时效中断，自次日起重新计算" in text
    # the suggested next step's reason and the issues' "why"
    assert "的答复未解决问题" in text
    assert "出卖人应当按照约定或者交易习惯向买受人交付使用说明书" in text
    # claim workings, amounts in the locale's money format
    assert "修理费用：€2,350.00" in text
    # the user's own English words are marked, not mixed in silently
    assert re.search(r'<span class="own" lang="en">refund of the height controller module', html)

    # The English page says the same in English.
    c.get("/lang/en")
    en = " ".join(visible(_zh(c, f"/cases/{case_id}")))
    assert "that day is not counted, counting starts" in en and "repair costs: €2,350.00" in en
    api = c.get(f"/api/cases/{case_id}").json()
    # the API keeps the English sentences (and ISO dates)
    assert any("that day is not counted" in e for d in api["deadlines"] for e in d["explanation"])
