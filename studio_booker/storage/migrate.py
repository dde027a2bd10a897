"""Run the Alembic migrations in db/ when a database is opened.

Start-up is mostly imports, so the stored revision is read first with a plain
query; Alembic is imported only when the database is behind (or new).
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

from ..errors import DatabaseProblem
from ..paths import migrations_dir

# The revisions in db/versions, oldest first (a test checks this against Alembic).
REVISIONS = ("0001", "0002", "0003", "0004")
HEAD = REVISIONS[-1]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def ensure_current(engine: Engine) -> None:
    rev = current_revision(engine)
    if rev == HEAD:
        return
    if rev is not None and rev not in REVISIONS:
        raise DatabaseProblem(
            f"this database has schema revision {rev}, newer than this Studio Booker knows "
            f"(up to {HEAD}); open it with a newer version of Studio Booker"
        )
    upgrade(engine)
