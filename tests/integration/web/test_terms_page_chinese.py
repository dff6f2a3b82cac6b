"""The support terms page in Chinese: what it says about a version and about a refused entry is
Chinese (the message names the field), and the entry comes back as typed."""

from __future__ import annotations

import json

from pages_support import foreign_sentences, visible


def test_terms_page_messages_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    c.get("/lang/zh")
    path = "/sla/terms/RF-EU-2025-1046"
    page = c.get(path).text
    assert foreign_sentences(page) == []
    # no severity level: the field and the reason, in Chinese, and the typed JSON kept
    typed = json.dumps({"label": "test terms", "severities": {}})
    r = c.post(path, data={"terms": typed, "status": "draft"})
    text = " ".join(visible(r.text))
    assert r.status_code == 400 and "严重程度等级：至少需要一个严重程度等级" in text
    assert "at least one" not in text and "severities:" not in text
    assert "test terms" in r.text  # the textarea keeps what was typed
    # not JSON at all, a bad duration: said in Chinese with where it is
    r = c.post(path, data={"terms": "{oops", "status": "draft"})
    assert "不是有效的 JSON（第1行，第2列）" in " ".join(visible(r.text))
    bad = json.dumps({"severities": {"critical": {"first_response": "5x"}}})
    r = c.post(path, data={"terms": bad, "status": "draft"})
    text = " ".join(visible(r.text))
    assert "时长“5x”：应为 8h、4h30m、90m 或 3wd 这样的格式" in text and "expected e.g." not in text
    # a saved version: "第2版", its source in words
    ok = json.dumps({"label": "test terms", "severities": {"critical": {"first_response": "4h"}}})
    r = c.post(path, data={"terms": ok, "status": "draft"})
    text = " ".join(visible(r.text))
    assert "已保存" in text and "第2版" in text and "在条款页面录入" in text and "entered on the terms page" not in text
