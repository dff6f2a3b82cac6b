"""Claim heads, calculators and recovery: amounts add up exactly and carry their basis."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disputedesk.domain.claims import (
    ClaimHead,
    DayCount,
    HeadKind,
    Offer,
    Receipt,
    Settlement,
    claim_totals,
    cost_head,
    damages_head,
    day_count_fraction,
    interest_head,
    liquidated_damages_head,
    mitigation_head,
    price_reduction_cisg,
    price_reduction_prc,
    recovery_summary,
    refund_head,
    service_credit_head,
)
from disputedesk.domain.money import Money


def usd(x: str) -> Money:
    return Money.of(x, "USD")


def test_demo_claim_adds_up_exactly_per_currency():
    heads = [
        refund_head("H-1", usd("48500.00"), evidence=["E-0001", "E-0002"], clause="Contract §9.2"),
        cost_head("H-2", "repair", usd("3210.55"), evidence=["E-0031"], description="local technician"),
        service_credit_head(
            "H-3", usd("1455.00"), sla_reference="12 breaches", clause="Annex 2 §4", evidence=["E-0040"]
        ),
        mitigation_head("H-4", Money.of("8800.00", "CNY"), steps_taken="rented a spare laser", evidence=["E-0050"]),
        cost_head("H-5", HeadKind.REPLACEMENT, Money.of("1200.10", "CNY"), evidence=[], description="spare part"),
    ]
    total = claim_totals(heads)
    assert total == {"CNY": Money.of("10000.10", "CNY"), "USD": usd("53165.55")}
    assert "PRC Civil Code Art. 582" in heads[0].basis
    assert heads[4].warnings  # no evidence linked


def test_price_reduction_prc_difference_method():
    h = price_reduction_prc(
        "H-1",
        value_conforming=usd("50000"),
        value_delivered=usd("32000"),
        evidence=["E-0007"],
        valuation_source="appraisal by X, E-0007",
    )
    assert h.amount == usd("18000.00")
    assert "SPC Sales Interpretation Art. 17" in h.basis


def test_price_reduction_cisg_proportional_method():
    h = price_reduction_cisg(
        "H-1",
        price=usd("48500.00"),
        value_conforming=usd("50000"),
        value_delivered=usd("32000"),
        evidence=["E-0007"],
        valuation_source="appraisal",
    )
    # reduced price = 48500 × 32000/50000 = 31040; reduction 17460
    assert h.amount == usd("17460.00")
    assert any("CISG Art. 50" in b for b in h.basis)
    assert "UNVERIFIED" in h.basis[-1]


def test_liquidated_damages_warnings_art_585():
    high = liquidated_damages_head("H-1", usd("13001"), clause="§11", evidence=["E-1000"], proven_loss=usd("10000"))
    assert any("reduction risk" in w for w in high.warnings)
    edge = liquidated_damages_head("H-1", usd("13000"), clause="§11", evidence=["E-1000"], proven_loss=usd("10000"))
    assert not any("reduction" in w or "increase" in w for w in edge.warnings)
    low = liquidated_damages_head("H-1", usd("9000"), clause="§11", evidence=["E-1000"], proven_loss=usd("10000"))
    assert any("increase" in w and "Art. 585" in w for w in low.warnings)
    assert any("Contract Interpretation Arts. 64–65" in w for w in low.warnings)


def test_damages_worksheet_with_lost_profit_and_foreseeability():
    h = damages_head(
        "H-1",
        direct_loss=usd("10000"),
        lost_profit=usd("25000"),
        costs_saved=usd("4000"),
        mitigable_loss=usd("1000"),
        benefits_gained=usd("500"),
        evidence=["E-0060"],
    )
    assert h.amount == usd("29500.00")
    assert any("foreseeability" in w for w in h.warnings)
    h2 = damages_head(
        "H-1",
        direct_loss=usd("10000"),
        lost_profit=usd("25000"),
        evidence=["E-0060"],
        foreseeability_evidence=["E-0003"],
        contributory_fault_percent=Decimal("20"),
        contributory_fault_reason="buyer ignored firmware warning",
        cisg=True,
    )
    assert h2.amount == usd("28000.00")
    assert "E-0003" in h2.evidence
    assert not any("foreseeability" in w for w in h2.warnings)
    assert any("CISG Art. 74" in b for b in h2.basis)


def test_interest_with_day_count_bases():
    common = dict(
        annual_rate_percent="3.65",
        start=date(2025, 1, 31),
        end=date(2026, 1, 31),
        rate_basis="contract_rate",
        rate_source="Contract §12: 3.65 % a year",
        evidence=["E-0001"],
    )
    p = usd("100000.00")
    assert interest_head("I-1", p, basis=DayCount.ACT_365, **common).amount == usd("3650.00")
    assert interest_head("I-1", p, basis=DayCount.ACT_360, **common).amount == usd("3700.69")
    assert interest_head("I-1", p, basis=DayCount.THIRTY_360, **common).amount == usd("3650.00")
    h = interest_head("I-1", p, basis="ACT/365", cisg=True, **common)
    assert "CISG Art. 78" in h.basis
    assert any("sets no rate" in w for w in h.warnings)
    assert "ACT/365" in h.workings[0]


def test_thirty_360_month_ends():
    assert day_count_fraction(date(2025, 1, 31), date(2025, 3, 31), "30/360") == (60, 360)
    assert day_count_fraction(date(2025, 1, 30), date(2025, 2, 28), "30/360") == (28, 360)
    assert day_count_fraction(date(2024, 2, 29), date(2025, 2, 28), "ACT/365") == (365, 365)


def test_negative_amounts_and_bad_evidence_are_refused_with_the_field():
    with pytest.raises(ValueError, match="^amount: -1.00 USD is negative"):
        refund_head("H-1", usd("-1"), evidence=[])
    with pytest.raises(ValueError, match=r"^evidence\[0\]"):
        refund_head("H-1", usd("1"), evidence=["42"])
    with pytest.raises(ValueError, match="^basis"):
        ClaimHead("H-1", HeadKind.DAMAGES, usd("1"), (), ())
    with pytest.raises(ValueError, match="^lost_profit: currency"):
        damages_head("H-1", direct_loss=usd("1"), lost_profit=Money.of("1", "CNY"), evidence=[])
    with pytest.raises(ValueError, match="^rate_basis"):
        interest_head(
            "I-1",
            usd("1"),
            annual_rate_percent="1",
            start=date(2025, 1, 1),
            end=date(2025, 2, 1),
            basis="ACT/365",
            rate_basis="whatever",
            rate_source="x",
        )


def test_recovery_outstanding_balance():
    heads = [
        refund_head("H-1", usd("50000"), evidence=["E-0001"]),
        refund_head("H-2", Money.of("500", "EUR"), evidence=[]),
    ]
    offers = [
        Offer(date(2026, 4, 1), "supplier", usd("10000"), ("E-0101",)),
        Offer(date(2026, 5, 1), "supplier", usd("20000"), ("E-0102",)),
    ]
    receipts = [Receipt(date(2026, 6, 1), usd("5000"), ("E-0200",))]
    s = recovery_summary(heads, offers=offers, receipts=receipts)
    assert s.position("USD").outstanding == usd("45000")
    assert s.position("EUR").outstanding == Money.of("500", "EUR")
    assert s.best_open_offer[0].amount == usd("20000")
    settled = recovery_summary(
        heads, settlements=[Settlement(date(2026, 7, 1), usd("30000"), ("E-0300",))], receipts=receipts
    )
    assert settled.position("USD").outstanding == usd("25000")
    with pytest.raises(ValueError, match="received.evidence"):
        Receipt(date(2026, 6, 1), usd("5"), ())


@settings(max_examples=200)
@given(st.lists(st.integers(min_value=0, max_value=10**10), min_size=1, max_size=20), st.integers(0, 10**10))
def test_outstanding_plus_received_equals_claimed(amounts, paid):
    heads = [refund_head(f"H-{i}", Money(Decimal(a).scaleb(-2), "USD"), evidence=[]) for i, a in enumerate(amounts)]
    receipts = [Receipt(date(2026, 1, 1), Money(Decimal(paid).scaleb(-2), "USD"), ("E-0001",))]
    p = recovery_summary(heads, receipts=receipts).position("USD")
    assert p.claimed.amount == Decimal(sum(amounts)).scaleb(-2)
    assert p.outstanding + p.received - p.overpaid == p.claimed
