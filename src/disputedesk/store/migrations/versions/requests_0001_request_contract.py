"""requests: a support request names the contract it is made under

Revision ID: requests_0001
Revises: 0002
Create Date: 2026-11-27

On SQLite the column is added with ALTER TABLE … REFERENCES (allowed for a nullable column):
batch mode would copy and drop ``support_requests``, which the messages and SLA rows of a filled
database point to.
"""

import sqlalchemy as sa
from alembic import op

revision = "requests_0001"
down_revision = "0002"
branch_labels = ("requests",)
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE support_requests ADD COLUMN contract_id INTEGER REFERENCES contracts (id)")
        return
    op.add_column("support_requests", sa.Column("contract_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        op.f("fk_support_requests_contract_id_contracts"), "support_requests", "contracts", ["contract_id"], ["id"]
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_support_requests_contract_id_contracts"), "support_requests", type_="foreignkey")
    op.drop_column("support_requests", "contract_id")
