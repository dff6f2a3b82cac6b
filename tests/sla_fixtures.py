"""Test data for the SLA tests: a supplier, its contract, support requests and stored messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from disputedesk.services.context import Context
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import Contract, Message, Organization, SupportRequest, Workspace

TERMS: dict[str, Any] = {
    "label": "SC-1 §6 support",
    "severities": {
        "critical": {"first_response": "4h", "update_interval": "8h", "resolution": "3wd"},
        "normal": {"first_response": "8h"},
    },
    "acknowledgement_counts": False,
    "liquidated_damages": {
        "rate": {"amount": "100.00", "currency": "EUR"},
        "per": "day",
        "cap": {"amount": "1000.00", "currency": "EUR"},
        "applies_to": ["first_response"],
    },
}


def t(s: str) -> datetime:
    return datetime.fromisoformat(s)


def seed(ctx: Context, workspace: str = "default") -> dict[str, int]:
    """Buyer (Berlin), supplier ``acme`` (Shanghai), contract SC-1, two requests with messages.

    SR-0001 (critical), sent Friday 2026-03-27 16:40 Berlin = 23:40 Shanghai: the clock starts
    Monday 09:00. An automatic reply at once, a bare acknowledgement Monday 10:15 ("收到，我们会
    检查"), the first real answer Wednesday 2026-04-01 17:20: first response (4 business hours,
    due Monday 14:00) breached.
    SR-0002 (normal) answered within the hour: met.
    """
    with unit_of_work(ctx.engine) as s:
        ws = s.query(Workspace).filter_by(slug=workspace).one()
        buyer = Organization(
            workspace_id=ws.id, key="buyer", role="buyer", name_en="Buyer GmbH", details={"timezone": "Europe/Berlin"}
        )
        sup = Organization(
            workspace_id=ws.id,
            key="acme",
            role="supplier",
            name_en="Acme Laser Co., Ltd.",
            details={"timezone": "Asia/Shanghai", "calendar": "cn"},
        )
        s.add_all([buyer, sup])
        s.flush()
        c = Contract(workspace_id=ws.id, kind="contract", supplier_id=sup.id, buyer_id=buyer.id, number="SC-1")
        s.add(c)
        s.flush()
        r1 = SupportRequest(
            workspace_id=ws.id,
            number="SR-0001",
            supplier_id=sup.id,
            title="Laser down after firmware update",
            severity="critical",
            opened_at=t("2026-03-27T16:40:00+01:00"),
        )
        r2 = SupportRequest(
            workspace_id=ws.id,
            number="SR-0002",
            supplier_id=sup.id,
            title="Spare parts quotation",
            severity="normal",
            opened_at=t("2026-04-21T08:05:00+02:00"),
            status="resolved",
            closed_at=t("2026-04-21T10:15:00+02:00"),
        )
        s.add_all([r1, r2])
        s.flush()

        def msg(req: SupportRequest, at: str, direction: str, text: str, **flags: Any) -> None:
            s.add(
                Message(
                    workspace_id=ws.id,
                    support_request_id=req.id,
                    direction=direction,
                    sent_at=t(at),
                    text=text,
                    subject=req.title,
                    flags=flags,
                )
            )

        msg(r1, "2026-03-27T16:40:00+01:00", "buyer->supplier", "Laser 1 is down with alarm E-207. Please help.")
        msg(
            r1,
            "2026-03-27T16:40:07+01:00",
            "supplier->buyer",
            "自动回复: I am out of the office.",
            auto_reply="Auto-Submitted: auto-replied",
        )
        msg(
            r1,
            "2026-03-30T10:15:00+08:00",
            "supplier->buyer",
            "收到，我们会检查。\n\n王磊\n\n------------------ 原始邮件 ------------------\n"
            "发件人: buyer\nLaser 1 is down?",
        )
        msg(r1, "2026-03-31T15:05:00+08:00", "buyer->supplier", "Please answer, the machine is down.")
        msg(
            r1,
            "2026-04-01T17:20:00+08:00",
            "supplier->buyer",
            "Dear Mehmet, pls send us the controller log file. We check with R&D department.",
        )
        msg(r2, "2026-04-21T08:05:00+02:00", "buyer->supplier", "Please quote a seal kit.")
        msg(
            r2,
            "2026-04-21T09:32:00+02:00",
            "supplier->buyer",
            "Quotation attached, price EUR 120.",
            attachments=["q.pdf"],
        )
        return {"supplier": sup.id, "r1": r1.id, "r2": r2.id}
