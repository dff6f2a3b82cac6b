"""Orders under a contract, with their delivery and acceptance.

An order is numbered by the user (unique in the workspace). Its delivery (``deliveries``: the
delivered-on and accepted-on dates, the delivery note) and the machines delivered
(``product_units``: model and serial number, the machines that later fail) are recorded with it
or later. The delivery and acceptance dates are the facts the legal deadlines run from (notice
of non-conformity, limitation): :func:`delivery_facts` gives them with their source.

Each change is one ledger entry (subject ``order:NUMBER``) with the old and new values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...domain.text import Quoted, T
from ...store.models import Contract, Delivery, Order, Organization, ProductUnit, SupportRequest, Workspace
from ..context import Context
from ._common import (
    Writer,
    apply_changes,
    contract,
    evidence_items,
    evidence_labels,
    history,
    link_evidence,
    money,
    not_future,
    plain,
    read,
    write,
)
from .errors import FieldError
from .models import ChangeOrder, Item, NewOrder, OrderRecord, _check_dates

# the days an order's events happened: none can lie ahead (a delivery still expected is not recorded)
_DAYS = ("ordered_on", "delivered_on", "accepted_on")


def subject(number: str) -> str:
    return f"order:{number}"


def _find(s: Session, ws: Workspace, number: str, field: str | None = None) -> Order:
    o = s.execute(
        select(Order).where(Order.workspace_id == ws.id, (Order.number == number) | (Order.key == number)).limit(1)
    ).scalar_one_or_none()
    if o is None:
        if field:
            raise FieldError(field, "no order {number} in this workspace (add it first)", number=Quoted(number))
        raise LookupError(T("order '%(number)s' does not exist in this workspace", number=number))
    return o


def _delivery(s: Session, o: Order) -> Delivery | None:
    return s.execute(
        select(Delivery).where(Delivery.order_id == o.id).order_by(Delivery.delivered_on, Delivery.id).limit(1)
    ).scalar_one_or_none()


def _record(s: Session, ws: Workspace, o: Order, *, with_history: bool = True) -> OrderRecord:
    c = s.get(Contract, o.contract_id) if o.contract_id else None
    org = s.get(Organization, c.supplier_id) if c and c.supplier_id else None
    d = _delivery(s, o)
    units = (
        list(s.execute(select(ProductUnit).where(ProductUnit.delivery_id == d.id).order_by(ProductUnit.id)).scalars())
        if d
        else []
    )
    delivery_labels = evidence_labels(s, "order", o.id, "delivery_note")
    if not delivery_labels and d and d.evidence_id:  # the demo's delivery note
        from ...store.models import EvidenceItem

        n = s.execute(select(EvidenceItem.number).where(EvidenceItem.id == d.evidence_id)).scalar_one_or_none()
        delivery_labels = [evidence_label(n)] if n is not None else []
    return OrderRecord(
        number=o.number,
        contract=c.number if c else None,
        supplier=org.key if org else None,
        currency=o.currency,
        amount=money(o.amount),
        ordered_on=o.ordered_on,
        delivered_on=d.delivered_on if d else None,
        accepted_on=d.accepted_on if d else None,
        items=[Item(model=u.model, serial=u.serial) for u in units],
        evidence=evidence_labels(s, "order", o.id, "document") + delivery_labels,
        acceptance_evidence=evidence_labels(s, "order", o.id, "acceptance"),
        history=history(s, ws, subject(o.number)) if with_history else [],
    )


def get_order(ctx: Context, workspace: str, number: str) -> OrderRecord:
    return read(ctx, workspace, lambda s, ws: _record(s, ws, _find(s, ws, number)))


def list_orders(ctx: Context, workspace: str, *, contract_number: str | None = None) -> list[OrderRecord]:
    def do(s: Session, ws: Workspace) -> list[OrderRecord]:
        q = select(Order).where(Order.workspace_id == ws.id)
        if contract_number:
            q = q.where(Order.contract_id == contract(s, ws, contract_number).id)
        return [
            _record(s, ws, o, with_history=False) for o in s.execute(q.order_by(Order.ordered_on, Order.id)).scalars()
        ]

    return read(ctx, workspace, do)


def _check_serials(s: Session, ws: Workspace, items: list[Item], own_delivery: int | None) -> None:
    seen: set[str] = set()
    for it in items:
        if it.serial in seen:
            raise FieldError("items", "serial number {serial} is given twice", serial=it.serial)
        seen.add(it.serial)
        q = select(ProductUnit.id).where(ProductUnit.workspace_id == ws.id, ProductUnit.serial == it.serial)
        if own_delivery is not None:
            q = q.where(ProductUnit.delivery_id.is_distinct_from(own_delivery))
        other = s.execute(q).first()
        if other:
            raise FieldError(
                "items", "serial number {serial} is already recorded on another delivery", serial=it.serial
            )


def _set_delivery(w: Writer, o: Order, delivered: date | None, accepted: date | None, items: list[Item] | None) -> None:
    s = w.s
    d = _delivery(s, o)
    if delivered is None:
        if d is not None and (items or d.accepted_on):
            raise FieldError("delivered_on", "cannot be cleared while machines or an acceptance are recorded")
        if d is not None:
            s.delete(d)
        return
    if d is None:
        d = Delivery(workspace_id=w.ws.id, order_id=o.id, delivered_on=delivered)
        s.add(d)
        s.flush()
    d.delivered_on = delivered
    d.accepted_on = accepted
    if items is not None:
        _check_serials(s, w.ws, items, d.id)
        old = {u.serial: u for u in s.execute(select(ProductUnit).where(ProductUnit.delivery_id == d.id)).scalars()}
        for serial, u in old.items():
            if serial not in {i.serial for i in items}:
                used = s.execute(select(SupportRequest.number).where(SupportRequest.unit_id == u.id)).first()
                if used:
                    raise FieldError(
                        "items",
                        "machine {serial} is named by request {request}: keep it",
                        serial=serial,
                        request=used[0],
                    )
                s.delete(u)
        for it in items:
            u = old.get(it.serial)
            if u is None:
                s.add(
                    ProductUnit(
                        workspace_id=w.ws.id, delivery_id=d.id, model=it.model, serial=it.serial, delivered_on=delivered
                    )
                )
            else:
                u.model, u.delivered_on = it.model, delivered
    else:
        for u in s.execute(select(ProductUnit).where(ProductUnit.delivery_id == d.id)).scalars():
            u.delivered_on = delivered


def _set_delivery_note(w: Writer, o: Order, label: str) -> None:
    d = _delivery(w.s, o)
    if d is None:
        raise FieldError("delivery_note", "give the delivery date (delivered_on) with the delivery note")
    items = evidence_items(w.s, w.ws, [label], "delivery_note")
    link_evidence(w, "order", o.id, items, "delivery_note")
    d.evidence_id = items[0].id


def add_order(ctx: Context, workspace: str, cmd: NewOrder, *, actor: str) -> OrderRecord:
    for field in _DAYS:
        not_future(ctx, field, getattr(cmd, field))

    def do(w: Writer) -> OrderRecord:
        s, ws = w.s, w.ws
        c = contract(s, ws, cmd.contract)
        if s.execute(select(Order.id).where(Order.workspace_id == ws.id, Order.number == cmd.number)).first():
            raise FieldError("number", "{number} is already an order in this workspace", number=cmd.number)
        if cmd.ordered_on and c.signed_on and cmd.ordered_on < c.signed_on:
            raise FieldError(
                "ordered_on",
                "{day} is before the contract was signed ({signed})",
                day=cmd.ordered_on,
                signed=c.signed_on,
            )
        o = Order(
            workspace_id=ws.id,
            contract_id=c.id,
            number=cmd.number,
            ordered_on=cmd.ordered_on,
            currency=cmd.currency,
            amount=cmd.amount,
        )
        s.add(o)
        s.flush()
        if cmd.items and not cmd.delivered_on:
            raise FieldError("delivered_on", "give the delivery date of the machines listed")
        _set_delivery(w, o, cmd.delivered_on, cmd.accepted_on, cmd.items if cmd.delivered_on else None)
        link_evidence(w, "order", o.id, evidence_items(s, ws, cmd.evidence), "document")
        if cmd.delivery_note:
            _set_delivery_note(w, o, cmd.delivery_note)
        link_evidence(
            w, "order", o.id, evidence_items(s, ws, cmd.acceptance_evidence, "acceptance_evidence"), "acceptance"
        )
        w.log("order.added", subject(o.number), {f: plain(v) for f, v in cmd.model_dump(mode="json").items()})
        s.flush()
        return _record(s, ws, o)

    return write(ctx, workspace, actor, do)


def change_order(ctx: Context, workspace: str, number: str, cmd: ChangeOrder, *, actor: str) -> OrderRecord:
    values = cmd.model_dump(exclude_unset=True)
    for required in ("contract", "currency", "amount"):
        if required in values and values[required] is None:
            raise FieldError(required, "cannot be cleared (give a value or leave it out)")
    for field in _DAYS:
        not_future(ctx, field, values.get(field))

    def do(w: Writer) -> OrderRecord:
        s, ws = w.s, w.ws
        o = _find(s, ws, number)
        before = _record(s, ws, o, with_history=False)
        changes: dict[str, Any] = {}
        if values.get("contract") and values["contract"] != before.contract:
            o.contract_id = contract(s, ws, values["contract"]).id
            changes["contract"] = {"old": before.contract, "new": values["contract"]}
        changes.update(
            apply_changes(o, values, {"currency": "currency", "amount": "amount", "ordered_on": "ordered_on"})
        )
        delivered = values.get("delivered_on", before.delivered_on)
        accepted = values.get("accepted_on", before.accepted_on)
        _check_dates(o.ordered_on, delivered, accepted)
        items = [Item(**i) for i in values["items"]] if values.get("items") is not None else None
        if items and not delivered:
            raise FieldError("delivered_on", "give the delivery date of the machines listed")
        if {"delivered_on", "accepted_on", "items"} & set(values):
            _set_delivery(w, o, delivered, accepted, items)
        if values.get("delivery_note"):
            old_note = evidence_labels(s, "order", o.id, "delivery_note")
            if old_note != [values["delivery_note"]]:
                _set_delivery_note(w, o, values["delivery_note"])
                changes["delivery_note"] = {"old": old_note[0] if old_note else None, "new": values["delivery_note"]}
        for field, role in (("evidence", "document"), ("acceptance_evidence", "acceptance")):
            if values.get(field) is not None:
                old = evidence_labels(s, "order", o.id, role)
                if old != values[field]:
                    link_evidence(w, "order", o.id, evidence_items(s, ws, values[field], field), role)
                    changes[field] = {"old": old, "new": values[field]}
        s.flush()
        after = _record(s, ws, o, with_history=False)
        for field in ("delivered_on", "accepted_on", "items"):
            old_v, new_v = getattr(before, field), getattr(after, field)
            if old_v != new_v:
                changes[field] = {
                    "old": plain([i.model_dump() for i in old_v]) if field == "items" else plain(old_v),
                    "new": plain([i.model_dump() for i in new_v]) if field == "items" else plain(new_v),
                }
        if changes:
            w.log("order.changed", subject(o.number), {"changes": changes})
        return _record(s, ws, o)

    return write(ctx, workspace, actor, do)


@dataclass(frozen=True)
class DeliveryFact:
    """A date the legal deadlines run from, with where it was recorded."""

    name: str  # received_on | accepted_on
    on: date
    source: str  # e.g. "order PO-2025-0042: delivery recorded (delivery note E-0007)"


def delivery_facts(s: Session, ws: Workspace, contract_id: int) -> list[DeliveryFact]:
    """The earliest delivery and acceptance of a contract's orders, as facts with their source."""
    facts: list[DeliveryFact] = []
    orders = list(s.execute(select(Order).where(Order.contract_id == contract_id).order_by(Order.id)).scalars())
    best: dict[str, tuple[date, str]] = {}
    for o in orders:
        rec = _record(s, ws, o, with_history=False)
        # the day as a date: ISO in the English sentence (CLI, JSON), the reader's date style on a page
        note = f" ({', '.join(rec.evidence)})" if rec.evidence else ""
        if rec.delivered_on and ("received_on" not in best or rec.delivered_on < best["received_on"][0]):
            best["received_on"] = (
                rec.delivered_on,
                T(
                    "order %(number)s: delivered on %(day)s%(note)s",
                    number=o.number,
                    day=rec.delivered_on,
                    note=note,
                ),
            )
        if rec.accepted_on and ("accepted_on" not in best or rec.accepted_on < best["accepted_on"][0]):
            acc = f" ({', '.join(rec.acceptance_evidence)})" if rec.acceptance_evidence else ""
            best["accepted_on"] = (
                rec.accepted_on,
                T("order %(number)s: accepted on %(day)s%(note)s", number=o.number, day=rec.accepted_on, note=acc),
            )
    for name, (on, source) in best.items():
        facts.append(DeliveryFact(name, on, source))
    return facts
