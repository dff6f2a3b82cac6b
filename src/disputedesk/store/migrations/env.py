"""Alembic environment: the engine is handed in by disputedesk.store.db.migrate()."""

from alembic import context

from disputedesk.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # running `alembic` by hand: DISPUTEDESK_* settings decide the database
    from disputedesk.config import get_settings
    from disputedesk.store.db import make_engine

    engine = make_engine(get_settings().resolved_database_url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
