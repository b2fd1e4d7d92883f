"""Every page in German shows German: no text of the English catalog that differs from the German one, no raw codes,
no English placeholder or "Select all" of Streamlit's own; on the demo network and after a phone import, with the
tabs, views and forms a user opens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore.i18n import catalog, translate
from netzcore.importers.files import import_paths
from tests.conftest import FIXTURES, PAGES, AppFactory, other_tabs

# Proto fields that are not shown as text.
HIDDEN_FIELDS = {"id", "key", "form_id", "spec", "data", "default", "format", "type", "icon", "arrow_data", "theme",
                 "url", "dg_id", "page_script_hash", "page_name", "url_path", "selection_mode", "delta_path",
                 "element_id", "deferred_file_id", "engine", "language", "name", "columns", "tag", "min", "max",
                 "raw_value", "value", "options", "default_value",
                 "query_string",
                 # a component's own code (netzui.target_heatmap): its texts come as data, which is checked
                 "js_content", "css_content", "html_content", "component_name"}
# A page link's target ("contacts"): the same field name is shown nowhere else.
HIDDEN_FIELDS.add("page")
# English texts allowed on a German page, and why.
ALLOWED = {
    "app.language_name": "the language chooser offers English by name",
    "common.level.head": "'Head of Procurement' is a job title in the demo network",
    "common.segment_kind.company": "'Company' is a CSV column name netz reads in exhibitor lists",
}
# Fragments of a catalog text made only of these words ("at the" of "at the {name}") say nothing about a leak: the
# demo network's English-speaking contacts have English hooks ("Suggest a coffee at the next trade fair").
FUNCTION_WORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
# Streamlit's own English words that a parameter can replace.
STREAMLIT_DEFAULTS = ("Choose an option", "Choose options", "No options to select", "Select all")


def texts(msg: Message) -> Iterator[str]:
    """Every string a user can see in an element (labels, bodies, help, placeholders, captions)."""
    for field, value in msg.ListFields():
        if field.name in HIDDEN_FIELDS:
            continue
        items = value if field.is_repeated else [value]
        for item in items:
            if field.type == field.TYPE_MESSAGE and isinstance(item, Message):
                yield from texts(item)
            elif field.type == field.TYPE_STRING and item:
                yield str(item)


def visible(at: AppTest) -> list[str]:
    """What netz writes on the page; the options of choosers are left out (mostly user data: names, tags such as
    Google's "My Contacts"; their codes are labelled through the catalogs and checked by the plural and key tests)."""
    found: list[str] = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is not None:
            found += texts(proto)
        if node.type in ("dataframe", "arrow_data_frame"):
            frame = node.value
            found += [str(c) for c in frame.columns]
            found += [str(v) for column in frame.columns if frame[column].dtype == object
                      for v in frame[column].head(30)]
    return found


def english_leaks(at: AppTest) -> list[str]:
    """English catalog texts (that differ from their German) found on the page, as 'key: text'."""
    de, en = catalog("de"), catalog("en")
    german_texts = set(de.values())
    shown = visible(at)
    leaks = []
    for key, value in en.items():
        if value == de.get(key) or key in ALLOWED or key.startswith("country."):
            continue
        for part in (p.strip() for p in re.split(r"\{[^{}]*\}|\{\w+, plural,.*\}", value)):
            if (len(part) < 4 or part in german_texts or not re.search(r"[A-Za-z]{3}", part)
                    or set(part.lower().split()) <= FUNCTION_WORDS):
                continue
            pattern = re.compile(r"(?<![\w-])" + re.escape(part) + r"(?![\w-])")
            hit = next((text for text in shown if pattern.search(text)), None)
            if hit is not None:
                leaks.append(f"{key}: {part!r} in {hit[:100]!r}")
                break
    return leaks


def german_problems(at: AppTest) -> list[str]:
    assert not at.exception, at.exception
    problems = english_leaks(at)
    shown = visible(at)
    problems += [f"Streamlit's '{word}'" for word in STREAMLIT_DEFAULTS if any(word in text for text in shown)]
    for box in at.multiselect:
        if not box.proto.placeholder:
            problems.append(f"multiselect {box.key or box.label}: no placeholder (Streamlit shows 'Choose options')")
        if box.proto.select_all:
            problems.append(f"multiselect {box.key or box.label}: Streamlit's English 'Select all' offered")
    for box in at.selectbox:
        if box.index is None and not box.proto.placeholder:
            problems.append(f"selectbox {box.key or box.label}: empty without a placeholder")
    return problems


def open_page(app: AppFactory, db: Path, page: str) -> AppTest:
    return app(db, page=page, lang="de")


@pytest.fixture
def phone_db(db_path: Path) -> Path:
    con = netzdb.connect(db_path)
    import_paths(con, sorted(str(p) for p in (FIXTURES / "import").glob("*.vcf")))
    con.close()
    return db_path


@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_german_on_the_demo_network(app: AppFactory, demo_db: Path, page: str) -> None:
    at = open_page(app, demo_db, page)
    assert german_problems(at) == []
    for tab in other_tabs(at, page):
        assert german_problems(at) == [], tab
    if page == "goals":
        for tab in ("segments", "assign"):
            at.session_state["goals_tab"] = translate("de", f"goals.tab_{tab}")
            at.run()
            assert german_problems(at) == [], tab
    if page == "target_map":
        at.session_state["map_cell_tab"] = translate("de", "target_map.way_in")
        at.run()
        assert german_problems(at) == [], "the way in"
    if page == "contacts":
        for view in ("triage", "review", "duplicates", "network", "new"):
            at.segmented_control(key="contacts_view").set_value(view).run()
            assert german_problems(at) == [], view


@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_german_after_a_phone_import(app: AppFactory, phone_db: Path, page: str) -> None:
    at = open_page(app, phone_db, page)
    assert german_problems(at) == []
    for tab in other_tabs(at, page):
        assert german_problems(at) == [], tab


def test_a_contacts_history_speaks_german(app: AppFactory, demo_db: Path) -> None:
    """Career 'Source: demo' and tier changes 'created' / 'merge' were shown as stored codes."""
    con = duckdb.connect(str(demo_db))
    person = con.execute("SELECT contact_id FROM career_history GROUP BY contact_id ORDER BY count(*) DESC, contact_id "
                         "LIMIT 1").fetchone()
    assert person is not None
    con.execute("INSERT INTO tier_history (contact_id, old_tier, new_tier, reason) VALUES (?, 'D', 'C', 'created')",
                [person[0]])
    con.close()
    at = open_page(app, demo_db, "contacts")
    at.query_params["contact"] = str(person[0])
    at.run()
    assert german_problems(at) == []
    career = next(df.value for df in at.dataframe if "Quelle" in df.value.columns)
    assert set(career["Quelle"]) == {"Demo-Netzwerk"}
    reasons = next(df.value for df in at.dataframe if "Grund" in df.value.columns)
    assert "Kontakt angelegt" in set(reasons["Grund"]) and "created" not in set(reasons["Grund"])


def test_the_import_preview_in_german(app: AppFactory, db_path: Path) -> None:
    at = open_page(app, db_path, "import_export")
    files = sorted((FIXTURES / "import").glob("*.vcf"))
    at.file_uploader[0].set_value([(f.name, f.read_bytes(), "text/vcard") for f in files]).run()
    next(b for b in at.button if b.label == translate("de", "import.read_button")).click().run()
    assert german_problems(at) == []
    assert any("Karten gelesen" in text for text in visible(at))


def test_the_mail_preview_asking_for_your_own_addresses_in_german(app: AppFactory, db_path: Path) -> None:
    """Without your own addresses, a mailbox's preview asks which of its senders are you: the list showed
    Streamlit's English "Choose options" on the German page."""
    at = open_page(app, db_path, "import_export")
    at.session_state["import_export_tab"] = translate("de", "activity.tab")
    at.run()
    mbox = FIXTURES / "mail" / "raw_8bit_headers_utf8_latin1_cp1252.mbox"
    at.file_uploader[0].set_value([(mbox.name, mbox.read_bytes(), "application/mbox")]).run()
    at.button(key="activity_read").click().run()
    assert [box.key for box in at.multiselect] == ["activity_own"]
    assert german_problems(at) == []


def test_streamlits_fixed_texts_are_replaced_by_a_german_style(app: AppFactory, db_path: Path) -> None:
    """The uploader's 'Upload' and '256MB per file', the 'Press Enter to apply' hint: no parameter exists, so a
    style sheet of catalog text takes their place (drawn in a real browser in tests/browser)."""
    at = open_page(app, db_path, "import_export")
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert '"Dateien wählen"' in styles and '"höchstens 256 MB je Datei"' in styles
    assert '"Enter übernimmt"' in styles and '"Enter sendet das Formular"' in styles
    english = app(db_path, page="import_export", lang="en")
    assert not [h for h in english.get("html") if "stFileUploader" in h.proto.body]


@pytest.mark.parametrize(("lang", "shown"), [("de", "DD.MM.YYYY"), ("en", "DD/MM/YYYY")])
def test_every_date_field_shows_one_format_per_language(app: AppFactory, demo_db: Path, lang: str,
                                                        shown: str) -> None:
    """English showed dates as 2026-11-24 in one form and 24.11.2026 in another, beside '24 Nov 2026' in text."""
    formats = set()
    for page in PAGES:
        at = app(demo_db, page=page, lang=lang)
        formats |= {field.proto.format for field in at.date_input}
        for _ in other_tabs(at, page):
            formats |= {field.proto.format for field in at.date_input}
    assert formats == {shown}


def test_the_due_list_heading_is_a_whole_sentence(app: AppFactory, demo_db: Path) -> None:
    """'Melden Sie sich bei' stood above the due list with nothing after it."""
    at = open_page(app, demo_db, "today")
    assert "Melden Sie sich bei diesen Kontakten" in [h.value for h in at.subheader]
    assert not [h.value for h in at.subheader if h.value.rstrip().endswith(" bei")]
