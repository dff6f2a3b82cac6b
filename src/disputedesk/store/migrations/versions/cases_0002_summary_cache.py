"""cases: a per-day cache of each case's list row

Revision ID: cases_0002
Revises: cases_0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "cases_0002"
down_revision = "cases_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_summary_cache",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_summary_cache_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_case_summary_cache_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_summary_cache")),
    )
    op.create_index(op.f("ix_case_summary_cache_workspace_id"), "case_summary_cache", ["workspace_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_case_summary_cache_workspace_id"), table_name="case_summary_cache")
    op.drop_table("case_summary_cache")
