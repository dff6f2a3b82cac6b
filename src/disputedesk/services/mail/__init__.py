"""Correspondence use cases: threads, search, chronology, directions, links to support requests.

Messages enter through the import pipeline (:mod:`services.imports`, which calls
:mod:`services.imports.mail`); this package works on what is recorded: ``threads`` (threading,
thread list and detail, chronology, linking), ``query`` (search: filters, ranked hits, counts),
``directions`` (who wrote to whom, links to requests), ``commands`` (typed API bodies).
"""

from __future__ import annotations

from ...domain.mail_search import DIRECTIONS  # noqa: F401
from .directions import (  # noqa: F401
    link_request_messages,
    refresh_directions,
    zone,
)
from .query import (  # noqa: F401
    RANK_WINDOW,
    Hit,
    SearchFilter,
    SearchResult,
    filter_choices,
    search,
    search_counted,
)
from .threads import (  # noqa: F401
    MessageView,
    ThreadDetail,
    ThreadSummary,
    chronology,
    link_thread,
    list_threads,
    rebuild_threads,
    thread_detail,
)
