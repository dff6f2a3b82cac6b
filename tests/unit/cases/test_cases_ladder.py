"""The escalation ladder: order of steps, overrides, overdue replies and the next step."""

from __future__ import annotations

from datetime import date

import pytest

from disputedesk.domain.ladder import (
    ISSUE_TYPES,
    TRADE_ASSURANCE,
    Ladder,
    LadderError,
    LadderStep,
    Step,
    add_step,
    allowed_next,
    overdue_steps,
    suggest_next,
)


def step(kind, on, **kw):
    kw.setdefault("channel", "email")
    kw.setdefault("recipient", "service@supplier.cn")
    return LadderStep(Step(kind), on, **kw)


def test_ladder_in_order():
    lad = Ladder()
    assert suggest_next(lad, date(2026, 3, 1)).step is Step.SUPPORT_REQUEST
    lad = add_step(lad, step("support_request", date(2026, 3, 2), proof="E-0010"))
    lad = add_step(lad, step("formal_complaint", date(2026, 3, 20), cure_deadline=date(2026, 4, 3)))
    lad = add_step(lad, step("senior_management", date(2026, 4, 10)))
    lad = add_step(lad, step("lawyer_demand", date(2026, 5, 1)))
    lad = add_step(lad, step("mediation", date(2026, 6, 1)))
    lad = add_step(lad, step("arbitration", date(2026, 8, 1)))
    assert [s.step for s in lad.steps][-1] is Step.ARBITRATION


def test_skipping_a_step_is_an_error_unless_a_reason_is_given():
    lad = add_step(Ladder(), step("support_request", date(2026, 3, 2)))
    with pytest.raises(LadderError, match="skips formal_complaint, senior_management"):
        add_step(lad, step("lawyer_demand", date(2026, 3, 10)))
    lad = add_step(
        lad, step("lawyer_demand", date(2026, 3, 10), override_reason="supplier's management refused all contact")
    )
    assert lad.steps[-1].override_reason
    with pytest.raises(LadderError, match="skips mediation"):
        add_step(lad, step("arbitration", date(2026, 4, 1)))


def test_steps_cannot_go_back_in_time_and_dates_are_checked():
    lad = add_step(Ladder(), step("support_request", date(2026, 3, 2)))
    with pytest.raises(LadderError, match="sent_on"):
        add_step(lad, step("formal_complaint", date(2026, 3, 1)))
    with pytest.raises(ValueError, match="reply_on"):
        step("support_request", date(2026, 3, 2), reply_on=date(2026, 3, 1))
    with pytest.raises(ValueError, match="proof"):
        step("support_request", date(2026, 3, 2), proof="invoice.pdf")


def test_overdue_reply_counts_chinese_working_days():
    # 5-day window from Thu 2026-02-05 ends Tue 2026-02-10; a cure deadline in the Spring Festival
    # (2026-02-16) moves to the first working day after it, 2026-02-24.
    lad = add_step(Ladder(), step("support_request", date(2026, 2, 5)))
    lad = add_step(lad, step("formal_complaint", date(2026, 2, 6), cure_deadline=date(2026, 2, 16)))
    over = overdue_steps(lad, today=date(2026, 2, 20))
    assert [(o.step, o.due) for o in over] == [(Step.SUPPORT_REQUEST, date(2026, 2, 10))]
    over = overdue_steps(lad, today=date(2026, 2, 25))
    assert [(o.step, o.due, o.days_overdue) for o in over][1] == (Step.FORMAL_COMPLAINT, date(2026, 2, 24), 1)


def test_suggestion_after_silence_on_formal_complaint_mentions_termination():
    lad = add_step(Ladder(), step("support_request", date(2026, 3, 2), reply_on=date(2026, 3, 4)))
    lad = add_step(lad, step("formal_complaint", date(2026, 3, 20), cure_deadline=date(2026, 4, 3)))
    wait = suggest_next(lad, date(2026, 3, 25))
    assert wait.action == "wait" and wait.by == date(2026, 4, 3)
    nxt = suggest_next(lad, date(2026, 4, 10))
    assert nxt.step is Step.SENIOR_MANAGEMENT
    assert "Art. 563" in nxt.reason


def test_platform_order_puts_the_trade_assurance_dispute_first():
    lad = Ladder(platform_order=True, receipt_confirmed_on=date(2026, 3, 1))
    s = suggest_next(lad, date(2026, 3, 5))
    assert s.step is Step.PLATFORM_DISPUTE
    assert s.by == date(2026, 3, 31)
    assert "not law" in s.citation and TRADE_ASSURANCE.as_of.isoformat() in s.citation
    lad2 = add_step(lad, step("support_request", date(2026, 3, 2)))
    with pytest.raises(LadderError, match="skips platform_dispute"):
        add_step(lad2, step("formal_complaint", date(2026, 3, 10)))
    late = suggest_next(lad2, date(2026, 4, 20))
    assert late.step is Step.FORMAL_COMPLAINT
    assert "no longer available" in late.reason
    # once the window has closed, a formal complaint skips nothing; a late platform dispute needs a reason
    assert add_step(lad2, step("formal_complaint", date(2026, 4, 20))).steps[-1].step is Step.FORMAL_COMPLAINT
    with pytest.raises(LadderError, match="window closed on 2026-03-31"):
        add_step(lad2, step("platform_dispute", date(2026, 4, 20)))
    with pytest.raises(LadderError, match="platform"):
        add_step(Ladder(), step("platform_dispute", date(2026, 3, 2)))


def test_allowed_next_and_resolution():
    lad = add_step(Ladder(), step("support_request", date(2026, 3, 2)))
    assert Step.FORMAL_COMPLAINT in allowed_next(lad)
    assert Step.LAWYER_DEMAND not in allowed_next(lad)
    done = add_step(lad, step("formal_complaint", date(2026, 3, 9), reply_on=date(2026, 3, 11), resolved=True))
    assert suggest_next(done, date(2026, 3, 12)).action == "close"


def test_issue_types_carry_citations():
    assert "PRC Civil Code Art. 599" in ISSUE_TYPES["missing_manual"].citations
    assert any("543" in c for c in ISSUE_TYPES["unilateral_term_change"].citations)
    assert any("496" in c for c in ISSUE_TYPES["unilateral_term_change"].citations)


def test_the_ladder_starts_once_with_the_support_request():
    """A second ``support_request`` step is refused: a further request to the supplier is a support
    request of its own (SR-…), not a rung; it is not offered, and only an override reason adds it."""
    lad = add_step(Ladder(), step("support_request", date(2026, 3, 2)))
    assert Step.SUPPORT_REQUEST not in allowed_next(lad, date(2026, 3, 9))
    with pytest.raises(LadderError, match=r"^step: the ladder already starts with the support request of 2026-03-02"):
        add_step(lad, step("support_request", date(2026, 3, 9)))
    later = add_step(lad, step("formal_complaint", date(2026, 3, 20)))
    with pytest.raises(LadderError, match=r"\(step 1\); record a further request .* or give an override reason"):
        add_step(later, step("support_request", date(2026, 3, 21)))
    again = add_step(later, step("support_request", date(2026, 3, 21), override_reason="the sales manager asked"))
    assert [s.step for s in again.steps].count(Step.SUPPORT_REQUEST) == 2
