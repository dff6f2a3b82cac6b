"""Suppliers: profile, evidence for each fact, due diligence, escalation matrix, payment safety,
periodic reviews, scorecard and risk ranking.

Plain functions over a :class:`Context` and a workspace slug, called by the pages, the API
and the CLI. The rules live in the domain (``domain/uscc.py``, ``suppliers.py``,
``payment_safety.py``, ``scorecard.py``); this module reads and writes the rows and passes
facts in. Anything that touches evidence (linking an item to a fact, a checklist entry or a
review with evidence, a warning raised on or reviewed for a message) appends a ledger entry.

Hooks for other areas:

* :func:`propose_escalation` is what the cases area calls when a case escalates.
* :func:`scan_payment_warnings` is what the mail ingest may call after an import (with the new
  message ids); it is idempotent.
* SLA figures come from the SLA engine (``services/sla/``, read by ``reviews.sla_figures``);
  for a period it has not evaluated, the figures recorded with a periodic review are used, and the
  scorecard says so.
"""

from __future__ import annotations

from .base import FACT_FIELDS, KINDS, LEVELS, OWN_DIRECTIONS, WARNING_STATUSES, SupplierError, SupplierNotFound, slugify
from .due_diligence import DD_ALIASES, dd_item, record_due_diligence
from .escalation import ContactView, add_contact, parse_hours, proposal_dict, propose_escalation, set_protocol
from .payment_safety import (
    ScanReport,
    WarningView,
    list_payment_warnings,
    review_payment_warning,
    scan_payment_warnings,
)
from .profile import (
    PROFILE_FIELDS,
    CsvResult,
    add_bank_account,
    add_certification,
    create_supplier,
    import_csv,
    link_fact_evidence,
    update_supplier,
)
from .reviews import (
    BREACH_SEVERITY,
    Reminder,
    add_review,
    figures_from_dict,
    figures_to_dict,
    review_prefill,
    review_reminders,
    set_review_schedule,
    sla_credits,
    sla_figures,
)
from .scorecard import CardView, comparison, record_score_snapshots, score_history, score_snapshots, scorecards
from .views import FACT_LABELS, DDRow, FactRow, SupplierListRow, SupplierPage, list_suppliers, supplier_page

__all__ = [
    "BREACH_SEVERITY",
    "CardView",
    "ContactView",
    "CsvResult",
    "DDRow",
    "DD_ALIASES",
    "FACT_FIELDS",
    "FACT_LABELS",
    "FactRow",
    "KINDS",
    "LEVELS",
    "OWN_DIRECTIONS",
    "PROFILE_FIELDS",
    "Reminder",
    "ScanReport",
    "SupplierError",
    "SupplierListRow",
    "SupplierNotFound",
    "SupplierPage",
    "WARNING_STATUSES",
    "WarningView",
    "add_bank_account",
    "add_certification",
    "add_contact",
    "add_review",
    "comparison",
    "create_supplier",
    "dd_item",
    "figures_from_dict",
    "figures_to_dict",
    "import_csv",
    "link_fact_evidence",
    "list_payment_warnings",
    "list_suppliers",
    "parse_hours",
    "proposal_dict",
    "propose_escalation",
    "record_due_diligence",
    "record_score_snapshots",
    "review_payment_warning",
    "review_prefill",
    "review_reminders",
    "scan_payment_warnings",
    "score_history",
    "score_snapshots",
    "scorecards",
    "set_protocol",
    "set_review_schedule",
    "sla_credits",
    "sla_figures",
    "slugify",
    "supplier_page",
    "update_supplier",
]
