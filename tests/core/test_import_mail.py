"""Mailboxes become interactions from their headers only: Google Takeout and Thunderbird mbox files, folders of
.eml files, and the real mbox files of Thunderbird's and Python's test suites, on real DuckDB files."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from netzcore import db as netzdb
from netzcore.importers.activity import apply_activity, find_files, plan_activity, report_lines
from netzcore.importers.mail import RawHeaders, clean_subject, eml_headers, mbox_headers, read_message
from tests.core.test_import_cli import netz

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 6, 1, 12, 0)
MARKER = "ZEBRAFINKENSCHLAG"          # in every body: it must never reach the database
ME = "petra.plan@example.com"


def message(sender: str, to: str, date: str, subject: str, message_id: str, extra: str = "",
            body: str = "") -> str:
    return (f"From: {sender}\r\nTo: {to}\r\nDate: {date}\r\nSubject: {subject}\r\nMessage-ID: <{message_id}>\r\n"
            f"{extra}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Hallo,\r\n{MARKER} {body}\r\nFrom here on a line of its own, unescaped.\r\nViele Grüße\r\n\r\n")


def takeout_mbox() -> bytes:
    """Google Takeout's 'All mail Including Spam and Trash.mbox'."""
    anna = "Anna Weber <anna.weber@voith.example>"
    lena = "Lena Kraft <lena.kraft@elektrolyse.example>"
    mails = [
        ("Inbox", message(anna, f"Petra Plan <{ME}>", "Tue, 03 Mar 2026 09:12:00 +0100", "Angebot Elektrolyseur",
                          "a1@voith.example")),
        ("Sent", message(f"Petra Plan <{ME}>", anna, "Tue, 03 Mar 2026 17:40:00 +0100", "AW: Angebot Elektrolyseur",
                         "p1@example.com", "Cc: max.muster@siemens-energy.example\r\nIn-Reply-To: <a1@voith.example>\r\n"
                         "References: <a1@voith.example>\r\n")),
        ("Sent", message(f"Petra Plan <{ME}>", anna, "Tue, 03 Mar 2026 18:00:00 +0100", "Nachtrag",
                         "p2@example.com")),
        ("Inbox", message("Voith News <news@voith.example>", ME, "Wed, 04 Mar 2026 08:00:00 +0100", "Newsletter März",
                          "n1@voith.example", "List-Unsubscribe: <mailto:unsubscribe@voith.example>\r\n")),
        ("Inbox", message("GitHub <noreply@github.example>", ME, "Wed, 04 Mar 2026 08:00:00 +0100", "[repo] build",
                          "g1@github.example")),
        ("Spam", message(anna, ME, "Thu, 05 Mar 2026 08:00:00 +0100", "Gewinnspiel", "s1@voith.example")),
        ("Inbox", message(anna, f"Petra Plan <{ME}>", "Tue, 03 Mar 2026 09:12:00 +0100", "Angebot Elektrolyseur",
                          "a1@voith.example")),   # the same message twice (two labels)
        ("Inbox", message("Verband <info@verband.example>", ME, "Thu, 05 Mar 2026 08:00:00 +0100", "Rundschreiben",
                          "v1@verband.example", "Precedence: bulk\r\n")),
        ("Inbox", message("=?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <juergen@kunde.example>", ME,
                          "Fri, 06 Mar 2026 10:00:00 +0100", "Anfrage", "j1@kunde.example")),
    ]
    for number in range(3):       # three threads with Lena, started by me; and her replies
        mails.append(("Sent", message(f"Petra Plan <{ME}>", lena, f"Mon, {9 + number:02d} Mar 2026 10:00:00 +0100",
                                      f"Thema {number}", f"l{number}@example.com")))
        mails.append(("Inbox", message(lena, ME, f"Tue, {10 + number:02d} Mar 2026 10:00:00 +0100",
                                       f"Re: Thema {number}", f"r{number}@elektrolyse.example",
                                       f"In-Reply-To: <l{number}@example.com>\r\nReferences: <l{number}@example.com>\r\n")))
    for number in range(2):       # two threads only with Tim: not offered
        mails.append(("Sent", message(f"Petra Plan <{ME}>", "tim@start.example", "Mon, 16 Mar 2026 10:00:00 +0100",
                                      f"Frage {number}", f"t{number}@example.com")))
    out = []
    for position, (label, text) in enumerate(mails):
        out.append(f"From 17{position:017d}@xxx Wed Mar 04 09:12:33 +0000 2026\r\nX-GM-THRID: {position}\r\n"
                   f"X-Gmail-Labels: {label}\r\n" + text)
    return "".join(out).encode("utf-8")


def seed(con: netzdb.Connection, own: bool = True) -> dict[str, str]:
    if own:
        con.execute("UPDATE profile SET my_emails = [?]", [ME])
    ids = {}
    for name, email in (("Anna Weber", "anna.weber@voith.example"), ("Max Muster", "max.muster@siemens-energy.example")):
        row = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES (?, ?, 'A') RETURNING id",
                          [name, [email]]).fetchone()
        assert row
        ids[name] = row[0]
    return ids


def takeout(tmp_path: Path) -> Path:
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    path.write_bytes(takeout_mbox())
    return path


def run(con: netzdb.Connection, *paths: Path, **options: object):  # noqa: ANN201
    files, refused = find_files([str(p) for p in paths])
    return plan_activity(con, files, now=NOW, zone=BERLIN, refused=refused, **options)  # type: ignore[arg-type]


def logged(con: netzdb.Connection, contact_id: str) -> list[tuple[dt.date, str, list[str]]]:
    return con.execute("SELECT occurred_on, channel, topics FROM interactions WHERE contact_id = ? "
                       "ORDER BY occurred_on", [contact_id]).fetchall()


