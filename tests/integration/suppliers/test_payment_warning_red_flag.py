"""An open, unreviewed high-severity payment warning (a mail asking to pay into a new account, a look-alike sender)
is a red flag on the supplier's scorecard: risk at least high on the list, the supplier page and the CLI, in both
languages, until a person marks it confirmed or dismissed. Before, only failed checks, critical breaches and open
cases were red flags, and a supplier with no measured data showed no risk at all beside such a warning."""

from __future__ import annotations

from pages_support import visible

from tests.integration.suppliers.test_suppliers_web import browser, browser_ctx, demo, svc  # noqa: F401


def _text(c, url: str) -> str:  # type: ignore[no-untyped-def]
    r = c.get(url)
    assert r.status_code == 200, r.text[:300]
    return " ".join(visible(r.text))


def test_reopened_payment_warnings_are_red_flags_on_the_scorecard(browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    ctx = browser_ctx(browser)
    before = {v.key: v.card for v in svc.scorecards(ctx, "demo")}
    assert not any("payment warning" in f for f in before["ruifeng"].red_flags)
    warning = next(w for w in svc.list_payment_warnings(ctx, "demo") if w.severity == "high" and w.supplier_key)
    assert svc.review_payment_warning(ctx, "demo", warning.id, "open", actor="owner", whole_message=True) >= 1
    card = {v.key: v.card for v in svc.scorecards(ctx, "demo")}[warning.supplier_key]
    assert card.risk in ("high", "critical")
    en = _text(browser, "/suppliers?lang=en")
    assert "open high-severity payment warning" in en and "call-back" in en
    zh = _text(browser, "/suppliers?lang=zh")
    assert "封邮件有未处理的高风险付款警示" in zh and "回电核实银行账户" in zh
    page = _text(browser, f"/suppliers/{warning.supplier_key}?lang=zh")
    assert "⚑" in page and "高风险付款警示" in page
    # reviewed again: the flag goes
    svc.review_payment_warning(
        ctx, "demo", warning.id, "confirmed", actor="owner", note="call-back", whole_message=True
    )
    after = {v.key: v.card for v in svc.scorecards(ctx, "demo")}[warning.supplier_key]
    assert not any("payment warning" in f for f in after.red_flags)
    assert "封邮件有未处理的高风险付款警示" not in _text(browser, "/suppliers?lang=zh")
