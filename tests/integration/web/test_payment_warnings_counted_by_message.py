"""Payment warnings, counted one way and dated with their zone (quality sweep).

One fraud mail carries several warnings (a look-alike sender, a new account, a beneficiary that is not the legal
name). The warnings list counted it as one open message while the supplier ranking and its red flag counted four
open warnings, so a reader saw "1" and "4" for the same mail; every count is now of messages and says so. The list
gave the message's time without its zone (the viewer's zone, as on the other pages), and a Chinese page wrote the
count in ASCII brackets: "(1 进行中)"."""

from __future__ import annotations

import re

from pages_support import visible

from disputedesk.services import suppliers as svc


def _reopen_the_fraud_mail(ctx) -> str:  # type: ignore[no-untyped-def]
    """The demo's fraud mail (reviewed as confirmed by the loader) open again, all its warnings; its supplier."""
    high = [w for w in svc.list_payment_warnings(ctx, "default") if w.severity == "high" and w.supplier_key]
    first = high[0]
    assert len([w for w in high if w.message_id == first.message_id]) > 1  # one mail, several warnings
    svc.review_payment_warning(ctx, "default", first.id, "open", actor="owner", whole_message=True)
    return str(first.supplier_key)


def _open_messages(ctx) -> int:  # type: ignore[no-untyped-def]
    return len({w.message_id for w in svc.list_payment_warnings(ctx, "default", status="open")})


def _text(c, url: str) -> str:  # type: ignore[no-untyped-def]
    r = c.get(url)
    assert r.status_code == 200, r.text[:300]
    return " ".join(visible(r.text))


def _section(html: str, anchor: str) -> str:
    return " ".join(visible(html.split(anchor, 1)[1].split("</section>", 1)[0]))


def test_the_list_and_the_ranking_count_the_same_messages(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    key = _reopen_the_fraud_mail(ctx)
    n = _open_messages(ctx)
    html = c.get("/suppliers?lang=en").text
    warnings = _section(html, 'id="warnings"')
    assert f"({n} message open)" in warnings or f"({n} messages open)" in warnings, warnings[:200]
    ranking = html.split('id="ranking"', 1)[1]
    row = ranking.split(f'href="/suppliers/{key}"', 1)[1].split("</tr>", 1)[0]
    mine = len({w.message_id for w in svc.list_payment_warnings(ctx, "default", status="open", supplier_key=key)})
    assert re.search(rf'<td class="r">{mine} messages? open</td>\s*$', row), row[-200:]
    flags = " ".join(visible(row))
    assert f"{mine} message with open high-severity payment warnings" in flags, flags


def test_a_chinese_page_counts_messages_in_chinese_brackets(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    key = _reopen_the_fraud_mail(ctx)
    n = _open_messages(ctx)
    heading = _section(c.get("/suppliers?lang=zh").text, 'id="warnings"').split("严重程度")[0]
    assert f"付款警示（{n} 封邮件未处理）" in heading, heading
    assert "(" not in heading and "进行中" not in heading
    dashboard = _section(c.get("/?lang=zh").text, 'id="supplier-alerts"')
    assert f"付款警示（{n} 封邮件未处理）" in dashboard, dashboard[:200]
    supplier = _text(c, f"/suppliers/{key}?lang=zh")
    assert "1 封邮件有未处理的高风险付款警示" in supplier
    assert re.search(r"付款警示（1 封邮件）", supplier), supplier[:400]


def test_the_list_gives_each_messages_time_in_the_viewers_zone_with_the_zone(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    c.cookies.set("tz", "America/New_York")
    for lang, zone in (("en", "(America/New_York)"), ("zh", "（America/New_York）")):
        warnings = _section(c.get(f"/suppliers?lang={lang}").text, 'id="warnings"')
        assert zone in warnings, warnings[:300]
    detail = _section(c.get("/suppliers/ruifeng?lang=zh").text, 'id="payment"')
    assert "（America/New_York）" in detail, detail[:300]
