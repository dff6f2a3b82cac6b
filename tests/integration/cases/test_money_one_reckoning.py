"""One reckoning of a case's money. A user walk-through (empty workspace, the case page's forms): a
case claims EUR 4,800.00 and USD 100.00; the supplier paid EUR 2,400.00 (bank statement E-0001).
The case page's recovery table, the demand letter and the arbitration request (English and
Chinese) must state the same total claimed, received and balance per currency; after a settlement
the balance is the settled amount less what was received (the letters demanded the full claim
less receipts while the page showed the settlement's balance); and a total claimed that the user
overrides by hand on the letter (``--set claims_total=…``) recomputes the balance instead of
leaving the old one beside it."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from disputedesk.services import cases, letters

from records_fixtures import open_bank_statement_case


@pytest.fixture
def case(sqlite_ctx):  # type: ignore[no-untyped-def]
    c, case_id, csrf = open_bank_statement_case(sqlite_ctx, "Spindle")
    for kind, amount, cur in (("repair", "4800.00", "EUR"), ("damages", "100.00", "USD")):
        r = c.post(
            f"/cases/{case_id}/claims", data={"csrftoken": csrf, "kind": kind, "amount": amount, "currency": cur}
        )
        assert r.status_code in (200, 303), r.text[-800:]
    _money(c, case_id, csrf, "receipt", "2026-03-20", "2400.00")
    yield c, case_id, csrf
    c.__exit__(None, None, None)


def _money(c, case_id: str, csrf: str, kind: str, on: str, amount: str) -> None:  # type: ignore[no-untyped-def]
    """A receipt or a settlement in EUR, the bank statement as its evidence, through the case page's form."""
    data = {"csrftoken": csrf, "kind": kind, "on": on, "amount": amount, "currency": "EUR", "evidence": "E-0001"}
    r = c.post(f"/cases/{case_id}/recovery", data=data)
    assert r.status_code in (200, 303), r.text[-800:]


def _amount(text: str) -> Decimal:
    return Decimal(re.sub(r"[^\d.]", "", text))


def _page(c, case_id: str, lang: str) -> dict[str, dict[str, Decimal | None]]:  # type: ignore[no-untyped-def]
    """The case page's recovery table: currency → claimed, settled, received, outstanding."""
    html = c.get(f"/cases/{case_id}?lang={lang}").text
    table = re.search(r'<table class="grid" id="recovery-table">(.*?)</table>', html, re.S)
    assert table, html[-2000:]
    out: dict[str, dict[str, Decimal | None]] = {}
    for row in re.findall(r"<tr><td>([A-Z]{3})</td>(.*?)</tr>", table.group(1), re.S):
        cells = [re.sub(r"<[^>]+>", "", x).strip() for x in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)]
        cells[3] = re.sub(r"(overpaid|多付).*", "", cells[3])
        claimed, settled, received, outstanding = cells
        out[row[0]] = {
            "claimed": _amount(claimed),
            "settled": None if settled == "—" else _amount(settled),
            "received": _amount(received),
            "outstanding": _amount(outstanding),
        }
    return out


def _letter(c, case_id: str, kind: str, lang: str, overrides: dict[str, str] | None = None) -> str:  # type: ignore[no-untyped-def]
    number = cases.get_case(c.app.state.ctx, "default", case_id).number
    r = letters.render_letter(
        c.app.state.ctx,
        "default",
        number,
        kind,
        lang=lang,
        fmt="pdf",
        letter_date=date(2026, 4, 1),
        overrides=overrides,
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages)
    return re.sub(r"\s+", " ", text) if lang == "en" else re.sub(r"\s+", "", text)


def _balance_en(letter: str) -> str:
    found = re.search(r"Balance demanded: (.*?)\.(?: |$)", letter)
    assert found, letter
    return found.group(1)


def _balance_zh(letter: str) -> str:
    found = re.search(r"现要求贵司支付的余额为：(.*?)。", letter)
    assert found, letter
    return found.group(1)