def test_one_interaction_per_contact_day_and_direction(con: netzdb.Connection, tmp_path: Path) -> None:
    ids = seed(con)
    plan = run(con, takeout(tmp_path))
    report = apply_activity(con, plan)
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 3, 3), "email", []), (dt.date(2026, 3, 3), "email", [])]
    assert con.execute("SELECT key FROM interaction_sources WHERE contact_id = ? ORDER BY key",
                       [ids["Anna Weber"]]).fetchall() == [(f"{ids['Anna Weber']}|2026-03-03|received",),
                                                          (f"{ids['Anna Weber']}|2026-03-03|sent",)]
    assert logged(con, ids["Max Muster"]) == [(dt.date(2026, 3, 3), "email", [])]       # in Cc of my reply
    # without a known contact: four received and five I sent (these were left out of the count before)
    assert report.skipped == {"mailing_list": 2, "no_reply": 1, "spam_or_trash": 1, "duplicate": 1,
                              "no_contact": 9}
    # three threads with Lena, two of them started by me: offered; Tim (two threads), Jürgen (only wrote): not
    assert [(p.name, p.email, p.threads) for p in report.people] == [
        ("Lena Kraft", "lena.kraft@elektrolyse.example", 3)]


def test_posts_to_a_mailing_list_with_x_mailing_list_or_the_lists_sender_are_list_mail(
        con: netzdb.Connection) -> None:
    """A real post to the Linux kernel list has no List-Id, only X-Mailing-List and Sender: …-owner@ (majordomo:
    owner-…@): it was logged as mail from the person. A message a colleague's assistant sent is still mail."""
    ids = seed(con)
    report = apply_activity(con, run(con, FIXTURES / "list_posts_with_x_mailing_list_or_owner_sender.mbox"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 14), "email", [])]
    assert report.skipped == {"mailing_list": 2}


def test_gmail_spam_and_trash_are_left_out_in_every_language_and_when_the_labels_are_encoded(
        con: netzdb.Connection) -> None:
    """A German Takeout labels opened mail 'Geöffnet', so the whole X-Gmail-Labels header is encoded
    (=?UTF-8?Q?Papierkorb,Ge=C3=B6ffnet?=); a French one calls the trash 'Corbeille': such mail in the trash or spam
    was logged as mail from the person."""
    con.execute("UPDATE profile SET my_emails = ['me@example.com']")
    joerg = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Jörg Berger', ['joerg@beispiel.de'], "
                        "'B') RETURNING id").fetchone()
    assert joerg
    report = apply_activity(con, run(con, FIXTURES / "gmail_takeout_labels_encoded_or_in_other_languages.mbox"))
    assert logged(con, joerg[0]) == []
    assert report.skipped == {"spam_or_trash": 4}


def test_subjects_only_when_turned_on_and_new_people_added(con: netzdb.Connection, tmp_path: Path) -> None:
    seed(con)
    plan = run(con, takeout(tmp_path))
    apply_activity(con, plan, people={"lena.kraft@elektrolyse.example"}, subjects=True, tier="C")
    row = con.execute("SELECT id, tier, emails, sources FROM contacts WHERE full_name = 'Lena Kraft'").fetchone()
    assert row and row[1:] == ("C", ["lena.kraft@elektrolyse.example"], ["mail"])
    topics = [t for _, _, t in logged(con, row[0])]
    assert ["Thema 0"] in topics and ["Thema 2"] in topics and len(topics) == 6    # 3 days sent, 3 received
    anna_topics = con.execute("SELECT list_sort(flatten(list(i.topics))) FROM interactions i JOIN contacts c "
                              "ON c.id = i.contact_id WHERE c.full_name = 'Anna Weber'").fetchone()
    assert anna_topics == (["Angebot Elektrolyseur", "Angebot Elektrolyseur", "Nachtrag"],)  # 'AW:' removed


def test_no_message_body_reaches_the_database(db_path: Path, tmp_path: Path) -> None:
    con = netzdb.connect(db_path)
    try:
        seed(con)
        plan = run(con, takeout(tmp_path), FIXTURES)
        apply_activity(con, plan, people={p.email for p in plan.people}, subjects=True)
        assert con.execute("SELECT count(*) FROM interactions").fetchone()[0] > 5  # type: ignore[index]
        columns = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                              "WHERE table_schema = 'main'").fetchall()
        found = []
        for table, column in columns:
            hits = con.execute(f'SELECT count(*) FROM "{table}" WHERE CAST("{column}" AS VARCHAR) '  # noqa: S608
                               "ILIKE ? OR CAST(\"{column}\" AS VARCHAR) ILIKE '%From here on a line%'".replace(
                                   '{column}', column), [f"%{MARKER}%"]).fetchone()
            if hits and hits[0]:
                found.append(f"{table}.{column}")
        assert len(columns) > 100 and found == []
    finally:
        con.close()
    assert MARKER.encode() not in db_path.read_bytes()


def test_importing_again_creates_nothing(con: netzdb.Connection, tmp_path: Path) -> None:
    seed(con)
    path = takeout(tmp_path)
    first = apply_activity(con, run(con, path))
    again = apply_activity(con, run(con, path))
    assert first.created == 3 and again.created == 0 and again.already == 3


def test_since_leaves_older_mail_out(con: netzdb.Connection, tmp_path: Path) -> None:
    seed(con)
    report = run(con, takeout(tmp_path), since=dt.date(2026, 3, 4)).preview()
    assert report.created == 0 and report.skipped["before_since"] >= 3


