"""Contacts → Possible duplicates: both contacts side by side, Merge or Keep apart, the answer remembered, and a merge
split again from the history or from the contact's detail."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore.importers import ImportFile, apply_import, plan_import
from tests.conftest import AppFactory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "identity"


def _imported(db_path: Path, name: str = "shared_mobile_different_people.vcf") -> None:
    con = netzdb.connect(db_path)
    apply_import(con, plan_import(con, [ImportFile(name, (FIXTURES / name).read_bytes())]))
    con.close()


def _queue(app: AppFactory, db_path: Path, lang: str = "en") -> AppTest:
    at = app(db_path, page="contacts", lang=lang)
    at.segmented_control(key="contacts_view").set_value("duplicates").run()
    assert not at.exception, at.exception
    return at


def _query(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    con = netzdb.connect(db_path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.caption])


def test_both_people_side_by_side_and_keep_apart_is_remembered(app: AppFactory, db_path: Path) -> None:
    _imported(db_path)
    at = _queue(app, db_path)
    shown = _texts(at)
    assert "1 pair to review" in shown
    assert "both have the phone number \\+491529876543" in shown
    assert "Peter Lang" in shown and "Maria Lang" in shown and "ZF Friedrichshafen AG" in shown
    keep = [b for b in at.button if b.key and b.key.startswith("dup_keep_")]
    assert len(keep) == 1
    keep[0].click().run()
    assert not at.exception, at.exception
    assert "Kept apart. netz will not ask about these two again." in [s.value for s in at.success]
    assert "No possible duplicates to review." in [s.value for s in at.success]
    assert _query(db_path, "SELECT status FROM duplicate_pairs") == [("kept_apart",)]
    _imported(db_path)                                    # a re-import neither asks again nor merges
    assert _query(db_path, "SELECT count(*), count(*) FILTER (WHERE status = 'open') FROM duplicate_pairs") == [(1, 0)]
    assert _query(db_path, "SELECT count(*) FROM contacts") == [(2,)]


def test_merge_then_split_again_from_the_history(app: AppFactory, db_path: Path) -> None:
    _imported(db_path)
    at = _queue(app, db_path, lang="de")
    assert "1 Paar zu prüfen" in _texts(at)
    peter = _query(db_path, "SELECT id FROM contacts WHERE full_name = 'Peter Lang'")[0][0]
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("dup_merge_")
                       and b.key.endswith(str(peter)))).click().run()
    assert not at.exception, at.exception
    assert "Zusammengeführt: Peter Lang ist jetzt ein Kontakt." in [s.value for s in at.success]
    assert _query(db_path, "SELECT full_name, birthday_year FROM contacts") == [("Peter Lang", 1965)]
    assert "Maria Lang in Peter Lang zusammengeführt" in _texts(at)
    split = [b for b in at.button if b.key and b.key.startswith("dup_history_")]
    assert [b.label for b in split] == ["Wieder trennen"]
    split[0].click().run()
    assert not at.exception, at.exception
    assert _query(db_path, "SELECT full_name, birthday_year FROM contacts ORDER BY 1") == [
        ("Maria Lang", 1967), ("Peter Lang", 1965)]
    assert _query(db_path, "SELECT status FROM duplicate_pairs") == [("kept_apart",)]


def test_split_again_from_the_contact_detail(app: AppFactory, db_path: Path) -> None:
    _imported(db_path)
    con = netzdb.connect(db_path)
    from netzcore.duplicates import merge_pair, open_pairs

    (pair,) = open_pairs(con)
    merge_pair(con, pair.id, pair.a.id)
    con.close()
    at = app(db_path, page="contacts")
    at.selectbox(key="contacts_pick").set_value(pair.a.id).run()
    assert not at.exception, at.exception
    at.session_state["contact_tab"] = "Merge"  # earlier merges are listed in the contact's Merge tab
    at.run()
    button = next(b for b in at.button if b.key and b.key.startswith("contact_split_"))
    assert button.label == "Split again"
    button.click().run()
    assert not at.exception, at.exception
    assert _query(db_path, "SELECT count(*) FROM contacts") == [(2,)]


def test_hostile_names_and_evidence_stay_text(app: AppFactory, db_path: Path) -> None:
    from netzcore import contacts, duplicates
    from netzcore.identity import Evidence
    from tests.browser import seed
    from tests.pages.test_hostile_pages import unescaped_markup

    con = netzdb.connect(db_path)
    hostile = contacts.create_contact(con, seed.HOSTILE_NAME, organization=seed.IMG, emails=["x@example.com"])
    other = contacts.create_contact(con, seed.SCRIPT, organization=seed.HOSTILE_NAME)
    twin = contacts.create_contact(con, seed.IMG)
    duplicates.queue_pairs(con, [(hostile, other, [Evidence("shared_email", seed.SCRIPT)]),
                                 (other, twin, [Evidence("similar_name_same_org", seed.IMG)])])
    (pair, *_) = [p for p in duplicates.open_pairs(con) if twin in (p.a.id, p.b.id)]
    duplicates.merge_pair(con, pair.id, other)
    con.close()
    for lang in ("de", "en"):
        at = _queue(app, db_path, lang=lang)
        at.expander[0].proto.expanded = True
        assert unescaped_markup(at) == [], lang
        assert seed.HOSTILE_NAME in _texts(at)
