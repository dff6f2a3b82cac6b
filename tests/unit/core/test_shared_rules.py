"""The one rule for a message's own words (domain/mailtext.py), mail domains (domain/maildomains.py)
and calendar dates (domain/dates.py), shown where the former copies differed."""

from disputedesk.domain.maildomains import address_in, domain_set, host_in, mail_host
from disputedesk.domain.mailtext import own_words


def test_own_words_end_at_any_known_quote_header() -> None:
    assert own_words("Received, will check.\n\n-----Original Message-----\nFrom: a@b.cn\nold") == (
        "Received, will check."
    )
    # The payment scan used to read past a Chinese client's 发件人： header into the quoted original.
    text = "请查收。\n\n发件人：财务部\n新账户：6217 0000 0000 9999"
    assert own_words(text) == "请查收。"
    assert own_words("Danke.\nAm 1. März 2026 schrieb Anna:\n> alt") == "Danke."
    assert own_words("ok\n在 2026年3月1日 写道：\n旧") == "ok"
    assert own_words(None) == "" and own_words("") == ""


def test_words_written_between_quoted_lines_are_kept() -> None:
    # The SLA's copy cut the text at the first '>' line, losing the question after it.
    text = "Received.\n> Please send the log files\nWhich machine do you mean?"
    assert own_words(text) == "Received.\nWhich machine do you mean?"


def test_mail_host_reads_display_names_and_case() -> None:
    assert mail_host("王磊 <WangLei@Jinhua-CNC.com>") == "jinhua-cnc.com"
    assert mail_host("x@mail.example.cn.") == "mail.example.cn"
    assert mail_host("no address") == "" and mail_host(None) == ""


def test_domain_or_subdomain_never_a_bare_ending() -> None:
    domains = ["@Jinhua-CNC.com", " ruifenglaser.com "]
    assert domain_set(domains) == {"jinhua-cnc.com", "ruifenglaser.com"}
    assert address_in("a@jinhua-cnc.com", domains) and address_in("b@mail.jinhua-cnc.com", domains)
    assert not address_in("c@fake-jinhua-cnc.com", domains) and not address_in("d@jinhua-cnc.com.cn", domains)
    # Three copies matched a listed one-label "domain" against every sender under it; the ingest's did not.
    assert not host_in("anyone.com", ["com"])


def test_one_date_rule_for_deadlines_cases_and_suppliers() -> None:
    from datetime import date

    import pytest

    from disputedesk.domain.dates import parse_day
    from disputedesk.services.suppliers.base import SupplierError, _date

    assert parse_day(" 2026-03-01 ", "on") == date(2026, 3, 1) and parse_day("", "on") is None
    with pytest.raises(ValueError, match="on: required"):
        parse_day(None, "on", required=True)
    with pytest.raises(ValueError, match="not a real calendar date"):
        parse_day("2026-02-30", "on")
    # The supplier forms used date.fromisoformat, which took these; now they name the field.
    for slip in ("20260301", "2026-W09-7", "0226-03-01"):
        with pytest.raises(SupplierError) as err:
            _date(slip, "valid_until")
        assert err.value.field == "valid_until"


def test_first_response_figures_are_computed_once() -> None:
    from disputedesk.domain.sla import first_response_figures

    # Lower median and nearest-rank p90: observed values, as the SLA report and the supplier review show.
    assert first_response_figures([]) == (None, None)
    assert first_response_figures([40, 10, 30, 20]) == (20, 40)
    assert first_response_figures(range(1, 11)) == (5, 9)
