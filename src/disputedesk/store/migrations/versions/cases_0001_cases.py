"""cases: case facts, links, escalation ladder steps, acknowledgements, claim heads, offers /
settlements / receipts, recorded exchange rates

Revision ID: cases_0001
Revises: 0002
Create Date: 2026-11-26 08:00:00
"""

import sqlalchemy as sa
from alembic import op

import disputedesk.store.types

revision = "cases_0001"
down_revision = "0002"
branch_labels = ("cases",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("base", sa.String(length=3), nullable=False),
        sa.Column("quote", sa.String(length=3), nullable=False),
        sa.Column("rate", disputedesk.store.types.ExactDecimal(length=40), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("created_at", disputedesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_exchange_rates_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rates")),
    )
    with op.batch_alter_table("exchange_rates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_rates_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "case_acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_acknowledgements_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["evidence_items.id"], name=op.f("fk_case_acknowledgements_evidence_id_evidence_items")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_case_acknowledgements_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_acknowledgements")),
    )
    with op.batch_alter_table("case_acknowledgements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_acknowledgements_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_acknowledgements_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "case_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("head_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("amount", disputedesk.store.types.ExactDecimal(length=40), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("basis", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=300), nullable=True),
        sa.Column("workings", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("created_at", disputedesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_claims_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_case_claims_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_claims")),
        sa.UniqueConstraint("case_id", "head_no", name=op.f("uq_case_claims_case_id")),
    )
    with op.batch_alter_table("case_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_claims_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_claims_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "case_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("issues", sa.JSON(), nullable=False),
        sa.Column("governing_law", sa.String(length=10), nullable=True),
        sa.Column("contract_type", sa.String(length=40), nullable=True),
        sa.Column("cisg_applies", sa.Boolean(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("inspection_period_days", sa.Integer(), nullable=True),
        sa.Column("warranty_months", sa.Integer(), nullable=True),
        sa.Column("warranty_starts_on", sa.Date(), nullable=True),
        sa.Column("knowledge_on", sa.Date(), nullable=True),
        sa.Column("award_performance_deadline", sa.Date(), nullable=True),
        sa.Column("platform_order", sa.Boolean(), nullable=False),
        sa.Column("receipt_confirmed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_facts_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_case_facts_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_facts")),
        sa.UniqueConstraint("case_id", name=op.f("uq_case_facts_case_id")),
    )
    with op.batch_alter_table("case_facts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_facts_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "case_money",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("amount", disputedesk.store.types.ExactDecimal(length=40), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", disputedesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_money_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_case_money_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_money")),
    )
    with op.batch_alter_table("case_money", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_money_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_money_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "case_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=40), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=100), nullable=False),
        sa.Column("recipient", sa.String(length=300), nullable=False),
        sa.Column("proof_evidence_id", sa.Integer(), nullable=True),
        sa.Column("response_window_days", sa.Integer(), nullable=True),
        sa.Column("cure_deadline", sa.Date(), nullable=True),
        sa.Column("reply_on", sa.Date(), nullable=True),
        sa.Column("reply_evidence_id", sa.Integer(), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", disputedesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_steps_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["proof_evidence_id"], ["evidence_items.id"], name=op.f("fk_case_steps_proof_evidence_id_evidence_items")
        ),
        sa.ForeignKeyConstraint(
            ["reply_evidence_id"], ["evidence_items.id"], name=op.f("fk_case_steps_reply_evidence_id_evidence_items")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_case_steps_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_steps")),
        sa.UniqueConstraint("case_id", "position", name=op.f("uq_case_steps_case_id")),
    )
    with op.batch_alter_table("case_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_steps_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_steps_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "case_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("support_request_id", sa.Integer(), nullable=True),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=300), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_links_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["evidence_items.id"], name=op.f("fk_case_links_evidence_id_evidence_items")
        ),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_case_links_order_id_orders")),
        sa.ForeignKeyConstraint(
            ["support_request_id"],
            ["support_requests.id"],
            name=op.f("fk_case_links_support_request_id_support_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_case_links_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_links")),
    )
    with op.batch_alter_table("case_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_links_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_links_workspace_id"), ["workspace_id"], unique=False)


def downgrade() -> None:
    for table in (
        "case_links",
        "case_steps",
        "case_money",
        "case_facts",
        "case_claims",
        "case_acknowledgements",
        "exchange_rates",
    ):
        op.drop_table(table)
