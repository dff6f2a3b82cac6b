"""Every message the record pages (buyer, contracts, amendments, orders, payments) can show for
bad input has its Chinese form: the FieldError sentences of the services, the custom checks of
the command models, and the names of the fields (also shown in the records' history)."""

from __future__ import annotations

import ast
from pathlib import Path

from disputedesk.services.records import errors
from disputedesk.services.records import models as m
from disputedesk.web.i18n import translations


def field_error_messages(source: Path) -> tuple[set[str], set[str]]:
    """(templates, field names) of every ``FieldError(field, message, …)`` in a module."""
    templates, fields = set(), set()
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "FieldError" and len(node.args) >= 2:
            field, msg = node.args[0], node.args[1]
            if isinstance(field, ast.Constant):
                fields.add(field.value)
            assert isinstance(msg, ast.Constant), f"{source.name} line {node.lineno}: the message must be a template"
            templates.add(msg.value)
    return templates, fields


MODULES = ("buyer", "contracts", "orders", "payments", "_common", "models")
COMMANDS = (
    m.SetBuyer,
    m.NewContract,
    m.ChangeContract,
    m.NewAmendment,
    m.NewOrder,
    m.ChangeOrder,
    m.NewPayment,
    m.ChangePayment,
)


def test_every_bad_input_message_of_the_records_is_translated() -> None:
    templates: set[str] = set()
    fields: set[str] = set()
    for name in MODULES:
        t, f = field_error_messages(Path(m.__file__).with_name(f"{name}.py"))
        templates |= t
        fields |= f
    assert len(templates) >= 20
    templates |= set(errors._OWN.values()) | {t for t, _ in errors._PYDANTIC.values()}
    for cmd in COMMANDS:
        fields |= set(cmd.model_fields)
    zh = translations("zh")
    missing = sorted(t for t in templates if zh.gettext(t) == t)
    missing += sorted(f for f in fields if zh.gettext(f.replace("_", " ")) == f.replace("_", " "))
    assert missing == []
