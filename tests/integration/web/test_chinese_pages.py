"""Pages in Chinese say things in Chinese: holiday names, how a deadline was counted, "by" a
date (not "操作人", the acting person); a new supplier without data is not scored or ranked."""

from __future__ import annotations

import re

from pages_support import visible


def _text(client, path: str) -> str:  # type: ignore[no-untyped-def]
    r = client.get(path)
    assert r.status_code == 200, (path, r.text[:300])
    return " ".join(visible(r.text))


def test_sla_and_case_pages_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    c.get("/lang/zh")
    sr3 = _text(c, "/requests/SR-0003")  # opened on 30 September 2026, before the National Day holiday
    assert "法定节假日：国庆节" in sr3 and ": National Day" not in sr3  # the skipped holiday, by its name
    assert not re.search(r"\d+h\d\dm\d\ds", sr3)  # no "955h20m00s"
    sr2 = _text(c, "/requests/SR-0002")
    assert "个工作日" in sr2  # late by N business days, in the supplier's calendar
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d+", sr2)  # no microsecond timestamps in the history
    case_id = c.get("/api/cases").json()[0]["id"]
    html = c.get(f"/cases/{case_id}").text
    ladder = " ".join(visible(html.split('id="ladder"')[1].split('id="deadlines"')[0]))
    # "How counted" of each ladder step's reply window, in Chinese.
    assert "当日不计入期间" in ladder and "that day is not counted" not in ladder
    assert "操作人 2026" not in ladder
    # "verified on <date> by <person>" reads as Chinese, not "by" as 操作人 (the acting person).
    supplier = _text(c, "/suppliers/ruifeng")
    assert re.search(r"由 Lena Hoffmann \(accounting\) 于 2025年10月21日 核实", supplier), supplier[:200]


def test_a_new_supplier_is_not_scored_or_ranked(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("one supplier")
    for lang, none, low in (("en", "not enough data", "low risk"), ("zh", "数据不足", "低风险")):
        c.get(f"/lang/{lang}")
        page = _text(c, "/suppliers/shenzhen-ruifeng-laser")
        assert none in page and low not in page
        assert not re.search(r"(rank|排名) 1 / 1", page)
        listing = c.get("/suppliers").text
        row = re.search(r'<tr><td class="r">([^<]*)</td>\s*<td><a href="/suppliers/shenzhen-ruifeng-laser"', listing)
        assert row and row.group(1) == "—"
        assert none in " ".join(visible(listing))


def test_one_date_style_per_locale(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    for lang in ("en", "zh"):
        c.get(f"/lang/{lang}")
        for path in ("/requests/SR-0003", "/evidence", "/chronology"):
            text = _text(c, path)
            assert not re.search(r"\b\d{2}/\d{2}/\d{4}\b", text), (lang, path)  # no 30/09/2026
            assert not re.search(r"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? (Mon|Tue|Wed|Thu|Fri|Sat|Sun|周)", text), (
                lang,
                path,
            )
    c.get("/lang/en")
    assert "Wed 30 Sept 2026, 22:30" in _text(c, "/requests/SR-0003")
    c.get("/lang/zh")
    assert "2026年9月30日 周三 22:30" in _text(c, "/requests/SR-0003")


def test_supplier_scorecard_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    c.get("/lang/zh")
    page = c.get("/suppliers/ruifeng").text
    card = " ".join(visible(page.split('id="scorecard"')[1]))
    head = " ".join(visible(page.split('id="scorecard"')[0]))
    assert "次紧急级别的服务水平违约" in head  # the red flag, not "4 critical SLA breach(es)"
    assert "breach(es)" not in head and "critical SLA breach" not in head
    for english in ("requests met every SLA target", "median first response", "no dispute cases", "gap(s)"):
        assert english not in card, english
    assert "项请求中有" in card
    listing = " ".join(visible(c.get("/suppliers").text))
    assert "critical SLA breach" not in listing
    c.get("/lang/en")
    en = " ".join(visible(c.get("/suppliers/ruifeng").text))
    assert re.search(r"\d critical SLA breach(es)? ", en) and "breach(es)" not in en
