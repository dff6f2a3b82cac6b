"""Calendar dates as people type them: the one rule for ``YYYY-MM-DD``.

A date is written ``YYYY-MM-DD`` (blanks around it do not matter), is a real calendar date, and
lies in the years 1950–2200; a ``date`` object is taken as it is (a ``datetime`` is not a date).
A bad date raises ``ValueError("<field>: …")`` naming the field.

Before this module the rule had three copies: the deadline facts (``domain/deadlines/facts.py``) and
the case forms (``services/cases``) had this one; the supplier profile, certifications, bank
accounts and reviews (``services/suppliers``) used :meth:`date.fromisoformat`, which since
Python 3.11 also takes ``20260301`` and week dates such as ``2026-W09-7`` and has no bounds. The
strict rule was kept: a date without dashes or a year like ``0226`` is far more often a typing
slip than meant, and the legal deadlines already depended on it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from .text import field_error

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIRST_YEAR, LAST_YEAR = 1950, 2200


def parse_day(value: Any, name: str, *, required: bool = False) -> date | None:
    """The date in ``value`` (the module's rule); blank is None, or an error when ``required``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValueError(field_error(name, "required (a date, YYYY-MM-DD)"))
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        d = value
    else:
        text = value.strip() if isinstance(value, str) else ""
        if not _ISO.match(text):
            raise ValueError(field_error(name, "%(value)s is not a date in the form YYYY-MM-DD", value=repr(value)))
        try:
            d = date.fromisoformat(text)
        except ValueError:
            raise ValueError(field_error(name, "%(value)s is not a real calendar date", value=repr(value))) from None
    if not FIRST_YEAR <= d.year <= LAST_YEAR:
        raise ValueError(
            field_error(
                name,
                "%(value)s is outside the years %(first)s–%(last)s",
                value=str(d),
                first=str(FIRST_YEAR),
                last=str(LAST_YEAR),
            )
        )
    return d
