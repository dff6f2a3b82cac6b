"""Times on the support-request and SLA pages are shown in a named zone, never as raw ISO text (quality sweep).
The request's history said "Resolved at: — → 2026-10-08T07:45:00+00:00" and the English "explanation as text"
"from 2026-04-21T06:05:00+00:00"; the counted days' buyer column and the last evaluation's changes showed codes
and times a reader could not place. Here: the viewer's zone (the browser's, the ``tz`` cookie) for the history,
the supplier's and the buyer's zones on the request's SLA parts, each time with its zone named, in both
languages. The JSON keeps ISO 8601 with the offset. Demo dispute."""

from __future__ import annotations

import re

from pages_support import open_request, page_text

ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")



def test_the_request_history_shows_times_in_the_viewers_zone_with_the_zone_named(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    c.cookies.set("tz", "Europe/Berlin")
    en = page_text(c, "/requests/SR-0003?lang=en")
    assert not ISO.search(en), ISO.findall(en)
    assert "Resolved at: — → 8 Oct 2026, 09:45 (Europe/Berlin)" in en  # stored 07:45 UTC
    zh = page_text(c, "/requests/SR-0003?lang=zh")
    assert not ISO.search(zh)
    assert "解决时间：— → 2026年10月8日 09:45（Europe/Berlin）" in zh
    # the JSON keeps the exact moment with its offset
    record = c.get("/api/sla/requests/SR-0003/record").json()
    assert record["closed_at"].endswith("+00:00") or record["closed_at"].endswith("Z")


def test_the_deadline_explanation_names_its_zones_in_both_languages(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    for lang, supplier_col, buyer_col in (
        ("en", "Supplier's time (Asia/Shanghai)", "Buyer's time (Europe/Berlin)"),
        ("zh", "供应商当地时间（Asia/Shanghai）", "买方当地时间（Europe/Berlin）"),
    ):
        text = page_text(c, f"/requests/SR-0004?lang={lang}")
        assert not ISO.search(text), (lang, ISO.findall(text)[:3])
        assert supplier_col in text and buyer_col in text
    en = page_text(c, "/requests/SR-0004?lang=en")
    # the text explanation: the moments in the supplier's zone, named
    assert "Tue 21 Apr 2026, 14:05 – Wed 22 Apr 2026, 09:05 (Asia/Shanghai)" in en


def test_request_lists_name_the_zone_of_their_times(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    en = page_text(c, "/requests?lang=en")
    assert re.search(r"\d{2}:\d{2} \(Asia/Shanghai\)", en)
    zh = page_text(c, "/requests?lang=zh")
    assert re.search(r"\d{2}:\d{2}（Asia/Shanghai）", zh)


def test_the_dashboards_next_deadline_is_in_the_pages_language_with_its_zone(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    open_request(c, "hengtuo", "Spindle alarm", "critical", "2026-12-04T02:00:00Z")
    assert c.post("/api/sla/evaluate", params={"as_of": "2026-12-04T03:00:00+00:00"}).status_code == 200
    zh = page_text(c, "/?lang=zh")
    assert "2026年12月4日 14:00（Asia/Shanghai）" in zh  # 4 business hours from 10:00 Beijing time
    en = page_text(c, "/?lang=en")
    assert "4 Dec 2026, 14:00 (Asia/Shanghai)" in en


def test_the_reply_that_answered_a_deadline_is_named_in_the_pages_brackets(client_for) -> None:  # type: ignore[no-untyped-def]
    """The Chinese page named the answering e-mail in English brackets ("17:20 (E-0050)") beside Chinese ones."""
    c = client_for("demo")
    zh = page_text(c, "/requests/SR-0002?lang=zh")
    answered = r"答复时间 \d{4}年\d{1,2}月\d{1,2}日 周. \d{2}:\d{2}（ ?E-\d{4} ?）"
    assert re.search(answered, zh), re.findall(r"答复时间.{0,40}", zh)
    en = page_text(c, "/requests/SR-0002?lang=en")
    assert re.search(r"Answered [^（]*?\d{2}:\d{2} \( ?E-\d{4} ?\)", en)


def test_a_requests_linked_mails_are_counted_with_their_measure_word_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    """ "20 邮件" read like a word list; a count of mails takes 封 in Chinese, and a plural in English."""
    c = client_for("demo")
    zh = page_text(c, "/requests/SR-0002?lang=zh")
    assert re.search(r"· \d+ 封邮件", zh) and not re.search(r"\d+ 邮件", zh)
    en = page_text(c, "/requests/SR-0002?lang=en")
    assert re.search(r"· \d+ messages", en)
