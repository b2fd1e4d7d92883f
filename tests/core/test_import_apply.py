"""Import into a real database file: merge, re-import, edited fields, job changes, near matches, failures."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from netzcore import db as netzdb
from netzcore.exporters.contacts_json import contacts_document
from netzcore.importers import ImportFile, apply_import, plan_import
from netzcore.importers.report import report_lines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
PHONE_AND_LINKEDIN = ("iphone.vcf", "android.vcf", "google.vcf", "outlook.vcf", "thunderbird.vcf", "nextcloud.vcf",
                      "Connections.csv", "Connections_2018.csv")


def files(*names: str) -> list[ImportFile]:
    return [ImportFile(name, (FIXTURES / name).read_bytes()) for name in names]


def contact(con: netzdb.Connection, name: str) -> dict[str, object]:
    document = contacts_document(con)
    return next(c for c in document["contacts"] if c["full_name"] == name)


def count(con: netzdb.Connection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 (test table names)
    return int(row[0]) if row else 0


def test_phone_and_linkedin_become_one_contact_and_every_record_is_accounted_for(con: netzdb.Connection) -> None:
    plan = plan_import(con, files(*PHONE_AND_LINKEDIN))
    assert count(con, "contacts") == 0, "planning writes nothing"
    report = apply_import(con, plan)
    assert report.accounted
    assert (report.records_read, report.created, report.merged, report.hidden_members) == (18, 16, 2, 3)
    assert count(con, "contacts") == 16
    anna = contact(con, "Anna Weber")
    assert anna["linkedin_url"] == "https://www.linkedin.com/in/anna-weber-voith"
    assert anna["emails"] == ["anna.weber@voith.example"] and anna["phones"] == ["+491712345678"]
    assert sorted(anna["sources"]) == ["linkedin", "vcard"]          # type: ignore[arg-type]
    assert anna["birthday"] == "--04-15" and anna["tier"] == "D" and anna["has_photo"] is True
    lea = contact(con, "Lea Fischer")                                 # same name and organisation
    assert lea["linkedin_url"] == "https://www.linkedin.com/in/lea-fischer" and lea["phones"] == ["+41441234567"]
    run = con.execute("SELECT kind, records_read, created, merged, report FROM import_runs").fetchall()
    assert [r[:4] for r in run] == [("other", 18, 16, 2)]
    assert json.loads(run[0][4])["accounted"] is True


def test_reimport_creates_nothing_and_changes_nothing(con: netzdb.Connection) -> None:
    apply_import(con, plan_import(con, files(*PHONE_AND_LINKEDIN)))
    before = contacts_document(con)
    report = apply_import(con, plan_import(con, files(*PHONE_AND_LINKEDIN)))
    assert (report.created, report.merged, report.unchanged) == (0, 0, 18)
    assert contacts_document(con) == before
    assert count(con, "contacts") == 16


def test_reimport_leaves_fields_the_user_edited_alone(con: netzdb.Connection) -> None:
    apply_import(con, plan_import(con, files("iphone.vcf")))
    con.execute("UPDATE contacts SET title = 'Leiterin Projekte', emails = ['anna@privat.example'], "
                "edited_fields = ['title', 'emails'] WHERE full_name = 'Anna Weber'")
    report = apply_import(con, plan_import(con, files("iphone.vcf", "Connections_later.csv")))
    anna = contact(con, "Anna Weber")
    assert anna["title"] == "Leiterin Projekte" and anna["emails"] == ["anna@privat.example"]
    assert anna["organization"] == "ZF Friedrichshafen"              # not edited: the job change applies
    assert [(j.old_organization, j.new_organization, j.new_title) for j in report.job_changes] == [
        ("Voith", "ZF Friedrichshafen", "Leiterin Projekte")]


def test_job_change_goes_to_career_history_and_report(con: netzdb.Connection) -> None:
    apply_import(con, plan_import(con, files("Connections.csv")))
    report = apply_import(con, plan_import(con, files("Connections_later.csv")))
    assert report.merged == 1 and report.created == 0
    lines = report_lines(report, "en")
    assert "  Anna Weber: Projektleiterin at Voith -> Leiterin Einkauf at ZF Friedrichshafen" in lines
    assert "  Anna Weber: Projektleiterin bei Voith -> Leiterin Einkauf bei ZF Friedrichshafen" in report_lines(
        report, "de")
    anna = contact(con, "Anna Weber")
    assert [(c["organization"], c["title"]) for c in anna["career"]] == [    # type: ignore[union-attr]
        ("Voith", "Projektleiterin"), ("ZF Friedrichshafen", "Leiterin Einkauf")]
    assert anna["hierarchy_level"] == "head"


def test_a_near_match_can_be_merged_in_the_preview(con: netzdb.Connection) -> None:
    apply_import(con, plan_import(con, [ImportFile("a.vcf", b"BEGIN:VCARD\nFN:Hannah Koch\nTEL:0711 1234567\n"
                                                            b"END:VCARD\n")]))
    plan = plan_import(con, files("Connections_2018.csv"))
    assert [(d.a_name, d.b_name, [e.code for e in d.evidence]) for d in plan.duplicates] == [
        ("Hannah Koch", "Hannah Koch", ["same_name_other_org"])]
    assert plan.preview().created == 2 and len(plan.preview().possible_duplicates) == 1
    report = apply_import(con, plan, confirmed={0})
    assert (report.created, report.merged, report.possible_duplicates) == (1, 1, ())
    hannah = contact(con, "Hannah Koch")
    assert hannah["organization"] == "Bosch" and hannah["phones"] == ["+497111234567"]
    assert count(con, "duplicate_pairs") == 0


def test_near_matches_are_imported_and_wait_in_the_review_queue(con: netzdb.Connection) -> None:
    """Formerly held back on the CLI ("confirm in the app"): now both are imported and the pair is queued."""
    apply_import(con, plan_import(con, [ImportFile("a.vcf", b"BEGIN:VCARD\nFN:Hannah Koch\nEND:VCARD\n")]))
    report = apply_import(con, plan_import(con, files("Connections_2018.csv")))
    assert report.not_imported == () and report.accounted and count(con, "contacts") == 3
    assert [(d.name, d.other_name) for d in report.possible_duplicates] == [("Hannah Koch", "Hannah Koch")]
    assert "1 possible duplicate to review in the app (Contacts → Possible duplicates)." in report_lines(report, "en")
    assert con.execute("SELECT status FROM duplicate_pairs").fetchall() == [("open",)]
    again = apply_import(con, plan_import(con, files("Connections_2018.csv")))
    assert (again.unchanged, again.possible_duplicates, count(con, "duplicate_pairs")) == (2, (), 1)


def test_a_file_that_is_no_contacts_file_is_refused_by_name(con: netzdb.Connection) -> None:
    plan = plan_import(con, [*files("not_contacts.vcf"), ImportFile("empty.vcf", b"\xef\xbb\xbf  \n"),
                             *files("google.vcf")])
    assert [(p.file, p.code) for p in plan.refused] == [("not_contacts.vcf", "not_contacts"), ("empty.vcf", "empty")]
    assert apply_import(con, plan).created == 1


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_calendar_saved_as_vcf_is_refused_as_a_calendar(con: netzdb.Connection, lang: str) -> None:
    """GnomeCalendar's vCalendar saved as '.vcf' was refused as "not a contact file" with the list of contact files
    netz reads, which never says where a calendar goes."""
    plan = plan_import(con, files("vcard/gnome_calendar_saved_as_vcf.vcf"))
    assert [(p.file, p.code) for p in plan.refused] == [("vcard/gnome_calendar_saved_as_vcf.vcf", "calendar_not_contacts")]
    where = {"de": "Import & Export → Kalender und E-Mails", "en": "Import & export → Calendar and mail"}[lang]
    assert any(where in line for line in report_lines(apply_import(con, plan), lang))


def test_database_is_unchanged_when_the_write_fails(con: netzdb.Connection) -> None:
    plan = plan_import(con, files(*PHONE_AND_LINKEDIN))
    with pytest.raises(duckdb.ConstraintException):
        apply_import(con, plan, tier="Z")
    for table in ("contacts", "organizations", "contact_identities", "career_history", "import_runs"):
        assert count(con, table) == 0, table


def test_new_contacts_can_get_another_tier(con: netzdb.Connection) -> None:
    apply_import(con, plan_import(con, files("google.vcf")), tier="B")
    assert contact(con, "Mr. John Richter, James Doe Sr.")["tier"] == "B"


def test_json_export_fields(con: netzdb.Connection) -> None:
    apply_import(con, plan_import(con, files("iphone.vcf", "google.vcf")))
    jonas = contact(con, "Dr. Jonas Becker")
    for field in ("full_name", "given_name", "family_name", "organization", "title", "hierarchy_level", "emails",
                  "phones", "linkedin_url", "birthday", "tags", "tier", "career", "sources"):
        assert field in jonas
    assert jonas["birthday"] == "1971-11-02" and jonas["phones"] == ["+4971563030"]
    assert jonas["career"] == [{"organization": "Trumpf SE + Co. KG", "title": "Geschäftsführer",
                                "observed_on": jonas["created_at"][:10]}]  # type: ignore[index]


def test_parallel_parsing_gives_the_same_plan_as_one_process(con: netzdb.Connection) -> None:
    from netzcore.importers.sample import phone_export

    data = phone_export(700, photo_every=10)
    assert data == phone_export(700, photo_every=10), "the sample export is deterministic"
    serial = plan_import(con, [ImportFile("phone.vcf", data)], parallel=False)
    pooled = plan_import(con, [ImportFile("phone.vcf", data)], parallel=True)
    assert pooled.records == serial.records
    assert pooled.rows == serial.rows
    report = apply_import(con, pooled)
    assert report.accounted and report.records_read == 700 and report.not_imported == ()
    assert con.execute("SELECT count(photo) FROM contacts").fetchone() == (70,)


def test_two_files_with_the_same_name_stay_apart(con: netzdb.Connection) -> None:
    plan = plan_import(con, [*files("google.vcf"), ImportFile("google.vcf", b"BEGIN:VCARD\nFN:Zoe Zed\nEND:VCARD\n")])
    assert [f.name for f in plan.files] == ["google.vcf", "google.vcf (2)"]
    assert sorted(r.full_name for r in plan.records) == ["Mr. John Richter, James Doe Sr.", "Zoe Zed"]


def test_a_broken_worker_pool_costs_no_card() -> None:
    import os
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    from netzcore.importers.parallel import parse_everything
    from netzcore.importers.sample import phone_export
    from netzcore.importers.vcard import split_cards

    cards, _ = split_cards("phone.vcf", phone_export(450, photo_every=0).replace(b"\r\n", b"\n"))
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        died = pool.submit(os._exit, 1)   # the worker process ends abruptly: the pool is broken
        assert isinstance(died.exception(timeout=60), BrokenProcessPool)
        results = parse_everything([(cards, "utf-8")], "DE", pool=pool)
    assert [r.position for r in results] == list(range(1, 451))


def test_a_preview_applied_late_keeps_what_another_session_saved(db_path: Path) -> None:
    """Issue 15: the app's sessions are cursors on one connection. Session A reads the files (the preview) while
    session B adds a tag and edits the title; A's import then re-reads the rows it merges and loses neither."""
    from netzcore import contacts

    root = netzdb.connect(db_path)
    try:
        session_a, session_b = root.cursor(), root.cursor()
        apply_import(session_a, plan_import(session_a, files("iphone.vcf")))
        anna = contact(session_a, "Anna Weber")
        later = ImportFile("later.vcf", b"BEGIN:VCARD\nVERSION:3.0\nN:Weber;Anna;;;\nFN:Anna Weber\n"
                                        b"EMAIL:anna.weber@voith.example\nCATEGORIES:Verband\nTITLE:Teamleiterin\n"
                                        b"TEL;type=WORK:0711 9988776\nEND:VCARD\n")
        plan = plan_import(session_a, [later])
        contacts.update_contact(session_b, str(anna["id"]), {"tags": [*anna["tags"], "Golf"],  # type: ignore[misc]
                                                            "title": "Leiterin Projekte"})
        report = apply_import(session_a, plan)
        assert report.merged == 1
        after = contact(session_b, "Anna Weber")
        assert after["tags"] == ["Kunden", "Messe 2025", "Golf"]        # edited in B: the import leaves them
        assert after["title"] == "Leiterin Projekte"
        assert after["phones"] == ["+491712345678", "+497119988776"]   # the import's own news still arrives
    finally:
        root.close()
