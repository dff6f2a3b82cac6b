"""SLA: incremental evaluation - a revision counter per support request that the database
bumps on every change to its messages and events, and per result the fingerprint of the inputs
it was computed from and the time after which it must be recomputed anyway

Revision ID: sla_0002
Revises: sla_0001
Create Date: 2026-12-04

The counter is kept by triggers (SQLite and PostgreSQL), so every way a message or an event
is written - the ORM, bulk inserts, a later import, a hand-made SQL fix - is seen by the next
``sla evaluate`` without reading a million messages to find out.
"""

import sqlalchemy as sa
from alembic import op

revision = "sla_0002"
down_revision = "sla_0001"
branch_labels = None
depends_on = None

# The message columns the SLA reads (services/sla/inputs.py); other updates (thread, search
# text, language) do not touch the counter.
MESSAGE_COLUMNS = "support_request_id, sender, direction, sent_at, flags, text, evidence_id"
EVENT_COLUMNS = "support_request_id, kind, at, ref"

BUMP = "UPDATE support_requests SET sla_rev = sla_rev + 1 WHERE id = {row}.support_request_id"


def _sqlite_triggers(table: str, columns: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_sla_rev_insert AFTER INSERT ON {table} "
        f"WHEN NEW.support_request_id IS NOT NULL BEGIN {BUMP.format(row='NEW')}; END",
        f"CREATE TRIGGER {table}_sla_rev_delete AFTER DELETE ON {table} "
        f"WHEN OLD.support_request_id IS NOT NULL BEGIN {BUMP.format(row='OLD')}; END",
        f"CREATE TRIGGER {table}_sla_rev_update AFTER UPDATE OF {columns} ON {table} "
        f"BEGIN {BUMP.format(row='OLD')}; {BUMP.format(row='NEW')}; END",
    ]


PG_FUNCTIONS = [
    # Row level, for updates of the columns the SLA reads (old and new request).
    """CREATE OR REPLACE FUNCTION disputedesk_sla_rev_row() RETURNS trigger AS $$
    BEGIN
        UPDATE support_requests SET sla_rev = sla_rev + 1
         WHERE id IN (OLD.support_request_id, NEW.support_request_id);
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    # Statement level with the transition table, for inserts and deletes: a bulk insert of a
    # million messages bumps each request once, not once per message.
    """CREATE OR REPLACE FUNCTION disputedesk_sla_rev_rows() RETURNS trigger AS $$
    BEGIN
        UPDATE support_requests SET sla_rev = sla_rev + 1
         WHERE id IN (SELECT DISTINCT support_request_id FROM changed_rows WHERE support_request_id IS NOT NULL);
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
]


def _pg_triggers(table: str, columns: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_sla_rev_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION disputedesk_sla_rev_rows()",
        f"CREATE TRIGGER {table}_sla_rev_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION disputedesk_sla_rev_rows()",
        f"CREATE TRIGGER {table}_sla_rev_update AFTER UPDATE OF {columns} ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION disputedesk_sla_rev_row()",
    ]


def upgrade() -> None:
    op.add_column("support_requests", sa.Column("sla_rev", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("sla_results", sa.Column("inputs", sa.String(length=64), nullable=True))
    op.add_column("sla_results", sa.Column("recheck_after", sa.BigInteger(), nullable=True))
    pg = op.get_bind().dialect.name == "postgresql"
    stmts = list(PG_FUNCTIONS) if pg else []
    for table, columns in (("messages", MESSAGE_COLUMNS), ("sla_events", EVENT_COLUMNS)):
        stmts += _pg_triggers(table, columns) if pg else _sqlite_triggers(table, columns)
    for stmt in stmts:
        op.execute(stmt)


def downgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    for table in ("messages", "sla_events"):
        for what in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_sla_rev_{what}" + (f" ON {table}" if pg else ""))
    if pg:
        op.execute("DROP FUNCTION IF EXISTS disputedesk_sla_rev_row()")
        op.execute("DROP FUNCTION IF EXISTS disputedesk_sla_rev_rows()")
    with op.batch_alter_table("sla_results") as b:
        b.drop_column("recheck_after")
        b.drop_column("inputs")
    with op.batch_alter_table("support_requests") as b:
        b.drop_column("sla_rev")
