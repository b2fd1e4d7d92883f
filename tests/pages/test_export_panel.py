"""The export half of Import & export: what each download button hands out, the filters, and the restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import vobject
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore.exporters import backup
from tests.conftest import AppFactory, open_tab
from tests.core.export_sample import fill_sample, fill_sample_file, table_rows

Downloads = dict[str, Callable[[], Any]]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    """The data callables the page gives its download buttons, by file name (run when the user clicks)."""
    seen: Downloads = {}
    original = MediaFileManager.add_deferred

    def record(self: MediaFileManager, data_callable: Callable[[], Any], *args: Any, **kwargs: Any) -> str:
        seen[str(kwargs.get("file_name"))] = data_callable
        return original(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


def _export(at: AppTest) -> AppTest:
    """The user opens the page's third tab (Export and backup)."""
    return open_tab(at, "import_export_tab", {"de": "Export und Sicherung"}.get(at.session_state["lang"],
                                                                             "Export and backup"))


@pytest.fixture
def sample_db(db_path: Path) -> Path:
    return fill_sample_file(db_path)


def _download(downloads: Downloads, prefix: str) -> bytes:
    names = [name for name in downloads if name.startswith(prefix)]
    assert len(names) == 1, sorted(downloads)
    data = downloads[names[0]]()
    return data if isinstance(data, bytes) else str(data).encode()


def test_download_buttons_hand_out_the_exports(app: AppFactory, sample_db: Path, downloads: Downloads,
                                               tmp_path: Path) -> None:
    at = _export(app(sample_db, page="import_export", lang="en"))
    assert not at.exception, at.exception
    keys = {button.key for button in at.get("download_button")}
    assert {"export_vcard3", "export_vcard4", "export_contacts_csv", "export_interactions_csv",
            "export_calendar", "export_backup"} <= keys

    cards = list(vobject.readComponents(_download(downloads, "netz-contacts.vcf").decode()))
    assert sorted(card.fn.value for card in cards) == ["Bernd Ölmann", "Dora 東京", "Dr. Anna Weber-Schütz"]
    assert b"BDAY:--0229" in _download(downloads, "netz-contacts-vcard4.vcf")
    contacts = _download(downloads, "netz-contacts.csv")
    assert contacts.startswith(b"\xef\xbb\xbfid,full_name,")
    assert b",'-12," in contacts                     # a phone typed as "-12" is no formula in Excel
    assert "Pilotprojekt" in _download(downloads, "netz-interactions.csv").decode("utf-8-sig")
    assert "SUMMARY:Birthday: Bernd Ölmann" in _download(downloads, "netz-calendar.ics").decode()

    restored = netzdb.connect(tmp_path / "restored.duckdb")
    try:
        backup.restore_bytes(restored, _download(downloads, "netz-2"))
        original = netzdb.connect(sample_db)   # the app's open database, from the same process
        assert table_rows(restored) == table_rows(original)
    finally:
        restored.close()


def test_filters_choose_the_contacts_and_german_csv_uses_semicolons(app: AppFactory, sample_db: Path,
                                                                     downloads: Downloads) -> None:
    at = _export(app(sample_db, page="import_export", lang="de"))
    at.multiselect(key="export_tiers").set_value(["B", "C"])
    at.checkbox(key="export_archived").check()
    at.run()
    assert not at.exception, at.exception
    assert any("2 Kontakte" in caption.value for caption in at.caption)
    cards = list(vobject.readComponents(_download(downloads, "netz-contacts.vcf").decode()))
    assert sorted(card.fn.value for card in cards) == ["Bernd Ölmann", "Clara Alt"]
    header = _download(downloads, "netz-contacts.csv").decode("utf-8-sig").splitlines()[0]
    assert header.startswith("id;full_name;")

    at.selectbox(key="export_tag").set_value("Kunde").run()
    cards = list(vobject.readComponents(_download(downloads, "netz-contacts.vcf").decode()))
    assert [card.fn.value for card in cards] == ["Bernd Ölmann"]


def test_restore_is_offered_only_on_an_empty_database(app: AppFactory, sample_db: Path) -> None:
    at = _export(app(sample_db, page="import_export", lang="en"))
    assert any("only be restored into an empty database" in info.value for info in at.info)
    assert not [u for u in at.get("file_uploader") if u.key == "export_restore_file"]


def _restore_uploader(at: AppTest) -> Any:
    return next(u for u in at.get("file_uploader") if u.key == "export_restore_file")


def _sample_backup(tmp_path: Path) -> bytes:
    con = netzdb.connect(tmp_path / "source.duckdb")
    try:
        fill_sample(con)
        return backup.backup_bytes(con)
    finally:
        con.close()


def test_uploaded_backup_is_checked_then_restored(app: AppFactory, db_path: Path, tmp_path: Path) -> None:
    data = _sample_backup(tmp_path)
    at = _export(app(db_path, page="import_export", lang="en"))
    _restore_uploader(at).set_value(("netz-backup.json", data, "application/json"))
    at.run()
    assert not at.exception, at.exception
    assert any("4 contacts" in info.value and "Ready to restore" in info.value for info in at.info)
    con = netzdb.connect(db_path)
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (0,)   # nothing written before the click

    at.button(key="export_restore_button").click().run()
    assert not at.exception, at.exception
    assert any("Backup restored: 4 contacts" in message.value for message in at.success)
    assert con.execute("SELECT full_name FROM profile").fetchone() == ("Dr. Eva Roth",)


def test_damaged_upload_is_refused_with_its_reason(app: AppFactory, db_path: Path, tmp_path: Path) -> None:
    data = _sample_backup(tmp_path)
    at = _export(app(db_path, page="import_export", lang="de"))
    _restore_uploader(at).set_value(("kaputt_[x].json", data[: len(data) // 3], "application/json"))
    at.run()
    assert not at.exception, at.exception
    errors = [error.value for error in at.error]
    assert any("endet zu früh" in text and "kaputt\\_\\[x\\]\\.json" in text for text in errors), errors
    assert all(button.key != "export_restore_button" for button in at.button)
