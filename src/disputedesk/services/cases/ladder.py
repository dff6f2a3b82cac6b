"""The escalation ladder: steps, the supplier's replies and acknowledgements (which restart limitation)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.deadlines import (
    Facts,
)
from ...domain.ladder import (
    TRADE_ASSURANCE,
    Ladder,
    LadderStep,
    Step,
    named_step,
)
from ...domain.ladder import (
    add_step as ladder_add_step,
)
from ...domain.text import Field, Quoted, Seq, field_error
from ...store.db import lock_workspace, unit_of_work
from ...store.models import Case, LedgerEntry, Workspace
from ...store.models_cases import (
    CaseAcknowledgement,
    CaseFacts,
    CaseStep,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import RESTART_STEPS, CaseNotFound, _contract_of, _find_case, _labels_by_id, _ledger, ahead
from .inputs import _check_keys, _one_evidence, parse_bool, parse_date, parse_int, parse_text


def _restart_events(s: Session, case: Case, extra_step: CaseStep | None = None) -> tuple[list[date], list[date]]:
    steps = list(s.execute(select(CaseStep).where(CaseStep.case_id == case.id)).scalars())
    if extra_step is not None:
        steps.append(extra_step)
    demands = sorted(st.sent_on for st in steps if st.step in RESTART_STEPS and st.proof_evidence_id)
    acks = sorted(
        a.on_date
        for a in s.execute(select(CaseAcknowledgement).where(CaseAcknowledgement.case_id == case.id)).scalars()
    )
    return demands, acks


def _facts_of(cf: CaseFacts | None, demands: Sequence[date], acks: Sequence[date]) -> Facts | None:
    if cf is None or cf.knowledge_on is None or cf.received_on is None or cf.governing_law is None:
        return None
    return Facts(
        governing_law=cf.governing_law,
        contract_type=cf.contract_type or "other",
        cisg_applies=bool(cf.cisg_applies),
        received_on=cf.received_on,
        inspection_period_days=cf.inspection_period_days,
        warranty_months=cf.warranty_months,
        warranty_starts_on=cf.warranty_starts_on,
        knowledge_on=cf.knowledge_on,
        demands=tuple(demands),
        acknowledgements=tuple(acks),
        award_performance_deadline=cf.award_performance_deadline,
    )


# ------------------------------------------------------------------------------------ ladder

STEP_FIELDS = (
    "step",
    "sent_on",
    "channel",
    "recipient",
    "proof",
    "response_window_days",
    "cure_deadline",
    "reply_on",
    "reply_evidence",
    "resolved",
    "override_reason",
    "note",
)


def _domain_step(row: CaseStep, labels: Mapping[int, str]) -> LadderStep:
    return LadderStep(
        step=Step(row.step),
        sent_on=row.sent_on,
        channel=row.channel,
        recipient=row.recipient,
        proof=labels.get(row.proof_evidence_id) if row.proof_evidence_id else None,
        response_window_days=row.response_window_days,
        cure_deadline=row.cure_deadline,
        reply_on=row.reply_on,
        resolved=row.resolved,
        override_reason=row.override_reason,
    )


def _ladder(s: Session, case: Case, cf: CaseFacts | None) -> tuple[Ladder, list[CaseStep], dict[int, str]]:
    rows = list(s.execute(select(CaseStep).where(CaseStep.case_id == case.id).order_by(CaseStep.position)).scalars())
    labels = _labels_by_id(s, [r.proof_evidence_id for r in rows] + [r.reply_evidence_id for r in rows])
    ladder = Ladder(
        steps=tuple(_domain_step(r, labels) for r in rows),
        platform_order=bool(cf and cf.platform_order),
        receipt_confirmed_on=cf.receipt_confirmed_on if cf else None,
        platform_rule=TRADE_ASSURANCE,
    )
    return ladder, rows, labels


def add_step(ctx: Context, workspace: str, ref: int | str, data: Mapping[str, Any], *, actor: str) -> int:
    """Append a ladder step (checked by ``domain.ladder``); returns its position (1, 2, …)."""
    _check_keys(data, STEP_FIELDS, "step")
    raw_step = parse_text(data.get("step"), "step", required=True, limit=40)
    try:
        step = Step(raw_step)
    except ValueError:
        raise ValueError(
            field_error(
                "step",
                "%(value)s is not a ladder step (%(steps)s)",
                value=Quoted(raw_step),
                steps=Seq((named_step(s) for s in Step), ", "),
            )
        ) from None
    sent_on = parse_date(data.get("sent_on"), "sent_on")
    assert sent_on is not None
    channel = parse_text(data.get("channel"), "channel", required=True, limit=100)
    recipient = parse_text(data.get("recipient"), "recipient", required=True, limit=300)
    window = parse_int(data.get("response_window_days"), "response_window_days")
    cure = parse_date(data.get("cure_deadline"), "cure_deadline", required=False)
    reply_on = parse_date(data.get("reply_on"), "reply_on", required=False)
    resolved = parse_bool(data.get("resolved"), "resolved")
    override = parse_text(data.get("override_reason"), "override_reason") or None
    note = parse_text(data.get("note"), "note") or None
    if ahead(ctx, sent_on):
        raise ValueError(
            field_error("sent_on", "%(day)s is in the future; record a step once it has been taken", day=sent_on)
        )
    if ahead(ctx, reply_on):
        raise ValueError(field_error("reply_on", "%(day)s is in the future", day=reply_on))
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        contract = _contract_of(s, case)
        if contract and contract.signed_on and sent_on < contract.signed_on:
            raise ValueError(
                field_error(
                    "sent_on",
                    "%(day)s is before the contract was signed (%(signed)s)",
                    day=sent_on,
                    signed=contract.signed_on,
                )
            )
        proof = _one_evidence(s, ws, data.get("proof"), "proof")
        reply_ev = _one_evidence(s, ws, data.get("reply_evidence"), "reply_evidence")
        if reply_ev and not reply_on:
            raise ValueError(field_error("reply_on", "give the date of the reply whose evidence is attached"))
        cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case.id)).scalar_one_or_none()
        if step in RESTART_STEPS and proof and cf is not None and cf.knowledge_on and sent_on < cf.knowledge_on:
            raise ValueError(
                field_error(
                    "sent_on",
                    "%(day)s is before the buyer knew of the breach (%(known)s); a demand presupposes knowledge "
                    "(change %(fact)s in the facts if it is wrong)",
                    day=sent_on,
                    known=cf.knowledge_on,
                    fact=Field("knowledge_on"),
                )
            )
        ladder, rows, _ = _ladder(s, case, cf)
        new = LadderStep(
            step=step,
            sent_on=sent_on,
            channel=channel,
            recipient=recipient,
            proof=proof[0] if proof else None,
            response_window_days=window,
            cure_deadline=cure,
            reply_on=reply_on,
            resolved=resolved,
            override_reason=override,
        )
        ladder_add_step(ladder, new)  # transition and date checks; LadderError names the field
        row = CaseStep(
            workspace_id=ws.id,
            case_id=case.id,
            position=len(rows) + 1,
            step=step.value,
            sent_on=sent_on,
            channel=channel,
            recipient=recipient,
            proof_evidence_id=proof[1] if proof else None,
            response_window_days=window,
            cure_deadline=cure,
            reply_on=reply_on,
            reply_evidence_id=reply_ev[1] if reply_ev else None,
            resolved=resolved,
            override_reason=override,
            note=note,
            created_at=ctx.clock(),
            created_by=actor,
        )
        s.add(row)
        s.flush()
        writer = _ledger(
            s,
            ws,
            ctx,
            actor,
            "case.step_added",
            case,
            {
                "position": row.position,
                "step": step.value,
                "sent_on": sent_on.isoformat(),
                "channel": channel,
                "recipient": recipient,
                "proof": proof[0] if proof else None,
                "restarts_limitation": bool(step in RESTART_STEPS and proof),
            },
        )
        position = row.position
    writer.write_anchor(ctx.blobs)
    return position


REPLY_FIELDS = ("reply_on", "reply_evidence", "resolved", "replace")


def record_reply(
    ctx: Context, workspace: str, ref: int | str, position: int, data: Mapping[str, Any], *, actor: str
) -> None:
    """Record the supplier's reply to a step (or that it resolved the issue).

    A step has one reply: the answer that ended the silence, whose date counts against the step's
    response window. A second reply is refused, naming the one recorded, unless ``replace`` is
    given: then it takes the earlier one's place on the step, and the ledger entry names the reply
    it replaced (the ledger is append-only, so both stay on record)."""
    _check_keys(data, REPLY_FIELDS, "reply")
    reply_on = parse_date(data.get("reply_on"), "reply_on")
    assert reply_on is not None
    resolved = parse_bool(data.get("resolved"), "resolved")
    replace = parse_bool(data.get("replace"), "replace")
    if ahead(ctx, reply_on):
        raise ValueError(field_error("reply_on", "%(day)s is in the future", day=reply_on))
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        row = None
        if 1 <= int(position) <= 100_000:
            row = s.execute(
                select(CaseStep).where(CaseStep.case_id == case.id, CaseStep.position == int(position))
            ).scalar_one_or_none()
        if row is None:
            raise CaseNotFound(f"step {position} does not exist in {case.number}")
        if reply_on < row.sent_on:
            raise ValueError(
                field_error(
                    "reply_on", "%(day)s is before the step was sent (%(sent)s)", day=reply_on, sent=row.sent_on
                )
            )
        ev = _one_evidence(s, ws, data.get("reply_evidence"), "reply_evidence")
        earlier = None
        if row.reply_on is not None:
            earlier_ev = _labels_by_id(s, [row.reply_evidence_id]).get(row.reply_evidence_id or 0)
            if not replace and earlier_ev:
                raise ValueError(
                    field_error(
                        "replace",
                        "step %(position)s already has the supplier's reply of %(day)s (%(item)s), which is kept; "
                        "to record this reply in its place, choose to replace it (the ledger keeps both)",
                        position=row.position,
                        day=row.reply_on,
                        item=earlier_ev,
                    )
                )
            if not replace:
                raise ValueError(
                    field_error(
                        "replace",
                        "step %(position)s already has the supplier's reply of %(day)s, which is kept; "
                        "to record this reply in its place, choose to replace it (the ledger keeps both)",
                        position=row.position,
                        day=row.reply_on,
                    )
                )
            earlier = {"reply_on": row.reply_on.isoformat(), "resolved": row.resolved, "evidence": earlier_ev}
        row.reply_on = reply_on
        row.resolved = resolved
        row.reply_evidence_id = ev[1] if ev else None  # a replaced reply's evidence goes with it
        payload: dict[str, Any] = {
            "position": row.position,
            "reply_on": reply_on.isoformat(),
            "resolved": resolved,
            "evidence": ev[0] if ev else None,
        }
        if earlier is not None:
            payload["replaces"] = earlier
        writer = _ledger(s, ws, ctx, actor, "case.reply_recorded", case, payload)
    writer.write_anchor(ctx.blobs)


def replaced_replies(s: Session, ws: Workspace, case: Case) -> dict[int, list[dict[str, Any]]]:
    """Per step position, the replies a later one replaced, oldest first, read from the ledger (the step keeps only
    the newest): what was replaced (``reply_on``, ``evidence``, ``resolved``), when (``at``, UTC ISO 8601), by whom
    (``by``) and the reply that took its place (``by_reply_on``)."""
    rows = s.execute(
        select(LedgerEntry.at, LedgerEntry.actor, LedgerEntry.payload)
        .where(
            LedgerEntry.workspace_id == ws.id,
            LedgerEntry.subject == case.number,
            LedgerEntry.action == "case.reply_recorded",
        )
        .order_by(LedgerEntry.seq)
    ).all()
    out: dict[int, list[dict[str, Any]]] = {}
    for at, actor, raw in rows:
        payload = json.loads(raw)
        earlier = payload.get("replaces")
        if payload.get("case") != case.number or not isinstance(earlier, dict):
            continue
        out.setdefault(int(payload["position"]), []).append(
            {**earlier, "at": at, "by": actor, "by_reply_on": payload.get("reply_on")}
        )
    return out


ACK_FIELDS = ("on", "evidence", "summary")


def add_acknowledgement(ctx: Context, workspace: str, ref: int | str, data: Mapping[str, Any], *, actor: str) -> None:
    """The supplier acknowledged the claim or promised to perform: restarts limitation (Art. 195)."""
    _check_keys(data, ACK_FIELDS, "acknowledgement")
    on = parse_date(data.get("on"), "on")
    assert on is not None
    summary = parse_text(data.get("summary"), "summary", required=True)
    if ahead(ctx, on):
        raise ValueError(field_error("on", "%(day)s is in the future", day=on))
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        ev = _one_evidence(s, ws, data.get("evidence"), "evidence")
        cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case.id)).scalar_one_or_none()
        if cf is not None and cf.knowledge_on and on < cf.knowledge_on:
            raise ValueError(
                field_error(
                    "on", "%(day)s is before the buyer knew of the breach (%(known)s)", day=on, known=cf.knowledge_on
                )
            )
        s.add(
            CaseAcknowledgement(
                workspace_id=ws.id, case_id=case.id, on_date=on, evidence_id=ev[1] if ev else None, summary=summary
            )
        )
        writer = _ledger(
            s,
            ws,
            ctx,
            actor,
            "case.acknowledgement_added",
            case,
            {"on": on.isoformat(), "evidence": ev[0] if ev else None},
        )
    writer.write_anchor(ctx.blobs)
