"""Facts a user types on the letter form (or ``--set``), checked as the same facts are elsewhere:
a deadline the letter sets lies after the letter's date, the contract was signed by then, and a
USCC is a valid one. A letter kept as evidence must not demand a cure by a day already past."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from ..domain.text import Seq, field_error
from ..domain.uscc import check_uscc

DEADLINES = ("cure_deadline", "reply_by", "pay_by")


def check_typed(facts: Any, typed: Collection[str]) -> None:
    """Raise ``ValueError`` (the field named) for the first typed fact that cannot stand."""
    letter: date | None = facts.letter_date
    for name in DEADLINES:
        day = getattr(facts, name)
        if name in typed and day is not None and letter is not None and day <= letter:
            raise ValueError(
                field_error(
                    name,
                    "%(day)s is not after the letter's date (%(letter)s): a deadline the letter sets lies ahead",
                    day=day,
                    letter=letter,
                )
            )
    signed: date | None = facts.contract_date
    if "contract_date" in typed and signed is not None and letter is not None and signed > letter:
        raise ValueError(
            field_error(
                "contract_date",
                "%(day)s is after the letter's date (%(letter)s): the contract was signed before the letter",
                day=signed,
                letter=letter,
            )
        )
    if "supplier_uscc" in typed and facts.supplier_uscc:
        result = check_uscc(facts.supplier_uscc)
        if not result.valid:
            raise ValueError(
                field_error(
                    "supplier_uscc",
                    "'%(code)s' is not a valid USCC: %(why)s",
                    code=facts.supplier_uscc,
                    why=Seq(p.message for p in result.problems),
                )
            )
