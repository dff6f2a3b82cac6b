"""Scorecard: a good record ranks above a bad one, and every score says why."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disputedesk.domain.money import Money
from disputedesk.domain.scorecard import (
    CaseRecord,
    CreditOwed,
    SupplierMeasures,
    compare_suppliers,
    quarter_bounds,
    quarter_label,
    rank_suppliers,
    risk_ranking,
    score_series,
    score_supplier,
)
from disputedesk.domain.suppliers import DDEntry, DDItem, DDStatus, Rating, ReviewRecord, dd_gaps

TODAY = date(2026, 11, 26)
H = timedelta(hours=1)


def review(q: Rating, s: Rating, d: Rating) -> ReviewRecord:
    return ReviewRecord("X", date(2026, 10, 20), "Anna", date(2026, 7, 1), date(2026, 9, 30), q, s, d)


def good(period: str = "all") -> SupplierMeasures:
    done = [DDEntry(i, DDStatus.DONE, date(2026, 10, 1), "Anna", ("E-0100",)) for i in DDItem]
    return SupplierMeasures(
        "SUP-002",
        "Suzhou Reliable Lasers",
        period,
        requests=20,
        sla_met=19,
        median_first_response=3 * H,
        p90_first_response=7 * H,
        first_response_target=8 * H,
        breaches={"minor": 1},
        dd_gaps=tuple(dd_gaps(done, TODAY)),
        review=review(Rating.GOOD, Rating.VERY_GOOD, Rating.GOOD),
    )


def bad(period: str = "all") -> SupplierMeasures:
    entries = [
        DDEntry(DDItem.REGISTRY_CHECKED, DDStatus.DONE, date(2026, 3, 1), "Anna", ("E-0040",)),
        DDEntry(
            DDItem.BANK_ACCOUNT_IN_LEGAL_NAME,
            DDStatus.FAILED,
            date(2026, 11, 2),
            "Anna",
            ("E-0043",),
            note="balance requested to a Hong Kong account",
        ),
    ]
    return SupplierMeasures(
        "SUP-001",
        "Ningbo Haishu Precision Machinery",
        period,
        requests=12,
        sla_met=4,
        median_first_response=20 * H,
        p90_first_response=70 * H,
        first_response_target=8 * H,
        breaches={"critical": 2, "major": 3, "minor": 3},
        credits=(
            CreditOwed(Money(Decimal("1500.00"), "USD"), reference="clause 7.2, ticket 14"),
            CreditOwed(Money(Decimal("800.00"), "USD"), paid=True),
        ),
        cases=(CaseRecord("CASE-2026-003", "open"),),
        dd_gaps=tuple(dd_gaps(entries, TODAY)),
        review=review(Rating.ADEQUATE, Rating.VERY_POOR, Rating.POOR),
    )


def test_good_supplier_ranks_above_bad_one() -> None:
    g, b = score_supplier(good()), score_supplier(bad())
    assert g.score is not None and b.score is not None
    assert g.score > b.score
    assert [c.supplier_id for c in rank_suppliers([b, g])] == ["SUP-002", "SUP-001"]
    assert [c.supplier_id for c in risk_ranking([g, b])] == ["SUP-001", "SUP-002"]
    assert g.risk == "low"
    assert b.risk in ("high", "critical")


def test_score_explains_itself_with_the_measured_figures() -> None:
    b = score_supplier(bad())
    comp = {c.key: c for c in b.components}
    assert "4 of 12 requests met every SLA target" in comp["sla_compliance"].explanation
    assert "median first response 20h00m" in comp["response_time"].explanation
    assert "2 critical" in comp["breaches"].explanation
    assert "USD 1,500.00 owed" in comp["credits"].explanation
    assert "CASE-2026-003 open" in comp["cases"].explanation
    assert "Hong Kong" in comp["due_diligence"].explanation
    # the drivers are the components that cost most, with their points
    assert len(b.drivers) == 3
    assert b.drivers[0].startswith("SLA compliance") or b.drivers[0].startswith("First response")
    # points lost add up to what is missing from 100
    lost = sum(c.points_lost for c in b.components)
    assert b.score is not None and abs(Decimal(100) - lost - b.score) <= Decimal("0.5")


def test_red_flags_raise_the_risk() -> None:
    b = score_supplier(bad())
    assert any("Hong Kong" in f for f in b.red_flags)
    assert any("CASE-2026-003" in f for f in b.red_flags)


def test_high_score_with_a_failed_bank_check_is_still_high_risk() -> None:
    m = good()
    failed = dd_gaps(
        [DDEntry(i, DDStatus.DONE, date(2026, 10, 1), "A", ("E-0100",)) for i in DDItem]
        + [DDEntry(DDItem.BANK_ACCOUNT_IN_LEGAL_NAME, DDStatus.FAILED, date(2026, 11, 1), "A", ("E-0101",))],
        TODAY,
    )
    c = score_supplier(SupplierMeasures(**{**m.__dict__, "dd_gaps": tuple(failed)}))
    assert c.score is not None and c.score >= 80
    assert c.risk == "high"


def test_missing_data_is_not_counted_and_coverage_says_so() -> None:
    m = SupplierMeasures("SUP-009", "New supplier", cases=())
    c = score_supplier(m)
    counted = {x.key for x in c.components if x.counted}
    assert counted == {"cases", "credits"}
    assert c.coverage == Decimal("20.0")
    sla = next(x for x in c.components if x.key == "sla_compliance")
    assert "not counted" in sla.explanation


def test_comparison_rows_best_first() -> None:
    rows = compare_suppliers([score_supplier(bad()), score_supplier(good())])
    assert [r["rank"] for r in rows] == [1, 2]
    assert rows[0]["supplier_id"] == "SUP-002"
    assert set(rows[0]["components"]) >= {"sla_compliance", "breaches", "due_diligence"}  # type: ignore[arg-type]


def test_series_per_quarter_in_order() -> None:
    series = score_series([bad("2026-Q3"), good("2026-Q2"), bad("2026-Q2"), good("2026-Q3")])
    assert [p.period for p in series["SUP-001"]] == ["2026-Q2", "2026-Q3"]
    assert all(p.score is not None for p in series["SUP-002"])


def test_quarters() -> None:
    assert quarter_label(date(2026, 11, 26)) == "2026-Q4"
    assert quarter_bounds("2026-Q1") == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_bounds("2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds("2026-Q5")


def test_as_dict_is_json_ready() -> None:
    import json

    d = score_supplier(bad()).as_dict()
    assert json.loads(json.dumps(d))["supplier_id"] == "SUP-001"


def test_inconsistent_measures_are_refused() -> None:
    with pytest.raises(ValueError):
        SupplierMeasures("S", "S", requests=3, sla_met=4)
    with pytest.raises(ValueError):
        CaseRecord("CASE-1", "closed")


measures = st.builds(
    lambda req, met_frac, med, p90x, crit, maj, minor, open_cases: SupplierMeasures(
        "S",
        "S",
        requests=req,
        sla_met=int(req * met_frac),
        median_first_response=timedelta(minutes=med),
        p90_first_response=timedelta(minutes=med * p90x),
        first_response_target=timedelta(hours=8),
        breaches={"critical": crit, "major": maj, "minor": minor},
        cases=tuple(CaseRecord(f"C{i}", "open") for i in range(open_cases)),
    ),
    st.integers(0, 500),
    st.fractions(0, 1),
    st.integers(1, 10_000),
    st.integers(1, 5),
    st.integers(0, 10),
    st.integers(0, 10),
    st.integers(0, 30),
    st.integers(0, 5),
)


@given(measures)
def test_score_is_always_between_0_and_100(m: SupplierMeasures) -> None:
    c = score_supplier(m)
    assert c.score is not None and Decimal(0) <= c.score <= Decimal(100)


@given(measures, st.sampled_from(["critical", "major", "minor"]))
def test_another_breach_never_raises_the_score(m: SupplierMeasures, sev: str) -> None:
    worse = SupplierMeasures(**{**m.__dict__, "breaches": {**m.breaches, sev: m.breaches.get(sev, 0) + 1}})
    before, after = score_supplier(m).score, score_supplier(worse).score
    assert before is not None and after is not None and after <= before


def test_an_open_high_payment_warning_is_a_red_flag_even_before_anything_is_measured() -> None:
    """A supplier with no SLA figures, checklist or review was "risk: unknown" even while a mail asking to pay into a
    new account was open: the one thing that can lose the buyer the money at once did not show in the risk."""
    nothing = SupplierMeasures("SUP-009", "New Supplier", "all", payment_warnings_high=1)
    card = score_supplier(nothing)
    assert card.risk == "high"  # scored only on "no cases, no credits owed", which pages show as not enough data
    assert score_supplier(SupplierMeasures("SUP-009", "New Supplier", "all")).risk != "high"
    assert any("payment warning" in f and "call-back" in f for f in card.red_flags)
    assert any("付款警示" in f and "回电" in f for f in card.red_flags_zh)
    measured = score_supplier(good())
    flagged = score_supplier(dataclasses.replace(good(), payment_warnings_high=2))
    assert measured.risk == "low" and flagged.risk == "high" and flagged.score == measured.score
    assert any(f.startswith("2 messages with open high-severity payment warnings") for f in flagged.red_flags)
    with pytest.raises(ValueError, match="payment warnings"):
        SupplierMeasures("SUP-009", "X", "all", payment_warnings_high=-1)
