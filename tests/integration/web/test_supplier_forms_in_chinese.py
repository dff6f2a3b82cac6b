"""The supplier page's forms with bad input, as a Chinese-reading user sees them: the message names
the field and what is wrong in Chinese, and nothing typed is silently dropped."""

from __future__ import annotations

import re

from pages_support import visible

RATED = {"product_quality": "3", "support_responsiveness": "2", "documentation": "3"}


def _post(c, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    page = c.get("/suppliers/shenzhen-ruifeng-laser?lang=zh")
    assert page.status_code == 200
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    return c.post(
        f"/suppliers/shenzhen-ruifeng-laser/{action}", data={"csrftoken": csrf, **data}, follow_redirects=False
    )


def _said(html: str) -> str:
    m = re.search(r'<p class="flash error"[^>]*>(.*?)</p>', html, re.S)
    assert m, "no error message on the page"
    return " ".join(visible(m.group(1)))


def test_a_date_not_written_as_asked_is_refused_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("one supplier")
    r = _post(
        c,
        "bank-accounts",
        {"beneficiary_name": "锐锋", "account_number": "6217000000001234", "verified_on": "31/02/2026"},
    )
    assert r.status_code == 400
    said = _said(r.text)
    assert said.startswith("核实日期：") and "31/02/2026" in said
    assert "is not a date" not in said and "YYYY-MM-DD" in said  # the sentence is Chinese, the form it asks for shown
    r = _post(c, "due-diligence", {"item": "registry_checked", "status": "done", "on": "2026-02-30"})
    assert r.status_code == 400
    said = _said(r.text)
    assert "2026-02-30" in said and "not a real" not in said
    assert c.get("/api/suppliers/shenzhen-ruifeng-laser").json()["bank_accounts"] == []  # nothing half-written


def test_support_figures_that_do_not_add_up_are_named_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("one supplier")
    base = {"reviewed_on": "2026-12-01", "period_start": "2026-06-01", "period_end": "2026-11-30", **RATED}
    r = _post(c, "reviews", {**base, "fig_requests": "3", "fig_met": "5"})
    assert r.status_code == 400
    said = _said(r.text)
    assert said.startswith("支持数据：") and "达标请求数" in said and "sla_met" not in said and "must be" not in said


def test_support_figures_without_the_number_of_requests_are_not_dropped(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("one supplier")
    base = {"reviewed_on": "2026-12-01", "period_start": "2026-06-01", "period_end": "2026-11-30", **RATED}
    r = _post(c, "reviews", {**base, "fig_median_h": "30", "fig_target_h": "4"})
    assert r.status_code == 400  # was: saved without the figures, and without a word
    said = _said(r.text)
    assert said.startswith("支持数据：") and "请求数" in said
    assert c.get("/api/suppliers/shenzhen-ruifeng-laser").json()["reviews"] == []
    r = _post(c, "reviews", {**base, "fig_median_h": "abc", "fig_requests": "2", "fig_met": "1"})
    assert r.status_code == 400 and "abc" in _said(r.text)