def test_without_own_addresses_nothing_is_guessed(con: netzdb.Connection, tmp_path: Path) -> None:
    seed(con, own=False)
    plan = run(con, takeout(tmp_path))
    assert plan.needs_own_addresses and plan.mail == () and plan.people == ()
    assert plan.top_senders[0][0] == ME                                  # offered to choose from
    assert "Settings" in "\n".join(report_lines(plan.preview(), "en"))


def test_thunderbird_folder_and_eml_files(con: netzdb.Connection, tmp_path: Path) -> None:
    ids = seed(con)
    folder = tmp_path / "Mail" / "Local Folders"
    folder.mkdir(parents=True)
    (folder / "Inbox").write_bytes(
        b"From - Tue Mar 03 09:12:00 2026\r\nX-Mozilla-Status: 0001\r\n"
        + message("anna.weber@voith.example", ME, "Tue, 10 Mar 2026 09:12:00 +0100", "Termin", "tb1@voith.example")
        .encode())
    (folder / "Inbox.msf").write_bytes(b"// <!-- <mdb:mork:z v=\"1.4\"/> -->")
    (folder / "Sent").write_bytes(
        b"From - Tue Mar 11 09:12:00 2026\r\n"
        + message(ME, "Max Muster <max.muster@siemens-energy.example>", "Wed, 11 Mar 2026 09:12:00 +0100", "Antwort",
                  "tb2@example.com").encode())
    outlook = tmp_path / "outlook"
    outlook.mkdir()
    (outlook / "Angebot.eml").write_bytes(
        message("Anna Weber <anna.weber@voith.example>", ME, "Thu, 12 Mar 2026 09:12:00 +0100", "Angebot",
                "ol1@voith.example").encode("utf-8"))
    report = apply_activity(con, run(con, tmp_path / "Mail", outlook))
    assert [s.kind for s in report.sources] == ["mbox", "mbox", "eml"]
    assert [d for d, _, _ in logged(con, ids["Anna Weber"])] == [dt.date(2026, 3, 10), dt.date(2026, 3, 12)]
    assert [d for d, _, _ in logged(con, ids["Max Muster"])] == [dt.date(2026, 3, 11)]


def test_thunderbird_and_python_test_suite_mboxes() -> None:
    def read(name: str) -> list[tuple[str, str]]:
        with (FIXTURES / name).open("rb") as stream:
            return [(m.subject, m.sender.email if m.sender else "")
                    for m in (read_message(raw) for raw in mbox_headers(stream))]

    # Thunderbird escapes "From " in bodies with a space (modern) or not at all (unquoted): two messages each
    assert read("thunderbird_mbox_modern") == [("Sample message 1", "author@example.com"),
                                               ("Sample message 2", "author@example.com")]
    assert read("thunderbird_mbox_unquoted") == read("thunderbird_mbox_modern")
    assert read("thunderbird_mbox_mboxrd") == read("thunderbird_mbox_modern")
    # Python's test: an unquoted "From time to time" in the body is no separator; the separator's date is used
    with (FIXTURES / "cpython_mailbox_01.mbox").open("rb") as stream:
        (only,) = [read_message(raw) for raw in mbox_headers(stream)]
    assert only.subject == "unquoted From in body; extra info on From line"
    assert only.sent_at == dt.datetime(2022, 8, 7, 11, 40, 37)      # the local time of the computer that stored it
    with (FIXTURES / "thunderbird_bugmail1").open("rb") as stream:
        (bug,) = [read_message(raw) for raw in mbox_headers(stream)]
    assert bug.subject == "[Bug 397009] A filter will let me tag, but not untag"   # the first of two Subjects
    assert bug.sender and bug.sender.email == "primaryemail1@test.invalid"
    assert bug.thread == "<bug-397009-254728@https.bugzilla.mozilla.org/>"


@pytest.mark.parametrize("block", [7, 64, 1024])
def test_streaming_in_small_blocks_finds_the_same_messages(tmp_path: Path, block: int) -> None:
    data = takeout_mbox()
    whole = [read_message(r).message_id for r in mbox_headers(io.BytesIO(data))]
    assert len(whole) == 17
    assert [read_message(r).message_id for r in mbox_headers(io.BytesIO(data), block_bytes=block)] == whole


def test_a_huge_body_and_a_broken_header_cost_nothing(con: netzdb.Connection, tmp_path: Path) -> None:
    seed(con)
    path = tmp_path / "big.mbox"
    with path.open("wb") as out:
        out.write(b"From - Tue Mar 03 09:12:00 2026\r\n" + message(
            "anna.weber@voith.example", ME, "Tue, 03 Mar 2026 09:12:00 +0100", "Anhang", "big@voith.example").encode())
        out.write((b"QUJD" * 19 + b"\r\n") * 200_000)          # 15 MB of base64 attachment
        out.write(b"\r\nFrom - x\r\nFrom: =?broken?=\r\nDate: not a date\r\nTo: <<>>\r\n\r\nbody\r\n")
    report = apply_activity(con, run(con, path))
    assert report.created == 1 and report.skipped.get("no_date") == 1


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_long_header_blocks_end_at_their_blank_line_with_either_line_end(newline: bytes) -> None:
    """The blank line after a header block is looked for in growing windows: a 25 KB References header (a long
    thread, far beyond the first 4 KB window) still ends where it ends, with LF or CR LF line ends, and the next message is found."""
    references = "References:" + "".join(f" <m{n}@lists.example>{newline.decode()}" for n in range(1200))
    messages = []
    for number in (1, 2):
        lines = [f"From - Tue Mar 0{number} 09:12:00 2026", f"Message-ID: <long-{number}@voith.example>",
                 "From: anna.weber@voith.example", f"To: {ME}", f"Date: Tue, 0{number} Mar 2026 09:12:00 +0100"]
        head = newline.join(line.encode() for line in lines) + newline + references.encode()
        messages.append(head + f"Subject: Thread {number}".encode() + newline + newline + b"Body" + newline)
    blocks = list(mbox_headers(io.BytesIO(newline.join(messages))))
    assert len(blocks[0].data) > 20_000
    read = [read_message(raw) for raw in blocks]
    assert [(m.message_id, m.subject) for m in read] == [("<long-1@voith.example>", "Thread 1"),
                                                         ("<long-2@voith.example>", "Thread 2")]


