"""Importing evidence: files, folders, mailboxes and IMAP folders into the vault.

* ``candidates.py`` – what an import takes and reports (``Candidate``, ``Outcome``,
  ``ImportReport``) and its first stage, collect (files and folders into candidates);
* ``pipeline.py`` – the stages every candidate then goes through (store, flush, record, anchor);
* ``mail.py``     – what the pipeline does with mail and chat files (expanding a mailbox into
  messages, parties, search terms);
* ``chat_dates.py`` – the day/month order of a chat export's dates, chosen or assumed, and reading
  them again when the same export comes with another order;
* ``imap.py``     – an IMAP folder as a source of candidates, remembered by UID;
* ``sources.py``  – ``import_paths`` (files, folders and ``imap://`` URLs) and ``import_imap``.
"""

from __future__ import annotations

from .candidates import (
    DESCRIPTION_LIMIT,
    DUPLICATE,
    FAILED,
    IMPORTED,
    Candidate,
    ImportReport,
    Outcome,
    chat_zone,
    check_description,
    collect_paths,
)
from .chat_dates import chat_date_order
from .imap import ImapSource, imap_source, is_imap_url, parse_imap_url
from .pipeline import import_candidates
from .sources import import_imap, import_paths

__all__ = [
    "DESCRIPTION_LIMIT",
    "DUPLICATE",
    "FAILED",
    "IMPORTED",
    "Candidate",
    "ImapSource",
    "ImportReport",
    "Outcome",
    "chat_date_order",
    "chat_zone",
    "check_description",
    "collect_paths",
    "imap_source",
    "import_candidates",
    "import_imap",
    "import_paths",
    "is_imap_url",
    "parse_imap_url",
]
