"""The buyer: the user's own company, one per workspace (``organizations`` row with role
``buyer``). Its mail domains tell which messages the buyer sent (message direction, request
suggestions); its time zone is the one the buyer's dates (a letter's date) are read in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...store.models import Contact, Organization, Workspace
from ..context import Context
from ._common import Writer, apply_changes, history, read, write
from .errors import FieldError
from .models import BuyerBank, BuyerContact, BuyerRecord, SetBuyer

SUBJECT = "buyer"
#: The buyer's fields kept in ``organizations.details``.
DETAILS = ("timezone", "vat_id", "bank_account")


def _row(s: Session, ws: Workspace) -> Organization | None:
    return s.execute(
        select(Organization)
        .where(Organization.workspace_id == ws.id, Organization.role == "buyer")
        .order_by(Organization.id)
        .limit(1)
    ).scalar_one_or_none()


def _record(s: Session, ws: Workspace, org: Organization, *, with_history: bool = True) -> BuyerRecord:
    return BuyerRecord(
        name=org.name_en,
        name_zh=org.name_zh,
        address=org.address_en,
        country=org.country,
        timezone=(org.details or {}).get("timezone"),
        email_domains=list(org.email_domains or []),
        vat_id=(org.details or {}).get("vat_id"),
        bank_account=_bank((org.details or {}).get("bank_account")),
        contacts=[
            BuyerContact(name=c.name, email=c.email, phone=c.phone, role=c.role)
            for c in s.execute(select(Contact).where(Contact.organization_id == org.id).order_by(Contact.id)).scalars()
        ],
        history=history(s, ws, SUBJECT) if with_history else [],
    )


def _bank(value: Any) -> BuyerBank | None:
    if not isinstance(value, dict):
        return None
    return BuyerBank(**{k: value.get(k) for k in ("bank", "iban", "bic") if value.get(k)})


def get_buyer(ctx: Context, workspace: str) -> BuyerRecord | None:
    """The buyer as recorded, or None in a workspace where it is not set yet."""

    def do(s: Session, ws: Workspace) -> BuyerRecord | None:
        org = _row(s, ws)
        return _record(s, ws, org) if org else None

    return read(ctx, workspace, do)


def set_buyer(ctx: Context, workspace: str, cmd: SetBuyer, *, actor: str) -> BuyerRecord:
    """Create the buyer (a name is required then) or change the fields given; each change is one
    ledger entry with the old and new values."""
    values = cmd.model_dump(exclude_unset=True)

    def do(w: Writer) -> BuyerRecord:
        s, ws = w.s, w.ws
        org = _row(s, ws)
        created = org is None
        if org is None:
            if not values.get("name"):
                raise FieldError("name", "required: the buyer's legal name")
            key = "buyer"
            taken = set(s.execute(select(Organization.key).where(Organization.workspace_id == ws.id)).scalars())
            n = 2
            while key in taken:
                key, n = f"buyer-{n}", n + 1
            org = Organization(
                workspace_id=ws.id,
                key=key,
                role="buyer",
                name_en=values["name"],
                email_domains=[],
                websites=[],
                details={},
            )
            s.add(org)
            s.flush()
        elif "name" in values and not values["name"]:
            raise FieldError("name", "cannot be cleared (give a value or leave it out)")
        changes = apply_changes(
            org,
            values,
            {
                "name": "name_en",
                "name_zh": "name_zh",
                "address": "address_en",
                "country": "country",
                "email_domains": "email_domains",
            },
        )
        details: dict[str, Any] = dict(org.details or {})
        for field in DETAILS:  # kept in the row's details (read there by the letters and the mail import)
            if field in values and details.get(field) != values[field]:
                changes[field] = {"old": details.get(field), "new": values[field]}
                details[field] = values[field]
        if details != (org.details or {}):
            org.details = details
        if values.get("contacts") is not None:
            old = [
                {"name": c.name, "email": c.email, "phone": c.phone, "role": c.role}
                for c in s.execute(
                    select(Contact).where(Contact.organization_id == org.id).order_by(Contact.id)
                ).scalars()
            ]
            new = [dict(c) for c in values["contacts"]]
            if old != new:
                for c in s.execute(select(Contact).where(Contact.organization_id == org.id)).scalars():
                    s.delete(c)
                for c in new:
                    s.add(Contact(workspace_id=ws.id, organization_id=org.id, level="buyer", **c))
                changes["contacts"] = {"old": old, "new": new}
        if created or changes:
            w.log("buyer.created" if created else "buyer.changed", SUBJECT, {"changes": changes})
        if changes.get("timezone", {}).get("new"):  # chat times read without a zone follow the company's
            from ..mail.chat_times import reread_in_company_zone

            zone = changes["timezone"]["new"]
            reread_in_company_zone(s, ws, zone, lambda payload: w.log("messages.times_reread", "messages", payload))
        s.flush()
        return _record(s, ws, org)

    return write(ctx, workspace, actor, do)