def test_a_date_past_the_last_day_and_mail_to_a_stranger_are_counted(con: netzdb.Connection) -> None:
    """A message dated 31 Dec 9999 west of UTC stopped the import with an OverflowError; a message I sent to
    someone who is no contact was read and then missing from the report."""
    seed(con)
    report = apply_activity(con, run(con, FIXTURES / "date_in_year_9999_west_of_utc.eml",
                                     FIXTURES / "sent_to_someone_not_a_contact.eml"))
    assert sum(source.read for source in report.sources) == 2 and report.created == 0
    assert report.skipped == {"no_date": 1, "no_contact": 1}


def test_one_message_in_a_file_without_extension_is_read_as_mail(db_path: Path) -> None:
    """A message saved on its own without '.eml' (Thunderbird's test mail, a Maildir's files) was handed to the
    contact importer by `netz import` and refused as "not a contact file"."""
    result = netz("import", "--db", str(db_path), "--lang", "en",
                  str(FIXTURES / "thunderbird_message_file_without_extension"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "thunderbird_message_file_without_extension: e-mail, 1 message read" in result.stdout
    assert "not a contact file" not in result.stdout + result.stderr


def test_names_and_subjects_written_as_raw_8_bit_text_are_read_as_written(con: netzdb.Connection) -> None:
    """Old and careless mailers write 'Jörg Müller' and 'Grüße' into headers as raw UTF-8, Latin-1 or Windows-1252
    bytes instead of encoded words: they were read as 'J��rg M��ller', in the subjects kept as topics and in the
    names of the people offered to add."""
    path = FIXTURES / "raw_8bit_headers_utf8_latin1_cp1252.mbox"
    with path.open("rb") as stream:
        read = [read_message(raw) for raw in mbox_headers(stream)]
    assert [(m.sender.name if m.sender else "", m.subject) for m in read] == [
        ("Jörg Müller", "Grüße aus München"),                    # UTF-8
        ("Jörg Müller", "Angebot für die Straße"),               # Latin-1
        ("Jörg Müller", "„Preis“ 5 € – bitte prüfen")]           # Windows-1252, filed as 'Müller, Jörg'
    seed(con)
    joerg = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Jörg Müller', ['joerg@kunde.example'], "
                        "'B') RETURNING id").fetchone()
    assert joerg
    apply_activity(con, run(con, path), subjects=True)
    assert [topics for _, _, topics in logged(con, joerg[0])] == [
        ["Grüße aus München"], ["Angebot für die Straße"], ["„Preis“ 5 € – bitte prüfen"]]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_an_outlook_msg_file_renamed_to_eml_is_named_with_how_to_get_a_readable_one(con: netzdb.Connection,
                                                                                   lang: str) -> None:
    """Outlook's own message files (.msg, an OLE2 compound file) renamed to .eml were counted as "an e-mail without a
    usable date or sender". The report now names the file, says it is an Outlook message file netz cannot read,
    and how to get one it can; the message is still counted as read."""
    seed(con)
    name = "outlook_msg_file_renamed_to_eml.eml"
    report = apply_activity(con, run(con, FIXTURES / name))
    assert [source.read for source in report.sources] == [1] and report.created == 0
    assert "no_date" not in report.skipped
    assert [(Path(p.file).name, p.code) for p in report.problems] == [(name, "outlook_msg")]
    text = "\n".join(report_lines(report, lang))
    expected = {"en": f"{FIXTURES / name}: an Outlook message file (.msg), which netz cannot read",
                "de": f"{FIXTURES / name}: eine Outlook-Nachrichtendatei (.msg), die netz nicht lesen kann"}[lang]
    assert expected in text, text
    assert ".eml" in text.split(expected)[1] and "Thunderbird" in text.split(expected)[1]


MAILDIR = FIXTURES / "maildir_from_header_after_4096_bytes_of_trace_headers"


def test_a_maildir_message_with_from_after_4_kb_of_trace_headers_is_read(con: netzdb.Connection,
                                                                          tmp_path: Path) -> None:
    """Gmail and Office 365 put 5-8 KB of Received, ARC and DKIM headers above From:. Such a Maildir message (no
    '.eml') was passed over in a folder without being counted, and refused as "not a contact file" when named."""
    seed(con)
    yu = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Yu-cheng Yu', ['yu-cheng.yu@intel.com'], "
                     "'B') RETURNING id").fetchone()
    assert yu
    report = apply_activity(con, run(con, MAILDIR))
    assert [(Path(s.name).name, s.kind, s.read) for s in report.sources] == [
        ("1559938456.M1P1.host,S=8700:2,S", "eml", 1)]
    assert logged(con, yu[0]) == [(dt.date(2019, 6, 7), "email", [])]


