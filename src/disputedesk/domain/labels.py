"""Evidence labels: the one rule for ``E-0042``.

An evidence item's number is shown as ``E-`` and at least four digits (``E-0042``, ``E-12345``).
What a person types is read leniently: surrounding blanks and the case of the ``E`` do not
matter, nor do missing leading zeros (``e-42`` is ``E-0042``); more than nine digits is not a
label (nine is far beyond any workspace and keeps the number inside a database integer).

Before this module there were seven regular expressions with three rules: most services read
leniently as above; the SLA calendar's evidence references and the counsel share scope refused
a lower-case ``e``; the domain checks (``ladder``, ``claims``, ``suppliers``) accepted any number
of digits but required the written form. The lenient reading was kept for input because every
lookup by label (``services.evidence``) already used it, so a label a page accepts is never
refused elsewhere; the domain keeps its stricter check of the *written* form
(:func:`is_written_label`), now with the same nine-digit bound.
"""

from __future__ import annotations

import re

_LABEL = re.compile(r"^E-(\d{1,9})$")


def evidence_label(number: int) -> str:
    """The label of evidence number ``number``: ``E-0042``."""
    return f"E-{number:04d}"


def evidence_number(text: object) -> int | None:
    """The number in a label as a person types it (``E-0042``, ``e-42``, `` E-42 ``), else None."""
    if not isinstance(text, str):
        return None
    m = _LABEL.match(text.strip().upper())
    return int(m.group(1)) if m else None


def normal_label(text: object) -> str | None:
    """A typed label in its written form (``e-42`` → ``E-0042``), else None."""
    n = evidence_number(text)
    return None if n is None else evidence_label(n)


def is_written_label(text: object) -> bool:
    """True for a label in its written form exactly (what the domain stores and checks)."""
    return isinstance(text, str) and normal_label(text) == text
