"""mail: threads, message details, search index (FTS5 / tsvector+GIN), IMAP sync state

Revision ID: mail_0001
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

import disputedesk.store.types

revision = "mail_0001"
down_revision = "0002"
branch_labels = ("mail",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("root_key", sa.String(length=1000), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("first_at", disputedesk.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_at", disputedesk.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("message_count", sa.Integer(), nullable=False),
        sa.Column("by_subject", sa.Boolean(), nullable=False),
        sa.Column("missing", sa.Integer(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("support_request_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["organizations.id"], name=op.f("fk_mail_threads_supplier_id_organizations")
        ),
        sa.ForeignKeyConstraint(
            ["support_request_id"],
            ["support_requests.id"],
            name=op.f("fk_mail_threads_support_request_id_support_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_mail_threads_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_threads")),
        sa.UniqueConstraint("workspace_id", "root_key", name="uq_mail_threads_workspace_root"),
    )
    op.create_index(op.f("ix_mail_threads_workspace_id"), "mail_threads", ["workspace_id"])
    op.create_index(op.f("ix_mail_threads_support_request_id"), "mail_threads", ["support_request_id"])

    op.create_table(
        "mail_message_meta",
        sa.Column("message_pk", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=True),
        sa.Column("thread_parent_pk", sa.Integer(), nullable=True),
        sa.Column("thread_depth", sa.Integer(), nullable=False),
        sa.Column("thread_by_subject", sa.Boolean(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("has_attachments", sa.Boolean(), nullable=False),
        sa.Column("auto_reply", sa.Boolean(), nullable=False),
        sa.Column("references", sa.JSON(), nullable=False),
        sa.Column("from_addr", sa.String(length=500), nullable=True),
        sa.Column("from_name", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["message_pk"], ["messages.id"], name=op.f("fk_mail_message_meta_message_pk_messages")),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["organizations.id"], name=op.f("fk_mail_message_meta_supplier_id_organizations")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"], ["mail_threads.id"], name=op.f("fk_mail_message_meta_thread_id_mail_threads")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_mail_message_meta_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("message_pk", name=op.f("pk_mail_message_meta")),
    )
    op.create_index(op.f("ix_mail_message_meta_workspace_id"), "mail_message_meta", ["workspace_id"])
    op.create_index(op.f("ix_mail_message_meta_thread_id"), "mail_message_meta", ["thread_id"])
    op.create_index(op.f("ix_mail_message_meta_supplier_id"), "mail_message_meta", ["supplier_id"])

    op.create_table(
        "mail_search_docs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("message_pk", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["message_pk"], ["messages.id"], name=op.f("fk_mail_search_docs_message_pk_messages")),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_mail_search_docs_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_search_docs")),
    )
    op.create_index(op.f("ix_mail_search_docs_workspace_id"), "mail_search_docs", ["workspace_id"])
    op.create_index(op.f("ix_mail_search_docs_evidence_id"), "mail_search_docs", ["evidence_id"])
    op.create_index(op.f("ix_mail_search_docs_message_pk"), "mail_search_docs", ["message_pk"])
    op.create_index("ix_mail_search_docs_ws_kind", "mail_search_docs", ["workspace_id", "kind"])

    op.create_table(
        "mail_imap_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=500), nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("synced_at", disputedesk.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_mail_imap_state_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_imap_state")),
        sa.UniqueConstraint("workspace_id", "account", "folder", name="uq_mail_imap_state_folder"),
    )
    op.create_index(op.f("ix_mail_imap_state_workspace_id"), "mail_imap_state", ["workspace_id"])

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # Exact lexemes (no parser, no stemming): the terms are already normalised in Python.
        op.execute("ALTER TABLE mail_search_docs ADD COLUMN tsv tsvector")
        op.execute("CREATE INDEX ix_mail_search_docs_tsv ON mail_search_docs USING gin (tsv)")
    else:
        # Contentless FTS5 keyed by mail_search_docs.id; 'ascii' splits exactly at the spaces the
        # normaliser puts between terms (every non-ASCII character is a token character).
        op.execute("CREATE VIRTUAL TABLE mail_search_fts USING fts5(terms, content='', tokenize='ascii')")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS mail_search_fts")
    op.drop_table("mail_imap_state")
    op.drop_table("mail_search_docs")
    op.drop_table("mail_message_meta")
    op.drop_table("mail_threads")
