"""SLA evaluation: support terms, a request's dated timeline, and every deadline judged.

Inputs are plain frozen dataclasses so a service layer can build them from database rows:
:class:`SupportTerms` (per severity targets, what counts as a response, pauses, reopen rule,
availability and remedies), :class:`SupportRequest` (messages and events). The entry point is
:func:`evaluate` -> :class:`Evaluation`; :func:`availability`, :func:`service_credit`,
:func:`liquidated_damages` and :func:`supplier_stats` compute the rest.

Rules (also in docs/sla.md):
- **Deadline boundary**: a reply timed exactly at the deadline is on time. Times are compared in
  whole seconds (fractions dropped); a reply is late only if it is at least one second after the
  deadline. A deadline without a reply is breached only once the evaluation time (``as_of``) is
  after it.
- **A breach stays a breach**: a late reply ends the lateness (measured up to the reply) but the
  deadline stays breached.
- **What counts as a response**: a supplier message that is not an automatic reply; a bare
  acknowledgement ("received, will check") only if the terms say so.
- **Clock start**: the earliest of the request's opening time, its "opened" event and its first
  buyer message; for later responses, the oldest buyer message not yet answered. Chasers do not
  restart the clock. Outside working time the clock starts at the next opening.
- **Pauses**: while waiting for the buyer's information (explicit start/end events), if the terms
  in force at that moment allow it. Pauses are merged before counting: hold time is never
  counted twice. When the terms change mid-request, pause time already accrued is kept; a
  deadline not yet settled at the change is recomputed under the new terms from the same start.
- **Reopen**: ``resume`` (default): the resolution clock continues; the time between resolution
  and reopening does not count. ``restart``: each reopening starts a new resolution deadline; the
  earlier ones keep their result.

Pure domain code: no I/O, no clock (``as_of`` is an argument).

Modules by use case (this package re-exports all of their public names):
``models`` (terms and a request's messages and events), ``results`` (statuses, deadline results
and explanations, :class:`Evaluation`, :func:`compare`), ``timeline`` (:func:`evaluate`, one
request's timeline), ``remedies`` (availability, service credits, liquidated damages) and
``stats`` (per-supplier statistics, :func:`first_response_figures`, month windows) and ``wording`` (a
target and an explanation's days in words for a person, not re-exported).
"""

# Money: tests import it from here, as they did from the old single module.
from ..money import Money
from .models import (
    AvailabilityTerms,
    CreditTier,
    Direction,
    Event,
    EventKind,
    LiquidatedDamages,
    Message,
    ReopenRule,
    ServiceCredits,
    SeverityTerms,
    SupportRequest,
    SupportTerms,
)
from .remedies import (
    LD_CITATION,
    AvailabilityResult,
    CreditResult,
    DamagesLine,
    DamagesResult,
    Interval,
    availability,
    liquidated_damages,
    service_credit,
)
from .results import BOUNDARY_RULE, Change, DeadlineExplanation, DeadlineResult, Evaluation, Status, compare
from .stats import SupplierStats, first_response_figures, month_windows, supplier_stats
from .timeline import evaluate

__all__ = [
    "Money",
    "AvailabilityResult",
    "AvailabilityTerms",
    "BOUNDARY_RULE",
    "Change",
    "CreditResult",
    "CreditTier",
    "DamagesLine",
    "DamagesResult",
    "DeadlineExplanation",
    "DeadlineResult",
    "Direction",
    "Evaluation",
    "Event",
    "EventKind",
    "Interval",
    "LD_CITATION",
    "LiquidatedDamages",
    "Message",
    "ReopenRule",
    "ServiceCredits",
    "SeverityTerms",
    "Status",
    "SupplierStats",
    "SupportRequest",
    "SupportTerms",
    "availability",
    "compare",
    "evaluate",
    "first_response_figures",
    "liquidated_damages",
    "month_windows",
    "service_credit",
    "supplier_stats",
]
