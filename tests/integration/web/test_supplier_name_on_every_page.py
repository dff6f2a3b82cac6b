"""A supplier is named the same way on every page (quality sweep): the registered Chinese name on a Chinese page
when it is recorded, the English name on an English page. The supplier pages and the request list already did so;
the support-terms table, the "open a request from a thread" page, the records pages and their forms, the payment
warnings (list, dashboard, evidence page), the reviews due and the riskiest suppliers on the dashboard, and the
supplier choices of the mail and case forms still showed the English name on a Chinese page."""

from __future__ import annotations

import pytest
from pages_support import visible

RUIFENG_EN = "Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd."
RUIFENG_ZH = "深圳市锐锋激光智能装备有限公司"
HENGTUO_EN = "Ningbo Hengtuo CNC Machinery Co., Ltd."
HENGTUO_ZH = "宁波恒拓数控机械有限公司"


def _pages(c) -> list[str]:  # type: ignore[no-untyped-def]
    """Pages that name the demo's suppliers outside the supplier pages themselves."""
    contract = next(k["number"] for k in c.get("/api/contracts").json() if k["supplier"] == "ruifeng")
    order = next(o["number"] for o in c.get("/api/orders").json() if o["contract"] == contract)
    payment = next(p["number"] for p in c.get("/api/payments").json() if p["supplier"] == "ruifeng")
    warned = next(w["evidence"] for w in c.get("/api/payment-warnings").json() if w["evidence"])
    thread = next(t["thread"] for t in c.get("/api/mail/threads").json() if t.get("supplier") == "ruifeng")
    return [
        "/",  # dashboard: payment warnings, reviews due, riskiest suppliers
        "/sla",  # support terms per contract
        f"/requests/from-thread?thread={thread}",
        "/requests/new",
        "/records",
        f"/records/contracts/{contract}",
        f"/records/orders/{order}",
        f"/records/payments/{payment}",
        "/records/payments/new",
        "/records/contracts/new",
        f"/payment-warnings/evidence/{warned}",  # its reasons quote the English legal name beside the beneficiary
        "/suppliers",
        "/threads",
        "/chronology",
        "/cases",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_names_the_supplier_in_the_pages_language(client_for, lang) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    c.post("/api/suppliers/ruifeng/review-schedule", json={"frequency": "monthly", "first_due": "2026-01-01"})
    wrong, right = (RUIFENG_EN, RUIFENG_ZH) if lang == "zh" else (RUIFENG_ZH, RUIFENG_EN)
    for url in _pages(c):
        page = c.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
        assert page.status_code == 200, (url, page.text[:300])
        html = page.text
        if url.startswith("/payment-warnings/"):
            html = html.split('href="/suppliers/ruifeng#payment"')[1]  # the supplier's link
        text = " ".join(visible(html))
        assert right in text, url
        if lang == "zh":  # an English page may add the Chinese name beside the English one
            assert wrong not in text and HENGTUO_EN not in text, url


def test_the_from_thread_page_names_the_threads_supplier(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    thread = next(t["thread"] for t in c.get("/api/mail/threads").json() if t.get("supplier") == "ruifeng")
    page = c.get(f"/requests/from-thread?thread={thread}&lang=zh").text
    facts = " ".join(visible(page.split('<dl class="facts">')[1].split("</dl>")[0]))
    assert RUIFENG_ZH in facts and RUIFENG_EN not in facts
