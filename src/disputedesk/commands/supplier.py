"""``disputedesk supplier …``: supplier checks that need no database.

* ``check-uscc CODE``: is a Unified Social Credit Code well formed, and if not, why not
  (exit 0 valid, 2 invalid).
* ``check-csv FILE``: validate a supplier CSV (encoding, columns, every row) without
  importing it (exit 0 clean, 2 with the errors by row and column).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..domain.uscc import UsccResult, check_uscc
from ..ingest.supplier_csv import parse_supplier_csv

supplier_app = typer.Typer(help="Suppliers: USCC check, CSV validation.", no_args_is_help=True)


def _uscc_json(res: UsccResult) -> dict[str, object]:
    parts = res.parts
    return {
        "input": res.input,
        "code": res.code,
        "valid": res.valid,
        "reason": res.reason,
        "problems": [{"kind": p.kind, "position": p.position, "message": p.message} for p in res.problems],
        "expected_check_character": res.expected_check_character,
        "warnings": list(res.warnings),
        "notes": list(res.notes),
        "standard": res.standard,
        "parts": None
        if parts is None
        else {
            "registration_authority": {"code": parts.authority_code, "meaning": parts.authority},
            "entity_type": {"code": parts.entity_type_code, "meaning": parts.entity_type},
            "division": {
                "code": parts.division.code,
                "province": parts.division.province,
                "name": parts.division.name,
                "note": parts.division.note,
            },
            "organisation_code": parts.organisation_code,
            "check_character": parts.check_character,
        },
    }


@supplier_app.command("check-uscc")
def check_uscc_cmd(
    code: str = typer.Argument(..., help="The 18-character Unified Social Credit Code (统一社会信用代码)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Check a Unified Social Credit Code; say why it is invalid. Exit 2 when invalid."""
    res = check_uscc(code)
    if as_json:
        typer.echo(json.dumps(_uscc_json(res), ensure_ascii=False, indent=2))
        if not res.valid:
            raise typer.Exit(2)
        return
    if not res.valid:
        typer.echo(f"uscc: {res.code or code!r} is INVALID: {res.reason}", err=True)
        raise typer.Exit(2)
    p = res.parts
    assert p is not None
    typer.echo(f"{res.code}: valid (check character {p.check_character}; {res.standard})")
    typer.echo(f"  registration authority {p.authority_code}: {p.authority or 'unknown'}")
    typer.echo(f"  entity type {p.entity_type_code}: {p.entity_type or 'unknown'}")
    names = [p.division.province, p.division.name]
    where = " ".join(dict.fromkeys(n for n in names if n)) or "unknown division"
    typer.echo(f"  registered in {p.division.code}: {where}")
    typer.echo(f"  organisation code {p.organisation_code}")
    for n in res.notes:
        typer.echo(f"  note: {n}")
    for w in res.warnings:
        typer.echo(f"  warning: {w}")
    typer.echo("  A valid code is well formed; check on the official registry that it belongs to this supplier.")


@supplier_app.command("check-csv")
def check_csv_cmd(
    path: Path = typer.Argument(..., help="Supplier CSV (UTF-8, UTF-8 with BOM, or GBK/GB18030 from Excel)."),
) -> None:
    """Validate a supplier CSV without importing it. Exit 2 when anything is wrong."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        typer.echo(f"{path}: cannot read: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from exc
    result = parse_supplier_csv(data, source=str(path))
    for w in result.warnings:
        typer.echo(f"{path}: warning: {w}", err=True)
    if not result.ok:
        for e in result.errors:
            typer.echo(f"{path}: {e}", err=True)
        typer.echo(f"{path}: {len(result.errors)} error(s); nothing would be imported", err=True)
        raise typer.Exit(2)
    typer.echo(f"{path}: {len(result.rows)} supplier(s) OK (encoding {result.encoding})")
    for row in result.rows:
        typer.echo(f"  {row.uscc}  {row.legal_name_zh}" + (f"  ({row.legal_name_en})" if row.legal_name_en else ""))


def register(app: typer.Typer) -> None:
    app.add_typer(supplier_app, name="supplier")
