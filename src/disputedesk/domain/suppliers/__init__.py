"""Suppliers: profile, due-diligence checklist, escalation contacts and periodic reviews.

Plain dataclasses and functions a service layer calls; nothing here reads a database, a file
or the clock. Dates/times are arguments (``today``, ``at``) and datetimes must be tz-aware.

One module per use case, as the services (``services/suppliers/``) are split:

- ``names``: reading what suppliers write (registered capital, account numbers, domain names)
- ``profile``: the supplier profile, its certifications and bank accounts; ``profile_summary``
- ``due_diligence``: the checklist and its gaps
- ``escalation``: contacts, channels, answering hours; whom to contact next
- ``reviews``: periodic reviews and which are due
- ``checks``: the tz-aware and evidence-number checks they share

Every name is re-exported here; import from ``disputedesk.domain.suppliers``.
"""

from __future__ import annotations

from .due_diligence import (
    DD_LABELS,
    DD_LABELS_ZH,
    DEFAULT_MAX_AGE_DAYS,
    DDEntry,
    DDGap,
    DDItem,
    DDStatus,
    dd_gaps,
)
from .escalation import (
    ASYNC_CHANNELS,
    LEVEL_LABELS,
    WRITTEN_CHANNELS,
    AnswerHours,
    Channel,
    Contact,
    ContactChannel,
    ContactProposal,
    EscalationLevel,
    EscalationMatrix,
    next_contact,
)
from .names import DOMAIN_NAME, normalise_account_number, parse_money
from .profile import BankAccount, Certification, SupplierKind, SupplierProfile, profile_summary
from .reviews import (
    DueReview,
    Rating,
    ReviewAction,
    ReviewFrequency,
    ReviewRecord,
    ReviewSchedule,
    SupportFigures,
    add_months,
    due_reviews,
    review_history,
)

__all__ = [
    "ASYNC_CHANNELS",
    "DD_LABELS",
    "DD_LABELS_ZH",
    "DEFAULT_MAX_AGE_DAYS",
    "DOMAIN_NAME",
    "LEVEL_LABELS",
    "WRITTEN_CHANNELS",
    "AnswerHours",
    "BankAccount",
    "Certification",
    "Channel",
    "Contact",
    "ContactChannel",
    "ContactProposal",
    "DDEntry",
    "DDGap",
    "DDItem",
    "DDStatus",
    "DueReview",
    "EscalationLevel",
    "EscalationMatrix",
    "Rating",
    "ReviewAction",
    "ReviewFrequency",
    "ReviewRecord",
    "ReviewSchedule",
    "SupplierKind",
    "SupplierProfile",
    "SupportFigures",
    "add_months",
    "dd_gaps",
    "due_reviews",
    "next_contact",
    "normalise_account_number",
    "parse_money",
    "profile_summary",
    "review_history",
]
