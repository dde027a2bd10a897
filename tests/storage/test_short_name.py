"""The window title's name of a database: a file's name, or database @ host without secrets."""

from studio_booker.storage.engine import short_name


def test_a_file_is_named_by_its_file_name(tmp_path) -> None:
    assert short_name(str(tmp_path / "lot.sqlite3")) == "lot.sqlite3"


def test_a_server_is_named_by_database_and_host_never_the_password() -> None:
    name = short_name("postgresql+psycopg://coord:secret@db.lot.local:5432/studio")
    assert name == "studio @ db.lot.local"
    assert "secret" not in name
