"""A non-editable install (a real wheel in a new venv) carries db/ and resources/ and migrates."""

from __future__ import annotations

import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_migrations_and_resources_and_works_outside_the_tree(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = dist.glob("studio_booker-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "studio_booker/_db/env.py" in names
    assert "studio_booker/_db/versions/0001_initial.py" in names
    assert any(n.startswith("studio_booker/_resources/") for n in names)
    assert "studio_booker/_resources/i18n/studio_booker_zh_CN.qm" in names  # compiled at set-up
    assert "studio_booker/_guide/zh_CN/index.md" in names and "studio_booker/_guide/en/index.md" in names

    # a fresh venv that sees the dependencies of this one but not the source tree
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    deps = [p for p in site.getsitepackages() if "site-packages" in p]
    (Path(purelib) / "deps.pth").write_text("\n".join(deps) + "\n")
    with zipfile.ZipFile(wheel) as zf:  # installing a wheel is unpacking it into purelib
        zf.extractall(purelib)

    db = tmp_path / "fresh.sqlite3"
    probe = (
        "import studio_booker, sys; from pathlib import Path;"
        "from studio_booker.storage import migrate; from studio_booker.storage.engine import open_database;"
        f"e = open_database({str(db)!r}); print(studio_booker.__file__); print(migrate.migrations_dir());"
        "print(migrate.current_revision(e))"
    )
    out = subprocess.run([str(py), "-c", probe], check=True, capture_output=True, text=True,
                         cwd=tmp_path).stdout.splitlines()
    assert out[0].startswith(purelib)  # the installed copy, not the source tree
    assert out[1] == str(Path(purelib) / "studio_booker" / "_db")
    assert out[2] == migrate_head()


def migrate_head() -> str:
    from studio_booker.storage import migrate

    return migrate.HEAD
