"""Support requests of the user's own dispute: open one by hand or from a mail thread, correct
it, link and unlink mail, close and reopen it, record the other SLA events.

The SLA engine (``services/sla``) evaluates whatever rows are here, exactly as the demo's: the
request's supplier, severity and opening time, the messages linked to it
(``messages.support_request_id``) and its events (``sla_events``). A request is numbered
``SR-0001`` … per workspace under the workspace lock (the unique constraint on the number is the
second guard), so two writers never get the same number.

* **From a thread.** A thread *looks like* a support request when its first dated message is from
  the buyer's side to a supplier (direction ``buyer->supplier``, or an unknown direction with the
  sender in one of the buyer's mail domains) and none of its messages is linked to a request yet.
  The request is opened at the buyer's first message of the thread; the thread is linked, so the
  messages imported into it later follow.
* **Links.** A thread is linked as a whole (its messages, and the later ones, follow it); single
  messages are linked one by one. A message of a thread linked as a whole cannot be unlinked on its
  own (the next import would link it again): unlink the thread, then link the messages wanted.
* **Closing** records a ``resolved`` event at the given time and marks the request resolved;
  **reopening** records a ``reopened`` event. The events are what the SLA engine reads, so a
  request closed, reopened and closed again is judged with both resolutions.
* **Severity** is one per request (the SLA engine judges a request under one severity): a change
  re-judges it under the new severity from its opening; the history keeps the old value.

Every change is one ledger entry (subject ``request:SR-0001``) with the old and new values; the
history shown on the request is read back from those entries.

One module per use case: ``opening`` (by hand, from a thread), ``changing`` (correct fields),
``links`` (link and unlink mail), ``status`` (close, reopen, other SLA events), ``reading`` (a
request, suggestions, what the forms offer, the JSON view); ``base`` has the lookups, the record
as shown and the one write path they share.
"""

from .base import CLOSED, subject
from .changing import change_request
from .links import link_mail, unlink_mail
from .opening import open_from_thread, open_request
from .reading import form_choices, get_request, request_json, suggestions, thread_preview
from .status import close_request, record_event, reopen_request

__all__ = [
    "CLOSED",
    "change_request",
    "close_request",
    "form_choices",
    "get_request",
    "link_mail",
    "open_from_thread",
    "open_request",
    "record_event",
    "reopen_request",
    "request_json",
    "subject",
    "suggestions",
    "thread_preview",
    "unlink_mail",
]
