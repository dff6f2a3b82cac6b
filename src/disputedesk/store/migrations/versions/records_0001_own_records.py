"""records: the user's own contracts, amendments, orders, deliveries and payments

Revision ID: records_0001
Revises: 0002
Create Date: 2026-12-04

Adds what a contract, an amendment, a delivery and a payment recorded by hand need beyond the
demo's columns, and ``record_evidence`` (a record's evidence items: the signed contract and its
annexes, the delivery note, the acceptance report, the payment proof). Every new column is
nullable and added with ALTER TABLE … ADD COLUMN (on SQLite too: batch mode would copy and drop
tables that other rows point to).
"""

import sqlalchemy as sa
from alembic import op

revision = "records_0001"
down_revision = "0002"
branch_labels = ("records",)
depends_on = None

_COLUMNS: dict[str, list[tuple[str, str, str | None]]] = {
    # table: (column, SQL type, referenced table)
    "contracts": [
        ("governing_law", "TEXT", None),
        ("dispute_clause", "TEXT", None),
        ("warranty_start", "VARCHAR(20)", None),
        ("inspection_days", "INTEGER", None),
        ("effective_on", "DATE", None),
        ("agreed_by", "VARCHAR(300)", None),
        ("unilateral", "BOOLEAN", None),
        ("archived", "BOOLEAN", None),
    ],
    "payments": [
        ("supplier_id", "INTEGER", "organizations"),
        ("contract_id", "INTEGER", "contracts"),
        ("account", "VARCHAR(300)", None),
    ],
    "deliveries": [
        ("accepted_on", "DATE", None),
    ],
}


def upgrade() -> None:
    for table, cols in _COLUMNS.items():
        for name, sql_type, ref in cols:
            ref_sql = f" REFERENCES {ref} (id)" if ref else ""
            op.execute(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}{ref_sql}")
    op.create_table(
        "record_evidence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspaces.id"), nullable=False, index=True),
        sa.Column("record_kind", sa.String(20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), sa.ForeignKey("evidence_items.id"), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.UniqueConstraint("record_kind", "record_id", "evidence_id", "role", name="uq_record_evidence"),
    )
    op.create_index("ix_record_evidence_record", "record_evidence", ["record_kind", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_record_evidence_record", "record_evidence")
    op.drop_table("record_evidence")
    for table, cols in _COLUMNS.items():
        for name, _, _ in reversed(cols):
            with op.batch_alter_table(table) as b:
                b.drop_column(name)
