"""Correcting a support request: the fields given, each change's old and new value in one ledger
entry; a new severity re-judges the request from its opening."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ....store.ledger import LedgerWriter
from ....store.models import Contract, Organization, Workspace
from ...context import Context
from .._common import not_future
from ..errors import FieldError
from ..request_models import (
    ChangeRequest,
    RequestRecord,
)
from .base import _contract, _log, _not_before_signing, _plain, _record, _request, _supplier, _unit, _write

_FIELDS = ("title", "severity", "supplier", "contract", "serial", "opened_at")


def change_request(ctx: Context, workspace: str, number: str, cmd: ChangeRequest, *, actor: str) -> RequestRecord:
    """Correct the fields given; one ledger entry lists each changed field's old and new value."""

    not_future(ctx, "opened_at", cmd.opened_at)

    def do(s: Session, ws: Workspace, writer: LedgerWriter) -> RequestRecord:
        row = _request(s, ws, number)
        before = _record(s, ws, row, history=False)
        given = cmd.model_fields_set
        supplier = s.get(Organization, row.supplier_id) if row.supplier_id else None
        if "supplier" in given and cmd.supplier:
            supplier = _supplier(s, ws, cmd.supplier)
            row.supplier_id = supplier.id
        if "contract" in given or ("supplier" in given and row.contract_id):
            number_ = cmd.contract if "contract" in given else before.contract
            if number_ and supplier is None:
                raise FieldError("contract", "the request has no supplier; set the supplier first")
            row.contract_id = _contract(s, ws, number_, supplier).id if number_ and supplier else None
        if "serial" in given:
            row.unit_id = _unit(s, ws, cmd.serial).id if cmd.serial else None
        if cmd.title is not None:
            row.title = cmd.title
        if cmd.severity is not None:
            row.severity = cmd.severity
        if cmd.opened_at is not None:
            if row.closed_at and cmd.opened_at > row.closed_at:
                raise FieldError("opened_at", "after the request was closed, on {at}", at=row.closed_at)
            row.opened_at = cmd.opened_at
        if row.contract_id is not None and ({"contract", "opened_at", "supplier"} & given):
            field = "opened_at" if "opened_at" in given else "contract"
            _not_before_signing(s.get(Contract, row.contract_id), supplier, row.opened_at, field)  # type: ignore[arg-type]
        s.flush()
        after = _record(s, ws, row, history=False)
        changes = {
            f: {"old": _plain(getattr(before, f)), "new": _plain(getattr(after, f))}
            for f in _FIELDS
            if getattr(before, f) != getattr(after, f)
        }
        if changes:
            _log(writer, ctx, actor, "request.changed", row.number, {"request": row.number, "changes": changes})
        return row

    return _write(ctx, workspace, do)
