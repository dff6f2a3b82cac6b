"""A supplier check done, a bank account verified, a review held or a company founded "in 2031" (typed for 2021)
is refused naming the field in the page's language, like the other days something happened
(domain/dates.py: a day is accepted while it has begun somewhere on Earth)."""

from __future__ import annotations

import pytest

from disputedesk.documents.catalogue import written
from disputedesk.services import suppliers as svc
from disputedesk.web.i18n import Formatter, say, translations

AHEAD = "2031-01-02"
CHECK = {"item": "registry_checked", "status": "done", "on": AHEAD, "by": "anna"}
ACCOUNT = {"beneficiary_name": "Jinhua Precision", "account_number": "7559 3187 2610 801", "verified_on": AHEAD,
           "verified_by": "anna"}  # fmt: skip
REVIEW = {"reviewed_on": AHEAD, "period_start": "2026-07-01", "period_end": "2026-09-30", "product_quality": "3",
          "support_responsiveness": "3", "documentation": "3"}  # fmt: skip


def test_days_ahead_are_refused_with_the_field(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    key = svc.create_supplier(sqlite_ctx, "default", {"name_en": "Jinhua Precision"}, actor="anna")
    for add, data, field in [
        (svc.record_due_diligence, CHECK, "on"),
        (svc.add_bank_account, ACCOUNT, "verified_on"),
        (svc.add_review, REVIEW, "reviewed_on"),
    ]:
        with pytest.raises(svc.SupplierError) as exc:
            add(sqlite_ctx, "default", key, data, actor="anna")
        assert exc.value.field == field and str(exc.value) == f"{field}: {AHEAD} is in the future"
        assert "将来的日期" in written(exc.value.args[0], "zh")
        add(sqlite_ctx, "default", key, {**data, field: "2026-11-02"}, actor="anna")  # a day that has come: taken


def test_a_founding_date_ahead_is_refused_with_the_field_in_both_languages(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    # a company founded "in 2031" is a typo, as a check done in 2031 is; before, it was stored as given
    with pytest.raises(svc.SupplierError) as exc:
        svc.create_supplier(
            sqlite_ctx, "default", {"name_en": "Jinhua Precision", "established_on": AHEAD}, actor="anna"
        )
    assert exc.value.field == "established_on" and str(exc.value) == f"established_on: {AHEAD} is in the future"
    zh = say(exc.value, "zh", translations("zh").gettext, Formatter("zh"))
    assert zh == "成立日期：2031年1月2日 是将来的日期"
    assert svc.list_suppliers(sqlite_ctx, "default") == []  # nothing half-written
    key = svc.create_supplier(
        sqlite_ctx, "default", {"name_en": "Jinhua Precision", "established_on": "2009-03-18"}, actor="anna"
    )
    with pytest.raises(svc.SupplierError) as exc:
        svc.update_supplier(sqlite_ctx, "default", key, {"established_on": AHEAD}, actor="anna")
    assert exc.value.field == "established_on"
    assert svc.update_supplier(sqlite_ctx, "default", key, {"established_on": "2026-11-02"}, actor="anna")
