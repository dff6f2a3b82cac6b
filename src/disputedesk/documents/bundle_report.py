"""The report of a bundle check: its lines (:class:`Line`, English text with a code and the
parameters it was written from), the ledger's hash definition, and JSON-lines reading. Python
standard library only: every bundle carries a copy (``tools/bundle_report.py``) beside
``verify_bundle.py``, which explains what is checked."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64
TAG_TEXT_LIMIT = 256 * 1024 * 1024  # manifests and ledger files are read into memory up to this size


class Line(str):
    """One line of the report: its English text (what this program prints), a short ``code`` for
    the kind of finding, the English sentence with ``%(name)s`` placeholders (``msgid``, the key of
    its translations) and the ``params`` it was written from; a parameter is data (a file name, a
    hash, a number) or a nested :class:`Line`."""

    code: str
    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, params: dict[str, Any] | None = None, code: str = "") -> Line:
        params = dict(params or {})
        obj = super().__new__(cls, msgid % {k: str(v) for k, v in params.items()} if params else msgid)
        obj.code, obj.msgid, obj.params = code, msgid, params
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Line, (self.msgid, self.params, self.code))

    def coded(self, code: str) -> Line:
        return Line(self.msgid, self.params, code)

    def map_data(self, fn: Any) -> Line:
        """The same line with every text parameter passed through ``fn`` (nested lines too)."""
        params = {
            k: v.map_data(fn) if isinstance(v, Line) else fn(v) if isinstance(v, str) else v
            for k, v in self.params.items()
        }
        return Line(self.msgid, params, self.code)

    def as_dict(self) -> dict[str, Any]:
        params = {k: v.as_dict() if isinstance(v, Line) else v for k, v in self.params.items()}
        return {"code": self.code, "params": params, "text": str(self)}


def T(msgid: str, /, **params: Any) -> Line:  # noqa: N802 - the catalogue's marker (scripts/i18n_check.py)
    return Line(msgid, params)


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(e: dict[str, Any]) -> str:
    body = {
        "seq": e["seq"],
        "workspace": e["workspace"],
        "at": e["at"],
        "actor": e["actor"],
        "action": e["action"],
        "subject": e["subject"],
        "payload": e["payload"],
        "prev": e["prev_hash"],
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


@dataclass
class BundleReport:
    path: str
    problems: list[Line] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    items: int = 0
    ledger_entries: int = 0
    ledger_head: str | None = None
    bag_info: dict[str, str] = field(default_factory=dict)
    timestamps: list[Line] = field(default_factory=list)  # what each trusted timestamp proves
    notes: list[Line] = field(default_factory=list)

    def problem(self, code: str, line: Line) -> None:
        self.problems.append(line.coded(code))

    def note(self, code: str, line: Line) -> None:
        self.notes.append(line.coded(code))

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "problems": self.problems,
            "files": self.files,
            "bytes": self.bytes,
            "items": self.items,
            "ledger_entries": self.ledger_entries,
            "ledger_head": self.ledger_head,
            "timestamps": self.timestamps,
            "notes": self.notes,
            # the same lines with their codes and parameters, for a reader in another language
            "lines": {
                "problems": [x.as_dict() for x in self.problems],
                "timestamps": [x.as_dict() for x in self.timestamps],
                "notes": [x.as_dict() for x in self.notes],
            },
        }


def _jsonl(raw: str | None, name: str, report: BundleReport) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if raw is None:
        report.problem("missing", T("%(file)s: missing", file=name))
        return rows
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            report.problem("not_json", T("%(file)s line %(line)s: not JSON", file=name, line=n))
            continue
        if isinstance(obj, dict):
            rows.append(obj)
    return rows
