"""SLA: support terms, supplier calendars, request events, evaluation runs and results

Revision ID: sla_0001
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

import disputedesk.store.types

revision = "sla_0001"
down_revision = "0002"
branch_labels = ("sla",)
depends_on = None

UTC = disputedesk.store.types.UTCDateTime(timezone=True)


def _ws(table: str) -> sa.Column:
    return sa.Column(
        "workspace_id",
        sa.Integer(),
        sa.ForeignKey("workspaces.id", name=f"fk_{table}_workspace_id_workspaces"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "sla_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        _ws("sla_terms"),
        sa.Column("scope_key", sa.String(length=120), nullable=False),
        sa.Column(
            "contract_id",
            sa.Integer(),
            sa.ForeignKey("contracts.id", name="fk_sla_terms_contract_id_contracts"),
            nullable=True,
        ),
        sa.Column(
            "supplier_id",
            sa.Integer(),
            sa.ForeignKey("organizations.id", name="fk_sla_terms_supplier_id_organizations"),
            nullable=True,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_from", UTC, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("confirmed_at", UTC, nullable=True),
        sa.Column("confirmed_by", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sla_terms"),
        sa.UniqueConstraint("workspace_id", "scope_key", "version", name="uq_sla_terms_scope_version"),
    )
    op.create_index("ix_sla_terms_workspace_id", "sla_terms", ["workspace_id"])
    op.create_index("ix_sla_terms_contract_id", "sla_terms", ["contract_id"])
    op.create_index("ix_sla_terms_supplier_id", "sla_terms", ["supplier_id"])
    op.create_table(
        "sla_calendars",
        sa.Column("id", sa.Integer(), nullable=False),
        _ws("sla_calendars"),
        sa.Column(
            "supplier_id",
            sa.Integer(),
            sa.ForeignKey("organizations.id", name="fk_sla_calendars_supplier_id_organizations"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_from", UTC, nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("calendar_version", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sla_calendars"),
        sa.UniqueConstraint("workspace_id", "supplier_id", "version", name="uq_sla_calendars_version"),
    )
    op.create_index("ix_sla_calendars_workspace_id", "sla_calendars", ["workspace_id"])
    op.create_index("ix_sla_calendars_supplier_id", "sla_calendars", ["supplier_id"])
    op.create_table(
        "sla_events",
        sa.Column("id", sa.Integer(), nullable=False),
        _ws("sla_events"),
        sa.Column(
            "support_request_id",
            sa.Integer(),
            sa.ForeignKey("support_requests.id", name="fk_sla_events_support_request_id_support_requests"),
            nullable=False,
        ),
        sa.Column("at", UTC, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sla_events"),
    )
    op.create_index("ix_sla_events_workspace_id", "sla_events", ["workspace_id"])
    op.create_index("ix_sla_events_support_request_id", "sla_events", ["support_request_id"])
    op.create_table(
        "sla_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        _ws("sla_runs"),
        sa.Column("started_at", UTC, nullable=False),
        sa.Column("as_of", UTC, nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sla_runs"),
    )
    op.create_index("ix_sla_runs_workspace_id", "sla_runs", ["workspace_id"])
    op.create_table(
        "sla_results",
        sa.Column("id", sa.Integer(), nullable=False),
        _ws("sla_results"),
        sa.Column(
            "support_request_id",
            sa.Integer(),
            sa.ForeignKey("support_requests.id", name="fk_sla_results_support_request_id_support_requests"),
            nullable=False,
        ),
        sa.Column(
            "supplier_id",
            sa.Integer(),
            sa.ForeignKey("organizations.id", name="fk_sla_results_supplier_id_organizations"),
            nullable=True,
        ),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("opened_at", UTC, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("breaches", sa.Integer(), nullable=False),
        sa.Column("next_deadline", UTC, nullable=True),
        sa.Column("next_kind", sa.String(length=40), nullable=True),
        sa.Column("first_response_seconds", sa.Integer(), nullable=True),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("calendar_version", sa.String(length=120), nullable=True),
        sa.Column(
            "terms_id",
            sa.Integer(),
            sa.ForeignKey("sla_terms.id", name="fk_sla_results_terms_id_sla_terms"),
            nullable=True,
        ),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("as_of", UTC, nullable=False),
        sa.Column(
            "run_id", sa.Integer(), sa.ForeignKey("sla_runs.id", name="fk_sla_results_run_id_sla_runs"), nullable=True
        ),
        sa.PrimaryKeyConstraint("id", name="pk_sla_results"),
        sa.UniqueConstraint("workspace_id", "support_request_id", name="uq_sla_results_request"),
    )
    op.create_index("ix_sla_results_workspace_id", "sla_results", ["workspace_id"])
    op.create_index("ix_sla_results_status", "sla_results", ["workspace_id", "status"])


def downgrade() -> None:
    for t in ("sla_results", "sla_runs", "sla_events", "sla_calendars", "sla_terms"):
        op.drop_table(t)