def _as_text(page: dict[str, dict[str, Decimal | None]], key: str, sep: str = " + ") -> str:
    return sep.join(f"{cur} {row[key]:,.2f}" for cur, row in page.items() if row[key] is not None)


def test_page_and_letters_agree_for_two_currencies_and_a_receipt(case) -> None:  # type: ignore[no-untyped-def]
    c, case_id, _csrf = case
    page = _page(c, case_id, "en")
    assert page == _page(c, case_id, "zh")
    assert page["EUR"]["outstanding"] == Decimal("2400.00") and page["USD"]["outstanding"] == Decimal("100.00")
    en = _letter(c, case_id, "demand", "en")
    assert _balance_en(en) == _as_text(page, "outstanding") == "EUR 2,400.00 + USD 100.00", en
    assert f"Total claimed: {_as_text(page, 'claimed')}," in en, en
    zh = _letter(c, case_id, "demand", "zh")
    assert _balance_zh(zh) == _as_text(page, "outstanding", "+").replace(" ", ""), zh
    rfa = _letter(c, case_id, "arbitration-request", "en")
    assert f"the balance of {_as_text(page, 'outstanding')}" in rfa, rfa


def test_after_a_settlement_the_letters_demand_the_balance_the_page_shows(case) -> None:  # type: ignore[no-untyped-def]
    c, case_id, csrf = case
    _money(c, case_id, csrf, "settlement", "2026-03-25", "3000.00")
    page = _page(c, case_id, "en")
    assert page["EUR"]["settled"] == Decimal("3000.00") and page["EUR"]["outstanding"] == Decimal("600.00"), page
    en = _letter(c, case_id, "demand", "en")
    assert _balance_en(en) == _as_text(page, "outstanding") == "EUR 600.00 + USD 100.00", en
    assert "agreed in the settlement: EUR 3,000.00" in en, en
    assert "Agreed in the settlement of 25 March 2026 EUR 3,000.00 E-0001" in en, en
    zh = _letter(c, case_id, "demand", "zh")
    assert _balance_zh(zh) == "EUR600.00+USD100.00", zh
    assert "双方和解约定的金额：EUR3,000.00" in zh and "双方于2026年3月25日和解约定的金额EUR3,000.00E-0001" in zh, zh
    for lang in ("en", "zh"):
        rfa = _letter(c, case_id, "arbitration-request", lang)
        assert ("EUR 600.00 + USD 100.00" if lang == "en" else "EUR600.00+USD100.00") in rfa, rfa


def test_a_total_claimed_set_by_hand_recomputes_the_balance(case) -> None:  # type: ignore[no-untyped-def]
    c, case_id, _csrf = case
    overrides = {"claims_total": "EUR 4,000.00 + USD 100.00"}
    en = _letter(c, case_id, "demand", "en", overrides)
    assert "Total claimed: EUR 4,000.00 + USD 100.00," in en, en
    assert _balance_en(en) == "EUR 1,600.00 + USD 100.00", en
    zh = _letter(c, case_id, "demand", "zh", overrides)
    assert _balance_zh(zh) == "EUR1,600.00+USD100.00", zh
    rfa = _letter(c, case_id, "arbitration-request", "en", overrides)
    assert "the balance of EUR 1,600.00 + USD 100.00" in rfa, rfa
    # a balance the user sets himself is kept as set
    en = _letter(c, case_id, "demand", "en", {**overrides, "claims_balance": "EUR 1,000.00"})
    assert _balance_en(en) == "EUR 1,000.00", en


def test_a_total_claimed_that_is_not_amounts_is_refused_naming_the_field(case) -> None:  # type: ignore[no-untyped-def]
    c, case_id, _csrf = case
    with pytest.raises(ValueError, match="claims_total"):
        _letter(c, case_id, "demand", "en", {"claims_total": "about four thousand"})
