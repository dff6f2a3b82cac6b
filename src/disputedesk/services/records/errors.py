"""Bad input to a record: the field and what is wrong with it.

A ``FieldError`` is a ``ValueError`` (so the CLI's and the forms' existing handling shows it as
one line / a message on the form), and the web app answers it with a 422 whose JSON names the
field, like FastAPI's own validation errors (``{"error": "supplier: …", "field": "supplier"}``).
"""

from __future__ import annotations

from pydantic import ValidationError


class FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def from_validation(exc: ValidationError) -> FieldError:
    """The first problem of a Pydantic validation error as a FieldError (for the CLI and forms)."""
    first = exc.errors()[0] if exc.errors() else {}
    loc = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path"))
    return FieldError(loc or "request", str(first.get("msg", "invalid")))
