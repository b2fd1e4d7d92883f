"""Every real export under ../shared/corpus (vCards, LinkedIn exports, Thunderbird CSV address books): no crash,
every card and row accounted for, no value cut at a comma, no replacement character in a name, no name cut by
title removal."""

from __future__ import annotations

import re
from pathlib import Path

from netzcore import db as netzdb
from netzcore.importers import ImportFile, apply_import, plan_import
from netzcore.importers.addressbook import recognise_csv
from netzcore.importers.csvfile import rows
from netzcore.importers.normalize import fold
from netzcore.importers.vcard import normalize_line_ends, unicode_bytes

_BEGIN = re.compile(rb"^\s*begin\s*:\s*vcard\s*$", re.IGNORECASE | re.MULTILINE)
_COMMA_VALUE = re.compile(r"^(?:[\w-]+\.)?(FN|TITLE|NOTE)(?:;[^:\n]*)?:(.*,.*)$", re.IGNORECASE | re.MULTILINE)


def corpus_files(corpus: Path) -> list[ImportFile]:
    paths = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in (".vcf", ".csv"))
    return [ImportFile(str(p.relative_to(corpus)), p.read_bytes()) for p in paths]


def test_every_card_of_the_corpus_is_accounted_for(corpus: Path, con: netzdb.Connection) -> None:
    files = corpus_files(corpus)
    assert len([f for f in files if f.name.startswith("vcard/")]) >= 170
    assert len([f for f in files if f.name.startswith("contacts-csv/")]) >= 6
    assert len([f for f in files if f.name.startswith("linkedin/")]) >= 4
    plan = plan_import(con, files)
    report = apply_import(con, plan)
    assert report.accounted
    read = {f.name: f.read for f in report.files}
    refused = {p.file for p in report.refused}
    for file in files:
        if not file.name.startswith("vcard/"):
            continue
        begins = len(_BEGIN.findall(normalize_line_ends(unicode_bytes(file.data))))
        if begins:
            assert read.get(file.name, 0) >= begins, file.name
        else:
            assert file.name in refused or read.get(file.name, 0) >= 1, file.name
    assert refused == {"vcard/folkerkinzel-vcards/Empty.vcf"}
    created = con.execute("SELECT count(*) FROM contacts").fetchone()
    assert created and created[0] == report.created
    kinds = {f.name: f.kind for f in report.files}
    for file in files:
        if file.name.endswith(".csv"):
            found = recognise_csv(file.name, file.data)
            assert found is not None and not found.refusal, file.name
            data_rows = sum(1 for row in rows(file.data, found.encoding, found.delimiter)
                            if row.line > found.header_line and any(cell.strip() for cell in row.cells))
            assert read[file.name] == data_rows, file.name
            expected = "linkedin" if file.name.startswith("linkedin/") else "thunderbird"
            assert kinds[file.name] == expected, file.name


def _words(text: str) -> set[str]:
    return set("".join(ch if ch.isalnum() or ch == "_" else " " for ch in fold(text)).split())


def test_no_name_is_cut_by_title_removal_and_none_holds_a_replacement_character(corpus: Path,
                                                                               con: netzdb.Connection) -> None:
    plan = plan_import(con, corpus_files(corpus))
    assert len(plan.records) > 500
    for record in plan.records:
        for name in (record.full_name, record.given_name or "", record.family_name or ""):
            assert "\ufffd" not in name, (record.file, name)
        # the key's words are the name's, and a generation its suffix names (N:Perreault;Simon;;;ing. jr,M.Sc.)
        written = _words(record.full_name) | _words(record.honorific_suffix or "")
        assert set(record.name_key.split()) <= written or not _words(record.full_name), (
            record.file, record.full_name, record.name_key)


def test_no_name_holds_a_replacement_character_and_no_value_is_cut_at_a_comma(corpus: Path,
                                                                           con: netzdb.Connection) -> None:
    plan = plan_import(con, [f for f in corpus_files(corpus) if f.name.startswith("vcard/")])
    for record in plan.records:
        assert "\ufffd" not in record.full_name, (record.file, record.full_name)
    by_file: dict[str, str] = {}
    for record in plan.records:
        by_file[record.file] = by_file.get(record.file, "") + "\n".join(
            [record.full_name, record.title or "", record.notes or ""]) + "\n"
    checked = 0
    for file in corpus_files(corpus):
        data = normalize_line_ends(unicode_bytes(file.data))
        try:
            text = re.sub(r"\n[ \t]", "", data.decode("utf-8"))
        except UnicodeDecodeError:
            continue
        for match in _COMMA_VALUE.finditer(text):
            if "QUOTED-PRINTABLE" in match.group(0).upper() or "base64" in match.group(2):
                continue
            tail = match.group(2).replace("\\,", ",").replace("\\n", "\n").replace("\\N", "\n").rsplit(",", 1)[1]
            tail = tail.replace("\\", "").strip()
            if tail:
                checked += 1
                assert tail in by_file.get(file.name, "").replace("\\", ""), (file.name, match.group(0))
    assert checked >= 10


def test_no_two_people_whose_names_do_not_match_are_merged(corpus: Path, con: netzdb.Connection) -> None:
    """Issue 11: in real address books most merges joined different people through a shared landline, switchboard
    or info@ mailbox. Now every group of cards that becomes one contact carries names that may be one person's."""
    from itertools import combinations

    from netzcore.identity import SAME, compare_names
    from netzcore.importers.matching import record_name

    files = [f for f in corpus_files(corpus) if f.name.startswith(("vcard/", "linkedin/"))]
    plan = plan_import(con, files)
    merged = 0
    for outcome in plan.outcomes:
        names = [record_name(plan.records[i]) for i in outcome.records]
        merged += len(names) - 1
        for (a, name_a), (b, name_b) in combinations(zip(outcome.records, names, strict=True), 2):
            assert compare_names(name_a, name_b) == SAME, (plan.records[a].full_name, plan.records[b].full_name)
    assert merged > 0
    report = apply_import(con, plan)
    assert report.accounted and report.not_imported == plan.not_imported
