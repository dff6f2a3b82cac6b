"""A score on thin data says so (quality sweep): a supplier scored only on a periodic review (plus "no cases, no
credits owed") got "90 / 100" although three quarters of the weight was not measured. The scorecard now says on
how many of its parts and on what share of the weight a score rests, in English and in Chinese, and a score that
rests on less than half of the weight is provisional: never "low risk" on it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from disputedesk.domain.scorecard import THIN_BELOW, SupplierMeasures, score_supplier
from disputedesk.domain.suppliers import DDEntry, DDItem, DDStatus, Rating, ReviewRecord, dd_gaps

H = timedelta(hours=1)


def _review() -> ReviewRecord:
    return ReviewRecord(
        "X", date(2026, 10, 20), "Anna", date(2026, 7, 1), date(2026, 9, 30), Rating.VERY_GOOD, Rating.GOOD, Rating.GOOD
    )


def test_a_score_on_a_review_alone_is_provisional_and_says_how_little_it_rests_on() -> None:
    card = score_supplier(SupplierMeasures("S", "Only reviewed", review=_review()))
    assert card.score is not None and card.score >= 80  # the number alone would look like a good supplier
    assert card.coverage == Decimal(25) and card.coverage < THIN_BELOW
    assert (card.parts_counted, card.parts_total) == (3, 7)
    assert card.provisional
    assert card.coverage_note == "measured on 3 of 7 parts, 25 % of the weight: 75 % is not measured"
    assert card.coverage_note_zh == "仅依据 7 项中的 3 项，占权重的 25 %：其余 75 % 未计量"
    assert card.risk != "low"
    assert card.as_dict()["provisional"] is True and card.as_dict()["parts_counted"] == 3


def test_a_score_on_most_of_the_weight_is_not_provisional() -> None:
    done = [DDEntry(i, DDStatus.DONE, date(2026, 10, 1), "Anna", ("E-0100",)) for i in DDItem]
    card = score_supplier(
        SupplierMeasures(
            "S",
            "Measured",
            requests=10,
            sla_met=10,
            median_first_response=2 * H,
            first_response_target=8 * H,
            dd_gaps=tuple(dd_gaps(done, date(2026, 11, 1))),
            review=_review(),
        )
    )
    assert card.coverage == Decimal(100) and not card.provisional
    assert (card.parts_counted, card.parts_total) == (7, 7)
    assert card.coverage_note == "measured on all 7 parts"
    assert card.coverage_note_zh == "依据全部 7 项"
    assert card.risk == "low"


def test_a_new_supplier_scored_only_on_no_cases_and_no_credits_is_provisional() -> None:
    card = score_supplier(SupplierMeasures("S", "New"))
    assert card.provisional and card.risk != "low"
    assert card.coverage_note == "measured on 2 of 7 parts, 20 % of the weight: 80 % is not measured"