def test_every_file_in_a_folder_is_read_or_named(con: netzdb.Connection, tmp_path: Path) -> None:
    """A file in a folder that is neither a calendar nor mail is named in the report, not passed over; an empty
    file (Thunderbird's empty Drafts) is an empty mailbox; index files and contact files are left to others."""
    folder = tmp_path / "Mail"
    folder.mkdir()
    message = next((MAILDIR / "cur").iterdir())
    (folder / message.name).write_bytes(message.read_bytes())
    (folder / "notes").write_text("To do: call Anna\nand Max\n")
    (folder / "Drafts").write_bytes(b"")
    (folder / "Drafts.msf").write_bytes(b"// <!-- <mdb:mork:z v=\"1.4\"/> -->")
    (folder / "dovecot-uidlist").write_text("3 V1559938456 N2\n")
    (folder / "table_of_contents").write_bytes(b"\x00\x01\x02 Apple Mail export index")
    (folder / "people.vcf").write_text("BEGIN:VCARD\r\nFN:Anna\r\nEND:VCARD\r\n")
    plan = run(con, folder)
    assert sorted((Path(s.name).name, s.read) for s in plan.sources) == [("1559938456.M1P1.host,S=8700:2,S", 1),
                                                                         ("Drafts", 0)]
    assert [(Path(p.file).name, p.code) for p in plan.refused] == [("notes", "not_activity")]


def test_a_maildir_message_named_on_the_command_line_is_read_as_mail(db_path: Path) -> None:
    path = next((MAILDIR / "cur").iterdir())
    result = netz("import", "--db", str(db_path), "--lang", "en", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{path}: e-mail, 1 message read" in result.stdout
    assert "not a contact file" not in result.stdout + result.stderr


def test_names_encoded_in_charsets_python_knows_by_another_name_are_read(con: netzdb.Connection) -> None:
    """Mutt's '=?unknown-8bit?Q?J=F6rn?=' was read as 'J�rn'; Exchange Online's Hebrew '=?iso-8859-8-i?B?…?=' and
    Thai Outlook's '=?windows-874?B?…?=' stayed encoded, in names and subjects."""
    folder = FIXTURES / "encoded_names_in_charsets_python_does_not_know_by_that_name"
    read = {}
    for path in sorted(folder.iterdir()):
        with path.open("rb") as stream:
            found = read_message(eml_headers(stream))
        read[path.name] = (found.sender.name if found.sender else "", found.subject)
    assert read == {
        "frederic_meunier_2001-10-11.eml": ("Frédéric L. W. Meunier",
                                            "Re: [2.4.10] README and Documentation/Changes inconsistent"),
        "hebrew_sender_exchange_online.eml": ("ג'יימס בונד", "test wait"),
        "joern_engel_2003-03-12.eml": ("Jörn Engel", "Re: 2.5.64: i2c-proc kills machine at boot"),
        "thai_sender_outlook_windows_874.eml": ("สมชาย ใจดี", "นัดประชุม")}
    con.execute("UPDATE profile SET my_emails = [?]", [ME])
    plan = run(con, folder / "thai_sender_outlook_windows_874.eml")
    assert [(p.name, p.email) for p in plan.people] == []            # one thread: not offered, but named right
    assert ("somchai@example.co.th", 1) in plan.top_senders


def test_people_named_with_their_address_or_department_in_brackets(con: netzdb.Connection) -> None:
    """Outlook writes a contact's "Display as", 'Kent Michaelsen (kmichaelsen@acme.com)', an Exchange directory
    'Weber, Hans (IT-Service)': offered as new contacts under those names ('Hans (IT-Service) Weber'), and a name
    that is only the address in brackets as '<lea.roth@…>'."""
    con.execute("UPDATE profile SET my_emails = [?]", [ME])
    plan = run(con, FIXTURES / "recipients_named_with_their_address_or_department_in_brackets.mbox")
    assert [(p.name, p.email) for p in plan.people] == [
        ("Hans Weber", "hans.weber@stadtwerke.example"), ("Kent Michaelsen", "kmichaelsen@acme.com"),
        ("Lea Roth", "lea.roth@roth-partner.example")]


def test_trash_and_junk_folders_of_a_mail_program_are_left_out(con: netzdb.Connection) -> None:
    """Thunderbird's Local Folders hold 'Trash' and 'Junk' beside the Inbox, a Maildir '.Junk': their mail was
    logged, a spoofed spam message as an e-mail from a contact, while Gmail's Spam and Trash are left out."""
    ids = seed(con)
    for name, email in (("Carla Nowak", "carla.nowak@h2-netz.example"), ("Jonas Becker", "jonas.becker@ise.example"),
                        ("Dana Park", "dana.park@hydrogen-us.example")):
        row = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES (?, ?, 'A') RETURNING id",
                          [name, [email]]).fetchone()
        assert row
        ids[name] = row[0]
    plan = run(con, FIXTURES / "local_folders_with_trash_and_junk")
    report = apply_activity(con, plan)
    logged_by = dict(con.execute("SELECT c.full_name, list(i.occurred_on ORDER BY i.occurred_on) FROM interactions i "
                                 "JOIN contacts c ON c.id = i.contact_id GROUP BY 1").fetchall())
    assert logged_by == {"Anna Weber": [dt.date(2026, 3, 3)], "Jonas Becker": [dt.date(2026, 3, 6)],
                         "Dana Park": [dt.date(2026, 3, 9)]}
    assert report.skipped["spam_or_trash"] == 3
    assert sum(s.read for s in report.sources) == 6
    assert "3 e-mails in spam or trash" in "\n".join(report_lines(report, "en"))
    assert "3 E-Mails in Spam oder Papierkorb" in "\n".join(report_lines(report, "de"))


def test_message_files_starting_with_a_byte_order_mark_are_read(con: netzdb.Connection) -> None:
    """An .eml that Windows 11 saved with a UTF-8 byte order mark (Office 365 hands some messages out so), a Maildir
    file and an mbox that start with one, and an .eml with a blank line before its headers: the .eml files were
    'e-mails without a usable date or sender' (two of them even 'found twice'), the Maildir file 'not a calendar
    or mail file', the mbox no mailbox at all."""
    ids = seed(con)
    plan = run(con, FIXTURES / "message_files_starting_with_a_byte_order_mark")
    assert plan.refused == ()
    report = apply_activity(con, plan)
    assert sum(s.read for s in report.sources) == 4 and report.skipped == {}
    assert [r[0] for r in logged(con, ids["Anna Weber"])] == [dt.date(2026, 3, day) for day in (2, 3, 4, 5)]


