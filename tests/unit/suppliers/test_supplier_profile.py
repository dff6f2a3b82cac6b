"""Supplier profile, due-diligence checklist, escalation contacts and periodic reviews."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from disputedesk.domain.money import Money
from disputedesk.domain.suppliers import (
    AnswerHours,
    BankAccount,
    Certification,
    Channel,
    Contact,
    ContactChannel,
    DDEntry,
    DDItem,
    DDStatus,
    EscalationLevel,
    EscalationMatrix,
    Rating,
    ReviewFrequency,
    ReviewRecord,
    ReviewSchedule,
    SupplierKind,
    SupplierProfile,
    add_months,
    dd_gaps,
    due_reviews,
    next_contact,
    parse_money,
)

SH = ZoneInfo("Asia/Shanghai")
USCC = "91330200MA2H3K7L0" + stdnum_uscc.calc_check_digit("91330200MA2H3K7L0")


def profile(**kw: object) -> SupplierProfile:
    base: dict[str, object] = {
        "supplier_id": "SUP-001",
        "legal_name_zh": "宁波海曙精工机械有限公司",
        "legal_name_en": "Ningbo Haishu Precision Machinery Co., Ltd.",
        "uscc": USCC,
        "kind": SupplierKind.FACTORY,
        "email_domains": ("hsjg-machinery.com",),
    }
    base.update(kw)
    return SupplierProfile(**base)  # type: ignore[arg-type]


# ----------------------------------------------------------------- profile


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("1000万元人民币", "10000000", "CNY"),
        ("500万美元", "5000000", "USD"),
        ("CNY 10,000,000", "10000000", "CNY"),
        ("12.5 million USD", "12500000", "USD"),
        ("2亿", "200000000", "CNY"),
        ("３００万元", "3000000", "CNY"),
        ("800000", "800000", "CNY"),
    ],
)
def test_registered_capital_as_written(text: str, amount: str, currency: str) -> None:
    assert parse_money(text) == Money(Decimal(amount), currency)


@pytest.mark.parametrize("text", ["", "about ten million", "1000万 XYZ"])
def test_unreadable_capital_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_money(text)


def test_clean_profile_has_no_problems() -> None:
    assert profile().problems(date(2026, 11, 26)) == []


def test_profile_problems_name_the_field() -> None:
    p = profile(
        uscc=USCC[:17] + ("1" if USCC[17] != "1" else "2"),
        email_domains=("not a domain",),
        websites=("www.example.com",),
        certifications=(Certification("CE", valid_until=date(2026, 1, 31)),),
    )
    fields = {f for f, _ in p.problems(date(2026, 11, 26))}
    assert fields == {"uscc", "email_domains", "websites", "certifications"}


def test_evidence_numbers_are_checked() -> None:
    p = profile(evidence={"uscc": ("E-0042",)})
    assert p.evidence["uscc"] == ("E-0042",)
    with pytest.raises(ValueError, match="E-0042"):
        profile(evidence={"uscc": ("screenshot",)})
    with pytest.raises(ValueError, match="unknown field"):
        profile(evidence={"favourite_colour": ("E-0001",)})


def test_certification_status_over_time() -> None:
    c = Certification("ISO 9001:2015", valid_from=date(2024, 3, 1), valid_until=date(2027, 2, 28))
    assert c.status(date(2024, 1, 1)) == "not_yet_valid"
    assert c.status(date(2026, 11, 26)) == "valid"
    assert c.status(date(2027, 1, 15)) == "expiring"
    assert c.status(date(2027, 3, 1)) == "expired"
    assert Certification("CE").status(date(2026, 1, 1)) == "undated"


def test_sender_domain_recognised_including_subdomains() -> None:
    p = profile()
    assert p.sender_is_supplier("Li Wei <li.wei@hsjg-machinery.com>")
    assert p.sender_is_supplier("service@cn.hsjg-machinery.com")
    assert not p.sender_is_supplier("li.wei@hsjg-machinery.com.cn-pay.top")
    assert not p.sender_is_supplier("li.wei@hsjg-machinerys.com")


def test_verified_account_is_the_latest_verified() -> None:
    old = BankAccount("A", "111111111", verified_on=date(2024, 1, 1))
    new = BankAccount("A", "222222222", verified_on=date(2025, 6, 1))
    unverified = BankAccount("A", "333333333")
    assert profile(bank_accounts=(old, unverified, new)).verified_account == new
    assert profile(bank_accounts=(unverified,)).verified_account is None


# ----------------------------------------------------------------- due diligence

TODAY = date(2026, 11, 26)


def all_done(on: date = date(2026, 10, 1)) -> list[DDEntry]:
    return [DDEntry(item, DDStatus.DONE, on, "Anna (procurement)", ("E-0100",)) for item in DDItem]


def test_empty_checklist_shows_every_item_as_a_gap() -> None:
    gaps = dd_gaps([], TODAY)
    assert {g.item for g in gaps} == set(DDItem)
    high = {g.item for g in gaps if g.severity == "high"}
    assert high == {DDItem.REGISTRY_CHECKED, DDItem.BANK_ACCOUNT_IN_LEGAL_NAME}


def test_complete_checklist_has_no_gaps() -> None:
    assert dd_gaps(all_done(), TODAY) == []


def test_failed_bank_check_is_a_high_gap_with_the_note() -> None:
    entries = all_done() + [
        DDEntry(
            DDItem.BANK_ACCOUNT_IN_LEGAL_NAME,
            DDStatus.FAILED,
            date(2026, 11, 1),
            "Anna",
            ("E-0107",),
            note="account held by a Hong Kong trading company",
        )
    ]
    gaps = dd_gaps(entries, TODAY)
    assert len(gaps) == 1
    assert gaps[0].kind == "failed" and gaps[0].severity == "high"
    assert "Hong Kong" in gaps[0].message


def test_old_sanctions_screening_becomes_stale() -> None:
    entries = all_done(on=date(2026, 1, 5))
    stale = {g.item for g in dd_gaps(entries, TODAY) if g.kind == "stale"}
    assert DDItem.SANCTIONS_SCREENING in stale  # 180 days, house policy
    assert DDItem.FACTORY_AUDIT not in stale  # no expiry
    assert dd_gaps(entries, TODAY, max_age_days={}) == []


def test_done_without_evidence_or_date_is_flagged() -> None:
    entries = [e for e in all_done() if e.item is not DDItem.FACTORY_AUDIT]
    entries.append(DDEntry(DDItem.FACTORY_AUDIT, DDStatus.DONE, None, "Bob"))
    kinds = {g.kind for g in dd_gaps(entries, TODAY)}
    assert kinds == {"undated", "no_evidence"}


def test_not_applicable_is_not_a_gap() -> None:
    entries = [e for e in all_done() if e.item is not DDItem.CERTIFICATIONS_VERIFIED]
    entries.append(DDEntry(DDItem.CERTIFICATIONS_VERIFIED, DDStatus.NOT_APPLICABLE))
    assert dd_gaps(entries, TODAY) == []


# ----------------------------------------------------------------- escalation

office = AnswerHours("Asia/Shanghai", time(9), time(18), "cn")


def matrix() -> EscalationMatrix:
    return EscalationMatrix(
        (
            Contact(
                "Zhang Wei",
                EscalationLevel.SUPPORT_ENGINEER,
                (
                    ContactChannel(Channel.WECHAT, "zw-service", office),
                    ContactChannel(Channel.EMAIL, "zw@x.com", office),
                ),
            ),
            Contact(
                "Liu Fang",
                EscalationLevel.SERVICE_MANAGER,
                (
                    ContactChannel(Channel.PHONE, "+86 574 0000 0000", office),
                    ContactChannel(Channel.EMAIL, "liu.fang@x.com", office),
                ),
            ),
            Contact(
                "Chen Jie",
                EscalationLevel.GENERAL_MANAGER,
                (ContactChannel(Channel.PHONE, "+86 574 1111 1111", office, preferred=True),),
                is_legal_representative=True,
            ),
        ),
        protocol="Support requests by email to the engineer; escalation after 2 working days without answer.",
    )


def test_next_level_written_channel_proposed_during_office_hours() -> None:
    at = datetime(2026, 11, 26, 10, 30, tzinfo=SH)  # Thursday
    p = next_contact(matrix(), EscalationLevel.SUPPORT_ENGINEER, at)
    assert p.level is EscalationLevel.SERVICE_MANAGER
    assert p.contact is not None and p.contact.name == "Liu Fang"
    assert p.channel is not None and p.channel.channel is Channel.EMAIL  # written beats phone
    assert p.open_now
    assert "service manager" in p.reason and "evidence" in p.reason


def test_outside_hours_says_when_they_answer_next() -> None:
    at = datetime(2026, 11, 27, 20, 0, tzinfo=SH)  # Friday evening in Ningbo
    p = next_contact(matrix(), EscalationLevel.SUPPORT_ENGINEER, at)
    assert not p.open_now
    assert p.answer_from == datetime(2026, 11, 30, 9, 0, tzinfo=SH)  # Monday
    assert "send now" in p.reason


def test_national_day_holiday_is_not_office_hours() -> None:
    at = datetime(2026, 10, 2, 3, 0, tzinfo=UTC)  # 11:00 in Ningbo, National Day week
    p = next_contact(matrix(), EscalationLevel.SUPPORT_ENGINEER, at)
    assert not p.open_now
    assert p.answer_from == datetime(2026, 10, 8, 9, 0, tzinfo=SH)
    assert "National Day" in p.reason


def test_makeup_saturday_is_office_hours() -> None:
    at = datetime(2026, 10, 10, 10, 0, tzinfo=SH)  # Saturday worked instead of a holiday (调休)
    assert office.is_open(at)


def test_empty_level_is_skipped_and_phone_gets_a_written_follow_up() -> None:
    p = next_contact(matrix(), EscalationLevel.SERVICE_MANAGER, datetime(2026, 11, 26, 10, 0, tzinfo=SH))
    assert p.level is EscalationLevel.GENERAL_MANAGER
    assert "no contact recorded for sales" in p.reason
    assert p.channel is not None and p.channel.channel is Channel.PHONE
    assert p.follow_up is not None and "in writing" in p.follow_up


def test_top_of_the_ladder_points_to_formal_steps() -> None:
    p = next_contact(matrix(), EscalationLevel.GENERAL_MANAGER, datetime(2026, 11, 26, 10, 0, tzinfo=SH))
    assert p.level is None and p.contact is None
    assert "formal written complaint" in p.reason


def test_first_contact_starts_at_support_engineer() -> None:
    p = next_contact(matrix(), None, datetime(2026, 11, 26, 10, 0, tzinfo=SH))
    assert p.level is EscalationLevel.SUPPORT_ENGINEER


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_contact(matrix(), None, datetime(2026, 11, 26, 10, 0))


# ----------------------------------------------------------------- reviews


def review(on: date, supplier: str = "SUP-001") -> ReviewRecord:
    return ReviewRecord(
        supplier,
        on,
        "Anna",
        on - timedelta(days=90),
        on,
        Rating.GOOD,
        Rating.POOR,
        Rating.ADEQUATE,
    )


def quarterly(supplier: str = "SUP-001") -> ReviewSchedule:
    return ReviewSchedule(supplier, ReviewFrequency.QUARTERLY, date(2026, 1, 15))


def test_review_due_soon_then_overdue() -> None:
    s = quarterly()
    done = [review(date(2026, 1, 14)), review(date(2026, 4, 20)), review(date(2026, 7, 10))]
    assert due_reviews([s], done, date(2026, 9, 20)) == []  # next on 15 Oct, not yet in view
    soon = due_reviews([s], done, date(2026, 10, 5))
    assert [(d.due_on, d.status) for d in soon] == [(date(2026, 10, 15), "due")]
    late = due_reviews([s], done, date(2026, 11, 26))
    assert late[0].status == "overdue" and late[0].days_overdue == 42
    assert late[0].last_review == date(2026, 7, 10)


def test_a_review_done_clears_the_reminder() -> None:
    done = [review(date(2026, 10, 20))]
    assert due_reviews([quarterly()], done, date(2026, 11, 26)) == []


def test_missed_reviews_are_counted() -> None:
    res = due_reviews([quarterly()], [], date(2026, 11, 26))
    assert res[0].due_on == date(2026, 10, 15)
    assert res[0].missed_before == 3


def test_reviews_of_other_suppliers_do_not_count() -> None:
    res = due_reviews([quarterly("SUP-001")], [review(date(2026, 10, 20), "SUP-002")], date(2026, 11, 26))
    assert len(res) == 1


def test_review_average_and_rating_bounds() -> None:
    assert review(date(2026, 10, 1)).average_rating == Decimal("3.00")
    with pytest.raises(ValueError):
        ReviewRecord("S", date(2026, 1, 1), "A", date(2026, 1, 1), date(2026, 1, 1), 6, 3, 3)  # type: ignore[arg-type]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 240))
def test_add_months_stays_in_the_right_month(d: date, n: int) -> None:
    r = add_months(d, n)
    assert (r.year * 12 + r.month) - (d.year * 12 + d.month) == n
    assert r.day == d.day or (r.day < d.day and (r + timedelta(days=1)).day == 1)


@given(
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(SH)),
)
def test_next_open_is_open_and_not_earlier(at: datetime) -> None:
    nxt = office.next_open(at)
    assert nxt >= at
    assert office.is_open(nxt)
    if office.is_open(at):
        assert nxt == at


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_capital_in_wan_is_ten_thousand_times(amount: Decimal) -> None:
    assert parse_money(f"{amount}万元人民币").amount == amount * 10_000
