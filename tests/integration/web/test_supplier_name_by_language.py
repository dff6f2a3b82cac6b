"""A supplier's name in the page's language (quality sweep): a Chinese page showed the supplier's English name
although its registered Chinese name was recorded, which is the name a Chinese reader (and a Chinese tribunal)
knows it by. A Chinese page now shows the Chinese name; an English page the English one; a supplier with only an
English name shows that on both."""

from __future__ import annotations

from pages_support import visible

from disputedesk.services.suppliers import profile as supplier_profiles

HENGTUO_EN = "Ningbo Hengtuo CNC Machinery Co., Ltd."
HENGTUO_ZH = "宁波恒拓数控机械有限公司"
RUIFENG_EN = "Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd."
RUIFENG_ZH = "深圳市锐锋激光智能装备有限公司"


def _text(c, url: str) -> str:  # type: ignore[no-untyped-def]
    page = c.get(url)
    assert page.status_code == 200, page.text[:300]
    return " ".join(visible(page.text))


def _heading(c, url: str) -> str:  # type: ignore[no-untyped-def]
    page = c.get(url)
    assert page.status_code == 200, page.text[:300]
    return " ".join(visible(page.text.split("<h1")[1].split("</h1>")[0].split(">", 1)[1]))


def test_the_supplier_list_names_suppliers_in_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    zh = _text(c, "/suppliers?lang=zh")
    assert HENGTUO_ZH in zh and HENGTUO_EN not in zh
    assert RUIFENG_ZH in zh and RUIFENG_EN not in zh
    en = _text(c, "/suppliers?lang=en")
    assert HENGTUO_EN in en and RUIFENG_EN in en
    chart = c.get("/suppliers?lang=zh").text.split('<svg class="chart"')[1].split("</svg>")[0]  # the score bars
    assert HENGTUO_ZH in chart and "Ningbo" not in chart


def test_the_sla_page_of_a_supplier_is_headed_by_its_name_in_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    assert _heading(c, "/sla/suppliers/hengtuo?lang=zh") == HENGTUO_ZH
    assert HENGTUO_EN not in _text(c, "/sla/suppliers/hengtuo?lang=zh")
    assert _heading(c, "/sla/suppliers/hengtuo?lang=en") == HENGTUO_EN


def test_the_support_requests_name_the_supplier_in_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    number = c.post(
        "/api/sla/requests",
        json={"supplier": "hengtuo", "title": "主轴报警", "severity": "normal", "opened_at": "2026-12-02T09:00:00Z"},
    ).json()["number"]
    for url in ("/requests", f"/requests/{number}"):
        zh = _text(c, f"{url}?lang=zh")
        assert HENGTUO_ZH in zh and HENGTUO_EN not in zh, url
        assert HENGTUO_EN in _text(c, f"{url}?lang=en"), url


def test_a_case_page_names_its_supplier_in_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    case_id = c.get("/api/cases").json()[0]["id"]
    zh = _text(c, f"/cases/{case_id}?lang=zh")
    assert RUIFENG_ZH in zh and RUIFENG_EN not in zh
    en = _text(c, f"/cases/{case_id}?lang=en")
    assert RUIFENG_EN in en


def test_the_english_supplier_page_gives_the_chinese_name_in_brackets(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    assert _heading(c, "/suppliers/hengtuo?lang=en") == f"{HENGTUO_EN} ({HENGTUO_ZH})"
    assert _heading(c, "/suppliers/hengtuo?lang=zh") == HENGTUO_ZH


def test_a_supplier_with_only_an_english_name_shows_it_on_both(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    supplier_profiles.create_supplier(
        ctx, "default", {"name_en": "Suzhou Quiet Pumps Co., Ltd.", "key": "quietpumps"}, actor="test"
    )
    for lang in ("zh", "en"):
        assert "Suzhou Quiet Pumps Co., Ltd." in _text(c, f"/suppliers?lang={lang}")
        assert _heading(c, f"/sla/suppliers/quietpumps?lang={lang}") == "Suzhou Quiet Pumps Co., Ltd."
        assert _heading(c, f"/suppliers/quietpumps?lang={lang}") == "Suzhou Quiet Pumps Co., Ltd."