def test_apple_mail_store_with_emlx_files(con: netzdb.Connection) -> None:
    """Apple Mail keeps each message as an .emlx file (a byte-count line, the message, a property list) in
    ~/Library/Mail: given that folder, every message was 'not a calendar or mail file', and so were the
    attachments Apple Mail keeps beside them and its index database."""
    ids = seed(con)
    plan = run(con, FIXTURES / "apple_mail_store_with_emlx_files")
    assert plan.refused == ()
    report = apply_activity(con, plan)
    assert [r[0] for r in logged(con, ids["Anna Weber"])] == [dt.date(2026, 3, 2)]      # not the one in Junk
    assert [r[0] for r in logged(con, ids["Max Muster"])] == [dt.date(2026, 3, 3)]
    assert report.skipped == {"spam_or_trash": 1}


def test_drafts_are_never_logged_as_sent(con: netzdb.Connection) -> None:
    """A draft is an e-mail never sent: Thunderbird's Drafts folder (X-Mozilla-Draft-Info), Gmail's 'Entwürfe' label
    in Takeout and Outlook's unsent .eml (X-Unsent: 1) were logged as e-mails sent to Anna."""
    ids = seed(con)
    report = apply_activity(con, run(con, FIXTURES / "drafts_never_sent"))
    assert logged(con, ids["Anna Weber"]) == []
    assert [r[0] for r in logged(con, ids["Max Muster"])] == [dt.date(2026, 3, 3), dt.date(2026, 3, 5)]
    assert report.skipped == {"draft": 3}
    assert "3 drafts, never sent" in "\n".join(report_lines(report, "en"))
    assert "3 Entwürfe, nie gesendet" in "\n".join(report_lines(report, "de"))


def test_a_git_patch_inline_in_a_thunderbird_mbox_is_no_message_of_its_own(con: netzdb.Connection,
                                                                           tmp_path: Path) -> None:
    """Old Thunderbird stores a patch attached inline unescaped; its 'From <sha> Mon Sep 17 00:00:00 2001' line
    (git format-patch's fixed date) followed by From:/Date: was taken for a separator, and an e-mail from the
    patch's author was logged on the commit's day."""
    con.execute("UPDATE profile SET my_emails = ['me@example.org']")
    ids = {}
    for name, address in (("Anna Weber", "anna@example.com"), ("Jelmer Vernooij", "jelmer@samba.org")):
        row = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES (?, [?], 'B') RETURNING id",
                          [name, address]).fetchone()
        assert row
        ids[name] = row[0]
    path = FIXTURES / "git_format_patch_inline_in_an_unescaped_thunderbird_mbox"
    report = apply_activity(con, run(con, path))
    assert [s.read for s in report.sources] == [1]
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2010, 6, 8), "email", [])]
    assert logged(con, ids["Jelmer Vernooij"]) == []
    patch = tmp_path / "0001-Added-unit-tests.patch"         # a patch file is no mailbox either
    patch.write_bytes(path.read_bytes().split(b"filename=\"0001-Added-unit-tests.patch\"\n\n")[1])
    with patch.open("rb") as stream:
        assert list(mbox_headers(stream)) == []


def test_dates_with_german_names_or_central_european_zone_names_are_read(con: netzdb.Connection) -> None:
    """'Di, 7 Mai 2019 10:00:00 +0200' gave no date (an .eml was dropped, an mbox's message logged on the day it
    was stored); 'Wed, 8 May 2019 23:30:00 MET DST' was read as UTC, a day late in Berlin."""
    ids = seed(con)
    path = FIXTURES / "date_with_german_day_and_month_names_or_met_dst.mbox"
    with path.open("rb") as stream:
        first = read_message(RawHeaders(1, b"", next(mbox_headers(stream)).data))      # as an .eml: no separator
    assert first.sent_at == dt.datetime(2019, 5, 7, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    apply_activity(con, run(con, path))
    assert [day for day, _, _ in logged(con, ids["Anna Weber"])] == [
        dt.date(2019, 3, 1), dt.date(2019, 3, 13), dt.date(2019, 5, 6), dt.date(2019, 5, 7), dt.date(2019, 5, 8),
        dt.date(2019, 9, 14), dt.date(2019, 9, 15), dt.date(2019, 10, 3), dt.date(2019, 11, 28),
        dt.date(2019, 11, 30), dt.date(2019, 12, 16)]


def test_a_message_without_date_is_dated_by_its_bottom_received_header(con: netzdb.Connection) -> None:
    """A message without Date: was dropped as "without a usable date" though its Received lines carry the date;
    the bottom-most is when the first server took it."""
    seed(con)
    yu = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Yu-cheng Yu', ['yu-cheng.yu@intel.com'], "
                     "'B') RETURNING id").fetchone()
    assert yu
    path = FIXTURES / "message_without_date_dated_by_its_bottom_received_header.eml"
    with path.open("rb") as stream:
        found = read_message(eml_headers(stream))
    assert found.sent_at == dt.datetime(2019, 6, 7, 13, 14, 12, tzinfo=dt.timezone(dt.timedelta(hours=-7)))
    report = apply_activity(con, run(con, path))
    assert "no_date" not in report.skipped
    assert logged(con, yu[0]) == [(dt.date(2019, 6, 7), "email", [])]


