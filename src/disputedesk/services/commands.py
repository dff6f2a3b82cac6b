"""Typed commands shared by the JSON API, the page forms and the CLI: the helper that reads a form
or a CLI's options as a command. The commands themselves live with their use cases
(``services/<area>/commands.py``; ``services/records/request_models.py`` for support requests)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

C = TypeVar("C", bound=BaseModel)


def check(model: type[C], data: dict[str, Any]) -> C:
    """``data`` as the command; a missing, unknown or bad field is ``ValueError("<field>: …")``,
    the same one-line message the services give."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(x) for x in first["loc"]) or "form"
        words = {"missing": "required", "extra_forbidden": "unknown field"}.get(first["type"], first["msg"])
        raise ValueError(f"{field}: {words}") from None
