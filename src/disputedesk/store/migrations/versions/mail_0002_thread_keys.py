"""mail: thread keys (incremental threading of new messages)

Revision ID: mail_0002
Revises: mail_0001

Messages already stored get their keys here, so the next import threads its new messages
against them (``services.mail.threads.thread_new_messages``).
"""

import sqlalchemy as sa
from alembic import op

revision = "mail_0002"
down_revision = "mail_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_thread_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("subject", sa.Boolean(), nullable=False),
        sa.Column("message_pk", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_mail_thread_keys_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_thread_keys")),
    )
    op.create_index("ix_mail_thread_keys_lookup", "mail_thread_keys", ["workspace_id", "key"])
    from disputedesk.services.mail.threads import write_thread_keys

    write_thread_keys(op.get_bind(), only_threaded=True)


def downgrade() -> None:
    op.drop_table("mail_thread_keys")