def test_encoded_words_whose_bytes_are_not_their_charset_are_read_like_raw_bytes() -> None:
    """'=?utf-8?q?J=F6rg?=' (Latin-1 bytes labelled UTF-8) stayed encoded; Korean and Chinese Windows label cp949
    and GBK text 'ks_c_5601-1987' and 'gb2312'."""
    data = (b"From: =?utf-8?q?J=F6rg?= Weber <joerg@kunde.example>\r\nTo: =?ks_c_5601-1987?B?sejB9sf2?= <kim@kr.example>,"
            b" =?gb2312?B?1dTA9g==?= <zhao@cn.example>\r\nSubject: C:\\users =?utf-8?q?f=C3=BCr?= Anna\r\n\r\n")
    found = read_message(RawHeaders(1, b"", data))
    assert found.sender and found.sender.name == "Jörg Weber"
    assert [a.name for a in found.recipients] == ["김지현", "赵丽"]
    assert found.subject == "C:\\users für Anna"


def test_automatic_replies_read_receipts_and_delivery_reports_are_no_e_mails_with_the_person(
        con: netzdb.Connection) -> None:
    """A folder of an Outlook mailbox converted with readpst: Exchange's out-of-office replies ('Automatische
    Antwort:', 'Abwesenheitsnotiz:', 'Out of Office AutoReply:', X-Autoreply), Lotus Notes' 'ist außer Haus.', read
    receipts ('Gelesen:', Thunderbird's 'Return Receipt (displayed)') and a delivery report were logged as e-mails
    received from the contact. They are counted as automatic messages now, in English and German; a reply about
    being away is still mail."""
    ids = seed(con)
    report = apply_activity(con, run(con, FIXTURES / "automatic_replies_read_receipts_and_delivery_reports"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 4), "email", [])]
    assert logged(con, ids["Max Muster"]) == [(dt.date(2026, 5, 15), "email", [])]
    assert report.skipped == {"automatic": 8}
    assert any("8 automatic replies, read receipts and delivery reports" in line for line in report_lines(report, "en"))
    assert any("8 automatische Antworten, Lesebestätigungen und Unzustellbarkeitsberichte" in line
               for line in report_lines(report, "de"))


def test_a_folder_deleted_into_the_trash_is_trash(con: netzdb.Connection) -> None:
    """KMail and Thunderbird move a deleted folder into the trash, as a subfolder: KMail's '.trash.directory/Projekt
    Alt', Dovecot's Maildir++ '.Trash.Projekt'; their mail was logged (Thunderbird's 'Trash.sbd' was not)."""
    ids = seed(con)
    report = apply_activity(con, run(con, FIXTURES / "deleted_folders_kept_inside_the_trash"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 4), "email", [])]
    assert logged(con, ids["Max Muster"]) == []
    assert report.skipped == {"spam_or_trash": 3}


def test_invitations_and_answers_sent_by_calendars_are_the_calendars_not_e_mails(con: netzdb.Connection) -> None:
    """Google Calendar's invitation and 'Angenommen:' (Sender: calendar-notification@google.com), Exchange's
    'Zugesagt:' (Content-class: urn:content-classes:calendarmessage) and a calendar program's answer sent as
    text/calendar were each logged as an e-mail with the person, besides the meeting the calendar logs. They are
    counted as invitations and answers now; a message with an .ics attached by hand is mail."""
    ids = seed(con)
    report = apply_activity(con, run(con, FIXTURES / "invitations_and_answers_sent_by_calendars"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 8), "email", [])]
    assert logged(con, ids["Max Muster"]) == []
    assert report.skipped == {"calendar_message": 4}
    assert any("4 invitations and answers to them" in line for line in report_lines(report, "en"))
    assert any("4 Einladungen und Antworten darauf" in line for line in report_lines(report, "de"))


def test_evolutions_own_files_beside_its_mail_are_passed_over(con: netzdb.Connection) -> None:
    """Evolution keeps its summaries and indexes beside each local mbox (Inbox.cmeta, Inbox.ev-summary,
    Inbox.ibex.index) and a folders.db in each Maildir store: each was named as "not a calendar or mail file",
    though the docs promise that a mail program's own files are passed over."""
    ids = seed(con)
    files, refused = find_files([str(FIXTURES / "evolution_local_folders_with_their_index_files")])
    assert refused == []
    apply_activity(con, plan_activity(con, files, now=NOW, zone=BERLIN))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 4), "email", [])]
    assert logged(con, ids["Max Muster"]) == [(dt.date(2026, 5, 5), "email", [])]


def test_gmx_and_webde_trash_named_geloescht_is_trash(con: netzdb.Connection) -> None:
    """GMX and WEB.DE name their IMAP trash 'Gelöscht' (Thunderbird keeps it as ImapMail/imap.gmx.net/Gelöscht):
    its mail was logged, while 'Spamverdacht' beside it was left out."""
    ids = seed(con)
    report = apply_activity(con, run(con, FIXTURES / "gmx_and_webde_imap_folders_in_thunderbird"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 4), "email", [])]
    assert report.skipped == {"spam_or_trash": 2}


def test_googlemail_and_gmail_are_one_mailbox(con: netzdb.Connection) -> None:
    """Gmail addresses of German (and British) accounts were '@googlemail.com' until 2012 and still deliver to the
    same mailbox as '@gmail.com': with 'petra.plan@gmail.com' as one's own address and Anna's card under
    'anna.weber@googlemail.com', the mail sent from the old address was "without a known contact", Anna's mail from
    her new one too, and a meeting declined under the old address was logged with her."""
    con.execute("UPDATE profile SET my_emails = ['petra.plan@gmail.com']")
    anna = con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Anna Weber', "
                       "['anna.weber@googlemail.com'], 'A') RETURNING id").fetchone()
    assert anna
    report = apply_activity(con, run(con, FIXTURES / "googlemail_and_gmail_are_one_mailbox"))
    assert con.execute("SELECT occurred_on, channel FROM interactions WHERE contact_id = ? ORDER BY occurred_on, "
                       "channel", [anna[0]]).fetchall() == [
        (dt.date(2026, 3, 2), "email"), (dt.date(2026, 3, 3), "email"), (dt.date(2026, 3, 6), "meeting")]
    assert {reason: count for reason, count in report.skipped.items() if count} == {"declined_by_me": 1}


