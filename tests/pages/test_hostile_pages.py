"""Contact data that holds HTML or script never reaches markdown or HTML unescaped.

Two nets: every page is run with AppTest on a database holding a hostile contact, and every string a page hands
to something that renders markdown (bodies, labels, help, radio options) or HTML is checked for a raw `<script`
or `<img`; and the page code itself is read for `unsafe_allow_html` / `st.html` with anything but a literal.
The browser test (tests/browser/test_security.py) checks what really ends up in the DOM.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from netzcore import db as netzdb
from netzcore.i18n import translate
from tests.browser import seed
from tests.browser.server import app_pages
from tests.conftest import PAGES, ROOT, AppFactory, other_tabs

RAW_TAG = re.compile(r"(?<!\\)<\s*/?\s*(script|img)\b", re.IGNORECASE)
# markdown that would become a link, a heading, a decoded entity: the hostile contact's URL, www., e-mail,
# entities, and a hook line starting with "#" (seed.HOSTILE_HOOK); unescaped, each is a finding
RAW_MARKDOWN = re.compile(r"evil\.example|https://|(?<!\\)&lt;|(?<!\\)&#x|(?<!\\)@evil|(^|\n)[ \t]*#+[ \t]*"
                          + re.escape(seed.HOOK_HEADING))
# text a user can edit keeps what was stored; everywhere else the bidi override must be gone
EDITABLE = {"TextInput", "TextArea"}
# messages whose text is shown as plain text (no markdown, no HTML)
PLAIN = {"Text", "Code", "Exception", "Json", "Dataframe", "ArrowNamedDataSet", "Arrow", "Graphviz",
         "ArrowVegaLiteChart", "TextInput", "TextArea"}
MARKDOWN_FIELDS = {"body", "label", "help", "caption", "placeholder_markdown"}
MARKDOWN_LISTS = {("Radio", "options"), ("ButtonGroup", "options")}
HTML_MESSAGES = {"Html"}


def _strings(message: Message) -> Iterator[tuple[str, str, str]]:
    """(message name, field name, text) of every string inside a protobuf message, nested ones included."""
    name = message.DESCRIPTOR.name
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, str):
                yield name, field.name, item
            elif isinstance(item, Message):
                yield from _strings(item)


def _nodes(node: object) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def unescaped_markup(at: AppTest) -> list[str]:
    """Every place a script or img tag from the data would be rendered as markup."""
    found = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message):
            continue
        for message, field, text in _strings(proto):
            if seed.RLO in text and message not in EDITABLE:
                found.append(f"{message}.{field}: a bidi override in {text[:120]!r}")
            if message in HTML_MESSAGES and re.search(r"<\s*(script|img)|onerror", text, re.IGNORECASE):
                found.append(f"{message}.{field}: {text[:120]!r}")
            elif message in PLAIN:
                continue
            elif ((field in MARKDOWN_FIELDS or (message, field) in MARKDOWN_LISTS)
                  and (RAW_TAG.search(text) or RAW_MARKDOWN.search(text))):
                found.append(f"{message}.{field}: {text[:120]!r}")
        for message, field, data in _bytes(proto):
            if seed.RLO.encode() in data:
                found.append(f"{message}.{field}: a bidi override in a table")
    return found


def _bytes(message: Message) -> Iterator[tuple[str, str, bytes]]:
    """(message name, field name, data) of every bytes field (the Arrow data of tables)."""
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, bytes):
                yield message.DESCRIPTOR.name, field.name, item
            elif isinstance(item, Message):
                yield from _bytes(item)


@pytest.fixture
def hostile_db(db_path: Path) -> Path:
    con = netzdb.connect(db_path)
    try:
        seed.seed_network(con)
    finally:
        con.close()
    return db_path


def _ids(db_path: Path) -> list[str]:
    """The hostile contact, event and segment, as the pages choose them."""
    con = netzdb.connect(db_path)
    try:
        rows = [con.execute(sql, [value]).fetchone() for sql, value in (
            ("SELECT id FROM contacts WHERE full_name = ?", seed.HOSTILE_NAME),
            ("SELECT id FROM events WHERE name = ?", seed.HOSTILE_EVENT),
            ("SELECT id FROM segments WHERE name = ?", seed.HOSTILE_SEGMENT),
        )]
    finally:
        con.close()
    return [str(row[0]) for row in rows if row]


def test_the_checker_sees_unescaped_markup() -> None:
    """The net itself catches what it is for, and lets escaped and plain text through."""
    at = AppTest.from_string(
        "import streamlit as st\n"
        "from netzui import md_escape, plain_text\n"
        f"st.markdown({seed.HOSTILE_NAME!r})\n"
        f"st.text({seed.SCRIPT!r})\n"
        f"st.subheader(md_escape({seed.IMG!r}))\n"
        f"st.checkbox({seed.IMG!r})\n"
        f"st.caption({seed.HOSTILE_HOOK!r})\n"
        f"st.text({seed.HOSTILE_HOOK!r})\n"
        f"st.caption(md_escape({seed.HOSTILE_HOOK!r}))\n"
        f"st.text(plain_text({seed.HOSTILE_HOOK!r}))\n"
        f"st.text_area('hook', {seed.HOSTILE_HOOK!r})\n"
    ).run()
    found = unescaped_markup(at)
    assert len(found) == 5, found
    assert found[0].startswith("Markdown.body") and found[1].startswith("Checkbox.label")
    assert "bidi override" in found[2] and found[3].startswith("Markdown.body")   # the caption: RLO, and a link
    assert found[4].startswith("Text.body") and "bidi override" in found[4]


def test_a_table_shows_control_characters_and_bidi_overrides_removed_and_the_rest_as_given() -> None:
    """Every table goes through netzui.tables.table: a name from a contact file with an escape sequence, a carriage
    return and a right-to-left override shows without them; a list of topics is cleaned item by item; numbers and
    clean names are shown as given (only the column to clean is copied)."""
    at = AppTest.from_string(
        "import pandas as pd\n"
        "from netzui.tables import table\n"
        "table(pd.DataFrame({\n"
        "    'name': ['Anna Berger', 'Evil\\x1b]0;title\\x07 \\u202eName\\r\\nx', 'Clara'],\n"
        "    'topics': [['AI'], ['ok', 'bad\\x00'], []],\n"
        "    'score': [75, 12, 3],\n"
        "}), key='t')\n"
    ).run()
    assert not at.exception, at.exception
    shown = at.dataframe[0].value
    assert list(shown["name"]) == ["Anna Berger", "Evil Name\nx", "Clara"]
    assert [list(v) for v in shown["topics"]] == [["AI"], ["ok", "bad"], []]
    assert list(shown["score"]) == [75, 12, 3]


def test_md_escape_leaves_nothing_for_markdown_and_shows_every_character() -> None:
    from netzui import md_escape

    escaped = md_escape(seed.HOSTILE_HOOK)
    assert "\n" not in escaped and seed.RLO not in escaped
    assert not RAW_MARKDOWN.search(escaped) and not RAW_TAG.search(escaped)
    # what is left after markdown removes the backslashes is the text, newlines as spaces, without the override
    shown = re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "")      # the word joiners are invisible
    assert shown == seed.HOSTILE_HOOK.replace("\n", " ").replace(seed.RLO, "")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_page_renders_contact_markup(app: AppFactory, hostile_db: Path, lang: str) -> None:
    problems = {}
    for page in PAGES:
        at = app(hostile_db, page=page, lang=lang)
        assert not at.exception, (page, at.exception)
        found = unescaped_markup(at)
        for tab in other_tabs(at, page):
            found += [f"{tab}: {problem}" for problem in unescaped_markup(at)]
        if found:
            problems[page] = found
    assert problems == {}


def _reviewed_style(path: Path, argument: ast.expr | None) -> bool:
    """netzui/widget_texts.py draws Streamlit's fixed English texts in German with a style sheet built only from
    catalog text (CSS-escaped) and the configured upload limit: `st.html(style_sheet())`, nothing else."""
    return (path.name == "widget_texts.py" and isinstance(argument, ast.Call)
            and isinstance(argument.func, ast.Name) and argument.func.id == "style_sheet" and not argument.args)


def _unsafe_calls(path: Path) -> Iterator[str]:
    """Calls that render HTML from an expression rather than from a string literal written in the code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        html_allowed = any(k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant)
                                                                  and k.value.value is False)
                           for k in node.keywords)
        if name == "html" or html_allowed:
            first = node.args[0] if node.args else None
            if _reviewed_style(path, first):
                continue
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                yield f"{path.relative_to(ROOT)}:{node.lineno}: {name}(...) renders HTML from an expression"


