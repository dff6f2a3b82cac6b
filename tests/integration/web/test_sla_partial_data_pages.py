"""SLA pages with partial data, as a new user has them (quality sweep): a supplier with no support request yet, and
a request nobody has answered. The supplier's page said "Not evaluated yet." for a supplier that simply has no
request (evaluating changed nothing); the request's page mixed English punctuation into the Chinese page
("期限是如何计算的: …", "(截至目前)", "变更记录 (1)"); the months of the supplier's figures were codes ("2026-04")."""

from __future__ import annotations

from pages_support import open_request, page_text

from disputedesk.services.suppliers import profile as supplier_profiles


def test_a_supplier_without_requests_says_so_in_both_languages(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    supplier_profiles.create_supplier(
        ctx, "default", {"name_en": "Suzhou Quiet Pumps Co., Ltd.", "key": "quietpumps"}, actor="test"
    )
    en = page_text(c, "/sla/suppliers/quietpumps?lang=en")
    assert "No support request for this supplier yet." in en and "Not evaluated yet." not in en
    zh = page_text(c, "/sla/suppliers/quietpumps?lang=zh")
    assert "该供应商尚无技术支持请求。" in zh and "尚未评估" not in zh


def test_an_unanswered_request_reads_as_chinese_throughout(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    number = open_request(c, "hengtuo", "主轴报警", "normal", "2026-12-02T09:00:00Z")
    zh = page_text(c, f"/requests/{number}?lang=zh")
    assert "没有符合条件的答复" in zh  # nobody answered: the first response is breached so far
    assert "（截至目前）" in zh and "(截至目前)" not in zh
    assert "期限是如何计算的：" in zh and "期限是如何计算的:" not in zh
    assert "变更记录（1）" in zh
    en = page_text(c, f"/requests/{number}?lang=en")
    assert "(so far)" in en and "How the deadline was counted:" in en and "History (1)" in en


def test_the_suppliers_months_are_named_in_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    zh = page_text(c, "/sla/suppliers/hengtuo?lang=zh")
    assert "2026年4月" in zh and " 2026-04 " not in f" {zh} "
    en = page_text(c, "/sla/suppliers/hengtuo?lang=en")
    assert "Apr 2026" in en or "April 2026" in en


def test_a_request_not_evaluated_yet_says_its_deadlines_are_counted_live(client_for) -> None:  # type: ignore[no-untyped-def]
    # its badge said "not evaluated" beside a first response already shown as breached
    c = client_for("demo")
    number = open_request(c, "hengtuo", "Hydraulic leak", "high", "2026-12-01T02:00:00Z")
    en = page_text(c, f"/requests/{number}?lang=en")
    assert "not evaluated" in en and "The deadlines below are counted now" in en
    zh = page_text(c, f"/requests/{number}?lang=zh")
    assert "下列期限为当前即时计算" in zh and "立即评估" in zh
    c.post("/api/sla/evaluate")
    assert "The deadlines below are counted now" not in page_text(c, f"/requests/{number}?lang=en")


def test_a_calendar_that_is_not_json_is_refused_in_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    # the supplier page said "calendar: not valid JSON (Expecting property name…)" on the Chinese page
    c = client_for("demo")
    form = {"spec": "{", "csrftoken": c.headers["X-CSRF-Token"]}
    zh = c.post("/sla/suppliers/hengtuo/calendar?lang=zh", data=form)
    assert zh.status_code == 400
    assert "不是有效的 JSON（第1行，第2列）" in zh.text and "not valid JSON" not in zh.text
    en = c.post("/sla/suppliers/hengtuo/calendar?lang=en", data=form)
    assert en.status_code == 400 and "calendar: not valid JSON (line 1, column 2)" in en.text


def test_the_response_chart_speaks_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    # a dot's tooltip read "SR-0002 first response: 23h20m00s (breached)" and the axis "8 h" on the Chinese page
    import re

    c = client_for("demo")
    zh = c.get("/sla/suppliers/ruifeng?lang=zh").text
    svg = zh[zh.index('<svg class="sla-chart"') : zh.index("</svg>")]
    titles = re.findall(r"<circle[^>]*><title>([^<]*)</title>", svg)
    assert titles and all(not re.search(r"[a-z]{3,}", t) for t in titles), titles
    assert any("首次响应：" in t for t in titles)
    assert any("（已违约）" in t for t in titles) and not re.search(r">\d+ h<", svg)
    en = c.get("/sla/suppliers/ruifeng?lang=en").text
    # each dot names its request's severity level: the chart draws a target line per level (issue 19)
    assert re.search(
        r"<title>SR-\d{4} \((critical|high|normal|low)\) first response: [^<]*business[^<]* \((met|breached)\)</title>",
        en,
    )
