"""The demo dispute's case (moved here from services/cases as it was)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select

from ...domain.labels import evidence_label
from ...domain.ladder import (
    Step,
)
from ...domain.money import totals
from ...domain.text import T, to_json
from ...store.db import unit_of_work
from ...store.models import Case, EvidenceItem
from ...store.models_cases import (
    CaseFacts,
)
from ..cases.claims import add_claim
from ..cases.inputs import parse_money
from ..cases.ladder import add_acknowledgement, add_step
from ..cases.opening import open_case
from ..cases.views import get_case
from ..context import Context
from ..workspaces import get_workspace

# ---------------------------------------------------------------------------------------- demo

# Replies to the demo's ladder steps, read from the correspondence (README of demo/data): the
# first *substantive* answer counts; bare acknowledgements ("received, will check") and
# automatic replies are not a reply.
_DEMO_STEP_MAP = {
    "support_request": (Step.SUPPORT_REQUEST, "email", "Wang Lei 王磊, after-sales engineer (cc Kevin Liu)", None),
    "escalation_sales": (
        Step.SUPPORT_REQUEST,
        "email",
        "Kevin Liu 刘洋, international sales manager",
        "escalation to the supplier's sales manager: recorded as a further support request, it is not a rung "
        "of the ladder and demands nothing under a deadline",
    ),
    "formal_complaint": (
        Step.FORMAL_COMPLAINT,
        "email (EN/ZH)",
        "Chen Zhiqiang 陈志强, general manager and legal representative",
        None,
    ),
    "escalation_senior_management": (
        Step.SENIOR_MANAGEMENT,
        "email",
        "Chen Zhiqiang 陈志强, general manager and legal representative",
        None,
    ),
}

# Demo ladder entries that are not a step towards the supplier: a dated note of the case, written
# by the loader (not the user's own words), so in the reader's language.
_DEMO_NOTES = {
    "lawyer_instructed": T(
        "lawyer instructed: not a step towards the supplier (nothing delivered to it); restarts nothing"
    ),
}

_DEMO_REPLIES = {
    "support_request": ("2026-04-01", "mail/20260401T092000Z_sr-e207-logreq.eml"),  # 30 Mar was a bare acknowledgement
    "escalation_sales": ("2026-04-14", "mail/20260414T134000Z_escalation-kevin-re.eml"),  # "rollback tomorrow"
    "formal_complaint": ("2026-07-24", "mail/20260724T103000Z_formal-complaint-kevin.eml"),  # no cure; 8 Jul: ack only
    "escalation_senior_management": ("2026-08-10", "mail/20260810T021500Z_escalation-gm-re.eml"),  # promises, refusal
}


def load_demo_case(ctx: Context, workspace: str, spec: Mapping[str, Any], *, actor: str = "demo-loader") -> str | None:
    """Turn ``spec["case"]`` of demo/data/dispute.json into a case (once). Returns a line for the report.

    Call after the demo's records are loaded. The ladder steps are mapped to ``domain.ladder``
    steps; "lawyer_instructed" (a mandate to the buyer's own counsel, not a letter to the
    supplier) is a dated note, not a ladder step, so it restarts nothing. The demands that
    restart limitation are derived from the steps with proof and must equal the facts block.
    """
    c = spec.get("case")
    if not c:
        return None
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        if s.execute(select(Case.id).where(Case.workspace_id == ws.id).limit(1)).first():
            return None
        by_source = {
            src.removeprefix("demo:"): evidence_label(n)
            for n, src in s.execute(
                select(EvidenceItem.number, EvidenceItem.source).where(EvidenceItem.workspace_id == ws.id)
            )
        }
    sr_numbers = {sr["key"]: f"SR-{n:04d}" for n, sr in enumerate(spec.get("support_requests", []), 1)}

    def ev(path: str | None) -> str | None:
        if not path:
            return None
        if path not in by_source:
            raise ValueError(f"dispute.json: case evidence {path} is not in the vault")
        return by_source[path]

    contract = next((x for x in spec.get("contracts", []) if x["key"] == c.get("contract")), None)
    orders = [o["number"] for o in spec.get("orders", []) if contract and o.get("contract") == contract["key"]]
    facts = dict(c["deadline_facts"])
    expected_demands = facts.pop("demands")
    expected_acks = facts.pop("acknowledgements")
    ladder = c.get("ladder", [])
    opened_on = max((x["date"] for x in ladder), default=None)
    claim_sum = totals(parse_money(x["amount"], x["currency"]) for x in c.get("claims", []))
    currency = contract["currency"] if contract else None
    case_id = open_case(
        ctx,
        workspace,
        {
            "title": c["title"],
            "supplier": c["supplier"],
            "contract": contract["number"] if contract else None,
            "issues": c.get("issues", []),
            "opened_on": opened_on,
            "amount_at_stake": str(claim_sum[currency].amount) if currency in claim_sum else None,
            "currency": currency,
            "support_requests": [sr_numbers[k] for k in c.get("support_requests", [])],
            "orders": orders[:1],
            "facts": facts,
        },
        actor=actor,
    )
    notes = []
    for x in ladder:
        if x["step"] not in _DEMO_STEP_MAP:
            if x["step"] not in _DEMO_NOTES:
                raise ValueError(f"dispute.json: case ladder step {x['step']} is neither a ladder step nor a note")
            notes.append(
                # the code's sentence with its message id: a Chinese page shows it in Chinese
                {"date": x["date"], "text": to_json(_DEMO_NOTES[x["step"]]), "evidence": ev(x.get("evidence"))}
            )
            continue
        step, channel, recipient, note = _DEMO_STEP_MAP[x["step"]]
        reply = _DEMO_REPLIES.get(x["step"])
        window = None
        if x.get("response_deadline"):
            window = (date.fromisoformat(x["response_deadline"]) - date.fromisoformat(x["date"])).days
        add_step(
            ctx,
            workspace,
            case_id,
            {
                "step": step.value,
                "sent_on": x["date"],
                "channel": channel,
                "recipient": recipient,
                "proof": ev(x.get("evidence")),
                "cure_deadline": x.get("cure_deadline"),
                "response_window_days": window,
                "reply_on": reply[0] if reply else None,
                "reply_evidence": ev(reply[1]) if reply else None,
                # the escalation to the sales manager is a second support request: recorded on the
                # ladder with its reason (domain.ladder refuses a second one without)
                "note": None if note and step is Step.SUPPORT_REQUEST else note,
                "override_reason": note if step is Step.SUPPORT_REQUEST else None,
            },
            actor=actor,
        )
    for a in c.get("acknowledgements", []):
        add_acknowledgement(
            ctx,
            workspace,
            case_id,
            {"on": a["date"], "evidence": ev(a.get("evidence")), "summary": a["summary"]},
            actor=actor,
        )
    for x in c.get("claims", []):
        basis = x.get("basis", "")
        kind = "damages" if "damages" in basis else "repair"
        add_claim(
            ctx,
            workspace,
            case_id,
            {
                "kind": kind,
                "amount": x["amount"],
                "currency": x["currency"],
                "basis": None if basis.strip() == "damages" or basis.startswith("damages (") else basis,
                "description": x["head"],
                "evidence": [ev(p) for p in x.get("evidence", [])[:1]]
                if kind == "damages"
                else [ev(p) for p in x.get("evidence", [])],
                "foreseeability_evidence": [ev(p) for p in x.get("evidence", [])[1:]] if kind == "damages" else None,
            },
            actor=actor,
        )
    if notes:
        with unit_of_work(ctx.engine) as s:
            cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case_id)).scalar_one()
            cf.notes = notes
    view = get_case(ctx, workspace, case_id)
    got_demands = [d.isoformat() for d in sorted(st.sent_on for st in view.steps if st.restarts_limitation)]
    got_acks = [a["on"] for a in view.acknowledgements]
    if got_demands != sorted(expected_demands) or got_acks != sorted(expected_acks):
        raise ValueError(
            f"dispute.json: case.deadline_facts demands {expected_demands} / acknowledgements {expected_acks} do not "
            f"match the ladder ({got_demands}) and acknowledgements ({got_acks})"
        )
    return (
        f"case {view.number}: {len(view.steps)} ladder steps, {len(view.deadlines)} deadlines, "
        f"{len(view.heads)} claim heads"
    )