def test_no_code_renders_html_built_from_data() -> None:
    files = [ROOT / "app.py", ROOT / "shell.py", *sorted((ROOT / "views").glob("*.py")), *sorted((ROOT / "netzui").rglob("*.py"))]
    assert [line for path in files for line in _unsafe_calls(path)] == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_hostile_contact_event_and_segment_in_detail(
    hostile_db: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the hostile item chosen, every tab of its detail is drawn (AppTest draws all tabs) and checked."""
    contact_id, event_id, segment_id = _ids(hostile_db)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NETZ_DB", str(hostile_db))
    pages = app_pages()
    cell = f"{segment_id}|head"
    chosen = {  # page: (tell the page the item, did it open the item's detail)
        "contacts": (lambda at: at.query_params.__setitem__("contact", contact_id),
                     lambda at: translate(lang, "contacts.tab_log") in [tab.label for tab in at.tabs]),
        "events": (lambda at: at.session_state.__setitem__("ev_pick", event_id),
                   lambda at: at.selectbox(key="ev_pick").value == event_id and len(at.tabs) > 0),
        "target_map": (lambda at: at.session_state.__setitem__("map_cell", cell),
                       lambda at: at.selectbox(key="map_cell").value == cell),
    }
    problems = {}
    for page, (choose, opened) in chosen.items():
        at = AppTest.from_file(str(ROOT / "shell.py"), default_timeout=60)
        at.session_state["lang"] = lang
        choose(at)
        at.switch_page(pages[page].script)
        at.run()
        assert not at.exception, (page, at.exception)
        assert opened(at), f"{page}: the hostile item's detail did not open"
        found = unescaped_markup(at)
        if found:
            problems[page] = found
    assert problems == {}
