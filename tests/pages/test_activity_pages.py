"""Calendar and mail on the pages: upload -> preview (suggestions, new people) -> log -> report; the upcoming
meetings on Today; the feed address in Settings. In both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netzcore import db as netzdb
from tests.conftest import AppFactory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "calendar"


def seed(db_path: Path) -> None:
    con = netzdb.connect(db_path)
    con.execute("UPDATE profile SET full_name = 'Petra Plan', my_emails = ['petra.plan@example.com']")
    for name, email in (("Anna Weber", "anna.weber@voith.example"), ("Carla Nowak", "carla.nowak@h2-netz.example")):
        con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES (?, ?, 'A')", [name, [email]])
    con.close()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_calendar_upload_preview_confirm_log(app: AppFactory, db_path: Path, lang: str) -> None:
    seed(db_path)
    at = app(db_path, page="import_export", lang=lang)
    assert len(at.get("file_uploader")) == 1, "a closed tab is drawn"
    at.session_state["import_export_tab"] = {"de": "Kalender und E-Mails", "en": "Calendar and mail"}[lang]
    at.run()
    at.get("file_uploader")[0].set_value([
        ("google.ics", (FIXTURES / "google_recurring_cancelled_declined.ics").read_bytes(), "text/calendar")]).run()
    at.button(key="activity_read").click().run()
    assert not at.exception, at.exception
    preview = "\n".join(t.value for t in at.text)
    assert {"de": "Anna Weber: 5 Termine", "en": "Anna Weber: 5 meetings"}[lang] in preview  # 10 June is past by now
    boxes = [box for box in at.checkbox if box.key.startswith("activity_suggestion_")]
    assert len(boxes) == 2 and any("Carla Nowak" in box.label for box in boxes)
    for box in boxes:
        box.check()
    at.run()
    at.button(key="activity_apply").click().run()
    assert not at.exception, at.exception
    report = "\n".join(t.value for t in at.text)
    assert {"de": "Interaktionen erfasst", "en": "interactions logged"}[lang] in report
    con = netzdb.connect(db_path)
    try:
        assert con.execute("SELECT count(*) FROM interactions").fetchone() == (7,)
    finally:
        con.close()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_today_shows_upcoming_meetings_with_hooks(app: AppFactory, db_path: Path, lang: str) -> None:
    seed(db_path)
    con = netzdb.connect(db_path)
    anna = con.execute("SELECT id FROM contacts WHERE full_name = 'Anna Weber'").fetchone()[0]  # type: ignore[index]
    con.execute("INSERT INTO interactions (contact_id, occurred_on, channel, hooks) VALUES (?, current_date - 20, "
                "'call', 'Segeltörn im Juli')", [anna])
    con.execute("INSERT INTO calendar_meetings (uid, occurrence, contact_id, starts_at, title, channel, in_person) "
                "VALUES ('u', 'u|', ?, ?, 'Werksbesuch', 'meeting', true)",
                [anna, dt.datetime.combine(dt.date.today() + dt.timedelta(days=1), dt.time(15))])
    con.close()
    at = app(db_path, page="today", lang=lang)
    assert not at.exception, at.exception
    assert {"de": "Anstehende Termine", "en": "Upcoming meetings"}[lang] in [h.value for h in at.subheader]
    text = "\n".join(m.value for m in at.markdown)
    assert "Anna Weber" in text and "Segeltörn im Juli" in text and "Werksbesuch" in text
    assert {"de": "morgen 15:00", "en": "tomorrow 15:00"}[lang] in text


def test_settings_shows_the_feed_address_and_makes_a_new_one(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="settings", lang="en")
    assert not at.exception, at.exception
    assert [tab.label for tab in at.tabs] == ["My profile", "Care cadence", "Calendar subscription"]
    assert not [c.value for c in at.code if "/feed/" in c.value], "a closed tab is drawn"
    at.session_state["settings_tab"] = "Calendar subscription"  # the user opens the tab
    at.run()
    first = [c.value for c in at.code if "/feed/" in c.value]
    assert len(first) == 1 and first[0].endswith(".ics?lang=en")
    at.button(key="feed_renew").click().run()
    second = [c.value for c in at.code if "/feed/" in c.value]
    assert second and second != first


def test_a_cancellation_alone_can_be_applied(app: AppFactory, db_path: Path) -> None:
    """A calendar that only cancels a meeting Today shows: the preview says so and "Log now" is not disabled (it was,
    as nothing new was to be logged, so the cancelled meeting stayed on Today)."""
    con = netzdb.connect(db_path)
    con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Hal Dorn', ['d@example.com'], 'B')")
    con.close()
    day = (dt.date.today() + dt.timedelta(days=10)).strftime("%Y%m%d").encode()

    def upload(name: str) -> bytes:
        return (FIXTURES / name).read_bytes().replace(b"20261215", day)

    at = app(db_path, page="import_export", lang="en")
    at.session_state["import_export_tab"] = "Calendar and mail"
    at.run()
    for name in ("meeting_cancelled_after_it_was_imported.ics",
                 "meeting_cancelled_after_it_was_imported_status_cancelled.ics"):
        at.get("file_uploader")[0].set_value([(name, upload(name), "text/calendar")]).run()
        at.button(key="activity_read").click().run()
        assert not at.exception, at.exception
        assert not at.button(key="activity_apply").disabled
        at.button(key="activity_apply").click().run()
        assert not at.exception, at.exception
    assert "1 upcoming meeting was cancelled since: it was taken off Today." in "\n".join(t.value for t in at.text)
    # nothing was logged: no "Logged." above "No interaction logged."
    assert [s.value for s in at.success] == ["Saved. Today shows the meetings ahead as the calendar has them now."]
    con = netzdb.connect(db_path)
    try:
        assert con.execute("SELECT count(*) FROM calendar_meetings").fetchone() == (0,)
    finally:
        con.close()
