"""Letters from the case's facts: gather the facts, render, keep the letter as evidence, mark it sent.

Facts come from whatever the workspace has: parties, contracts, orders, payments, deliveries,
support requests and evidence (foundation tables); the case's ladder, claims and issues
(``services.cases``) and the SLA engine's breaches (``services.sla``) when those areas are
present. Whatever is not known is reported by name (``Letter.missing``), never left blank.
"""

from __future__ import annotations

from .facts import (  # noqa: F401
    gather_facts,
)
from .render import (  # noqa: F401
    MEDIA,
    Rendered,
    StoredLetter,
    keep_letter,
    render_letter,
)
from .sent import (  # noqa: F401
    LetterView,
    get_letter,
    list_letters,
    mark_sent,
)
from .subject import (  # noqa: F401
    DEADLINE_ZH,
    FORMATS,
    LANGS,
    LAYOUTS,
    SHANGHAI,
    LetterError,
    Subject,
    resolve_subject,
    sender_today,
    sender_zone,
)
