"""Typed commands shared by the JSON API, the page forms and the CLI: the helper that reads a form
or a CLI's options as a command. The commands themselves live with their use cases
(``services/<area>/commands.py``; ``services/records/request_models.py`` for support requests)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .records.errors import from_validation

C = TypeVar("C", bound=BaseModel)


def check(model: type[C], data: Mapping[str, Any]) -> C:
    """``data`` as the command; a missing, unknown or bad field is a ``FieldError`` (a ValueError,
    ``"<field>: …"``, the same one-line message the services give; a page says it in its language)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None


def filled(form: Mapping[str, Any]) -> dict[str, Any]:
    """A form's fields without the empty ones (an empty box is a field not given)."""
    return {k: v for k, v in form.items() if not (isinstance(v, str) and not v.strip())}
