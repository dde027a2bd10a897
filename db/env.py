"""Alembic environment: runs on the engine Studio Booker hands in (config.attributes)."""

from alembic import context
from sqlalchemy import create_engine

from studio_booker.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # plain `alembic` command line: sqlalchemy.url from the config
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    # IMMEDIATE on SQLite, so two programs opening a new database do not both migrate it
    with engine.execution_options(sqlite_begin="IMMEDIATE").connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
