"""documents: evidence notes, generated letters, bundle exports

Revision ID: documents_0001
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

import disputedesk.store.types

revision = "documents_0001"
down_revision = "0002"
branch_labels = ("documents",)
depends_on = None

UTC = disputedesk.store.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "doc_evidence_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("proves_en", sa.Text(), nullable=True),
        sa.Column("proves_zh", sa.Text(), nullable=True),
        sa.Column("translation_zh", sa.Text(), nullable=True),
        sa.Column("certified_translation_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_doc_evidence_notes_workspace_id_workspaces"
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["evidence_items.id"], name="fk_doc_evidence_notes_evidence_id_evidence_items"
        ),
        sa.ForeignKeyConstraint(
            ["certified_translation_id"],
            ["evidence_items.id"],
            name="fk_doc_evidence_notes_certified_translation_id_evidence_items",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_doc_evidence_notes"),
        sa.UniqueConstraint("workspace_id", "evidence_id", name="uq_doc_evidence_notes_workspace_id"),
    )
    op.create_index("ix_doc_evidence_notes_workspace_id", "doc_evidence_notes", ["workspace_id"])
    op.create_index("ix_doc_evidence_notes_evidence_id", "doc_evidence_notes", ["evidence_id"])
    op.create_table(
        "doc_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("lang", sa.String(10), nullable=False),
        sa.Column("layout", sa.String(20), nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("case_ref", sa.String(80), nullable=True),
        sa.Column("reference", sa.String(80), nullable=False),
        sa.Column("missing", sa.JSON(), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("sent_channel", sa.String(100), nullable=True),
        sa.Column("sent_to", sa.String(300), nullable=True),
        sa.Column("sent_proof_id", sa.Integer(), nullable=True),
        sa.Column("sent_note", sa.Text(), nullable=True),
        sa.Column("sent_recorded_at", UTC, nullable=True),
        sa.Column("sent_by", sa.String(200), nullable=True),
        sa.Column("ladder_step", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"], name="fk_doc_letters_workspace_id_workspaces"),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["evidence_items.id"], name="fk_doc_letters_evidence_id_evidence_items"
        ),
        sa.ForeignKeyConstraint(
            ["sent_proof_id"], ["evidence_items.id"], name="fk_doc_letters_sent_proof_id_evidence_items"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_doc_letters"),
    )
    op.create_index("ix_doc_letters_workspace_id", "doc_letters", ["workspace_id"])
    op.create_index("ix_doc_letters_evidence_id", "doc_letters", ["evidence_id"])
    op.create_table(
        "doc_bundle_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("selection", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("stage", sa.String(60), nullable=True),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(300), nullable=True),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("items", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("finished_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_doc_bundle_exports_workspace_id_workspaces"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_doc_bundle_exports"),
    )
    op.create_index("ix_doc_bundle_exports_workspace_id", "doc_bundle_exports", ["workspace_id"])


def downgrade() -> None:
    op.drop_table("doc_bundle_exports")
    op.drop_table("doc_letters")
    op.drop_table("doc_evidence_notes")
