"""Legal deadlines from facts: the rules of LEGAL-NOTES D1–D15 applied to concrete dates."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disputedesk.domain.deadlines import (
    FACT_FIELDS,
    RULES,
    apply_suspension,
    arbitration_law_for,
    compute_deadlines,
    facts_from_json,
    facts_to_json,
    set_aside_deadline,
)
from disputedesk.domain.periods import Unit, add_nominal, compute_period


def base(**over):
    facts = {
        "governing_law": "CN",
        "contract_type": "other",
        "cisg_applies": False,
        "received_on": "2025-03-10",
        "inspection_period_days": None,
        "warranty_months": None,
        "warranty_starts_on": None,
        "knowledge_on": "2025-06-03",
        "demands": [],
        "acknowledgements": [],
        "award_performance_deadline": None,
    }
    facts.update(over)
    return facts


def by_kind(deadlines, kind):
    return [d for d in deadlines if d.kind == kind]


def one(deadlines, kind):
    found = by_kind(deadlines, kind)
    assert len(found) == 1, found
    return found[0]


# --- limitation ---------------------------------------------------------------------------


def test_general_limitation_is_three_years_from_knowledge_art_188():
    d = one(compute_deadlines(facts_from_json(base())), "limitation")
    assert d.due == date(2028, 6, 5)  # 2028-06-03 is a Saturday: next working day, provisional
    assert d.provisional
    assert "Art. 188" in d.rule
    assert d.inputs["knowledge_on"] == "2025-06-03"
    assert not d.needs_counsel


def test_international_sale_is_four_years_art_594():
    d = one(compute_deadlines(facts_from_json(base(contract_type="international_sale"))), "limitation")
    assert d.due == date(2029, 6, 4)  # 2029-06-03 is a Sunday
    assert "Art. 594" in d.rule
    d = one(compute_deadlines(facts_from_json(base(contract_type="technology_import_export"))), "limitation")
    assert "Art. 594" in d.rule


def test_demand_letter_restarts_limitation_from_the_next_day_art_195():
    without = one(compute_deadlines(facts_from_json(base())), "limitation")
    with_demand = one(compute_deadlines(facts_from_json(base(demands=["2026-01-15"]))), "limitation")
    assert with_demand.due == date(2029, 1, 15)
    assert with_demand.due > without.due
    assert "Art. 195" in with_demand.rule
    assert any("restarts" in step and "2026-01-15" in step for step in with_demand.explanation)
    assert with_demand.inputs["demands"] == ["2026-01-15"]


def test_latest_of_demands_and_acknowledgements_wins():
    f = facts_from_json(base(demands=["2025-07-01"], acknowledgements=["2025-09-19"]))
    assert one(compute_deadlines(f), "limitation").due == date(2028, 9, 19)


def test_demand_after_expiry_restarts_nothing_and_asks_counsel():
    f = facts_from_json(base(received_on="2021-02-01", knowledge_on="2021-03-01", demands=["2025-06-01"]))
    d = one(compute_deadlines(f), "limitation")
    assert d.due == date(2024, 3, 1)
    assert d.needs_counsel
    assert any("restarts nothing" in s for s in d.explanation)
    assert any("UNVERIFIED" in s and "Art. 192" in s for s in d.explanation)


def test_longstop_is_twenty_years_and_not_restarted():
    f = facts_from_json(base(demands=["2026-01-15"]))
    d = one(compute_deadlines(f), "limitation_longstop")
    assert d.due == date(2045, 3, 10)
    assert d.needs_counsel  # the infringement date is a proxy
    assert "188(2)" in d.rule


def test_suspension_in_last_six_months_art_194():
    due = date(2028, 6, 5)
    moved = apply_suspension(due, date(2028, 3, 1), date(2028, 4, 30))
    assert moved is not None and moved.due == date(2028, 10, 30)
    assert apply_suspension(due, date(2027, 1, 1), date(2027, 3, 1)) is None  # not in the last 6 months
    with pytest.raises(ValueError, match="obstacle_until"):
        apply_suspension(due, date(2028, 5, 1), date(2028, 4, 1))


def test_foreign_governing_law_gives_needs_counsel_not_dates():
    ds = compute_deadlines(facts_from_json(base(governing_law="DE")))
    lim = one(ds, "limitation")
    assert lim.due is None and lim.needs_counsel
    assert "Arts. 7, 41" in lim.rule
    assert not by_kind(ds, "notice_prc")
    assert not by_kind(ds, "limitation_longstop")


def test_unknown_governing_law_computes_prc_dates_but_flags_counsel():
    ds = compute_deadlines(facts_from_json(base(governing_law="unknown")))
    lim = one(ds, "limitation")
    assert lim.due is not None and lim.needs_counsel
    assert any("governing law unknown" in s for s in lim.explanation)


def test_facts_before_the_civil_code_are_flagged():
    d = one(compute_deadlines(facts_from_json(base(received_on="2020-05-01", knowledge_on="2020-06-01"))), "limitation")
    assert d.needs_counsel
    assert any("Temporal Effect" in s for s in d.explanation)


# --- notice of non-conformity -------------------------------------------------------------


def test_notice_without_agreed_period_two_years_from_receipt_never_extended():
    # receipt 2024-03-09 → 2026-03-09 is a Monday; use one ending on a Sunday: 2024-03-08 → 2026-03-08
    d = one(compute_deadlines(facts_from_json(base(received_on="2024-03-08", knowledge_on="2024-04-01"))), "notice_prc")
    assert d.due == date(2026, 3, 8)  # a Sunday, deliberately not moved (fixed period)
    assert d.needs_counsel
    assert "Sales Interpretation Arts. 12, 14" in d.rule
    assert any("2026-03-09" in s for s in d.explanation)  # what Art. 203 would give, shown


def test_warranty_replaces_the_two_years_art_621():
    f = facts_from_json(base(warranty_months=18, warranty_starts_on="2025-04-01"))
    d = one(compute_deadlines(f), "notice_prc")
    assert d.due == date(2026, 10, 1)
    assert "621(2)" in d.rule


def test_agreed_inspection_period_gives_two_notice_entries():
    ds = by_kind(compute_deadlines(facts_from_json(base(inspection_period_days=15))), "notice_prc")
    assert [d.due for d in ds] == [date(2025, 3, 25), date(2027, 3, 10)]
    assert "622(1)" in ds[0].rule


def test_cisg_notice_two_years_from_handing_over_or_earlier_guarantee():
    d = one(compute_deadlines(facts_from_json(base(cisg_applies=True))), "notice_cisg")
    assert d.due == date(2027, 3, 10)
    assert "CISG Art. 39" in d.rule
    assert d.unverified  # Arts. 38 and 44 wording is UNVERIFIED in the notes
    assert "UNVERIFIED" in d.rule
    d = one(compute_deadlines(facts_from_json(base(cisg_applies=True, warranty_months=12))), "notice_cisg")
    assert d.due == date(2026, 3, 10)


# --- awards -------------------------------------------------------------------------------


def test_award_enforcement_two_years_and_set_aside_version_by_date():
    ds = compute_deadlines(facts_from_json(base(award_performance_deadline="2025-12-31")))
    enf = one(ds, "award_enforcement")
    assert enf.due == date(2027, 12, 31) and enf.provisional
    assert "Civil Procedure Law (2023) Art. 250" in enf.rule
    sa = one(ds, "set_aside")
    assert "(2017) Art. 59" in sa.rule
    assert sa.due == date(2026, 6, 30)
    assert not sa.unverified

    ds = compute_deadlines(facts_from_json(base(award_performance_deadline="2026-05-31")))
    sa = one(ds, "set_aside")
    assert sa.due == date(2026, 8, 31)
    assert sa.unverified and "UNVERIFIED" in sa.rule  # 2025 article number not checked
    assert any("Arbitration Law as revised 2025" in s for s in sa.explanation)


def test_set_aside_with_known_receipt_date():
    assert arbitration_law_for(date(2026, 2, 28)).set_aside_months == 6
    assert arbitration_law_for(date(2026, 3, 1)).set_aside_months == 3
    d = set_aside_deadline(date(2026, 3, 1))
    assert d.due == date(2026, 6, 1) and not d.needs_counsel


def test_every_unverified_rule_is_shown_as_such():
    for rule in RULES.values():
        if rule.unverified:
            assert "UNVERIFIED" in rule.cite()
    assert RULES["set_aside_2025"].unverified
    assert not RULES["set_aside_2017"].unverified


def test_results_are_sorted_and_serialise_to_json():
    ds = compute_deadlines(
        facts_from_json(base(cisg_applies=True, inspection_period_days=30, award_performance_deadline="2026-05-31"))
    )
    dues = [d.due for d in ds]
    assert dues == sorted(dues)
    data = json.loads(json.dumps([d.to_json() for d in ds]))
    for obj in data:
        assert {"kind", "due", "rule", "inputs", "provisional", "needs_counsel"} <= set(obj)


# --- bad facts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"surprise": 1}, "surprise"),
        ({"received_on": "2025-02-30"}, "received_on"),
        ({"received_on": "10/03/2025"}, "received_on"),
        ({"knowledge_on": "2025-01-01"}, "knowledge_on"),  # before receipt
        ({"demands": ["2025-06-10", "2025-05-01"]}, "demands[1]"),  # before knowledge
        ({"acknowledgements": "2025-07-01"}, "acknowledgements"),
        ({"governing_law": "XX"}, "governing_law"),
        ({"contract_type": "lease"}, "contract_type"),
        ({"cisg_applies": "yes"}, "cisg_applies"),
        ({"inspection_period_days": -3}, "inspection_period_days"),
        ({"warranty_months": 1.5}, "warranty_months"),
        ({"warranty_starts_on": "2025-03-10"}, "warranty_starts_on"),  # without warranty_months
        ({"award_performance_deadline": "2024-01-01"}, "award_performance_deadline"),
    ],
)
def test_bad_facts_name_the_field(change, field):
    with pytest.raises(ValueError) as err:
        facts_from_json(base(**change))
    assert str(err.value).startswith(field), str(err.value)


def test_missing_field_is_named():
    facts = base()
    del facts["knowledge_on"]
    with pytest.raises(ValueError, match="^knowledge_on: missing"):
        facts_from_json(facts)


def test_facts_round_trip():
    f = facts_from_json(base(demands=["2025-07-01"], warranty_months=12))
    assert facts_from_json(facts_to_json(f)) == f
    assert set(facts_to_json(f)) == set(FACT_FIELDS)


@settings(max_examples=150, deadline=None)
@given(
    knowledge=st.dates(min_value=date(2021, 1, 1), max_value=date(2030, 12, 31)),
    gaps=st.lists(st.integers(min_value=0, max_value=900), max_size=4),
)
def test_limitation_runs_three_years_from_the_last_restart(knowledge, gaps):
    # every gap is shorter than 3 years, so each demand falls inside the running period (Art. 195)
    demands, d = [], knowledge
    for g in gaps:
        d = date.fromordinal(d.toordinal() + g)
        demands.append(d)
    f = facts_from_json(
        base(
            received_on=knowledge.isoformat(),
            knowledge_on=knowledge.isoformat(),
            demands=[x.isoformat() for x in demands],
        )
    )
    lim = one(compute_deadlines(f), "limitation")
    last = demands[-1] if demands else knowledge
    assert lim.due == compute_period(last, 3, Unit.YEAR).due
    assert lim.due >= add_nominal(last, 3, Unit.YEAR)
