"""Money recovered: offers, settlements, receipts, and the exchange rates used to total them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from ...domain import claims as dc
from ...domain.money import ExchangeRate, check_currency, to_decimal
from ...domain.text import Quoted, Text, field_error
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models_cases import (
    CaseMoney,
    ExchangeRateRecord,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import MONEY_KINDS, RATE_DECIMALS, _find_case, _ledger, ahead, named_list
from .inputs import _blank, _check_keys, _resolve_evidence, parse_date, parse_list, parse_money, parse_text

# ---------------------------------------------------------------------------------- recovery

MONEY_FIELDS = ("kind", "on", "amount", "currency", "party", "status", "evidence", "note")


def add_money(ctx: Context, workspace: str, ref: int | str, data: Mapping[str, Any], *, actor: str) -> None:
    """Record an offer, a settlement or an amount received (with its evidence)."""
    _check_keys(data, MONEY_FIELDS, "recovery")
    kind = parse_text(data.get("kind"), "kind", required=True)
    if kind not in MONEY_KINDS:
        raise ValueError(
            field_error("kind", "%(value)s is not one of %(kinds)s", value=Quoted(kind), kinds=named_list(MONEY_KINDS))
        )
    on = parse_date(data.get("on"), "on")
    assert on is not None
    if ahead(ctx, on):
        raise ValueError(field_error("on", "%(day)s is in the future", day=on))
    if kind == "receipt" and not _blank(data.get("amount")):
        # An amount received is money that came in: 0.00 records nothing, and a negative one is not a
        # receipt either (its own sentence, before the general "zero or more"). Checked here, not in
        # domain.claims.Receipt, so a zero receipt stored before still shows in the case.
        value = to_decimal(data.get("amount"), "amount")
        if value <= 0:
            raise ValueError(
                field_error("amount", "an amount received must be more than zero, not %(value)s", value=str(value))
            )
    amount = parse_money(data.get("amount"), data.get("currency"))
    evidence = parse_list(data.get("evidence"), "evidence")
    note = parse_text(data.get("note"), "note")
    party = parse_text(data.get("party"), "party") or ("supplier" if kind == "offer" else None)
    status = parse_text(data.get("status"), "status") or ("open" if kind == "offer" else None)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        labels = tuple(_resolve_evidence(s, ws, evidence, "evidence"))
        # The domain objects check the rest (party, status, evidence required for receipts).
        try:
            if kind == "offer":
                dc.Offer(on, party or "supplier", amount, labels, dc.OfferStatus(status), note)
            elif kind == "settlement":
                dc.Settlement(on, amount, labels, note)
            else:
                dc.Receipt(on, amount, labels, note)
        except ValueError as exc:
            said = exc.args[0] if exc.args else None
            if isinstance(said, Text) and said.msgid == "%(field)s: %(message)s":  # a field's sentence: kept
                field = str(said.params["field"]).split(".", 1)[-1]
                raise ValueError(field_error("party" if field == "by" else field, said.params["message"])) from None
            msg = str(exc)
            for prefix in ("offer.", "settlement.", "received."):
                msg = msg.replace(prefix, "", 1) if msg.startswith(prefix) else msg
            if msg.startswith("by:"):
                msg = "party:" + msg[3:]
            if "is not a valid OfferStatus" in msg:
                raise ValueError(
                    field_error(
                        "status",
                        "%(value)s is not one of %(statuses)s",
                        value=Quoted(str(status)),
                        statuses=named_list(s.value for s in dc.OfferStatus),
                    )
                ) from None
            raise ValueError(msg) from None
        if case.opened_on and kind != "offer" and on < case.opened_on - timedelta(days=3650):
            raise ValueError(field_error("on", "%(day)s is implausibly early", day=on))
        s.add(
            CaseMoney(
                workspace_id=ws.id,
                case_id=case.id,
                kind=kind,
                on_date=on,
                amount=amount.amount,
                currency=amount.currency,
                party=party if kind == "offer" else None,
                status=status if kind == "offer" else None,
                evidence=list(labels),
                note=note,
                created_at=ctx.clock(),
                created_by=actor,
            )
        )
        if kind == "settlement":
            case.status = "settled"
        writer = _ledger(
            s,
            ws,
            ctx,
            actor,
            f"case.{kind}_recorded",
            case,
            {"on": on.isoformat(), "amount": amount.to_json(), "evidence": list(labels)},
        )
    writer.write_anchor(ctx.blobs)


RATE_FIELDS = ("base", "quote", "rate", "on", "source")


def record_rate(ctx: Context, workspace: str, data: Mapping[str, Any], *, actor: str) -> None:
    """Record an exchange rate with its date and source (the only way amounts get converted)."""
    _check_keys(data, RATE_FIELDS, "rate")
    base = check_currency(str(data.get("base") or "").strip().upper(), "base")
    quote = check_currency(str(data.get("quote") or "").strip().upper(), "quote")
    on = parse_date(data.get("on"), "on")
    assert on is not None
    if ahead(ctx, on):  # a rate is one published or agreed; a future day would convert at a rate nobody fixed
        raise ValueError(field_error("on", "%(day)s is in the future", day=on))
    if _blank(data.get("rate")):
        raise ValueError(field_error("rate", "required"))
    rate = to_decimal(data.get("rate"), "rate")
    if rate.as_tuple().exponent < -RATE_DECIMALS:  # type: ignore[operator]
        raise ValueError(field_error("rate", "%(rate)s has more than %(n)s decimals", rate=str(rate), n=RATE_DECIMALS))
    if rate.adjusted() >= 13:
        raise ValueError(field_error("rate", "%(rate)s is too large", rate=str(rate)))
    source = parse_text(data.get("source"), "source", required=True, limit=300)
    ExchangeRate(base, quote, rate, on, source)  # the domain's checks (rate > 0, distinct currencies)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        s.add(
            ExchangeRateRecord(
                workspace_id=ws.id,
                base=base,
                quote=quote,
                rate=rate,
                on_date=on,
                source=source,
                created_at=ctx.clock(),
                created_by=actor,
            )
        )
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="case.rate_recorded",
            at=ctx.clock(),
            payload={"base": base, "quote": quote, "rate": str(rate), "on": on.isoformat(), "source": source},
        )
    writer.write_anchor(ctx.blobs)


def list_rates(ctx: Context, workspace: str) -> list[ExchangeRate]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(ExchangeRateRecord)
            .where(ExchangeRateRecord.workspace_id == ws.id)
            .order_by(ExchangeRateRecord.on_date, ExchangeRateRecord.id)
        ).scalars()
        return [ExchangeRate(r.base, r.quote, r.rate, r.on_date, r.source) for r in rows]


def _latest_rate(rates: Sequence[ExchangeRateRecord], base: str, quote: str, today: date) -> ExchangeRate | None:
    best = None
    for r in rates:
        if (
            r.base == base
            and r.quote == quote
            and r.on_date <= today
            and (best is None or (r.on_date, r.id) >= (best.on_date, best.id))
        ):
            best = r
    return None if best is None else ExchangeRate(best.base, best.quote, best.rate, best.on_date, best.source)
