"""The app on damaged, read-only and full storage (issue 15 item 7): a clear page instead of a traceback, and a
full disk that the app recovers from without a restart (AppTest of the whole app on real files and a tmpfs)."""

from __future__ import annotations

import shutil
from pathlib import Path

from netzcore import db as netzdb
from netzcore.importers.sample import phone_export
from tests.conftest import PAGES, AppFactory
from tests.core.export_sample import contact_count
from tests.disk import fill, make_read_only, small_disk


def _errors(at: object) -> str:
    return " ".join(str(e.value) for e in at.error).replace("\\", "")  # type: ignore[attr-defined]


def test_a_damaged_file_gets_a_clear_page_in_both_languages(app: AppFactory, demo_db: Path) -> None:
    with demo_db.open("r+b") as handle:
        handle.truncate(demo_db.stat().st_size - 1000)
    before = demo_db.read_bytes()
    for lang, words in (("en", "looks damaged: restore a backup"), ("de", "scheint beschädigt zu sein")):
        at = app(demo_db, lang=lang)
        assert not at.exception, at.exception
        assert words in _errors(at) and str(demo_db) in _errors(at)
        assert at.sidebar.segmented_control(key="lang").value == lang        # the language switch stays
    assert demo_db.read_bytes() == before


def test_a_read_only_drive_says_read_only(app: AppFactory, db_path: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "stick", "16m") as stick:
        shutil.copyfile(db_path, stick / "netz.duckdb")
        make_read_only(stick)
        at = app(stick / "netz.duckdb", lang="en")
        assert not at.exception, at.exception
        assert "is read-only (the file, its folder or the drive)" in _errors(at)
        assert "not a netz database" not in _errors(at)


def test_an_import_onto_a_full_disk_says_so_and_the_app_recovers_without_a_restart(
        app: AppFactory, tmp_path: Path) -> None:
    cards = phone_export(600, photo_every=1, seed=11)
    with small_disk(tmp_path / "disk", "16m") as disk:
        database = disk / "netz.duckdb"
        netzdb.connect(database).close()
        at = app(database, page="import_export", lang="en")
        at.get("file_uploader")[0].set_value(("telefon.vcf", cards, "text/vcard")).run()
        at.button(key="import_read").click().run()
        assert not at.exception, at.exception
        filler = fill(disk, leave=256 * 1024)
        at.button(key="import_apply").click().run()
        assert not at.exception, at.exception
        assert "The disk is full" in _errors(at)
        assert contact_count(database) == 0                                   # nothing half-written
        filler.unlink()
        at.button(key="import_apply").click().run()                    # the preview is still there: again
        assert not at.exception, at.exception
        assert "Import finished." in [s.value for s in at.success]
        assert contact_count(database) > 500


def test_a_connection_duckdb_stopped_is_reopened_on_the_next_run(app: AppFactory, tmp_path: Path) -> None:
    """A full disk during a checkpoint is fatal to DuckDB: it invalidates the database and refuses every query
    until it is reopened. The app reopens it at the start of the next run, and the page works again."""
    from netzui import _root

    with small_disk(tmp_path / "disk", "16m") as disk:
        database = disk / "netz.duckdb"
        at = app(database, page="contacts", lang="en")
        assert not at.exception, at.exception
        root = _root(str(database))                   # the process-wide connection the app works on
        root.execute("CREATE TABLE ballast AS SELECT concat_ws('', uuid(), uuid(), uuid(), uuid(), uuid(), uuid()) "
                     "AS v FROM range(20000)")
        filler = fill(disk, leave=64 * 1024)
        try:
            root.execute("CHECKPOINT")
        except Exception as error:  # noqa: BLE001 - the fatal error is the point
            assert netzdb.is_invalidated(error)
        else:
            raise AssertionError("the checkpoint did not fail on a full disk")
        filler.unlink()
        at.run()
        assert not at.exception, at.exception
        assert not _errors(at)
        assert _root(str(database)) is not root


def test_no_page_leaves_a_transaction_open_that_stops_a_checkpoint(app: AppFactory, demo_db: Path,
                                                                    db_path: Path) -> None:
    """A page's cursor outlives its run (the page's module lives on in the callbacks its widgets keep). A result it
    read only in part would hold its transaction open, and after the next write DuckDB could not checkpoint its
    journal into the file: the journal would only grow, and a checkpoint asked for would fail."""
    from netzui import _root

    for database, page in ((db_path, "today"), *((demo_db, page) for page in PAGES)):
        at = app(database, page=page, lang="en")
        assert not at.exception, at.exception
        root = _root(database)
        root.execute("CREATE OR REPLACE TABLE ballast AS SELECT 1 AS v")
        root.execute("CHECKPOINT")
        root.execute("DROP TABLE ballast")
