"""A user walk-through (Chinese-speaking counsel, empty workspace): on a case she recorded a claim of
EUR 4,800.00 and then EUR 2,400.00 received (the bank statement as evidence). The demand letter still
demanded the full EUR 4,800.00 and the case page's amount at stake showed "—". Now the letters state
the amount claimed, what was received (date and evidence in the claims table) and the balance
demanded, in the letter's language; the case page shows the claims, what was received and the
balance. Amounts in different currencies are never added: shown per currency, and said so."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from disputedesk.services import cases, letters

from records_fixtures import open_bank_statement_case
from support import CSRF_RE


def _pdf_text(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _dd(html: str, term: str) -> str:
    found = re.search(r"<dt>" + re.escape(term) + r"</dt><dd>(.*?)</dd>", html, re.S)
    assert found, term
    return re.sub(r"<[^>]+>", "", found.group(1))


@pytest.fixture(params=["received"])
def case_with_receipt(sqlite_ctx, request):  # type: ignore[no-untyped-def]
    """An empty workspace: a supplier, the bank statement (E-0001); a case opened on the page with no
    amount, a claim of EUR 4,800.00 and EUR 2,400.00 received on 20 March 2026."""
    c, case_id, csrf = open_bank_statement_case(sqlite_ctx, "Spindle failure")
    r = c.post(
        f"/cases/{case_id}/claims", data={"csrftoken": csrf, "kind": "repair", "amount": "4800.00", "currency": "EUR"}
    )
    assert r.status_code in (200, 303), r.text[-1500:]
    if request.param == "nothing received":
        yield c, case_id
        c.__exit__(None, None, None)
        return
    receipt = {"csrftoken": csrf, "kind": "receipt", "on": "2026-03-20", "amount": "2400.00", "currency": "EUR"}
    r = c.post(f"/cases/{case_id}/recovery", data={**receipt, "evidence": "E-0001"})
    assert r.status_code in (200, 303), r.text[-1500:]
    yield c, case_id
    c.__exit__(None, None, None)


def test_the_case_page_shows_the_claim_what_was_received_and_the_balance(case_with_receipt) -> None:
    c, case_id = case_with_receipt
    en = _dd(c.get(f"/cases/{case_id}?lang=en").text, "At stake")
    assert "4,800.00" in en and "—" not in en, en
    assert "received" in en and "2,400.00" in en and "balance" in en, en
    zh = _dd(c.get(f"/cases/{case_id}?lang=zh").text, "争议金额")
    assert "4,800.00" in zh and "—" not in zh, zh
    assert "已收到" in zh and "余额" in zh, zh
    assert not re.search(r"[A-Za-z]{4,}", zh.replace("EUR", "")), zh


def _letter(c, case_id: str, kind: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    number = cases.get_case(c.app.state.ctx, "default", case_id).number
    r = letters.render_letter(
        c.app.state.ctx, "default", number, kind, lang=lang, fmt="pdf", letter_date=date(2026, 4, 1)
    )
    return re.sub(r"\s+", " ", _pdf_text(r.data))


def test_the_demand_letter_demands_the_balance_not_the_amount_already_received(case_with_receipt) -> None:
    c, case_id = case_with_receipt
    en = _letter(c, case_id, "demand", "en")
    assert "Total amount demanded: EUR 4,800.00" not in en, en
    assert "Total claimed: EUR 4,800.00" in en, en
    assert "EUR 2,400.00 already received from you" in en, en
    assert "Balance demanded: EUR 2,400.00" in en, en
    assert "Less: received from you on 20 March 2026 − EUR 2,400.00 E-0001" in en, en
    zh = _letter(c, case_id, "demand", "zh")
    zh = zh.replace(" ", "")  # the PDF breaks Chinese lines anywhere
    assert (
        "索赔总额：EUR4,800.00，扣除贵司已支付的EUR2,400.00（见上表）后，现要求贵司支付的余额为：EUR2,400.00。" in zh
    ), zh
    assert "减：贵司于2026年3月20日已支付的款项−EUR2,400.00E-0001尚欠余额（现要求支付）EUR2,400.00" in zh, zh
    assert "2026年3月20日" in zh and "2026-03-20" not in zh, zh


def test_an_arbitration_request_asks_for_the_balance(case_with_receipt) -> None:
    c, case_id = case_with_receipt
    en = _letter(c, case_id, "arbitration-request", "en")
    assert "the balance of EUR 2,400.00" in en, en
    zh = _letter(c, case_id, "arbitration-request", "zh")
    assert "扣除已收到的EUR2,400.00后的余额EUR2,400.00（索赔总额EUR4,800.00）" in zh.replace(" ", ""), zh


@pytest.mark.parametrize("case_with_receipt", ["nothing received"], indirect=True)
def test_with_nothing_received_the_letter_and_page_read_as_before(case_with_receipt) -> None:
    c, case_id = case_with_receipt
    en = _letter(c, case_id, "demand", "en")
    assert "Total amount demanded: EUR 4,800.00." in en and "Balance" not in en and "received" not in en, en
    zh = _letter(c, case_id, "demand", "zh").replace(" ", "")
    assert "索赔总额：EUR4,800.00。" in zh and "余额" not in zh, zh
    page = _dd(c.get(f"/cases/{case_id}?lang=en").text, "At stake")
    assert "4,800.00" in page and "received" not in page, page


def test_claims_and_receipts_in_two_currencies_are_never_added(case_with_receipt) -> None:
    c, case_id = case_with_receipt
    csrf = re.search(CSRF_RE, c.get(f"/cases/{case_id}").text).group(1)  # type: ignore[union-attr]
    c.post(
        f"/cases/{case_id}/claims", data={"csrftoken": csrf, "kind": "damages", "amount": "100.00", "currency": "USD"}
    )
    en = _dd(c.get(f"/cases/{case_id}?lang=en").text, "At stake")
    assert "4,800.00" in en and "100.00" in en and "not added" in en, en
    assert "7,200" not in en and "4,900" not in en, en
    zh = _dd(c.get(f"/cases/{case_id}?lang=zh").text, "争议金额")
    assert "不同币种的金额不相加" in zh, zh
    letter = _letter(c, case_id, "demand", "en")
    assert "Balance demanded (per currency; currencies are not added together) EUR 2,400.00 + USD 100.00" in letter, (
        letter
    )
    letter = _letter(c, case_id, "demand", "zh").replace(" ", "")
    assert "尚欠余额（现要求支付）（按币种分列，不同币种不相加）EUR2,400.00+USD100.00" in letter, letter
