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
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .text import Quoted, field_error

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
            raise ValueError(field_error(name, "%(value)s is not a date in the form YYYY-MM-DD", value=Quoted(value)))
        try:
            d = date.fromisoformat(text)
        except ValueError:
            raise ValueError(field_error(name, "%(value)s is not a real calendar date", value=Quoted(value))) from None
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


# -- a date or time the user says already happened ----------------------------------------------
# A request opened, a contract signed, a payment made, a rate fixed: none of these can lie ahead of
# now, and a slip such as 2031 for 2021 would otherwise give nonsense SLA figures and deadlines.
# Legal deadlines, cure periods and an amendment's effective date may lie ahead and are not checked.
#
# Tolerance, chosen so that nothing true is refused:
# - a calendar day (no zone) is in the future only once it has not begun anywhere on Earth: the
#   user or the sender may sit in a zone ahead of the server's (UTC+14 is the earliest, Kiribati),
#   e.g. a payment made on Monday morning in Auckland while it is still Sunday in UTC and China;
# - a time with its UTC offset names one instant, so a zone ahead does not move it; it may be up
#   to 10 minutes ahead of the server's clock (the user's device, a mail server or ours running a
#   little fast, a time typed to the next minute).
EARLIEST_ZONE = timedelta(hours=14)
CLOCK_SKEW = timedelta(minutes=10)


def latest_day(now: datetime) -> date:
    """The last calendar day that has begun somewhere on Earth at ``now`` (aware)."""
    return (now.astimezone(UTC) + EARLIEST_ZONE).date()


def is_future(value: date | datetime, now: datetime) -> bool:
    """``value`` lies ahead of ``now`` beyond the tolerance above (a day or an aware time)."""
    if isinstance(value, datetime):
        return value > now + CLOCK_SKEW
    return value > latest_day(now)
