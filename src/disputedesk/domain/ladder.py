"""The escalation ladder of a dispute case, as a small state machine.

    support_request → formal_complaint (with a cure deadline: the 催告 that later allows
    termination, PRC Civil Code Art. 563) → senior_management → lawyer_demand → mediation →
    arbitration or litigation

For an order paid through a platform (Alibaba.com Trade Assurance) the platform dispute comes
before the formal complaint, while the platform window is open. Platform rules are *not law*:
they are dated configuration (:class:`PlatformRule`) shown with their "as of" date.

Each step records date, channel, recipient, proof of delivery (an evidence number), the response
window it set and the reply (or silence). Functions here check transitions (a skipped step is an
error unless an override reason is given), list overdue steps on a given ``today`` and suggest the
next step with its reason. Pure domain code: ``today`` is always an argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from .labels import is_written_label
from .officialcal import OfficialCalendar
from .periods import PeriodResult, Unit, compute_period
from .text import Cite, Field, Named, Seq, T, field_error


class Step(StrEnum):
    PLATFORM_DISPUTE = "platform_dispute"
    SUPPORT_REQUEST = "support_request"
    FORMAL_COMPLAINT = "formal_complaint"
    SENIOR_MANAGEMENT = "senior_management"
    LAWYER_DEMAND = "lawyer_demand"
    MEDIATION = "mediation"
    ARBITRATION = "arbitration"
    LITIGATION = "litigation"


@dataclass(frozen=True)
class StepSpec:
    step: Step
    rung: int
    title: str
    purpose: str
    citation: str  # legal or configuration source; "" where the step is practice, not law
    default_response_days: int | None
    unverified: bool = False


STEP_SPECS: dict[Step, StepSpec] = {
    s.step: s
    for s in (
        StepSpec(
            Step.SUPPORT_REQUEST,
            1,
            T("support request"),
            "ask for the support the contract promises, in writing, and keep the proof",
            Cite("PRC Civil Code Art. 509 (duty to assist; weaker where the contract has no SLA: counsel)"),
            5,
        ),
        StepSpec(
            Step.PLATFORM_DISPUTE,
            1,
            T("platform dispute (Trade Assurance)"),
            "open the platform dispute inside the platform's window; keep chats on the platform",
            Cite("platform rule (configuration, not law)"),
            7,
        ),
        StepSpec(
            Step.FORMAL_COMPLAINT,
            2,
            T("formal complaint with a cure deadline (催告)"),
            "demand performance by a stated date; request repair or replacement in writing early; "
            "after the deadline, termination may be available",
            Cite("PRC Civil Code Arts. 563(1)(3), 580, 195"),
            15,
        ),
        StepSpec(
            Step.SENIOR_MANAGEMENT,
            3,
            T("escalation to senior management"),
            "put the unresolved complaint before the supplier's management",
            "",
            10,
        ),
        StepSpec(
            Step.LAWYER_DEMAND,
            4,
            T("lawyer's demand letter"),
            "formal notice of breach and claims by counsel; restarts limitation",
            Cite("PRC Civil Code Arts. 195, 577, 584"),
            15,
        ),
        StepSpec(
            Step.MEDIATION,
            5,
            T("mediation"),
            "propose mediation; keep proof of each pre-arbitration step (multi-tier clauses)",
            Cite("CIETAC Arbitration Rules 2024, provision on escalation clauses (article number UNVERIFIED)"),
            30,
            unverified=True,
        ),
        StepSpec(
            Step.ARBITRATION,
            6,
            T("request for arbitration"),
            "file under the arbitration clause; the evidence bundle must be ready",
            Cite("PRC Arbitration Law (2017) Arts. 16, 18, 23 (2025 numbering UNVERIFIED)"),
            None,
            unverified=True,
        ),
        StepSpec(
            Step.LITIGATION,
            6,
            T("litigation"),
            "sue where there is no valid arbitration clause",
            Cite("PRC Civil Procedure Law (2023) Arts. 285, 286"),
            None,
        ),
    )
}

FINAL_STEPS = frozenset({Step.ARBITRATION, Step.LITIGATION})


@dataclass(frozen=True)
class PlatformRule:
    """A platform's dispute rule as stored configuration, never as law."""

    platform: str
    window_days: int
    counted_from: str
    as_of: date
    source: str
    note: str = ""

    def label(self) -> str:
        return T(
            "%(platform)s rule as of %(day)s (platform rule, not law; %(source)s)",
            platform=self.platform,
            day=self.as_of,
            source=self.source,
        )


