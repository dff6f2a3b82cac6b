"""What an import takes and what it reports, and its first stage, **collect**.

* ``Candidate``: one file to import (a display name, where it came from, how to open it; a mail
  source's time zone or Maildir folder);
* ``collect_paths``: files and folders expanded into candidates (folders walked sorted, symlinked
  folders not followed, a Maildir folder kept whole); a path that does not exist is reported as
  failed and the others go on;
* ``Outcome`` (imported, duplicate or failed, with its reason) and ``ImportReport``: what the
  pipeline (``pipeline.py``: store, flush, record, anchor) says of each candidate.

Split out of pipeline.py by use case (DESIGN.md: modules of about 600 lines at most): the sources
(``sources.py``, ``imap.py``) make candidates, the pipeline consumes them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ...domain.text import Quoted, T, field_error
from ...ingest.mail import is_maildir

IMPORTED, DUPLICATE, FAILED = "imported", "duplicate", "failed"


@dataclass
class Outcome:
    name: str
    source: str
    status: str
    evidence: str | None = None  # E-0001 (the new item, or the existing one for a duplicate)
    sha256: str | None = None
    size: int = 0
    reason: str | None = None


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def imported(self) -> int:
        return self.count(IMPORTED)

    @property
    def duplicates(self) -> int:
        return self.count(DUPLICATE)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    @property
    def bytes_imported(self) -> int:
        return sum(o.size for o in self.outcomes if o.status == IMPORTED)

    def as_dict(self) -> dict[str, object]:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "items": [o.__dict__ for o in self.outcomes],
        }


@dataclass
class Candidate:
    """One file to import: a display name, where it came from, and how to open it."""

    name: str
    source: str
    open: Callable[[], BinaryIO]
    size_hint: int | None = None
    kind: str | None = None
    description: str | None = None
    parent_number: int | None = None
    # Mail sources: the time zone of chat exports in local time (WhatsApp), the day/month order
    # chosen for their dates that read two ways ("dmy"/"mdy", None: the file's, else assumed), a Maildir folder.
    tz: tzinfo | None = None
    date_order: str | None = None
    maildir: Path | None = None


#: The longest description of an import: the upload form caps it so, and every way in (page, API,
#: CLI, a queued import) refuses more rather than cutting it (as for notes).
DESCRIPTION_LIMIT = 2000


def check_description(value: str | None) -> None:
    """An import's description longer than :data:`DESCRIPTION_LIMIT`: a ValueError naming
    ``description``, said before anything is stored."""
    if value and len(value.strip()) > DESCRIPTION_LIMIT:
        raise ValueError(field_error("description", "longer than %(limit)s characters", limit=DESCRIPTION_LIMIT))


def chat_zone(value: str | None) -> tzinfo | None:
    """The zone of a chat export's local times as given at import (``chat_time_zone``: the phone's
    zone, e.g. Asia/Shanghai), or None when left empty (then the company's zone is assumed)."""
    name = (value or "").strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        from ..records.errors import FieldError

        raise FieldError(
            "chat_time_zone", "{value} is not a time zone such as Europe/Berlin or Asia/Shanghai", value=Quoted(name)
        ) from None


def collect_paths(paths: Iterable[Path], report: ImportReport) -> Iterator[Candidate]:
    """Expand files and folders into candidates; missing paths are reported as failed."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            report.outcomes.append(Outcome(p.name, str(p), FAILED, reason=T("does not exist")))
            continue
        if _is_maildir_root(p):
            yield Candidate(name=p.name, source=str(p.resolve()), open=_no_stream, maildir=p)
        elif p.is_dir():
            # resolve the folder once; the files below it are joined to it (no lstat per file)
            for root, dirs, names in os.walk(p.resolve()):
                dirs.sort()
                for d in list(dirs):
                    sub = Path(root) / d
                    if not sub.is_symlink() and _is_maildir_root(sub):
                        dirs.remove(d)
                        yield Candidate(name=d, source=str(sub.resolve()), open=_no_stream, maildir=sub)
                for n in sorted(names):
                    yield _file_candidate(Path(root) / n)
        else:
            yield _file_candidate(p)


def _is_maildir_root(p: Path) -> bool:
    """A folder with its own cur/ or new/ (a folder that merely contains one is walked)."""
    return p.is_dir() and ((p / "cur").is_dir() or (p / "new").is_dir()) and is_maildir(p)


def _no_stream() -> BinaryIO:
    raise IsADirectoryError("a Maildir folder has no stream of its own")


def _file_candidate(p: Path) -> Candidate:
    src = str(p) if p.is_absolute() else os.path.abspath(p)
    return Candidate(name=p.name, source=src, open=lambda p=p: open(p, "rb"))  # type: ignore[misc]
