"""Dispute cases: open a case, walk the escalation ladder, compute its legal deadlines, claim
and recover money. Plain functions over a :class:`Context` and a workspace slug.

The legal and arithmetic work is done by the domain (``domain.ladder``, ``domain.deadlines``,
``domain.claims``, ``domain.money``); this module stores what the user entered, checks it
*before* anything is written (a bad field raises ``ValueError("<field>: …")`` and nothing is
stored), and builds a :class:`CaseView` with everything computed for a given ``today``.

How the case feeds the deadline rules (docs/deadlines.md):

* the facts (``received_on``, ``knowledge_on`` …) are stored per case (``case_facts``);
* the *demands* that restart limitation (Civil Code Art. 195) are the ladder steps that
  demand performance — formal complaint, escalation to senior management, lawyer's demand
  letter, and the filing of arbitration or litigation — **with proof of delivery** (an
  evidence item). A step without proof is shown, but restarts nothing;
* the supplier's acknowledgements (a written promise to perform) are stored separately.

Every change is a ledger entry (action ``case.*``, subject = the case number), so the case's
history is part of the same hash chain as the evidence it relies on.
"""

from __future__ import annotations

from .base import (
    CASE_STATUSES,
    DEMAND_STEPS,
    FILING_STEPS,
    LINK_KINDS,
    MONEY_KINDS,
    RATE_DECIMALS,
    RESTART_STEPS,
    UPCOMING_DAYS,
    CaseNotFound,
    today_for,
)
from .claims import CLAIM_FIELDS, add_claim, build_head, sla_claim_suggestions
from .ics import case_ics
from .inputs import (
    ISSUE_ALIASES,
    MAX_AMOUNT,
    normalise_issue,
    parse_bool,
    parse_date,
    parse_int,
    parse_list,
    parse_money,
    parse_text,
)
from .ladder import ACK_FIELDS, REPLY_FIELDS, STEP_FIELDS, add_acknowledgement, add_step, record_reply
from .listing import CaseSummary, dashboard_data, list_cases, list_cases_json, refresh_summaries
from .opening import FACT_INPUT_FIELDS, OPEN_FIELDS, open_case, open_form_choices, set_facts
from .recovery import MONEY_FIELDS, RATE_FIELDS, add_money, list_rates, record_rate
from .views import CaseView, DeadlineView, HeadView, MoneyRow, StepView, get_case

__all__ = [
    "ACK_FIELDS",
    "CASE_STATUSES",
    "CLAIM_FIELDS",
    "CaseNotFound",
    "CaseSummary",
    "CaseView",
    "DEMAND_STEPS",
    "DeadlineView",
    "FACT_INPUT_FIELDS",
    "FILING_STEPS",
    "HeadView",
    "ISSUE_ALIASES",
    "LINK_KINDS",
    "MAX_AMOUNT",
    "MONEY_FIELDS",
    "MONEY_KINDS",
    "MoneyRow",
    "OPEN_FIELDS",
    "RATE_DECIMALS",
    "RATE_FIELDS",
    "REPLY_FIELDS",
    "RESTART_STEPS",
    "STEP_FIELDS",
    "StepView",
    "UPCOMING_DAYS",
    "add_acknowledgement",
    "add_claim",
    "add_money",
    "add_step",
    "build_head",
    "case_ics",
    "dashboard_data",
    "get_case",
    "list_cases",
    "list_cases_json",
    "list_rates",
    "normalise_issue",
    "open_case",
    "open_form_choices",
    "parse_bool",
    "parse_date",
    "parse_int",
    "parse_list",
    "parse_money",
    "parse_text",
    "record_rate",
    "record_reply",
    "refresh_summaries",
    "set_facts",
    "sla_claim_suggestions",
    "today_for",
]