# LEGAL-NOTES §4 (research notes dated 2026-11-26 in shared/legal): Trade Assurance covers an order
# for up to 30 calendar days after confirmed receipt; the dispute must be opened inside that window.
TRADE_ASSURANCE = PlatformRule(
    platform="Alibaba.com Trade Assurance",
    window_days=30,
    counted_from=T("confirmed receipt"),
    as_of=date(2026, 11, 26),
    source="service.alibaba.com buyer FAQ 20155175 as summarised in LEGAL-NOTES §4",
    note=T(
        "3 days of negotiation after opening; from day 4 the buyer may ask Alibaba to step in; on day 7 it "
        "escalates automatically; only on-platform chat counts unless both parties accept other records"
    ),
)


class LadderError(ValueError):
    """A transition the ladder does not allow (the message says why and how to override)."""


def _check_date(value: object, name: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{name}: expected a date (datetime.date), got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class LadderStep:
    step: Step
    sent_on: date
    channel: str  # email, courier, platform chat, registered mail …
    recipient: str
    proof: str | None = None  # evidence number of the proof of delivery, e.g. "E-0042"
    response_window_days: int | None = None  # None: the step's default
    cure_deadline: date | None = None  # formal complaint: the date set in the 催告
    reply_on: date | None = None  # None: no reply (silence) so far
    resolved: bool = False  # the reply resolved the issue
    override_reason: str | None = None  # why a skipped rung was accepted

    def __post_init__(self) -> None:
        object.__setattr__(self, "step", Step(self.step))
        _check_date(self.sent_on, "sent_on")
        for name in ("channel", "recipient"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(field_error(name, "required"))
        if self.proof is not None and not is_written_label(self.proof):
            raise ValueError(f"proof: {self.proof!r} is not an evidence number like 'E-0042'")
        if self.response_window_days is not None and (
            isinstance(self.response_window_days, bool)
            or not isinstance(self.response_window_days, int)
            or self.response_window_days < 1
        ):
            raise ValueError(field_error("response_window_days", "expected a whole number of days, at least 1"))
        if self.cure_deadline is not None:
            _check_date(self.cure_deadline, "cure_deadline")
            if self.cure_deadline <= self.sent_on:
                raise ValueError(
                    field_error(
                        "cure_deadline",
                        "%(day)s is not after %(other)s (%(sent)s)",
                        other=Field("sent_on"),
                        day=self.cure_deadline,
                        sent=self.sent_on,
                    )
                )
        if self.reply_on is not None:
            _check_date(self.reply_on, "reply_on")
            if self.reply_on < self.sent_on:
                raise ValueError(
                    field_error(
                        "reply_on",
                        "%(day)s is before %(other)s (%(sent)s)",
                        day=self.reply_on,
                        other=Field("sent_on"),
                        sent=self.sent_on,
                    )
                )
        if self.resolved and self.reply_on is None:
            raise ValueError(
                field_error(
                    "resolved", "a step can only be resolved by a reply (%(other)s is missing)", other=Field("reply_on")
                )
            )

    @property
    def spec(self) -> StepSpec:
        return STEP_SPECS[self.step]

    def window_days(self) -> int | None:
        return self.response_window_days if self.response_window_days is not None else self.spec.default_response_days

    def response_due(self, calendar: OfficialCalendar | str = "cn") -> PeriodResult | None:
        """When a reply is due: the cure deadline if set, else sent_on + window (Arts. 201, 203)."""
        if self.cure_deadline is not None:
            to_cure = (self.cure_deadline - self.sent_on).days
            return compute_period(self.sent_on, to_cure, Unit.DAY, calendar=calendar)
        window = self.window_days()
        if window is None:
            return None
        return compute_period(self.sent_on, window, Unit.DAY, calendar=calendar)


@dataclass(frozen=True)
class Ladder:
    steps: tuple[LadderStep, ...] = ()
    platform_order: bool = False
    receipt_confirmed_on: date | None = None  # for the platform window
    platform_rule: PlatformRule = field(default=TRADE_ASSURANCE)

    def highest_rung(self) -> int:
        return max((s.spec.rung for s in self.steps), default=0)

    def taken(self) -> set[Step]:
        return {s.step for s in self.steps}

    def last(self) -> LadderStep | None:
        return self.steps[-1] if self.steps else None

    def platform_window_end(self) -> date | None:
        if not self.platform_order or self.receipt_confirmed_on is None:
            return None
        p = compute_period(self.receipt_confirmed_on, self.platform_rule.window_days, Unit.DAY, roll=False)
        return p.due


def _sequence(platform_order: bool) -> list[Step]:
    seq = [Step.SUPPORT_REQUEST]
    if platform_order:
        seq.append(Step.PLATFORM_DISPUTE)
    return seq + [Step.FORMAL_COMPLAINT, Step.SENIOR_MANAGEMENT, Step.LAWYER_DEMAND, Step.MEDIATION]


def _platform_closed(ladder: Ladder, on: date | None) -> bool:
    end = ladder.platform_window_end()
    return on is not None and end is not None and on > end


def skipped_steps(ladder: Ladder, step: Step | str, on: date | None = None) -> list[Step]:
    """The earlier steps that have not been taken before ``step`` (empty when none is skipped).

    A platform dispute whose window has closed by ``on`` is no longer expected.
    """
    s = Step(step)
    seq = _sequence(ladder.platform_order and not _platform_closed(ladder, on))
    if s is Step.PLATFORM_DISPUTE and s not in seq:
        return []
    taken = ladder.taken()
    if s is Step.PLATFORM_DISPUTE or s is Step.SUPPORT_REQUEST:
        return []  # either can open the ladder
    target = len(seq) if s in FINAL_STEPS else seq.index(s)
    # steps are "skipped" between the furthest step reached and the target; earlier gaps were
    # either accepted with an override already or are the alternative first step
    reached = max((len(seq) if x in FINAL_STEPS else seq.index(x) for x in taken), default=-1)
    return [x for x in seq[reached + 1 : target] if x not in taken]


def check_transition(
    ladder: Ladder, step: Step | str, override_reason: str | None = None, on: date | None = None
) -> None:
    """Raise LadderError unless ``step`` may be added (on date ``on``, where given)."""
    s = Step(step)
    overridden = bool(override_reason and override_reason.strip())
    if s is Step.PLATFORM_DISPUTE and not ladder.platform_order:
        raise LadderError(
            field_error(
                "step",
                "%(step)s is only for orders paid through a platform (%(fact)s)",
                step=named_step(s),
                fact=Field("platform_order"),
            )
        )
    if s is Step.PLATFORM_DISPUTE and _platform_closed(ladder, on) and not overridden:
        raise LadderError(
            field_error(
                "sent_on",
                "the platform window closed on %(day)s (%(rule)s); give an override reason if the platform "
                "still accepted it",
                day=ladder.platform_window_end(),
                rule=ladder.platform_rule.label() if ladder.platform_rule else "",
            )
        )
    taken = ladder.taken()
    if s is Step.SUPPORT_REQUEST and s in taken and not overridden:
        # the ladder starts once with it: a further request to the supplier is a support request of
        # its own (which the SLA engine measures), not a rung; an override reason records it anyway
        first = next(x for x in ladder.steps if x.step is s)
        raise LadderError(
            field_error(
                "step",
                "the ladder already starts with the support request of %(day)s (step %(position)s); record a "
                "further request to the supplier as a support request of its own (SR-…), or give an override "
                "reason to add it to the ladder as well",
                day=first.sent_on,
                position=ladder.steps.index(first) + 1,
            )
        )
    if s in FINAL_STEPS and (taken & FINAL_STEPS) - {s} and not override_reason:
        other = next(iter((taken & FINAL_STEPS) - {s}))
        raise LadderError(
            field_error(
                "step",
                "%(other)s has already been started; starting %(step)s as well needs an override reason "
                "(e.g. the arbitration clause was held invalid)",
                other=named_step(other),
                step=named_step(s),
            )
        )
    missing = skipped_steps(ladder, s, on)
    if missing and not overridden:
        raise LadderError(
            field_error(
                "step",
                "%(step)s skips %(names)s; take those steps first or give an override reason "
                "(e.g. the contract's dispute clause goes straight to arbitration)",
                step=named_step(s),
                names=Seq((named_step(m) for m in missing), ", "),
            )
        )


def named_step(step: Step) -> Named:
    """A step in a sentence: its code for the API and the CLI ("lawyer_demand"), its title on a page."""
    return Named(step.value, STEP_SPECS[step].title)


def add_step(ladder: Ladder, new: LadderStep) -> Ladder:
    """A new ladder with ``new`` appended, after checking the transition and the dates."""
    check_transition(ladder, new.step, new.override_reason, new.sent_on)
    last = ladder.last()
    if last is not None and new.sent_on < last.sent_on:
        raise LadderError(
            field_error(
                "sent_on",
                "%(day)s is before the previous step's date (%(previous)s)",
                day=new.sent_on,
                previous=last.sent_on,
            )
        )
    return replace(ladder, steps=ladder.steps + (new,))


def allowed_next(ladder: Ladder, on: date | None = None) -> list[Step]:
    """Steps that may be added (on ``on``, where given) without an override."""
    out = []
    for s in STEP_SPECS:
        try:
            check_transition(ladder, s, on=on)
        except LadderError:
            continue
        out.append(s)
    return out


@dataclass(frozen=True)
class Overdue:
    index: int  # position in ladder.steps
    step: Step
    due: date
    days_overdue: int
    provisional: bool
    explanation: str


def overdue_steps(ladder: Ladder, today: date, calendar: OfficialCalendar | str = "cn") -> list[Overdue]:
    """Steps still waiting for a reply whose response window ended before ``today``."""
    _check_date(today, "today")
    out: list[Overdue] = []
    for i, s in enumerate(ladder.steps):
        if s.reply_on is not None:
            continue
        due = s.response_due(calendar)
        if due is None or today <= due.due:
            continue
        out.append(
            Overdue(
                i,
                s.step,
                due.due,
                (today - due.due).days,
                due.provisional,
                T("no reply; %(how)s", how=Seq(due.steps)),
            )
        )
    return out


@dataclass(frozen=True)
class Suggestion:
    step: Step | None  # None: wait, or close the case
    action: str  # "take_step", "wait", "close"
    reason: str
    citation: str = ""
    by: date | None = None  # take the step by this date (platform window) or wait until this date


def _next_rung_step(ladder: Ladder, today: date) -> Step | None:
    for s in _sequence(ladder.platform_order and not _platform_closed(ladder, today)):
        if s not in ladder.taken():
            return s
    return None if ladder.taken() & FINAL_STEPS else Step.ARBITRATION


def suggest_next(ladder: Ladder, today: date, calendar: OfficialCalendar | str = "cn") -> Suggestion:
    """The suggested next move on ``today`` with its reason."""
    _check_date(today, "today")
    rule = ladder.platform_rule
    window_end = ladder.platform_window_end()
    platform_open = window_end is not None and today <= window_end and Step.PLATFORM_DISPUTE not in ladder.taken()
    last = ladder.last()
    if last is None:
        if platform_open:
            return Suggestion(
                Step.PLATFORM_DISPUTE,
                "take_step",
                T(
                    "the platform window closes %(end)s (%(n)s days from %(start)s); "
                    "it is much shorter than any legal deadline",
                    end=window_end,
                    n=rule.window_days,
                    start=rule.counted_from,
                ),
                rule.label(),
                window_end,
            )
        return Suggestion(Step.SUPPORT_REQUEST, "take_step", T("start with a written support request"), "")
    if last.resolved:
        return Suggestion(
            None,
            "close",
            T("the %(step)s of %(day)s was answered and resolved", step=last.spec.title, day=last.sent_on),
        )
    if platform_open:
        return Suggestion(
            Step.PLATFORM_DISPUTE,
            "take_step",
            T("open the platform dispute before its window closes on %(end)s", end=window_end),
            rule.label(),
            window_end,
        )
    due = last.response_due(calendar)
    if last.reply_on is None and due is not None and today <= due.due:
        return Suggestion(
            None,
            "wait",
            T(
                "the %(step)s of %(day)s set a response window ending %(end)s",
                step=last.spec.title,
                day=last.sent_on,
                end=due.due,
            ),
            "",
            due.due,
        )
    nxt = _next_rung_step(ladder, today)
    if nxt is None:
        return Suggestion(
            None, "wait", T("%(step)s is under way; follow its procedural timetable", step=last.spec.title)
        )
    what = (
        T("no reply") if last.reply_on is None else T("reply on %(day)s did not resolve the issue", day=last.reply_on)
    )
    parts = [T("%(step)s of %(day)s: %(what)s", step=last.spec.title, day=last.sent_on, what=what)]
    citation = STEP_SPECS[nxt].citation
    if last.step is Step.FORMAL_COMPLAINT:
        parts.append(
            T(
                "the cure deadline has passed: a notice of termination may now be available where the delay "
                "of a main obligation continues (PRC Civil Code Art. 563(1)(3)); restitution and damages follow "
                "(Art. 566)"
            )
        )
    if ladder.platform_order and window_end is not None and Step.PLATFORM_DISPUTE not in ladder.taken():
        parts.append(
            T(
                "the platform window closed on %(end)s: the platform dispute is no longer available",
                end=window_end,
            )
        )
    return Suggestion(nxt, "take_step", T("%(parts)s", parts=Seq(parts)) if len(parts) > 1 else parts[0], citation)


# ------------------------------------------------------------------------------- issue types


@dataclass(frozen=True)
class IssueType:
    id: str
    title: str
    citations: tuple[str, ...]
    text: str
    needs_counsel: bool = False
    unverified: bool = False


ISSUE_TYPES: dict[str, IssueType] = {
    t.id: t
    for t in (
        IssueType(
            "no_or_slow_support",
            "no or slow technical support",
            ("contract SLA clause", "PRC Civil Code Art. 577", "PRC Civil Code Art. 509"),
            T(
                "Measured against the contract's response and resolution times (SLA engine). Where the contract "
                "is silent, the duty to notify and assist under good faith (Art. 509) is a weaker basis."
            ),
            needs_counsel=True,
        ),
        IssueType(
            "missing_manual",
            "missing or untranslated instructions/manuals",
            ("PRC Civil Code Art. 599", "SPC Sales Interpretation Arts. 4, 19"),
            T(
                "The seller must hand over instruction manuals and similar documents by agreement or usage; failing "
                "an ancillary duty that defeats the contract's purpose allows termination. Whether an untranslated "
                "manual breaches the duty depends on the agreement and usage: counsel."
            ),
            needs_counsel=True,
        ),
        IssueType(
            "unilateral_term_change",
            "unilateral change of service terms",
            ("PRC Civil Code Art. 543", "PRC Civil Code Arts. 496, 497, 498"),
            T(
                "A contract is changed only by agreement (Art. 543). Standard terms must be pointed out and "
                "explained, unreasonable exclusions are void, ambiguities are read against the drafter "
                "(Arts. 496–498)."
            ),
        ),
        IssueType(
            "product_defect",
            "product defect / non-conformity",
            ("PRC Civil Code Arts. 582, 617", "PRC Civil Code Arts. 620–621", "PRC Civil Code Art. 610"),
            T(
                "Repair, replacement, return or price reduction (Arts. 582, 617); notice within the inspection or "
                "reasonable period (Arts. 620–621); defects defeating the purpose allow rejection (Art. 610)."
            ),
        ),
        IssueType(
            "warranty_refused",
            "refusal of warranty service",
            ("contract warranty clause", "PRC Civil Code Arts. 577, 582", "PRC Civil Code Art. 580"),
            T(
                "Refusing repair within the warranty is non-performance; ask for repair or replacement in writing "
                "early, since specific performance not requested within a reasonable time is lost (Art. 580)."
            ),
        ),
    )
}
