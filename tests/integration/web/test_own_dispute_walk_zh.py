"""A Chinese-speaking buyer runs their own dispute from an empty workspace through the pages' forms, typing as
a Chinese keyboard does (欧元, ￥, 快递（EMS）), then reads every page (quality sweep): no page shows an English
word or sentence the interface wrote, a stored code, an ASCII colon or bracket beside Chinese, a space before a
full-width bracket, or a server error; the English pages of the same workspace show no raw data either.

Found on the walk and fixed: the deadline facts named the governing law "unknown" as the stored code; who
made a letter or imported an item (a user name) stood unmarked in Chinese sentences; a payment added from a
contract's page did not record that contract."""

from __future__ import annotations

import re

from pages_support import (
    alert,
    ascii_colons,
    bad_brackets,
    crawl,
    foreign_sentences,
    foreign_words,
    leaks,
    owner_client,
)

from disputedesk.web.deps import UNTRANSLATED


def _post(c, url: str, data: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    r = c.post(url, data=data, follow_redirects=False)
    assert r.status_code == 303, (url, r.status_code, alert(r.text) if 'role="alert"' in r.text else r.text[-800:])
    return str(r.headers["location"])


def test_an_own_dispute_made_and_read_in_chinese(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(sqlite_ctx)
    try:
        c.cookies.set("tz", "Asia/Shanghai")
        c.get("/lang/zh")
        _post(c, "/buyer/edit", {"name": "Brandt Metallbau GmbH", "name_zh": "布兰特金属制造有限公司", "country": "DE",
                                 "timezone": "Europe/Berlin", "email_domains": "brandt-metall.de"})  # fmt: skip
        names = {"name_en": "Jinhua Precision Machinery Co., Ltd.", "name_zh": "金华精密机械有限公司"}
        supplier = _post(c, "/suppliers", {**names, "email_domains": "jinhua-cnc.com"})
        key = supplier.rstrip("/").rsplit("/", 1)[-1]
        _post(c, "/records/contracts/new", {"number": "JH-2026-014", "supplier": key, "signed_on": "2026-05-04",
                                            "currency": "欧元", "value": "186000"})  # fmt: skip
        _post(c, "/records/orders/new", {"number": "PO-7731", "contract": "JH-2026-014", "currency": "EUR",
                                         "amount": "186000", "ordered_on": "2026-05-10", "delivered_on": "2026-07-15",
                                         "items": "VMC-850 JH850-2507-0113"})  # fmt: skip
        # a payment from the contract's page: the form carries the contract and offers its currency
        link = re.search(r'href="(/records/payments/new\?[^"]+)"', c.get("/records/contracts/JH-2026-014").text)
        assert link
        form = c.get(link.group(1).replace("&amp;", "&")).text
        assert re.search(r'name="currency"[^>]*value="EUR"', form)
        assert re.search(r'<option value="JH-2026-014"[^>]*selected', form), re.findall(
            r"<select name=\"contract\".*?</select>", form, re.S
        )
        _post(c, "/records/payments/new", {"supplier": key, "contract": "JH-2026-014", "amount": "€55800",
                                           "paid_on": "2026-05-12"})  # fmt: skip
        paid = c.get("/api/payments").json()
        paid = paid["items"] if isinstance(paid, dict) else paid
        assert [(p["currency"], p["contract"]) for p in paid] == [("EUR", "JH-2026-014")], paid
        request = _post(c, "/requests/new", {"supplier": key, "title": "激光切割机无法启动，报警 E-207",
                                             "severity": "high", "contract": "JH-2026-014"})  # fmt: skip
        case = _post(c, request.split("?")[0] + "/case", {})
        number = re.search(r"CASE-\d{4}-\d{3}", c.get(case).text).group(0)  # type: ignore[union-attr]
        made = _post(c, "/documents/letters", {"case": number, "kind": "formal-complaint", "lang": "both",
                                               "format": "pdf"})  # fmt: skip
        letter = re.search(r"letter=(\d+)", made).group(1)  # type: ignore[union-attr]
        _post(c, f"/documents/letters/{letter}/sent", {"sent_on": "2026-11-02", "channel": "快递（EMS）"})

        UNTRANSLATED.clear()
        pages = crawl(c, per_shape=3, limit=200)
        assert UNTRANSLATED == {}, sorted(UNTRANSLATED.items())
        for check in (foreign_sentences, foreign_words, ascii_colons, bad_brackets):
            found = {path: f for path, html in pages.items() if (f := check(html))}
            assert found == {}, (check.__name__, found)
        assert leaks(pages) == []
        for kind in ("/records/payments/", "/cases/", "/requests/SR-", "/suppliers/", "/records/orders/"):
            assert any(p.startswith(kind) for p in pages), (kind, sorted(pages))

        c.get("/lang/en")
        pages = crawl(c, per_shape=3, limit=200)
        assert leaks(pages) == []
    finally:
        c.__exit__(None, None, None)
