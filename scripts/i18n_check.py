"""List interface strings: every _("…") in the templates, every T("…") sentence the Python code
writes (``domain/text.py``: message id + parameters, rendered in the reader's language at the
edge) plus the dynamic ones (kinds, statuses).

Used by the unit test that requires a Chinese translation for each, and by developers:
`python scripts/i18n_check.py` prints the msgids that the zh catalogue lacks.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

# Values shown through _(value) in templates.
DYNAMIC = [
    "correspondence", "contract", "amendment", "delivery note", "invoice", "payment proof", "photo/video",
    "log file", "generated document", "other", "imported", "duplicate", "failed", "open", "closed",
    "critical", "high", "normal", "low", "resolved", "owner", "member", "counsel", "viewer", "case", "workspace",
    "delivery", "acceptance", "installation", "signing",
]  # fmt: skip


def template_msgids() -> set[str]:
    root = Path(str(resources.files("disputedesk.web") / "templates"))
    ids = set()
    for _fn, _line, msg, _comments, _ctx in extract_from_dir(
        str(root), method_map=[("**.html", "jinja2")], options_map={"**.html": {}}
    ):
        ids.add(msg if isinstance(msg, str) else msg[0])
    return ids | set(DYNAMIC) | code_msgids()


def code_msgids() -> set[str]:
    """Message ids of the sentences the code writes: ``T("…")`` calls in the package's modules, and
    the message of ``field_error("field", "…")``."""
    root = Path(str(resources.files("disputedesk")))
    ids = set()
    for _fn, _line, msg, _comments, _ctx in extract_from_dir(
        str(root), method_map=[("**.py", "python")], keywords={"T": None, "field_error": (2,)}
    ):
        ids.add(msg if isinstance(msg, str) else msg[0])
    return ids


def missing(lang: str = "zh") -> list[str]:
    folder = resources.files("disputedesk.web") / "locales" / lang / "LC_MESSAGES"
    have: set[str] = set()
    for po in folder.iterdir():
        if po.name.endswith(".po"):
            with po.open("rb") as f:
                for m in read_po(f):
                    # a plural entry's id and string are tuples (singular, plural) / (forms…)
                    forms = m.string if isinstance(m.string, tuple) else (m.string,)
                    if m.id and all(forms):
                        have.add(m.id if isinstance(m.id, str) else m.id[0])
    return sorted(template_msgids() - have)


if __name__ == "__main__":
    gaps = missing()
    for g in gaps:
        print(g)
    sys.exit(1 if gaps else 0)
