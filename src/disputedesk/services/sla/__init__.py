"""SLA use cases: support terms and supplier calendars (versioned), request events, evaluation of
every support request from its stored messages, stored results, per-supplier reports.

The rules are in the domain (``domain/bizcal/``, ``domain/sla/``, docs/sla.md); this module
turns database rows into the domain's inputs and stores what comes out.

* **Terms** belong to a contract (``contract:<id>``) or, as a default, to a supplier
  (``supplier:<id>``). Each change adds a version with its ``valid_from``; old versions stay.
  Only *confirmed* versions are used; *drafts* (e.g. from the contract-clarity check, via
  :func:`create_draft_terms`) wait for a person to confirm them. A request is judged under the
  version valid when it was opened; a later version that becomes valid while it runs is a
  "terms changed" event (the domain keeps accrued pauses and settled deadlines).
* **Calendars** are per supplier and versioned too; the newest version is the supplier's
  calendar, and each result stores the calendar version it was computed with.
* **Messages** come from the ``messages`` table (``support_request_id``): direction
  ``buyer->supplier`` is the buyer, ``supplier->buyer`` the supplier (``buyer``/``supplier``,
  ``out``/``in`` are accepted too); other directions (internal, other) are not part of the SLA.
  ``flags["auto_reply"]`` (any true value) marks an automatic reply, which never counts.
  ``flags["acknowledgement"]`` (true/false), if present, is a person's decision; otherwise the
  **bare-acknowledgement rule** below decides, and the result is flagged in the timeline.
* A buyer's message after the request was resolved (and not reopened since) does not start a
  response clock ("thank you, it works").
* **Evaluation** is deterministic: the same messages, events, terms and calendar version with
  the same ``as_of`` give the same stored result (and the same fingerprint). A re-run reports
  every request whose deadlines changed, and whether the calendar or terms version differs.

Bare-acknowledgement rule (documented in docs/sla.md's spirit, decided here because it reads
message text): a supplier message is a *bare acknowledgement* when its own text (the text before
the quoted earlier message, e.g. ``------ 原始邮件 ------``, ``-----Original Message-----``,
``On … wrote:``, ``发件人:`` or lines starting with ``>``) is at most 300 characters, contains
an acknowledgement phrase (received / noted / will check / will get back / 收到 / 已收到 /
收悉 / 会检查 / 会尽快 / 正在核查 …), and contains neither a question nor a request for
something (``?``, ``？``, please send/provide, pls, 请提供, 请发送) nor an attachment.
"""

from __future__ import annotations

from .base import parse_time
from .calendars import CalendarVersion, add_closure, calendar_history, default_calendar_spec, get_calendar, set_calendar
from .evaluate import RunReport, evaluate_all, last_run
from .events import EVENT_KINDS, add_event
from .inputs import RequestInput, SupplierSetup, _iter_inputs, _load_setup, build_request
from .messages import (
    ACK_MAX_CHARS,
    BUYER_DIRECTIONS,
    SUPPLIER_DIRECTIONS,
    TEXT_HEAD,
    classify_message,
    is_bare_acknowledgement,
    sender_side,
    side_of,
)
from .reports import ChartPoint, SupplierReport, supplier_report
from .results import compact, fingerprint
from .terms import (
    TERMS_TEMPLATE,
    TermsScope,
    TermsVersion,
    confirm_terms,
    create_draft_terms,
    default_start,
    friendly_terms,
    list_terms,
    normalise_terms,
    set_terms,
    terms_history,
    terms_in_words,
)
from .terms_form import LEVELS, form_from_terms, terms_from_form
from .views import RequestDetail, RequestRowView, TimelineItem, dashboard_summary, list_requests, request_detail

__all__ = [
    "ACK_MAX_CHARS",
    "BUYER_DIRECTIONS",
    "CalendarVersion",
    "ChartPoint",
    "EVENT_KINDS",
    "RequestDetail",
    "RequestInput",
    "RequestRowView",
    "RunReport",
    "SUPPLIER_DIRECTIONS",
    "SupplierReport",
    "SupplierSetup",
    "TERMS_TEMPLATE",
    "TEXT_HEAD",
    "TermsScope",
    "TermsVersion",
    "TimelineItem",
    "_iter_inputs",
    "_load_setup",
    "add_closure",
    "add_event",
    "build_request",
    "calendar_history",
    "classify_message",
    "compact",
    "confirm_terms",
    "create_draft_terms",
    "default_start",
    "form_from_terms",
    "terms_from_form",
    "LEVELS",
    "dashboard_summary",
    "default_calendar_spec",
    "evaluate_all",
    "fingerprint",
    "friendly_terms",
    "get_calendar",
    "is_bare_acknowledgement",
    "last_run",
    "list_requests",
    "list_terms",
    "normalise_terms",
    "parse_time",
    "request_detail",
    "sender_side",
    "set_calendar",
    "set_terms",
    "side_of",
    "supplier_report",
    "terms_history",
    "terms_in_words",
]