def test_maildir_folders_named_in_imap_modified_utf7_are_read_by_their_names(con: netzdb.Connection) -> None:
    """mbsync, offlineimap and Dovecot keep IMAP folders under their modified UTF-7 names: Exchange's 'Gelöschte
    Elemente' is 'Gel&APY-schte Elemente' on disk, GMX's 'Entwürfe' 'Entw&APw-rfe', 'Unerwünscht' 'Unerw&APw-nscht'.
    Their deleted mail, junk and a draft never sent were logged as e-mails with Anna and Max."""
    ids = seed(con)
    report = apply_activity(con, run(con, FIXTURES / "maildir_folders_named_in_imap_modified_utf7"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 4), "email", [])]
    assert logged(con, ids["Max Muster"]) == []
    assert {reason: count for reason, count in report.skipped.items() if count} == {"spam_or_trash": 2, "draft": 2}


def test_apple_mails_german_junk_mailbox_werbung_is_junk(con: netzdb.Connection) -> None:
    """A German Apple Mail names its junk mailbox 'Werbung' and exports it as 'Werbung.mbox': a spam message with a
    contact's forged sender was logged as an e-mail received from Max."""
    ids = seed(con)
    report = apply_activity(con, run(con, FIXTURES / "apple_mail_german_export_with_its_junk_mailbox_werbung"))
    assert logged(con, ids["Anna Weber"]) == [(dt.date(2026, 5, 4), "email", [])]
    assert logged(con, ids["Max Muster"]) == []
    assert {reason: count for reason, count in report.skipped.items() if count} == {"spam_or_trash": 1}


def test_german_antw_and_weitergeleitet_marks_are_not_the_topic() -> None:
    """A forward marked 'Weitergeleitet:' in full kept that word in the topic (Lotus Notes' 'Antw:' was read)."""
    for subject in ("Antw: Angebot Umbau", "Weitergeleitet: Angebot Umbau", "WG: Weitergeleitet: AW: Angebot Umbau"):
        assert clean_subject(subject) == "Angebot Umbau"


def test_offsets_with_a_colon_after_gmt_or_beside_a_comment_are_read(con: netzdb.Connection) -> None:
    """'+01:00' (a Bluetooth message's and some scripts' form), JavaScript's 'GMT+0100 (CET)', 'UTC+01:00', British
    and Eastern European zone names were read as UTC, so a late evening e-mail landed on the next day in Berlin;
    a comment inside the date, milliseconds or a leap second made it no date at all (the mbox's storage day)."""
    ids = seed(con)
    path = FIXTURES / "date_offsets_with_a_colon_after_gmt_or_in_comments_read_as_utc.mbox"
    with path.open("rb") as stream:
        first = read_message(RawHeaders(1, b"", next(mbox_headers(stream)).data))
    assert first.sent_at == dt.datetime(2025, 3, 3, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    report = apply_activity(con, run(con, path))
    assert "no_date" not in report.skipped
    assert [day for day, _, _ in logged(con, ids["Anna Weber"])] == [
        dt.date(2003, 7, 1), dt.date(2015, 6, 30), dt.date(2018, 1, 27), dt.date(2025, 2, 4), dt.date(2025, 3, 3),
        dt.date(2025, 3, 10), dt.date(2025, 4, 6), dt.date(2025, 5, 11)]


def test_a_date_without_zone_and_the_mbox_separator_are_the_users_local_time(con: netzdb.Connection) -> None:
    """'Wed, 14 May 2025 23:45:00' (no zone, as old mailers wrote) and Thunderbird's separator 'From - Fri May 16
    23:50:00 2025' (the local time it stored the message) were read as UTC: in Berlin on the next day."""
    ids = seed(con)
    path = FIXTURES / "date_without_zone_and_mbox_separator_date_are_local_time.mbox"
    report = apply_activity(con, run(con, path))
    assert "no_date" not in report.skipped
    assert [day for day, _, _ in logged(con, ids["Anna Weber"])] == [dt.date(2025, 5, 14), dt.date(2025, 5, 16)]
    apply_activity(con, plan := run(con, path))            # a second import changes nothing
    assert plan.already == 2 and not plan.mail


def test_a_message_without_a_usable_date_is_named_in_the_report(con: netzdb.Connection) -> None:
    """mu's test message without Date: and Received:, and CPython's with the hour 27, were only counted among "e-mails
    without a usable date or sender": in a mailbox of thousands nobody could tell which. Each is named now, with its
    file, place and subject, in English and German, and nothing is logged for it (never on the day of the import)."""
    seed(con)
    con.execute("INSERT INTO contacts (full_name, emails, tier) VALUES ('Sitting Bull', ['sb@example.com'], 'B')")
    folder = FIXTURES / "messages_without_a_usable_date_named_in_the_report"
    report = apply_activity(con, run(con, folder))
    assert report.skipped.get("no_date") == 2 and report.created == 0
    english = "\n".join(report_lines(report, "en"))
    german = "\n".join(report_lines(report, "de"))
    assert "mu_mail5_without_date.eml, message 1: an e-mail without a usable date was left out (“pics for you”)" \
        in english
    assert "cpython_msg_47_hour_27.eml, Nachricht 1: eine E-Mail ohne brauchbares Datum wurde ausgelassen " \
        "(„VIARGA|CIALIS|LEVITRA“)" in german
