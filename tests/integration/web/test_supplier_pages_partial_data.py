"""Supplier pages with partial data, read in Chinese and in English (quality sweep): a supplier just added with
nothing measured, one with only a contact, one with only a review, one with only an English name. Every page
opens; a Chinese page writes no English sentence or interface word, no ASCII colon or bracket after Chinese text;
a refused form keeps what was typed."""

from __future__ import annotations

import re

import pytest
from pages_support import InterfaceText, ascii_colons, foreign_sentences, foreign_words, visible

from disputedesk.services.suppliers import profile as supplier_profiles

SUPPLIERS = {
    "blank": {"name_en": "Foshan Blank Tools Co., Ltd.", "name_zh": "佛山空白工具有限公司"},
    "contact": {"name_en": "Dongguan Contact Presses Co., Ltd.", "name_zh": "东莞联络压力机有限公司"},
    "reviewed": {"name_en": "Wuxi Reviewed Pumps Co., Ltd.", "name_zh": "无锡评审泵业有限公司"},
    "english": {"name_en": "Hangzhou English Only Motors Co., Ltd."},
}
CONTACT = {
    "name": "Li Na",
    "name_zh": "李娜",
    "level": "support_engineer",
    "channels": [{"channel": "email", "address": "lina@contact-presses.cn", "preferred": True}],
}
REVIEW = {
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "product_quality": 4,
    "support_responsiveness": 2,
    "documentation": 3,
    "reviewer": "Anna Berg",  # a name; the scorecard's sentences quote it (a username there reads as a stray word)
}
# an ASCII bracket or colon right after Chinese text the interface wrote ("付款警示 (1 进行中)", "电话: …")
_CJK_ASCII = re.compile(r"[\u4e00-\u9fff]\s?[(:;]")


def _interface_ascii(html: str) -> list[str]:
    p = InterfaceText("zh")
    p.feed(html)
    return [t[:80] for t in p.parts if _CJK_ASCII.search(t)]


@pytest.fixture
def partial(client_for, ctx):  # type: ignore[no-untyped-def]
    c = client_for("empty")
    for key, names in SUPPLIERS.items():
        supplier_profiles.create_supplier(ctx, "default", {**names, "key": key}, actor="test")
    assert c.post("/api/suppliers/contact/contacts", json=CONTACT).status_code == 201
    assert c.post("/api/suppliers/reviewed/reviews", json=REVIEW).status_code == 201
    return c


def _pages() -> list[str]:
    return ["/", "/suppliers", *(f"/suppliers/{k}" for k in SUPPLIERS), *(f"/sla/suppliers/{k}" for k in SUPPLIERS)]


def test_every_supplier_page_opens_with_partial_data_in_both_languages(partial) -> None:  # type: ignore[no-untyped-def]
    for lang in ("en", "zh"):
        for url in _pages():
            r = partial.get(f"{url}?lang={lang}")
            assert r.status_code == 200, (lang, url, r.text[:300])


def test_a_chinese_supplier_page_is_chinese_throughout(partial) -> None:  # type: ignore[no-untyped-def]
    problems = {}
    for url in _pages():
        html = partial.get(f"{url}?lang=zh").text
        found = foreign_sentences(html) + foreign_words(html) + ascii_colons(html) + _interface_ascii(html)
        if found:
            problems[url] = found[:5]
    assert not problems, problems


def test_a_refused_contact_keeps_what_was_typed(partial) -> None:  # type: ignore[no-untyped-def]
    page = partial.get("/suppliers/contact?lang=zh").text
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    typed = {"csrftoken": csrf, "name": "", "name_zh": "王芳", "role": "售后经理", "level": "service_manager",
             "channel1": "phone", "address1": "+86 769 1234 5678"}  # fmt: skip
    r = partial.post("/suppliers/contact/contacts?lang=zh", data=typed)
    assert r.status_code == 400
    assert 'value="王芳"' in r.text and 'value="售后经理"' in r.text and 'value="+86 769 1234 5678"' in r.text


def test_the_english_scorecard_dates_the_review_as_the_page_dates_days(partial) -> None:  # type: ignore[no-untyped-def]
    """The review component's explanation wrote "review of 2026-12-05"; the page writes days as "5 Dec 2026"."""
    html = partial.get("/suppliers/reviewed?lang=en").text.split('id="scorecard"')[1]
    text = " ".join(visible(html))
    assert "review of " in text and not re.search(r"review of \d{4}-\d{2}-\d{2}", text), text[:400]
