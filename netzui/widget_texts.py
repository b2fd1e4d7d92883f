"""Streamlit's own widget texts in the user's language, where Streamlit 1.67 leaves a way to change them.

Streamlit has no locale of its own: most of its texts are fixed English in the frontend. netz sets what the API
offers (placeholders of every select box and multiselect, no English "Select all" bulk option: `select_all=False`)
and, for texts that have no parameter at all, a style sheet draws catalog text in their place: the file uploader's
"Upload" button and its "256MB per file • VCF, CSV" line, and the "Press Enter to apply" hint under text fields.
The style holds only catalog text and the configured limit, never user data. What stays English is listed in
docs/quality.md.
"""

from __future__ import annotations

import streamlit as st

from netzcore.i18n import format_number
from netzui import lang, t

_UPLOADER = '[data-testid="stFileUploaderDropzone"]'


def _css_text(text: str) -> str:
    """A catalog text as a CSS string (quotes and backslashes escaped, no line breaks)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _replace(selector: str, text: str) -> str:
    """CSS that draws `text` in place of the element's own (fixed English) text."""
    return (f"{selector} {{font-size: 0;}}"
            f"{selector}::after {{content: {_css_text(text)}; font-size: 0.875rem;}}")


_INSTRUCTIONS = '[data-testid="InputInstructions"] > span:first-child'


def style_sheet() -> str:
    """The style sheet that writes Streamlit's fixed texts a style can reach in the user's language: the file
    uploader's button and size line, and the "Press Enter to apply / submit form" hint under text fields."""
    limit = int(st.get_option("server.maxUploadSize"))
    rules = [
        _replace(f'{_UPLOADER} button [data-testid="stMarkdownContainer"] p', t("app.upload_button")),
        _replace('[data-testid="stFileUploaderDropzoneInstructions"] span',
                 t("app.upload_limit", size=format_number(limit, lang()))),
        _replace(f'[data-testid="stTextInput"] {_INSTRUCTIONS}', t("app.enter_apply")),
        _replace(f'[data-testid="stNumberInput"] {_INSTRUCTIONS}', t("app.enter_apply")),
        _replace(f'[data-testid="stTextArea"] {_INSTRUCTIONS}', t("app.ctrl_enter_apply")),
        _replace(f'[data-testid="stForm"] [data-testid="stTextInput"] {_INSTRUCTIONS}', t("app.enter_submit")),
        _replace(f'[data-testid="stForm"] [data-testid="stNumberInput"] {_INSTRUCTIONS}', t("app.enter_submit")),
        _replace(f'[data-testid="stForm"] [data-testid="stTextArea"] {_INSTRUCTIONS}', t("app.ctrl_enter_submit")),
    ]
    return "<style>" + "".join(rules) + "</style>"


def widget_texts_in_language() -> None:
    """Once per run, from the shell: in German, Streamlit's fixed English texts that a style can reach. English
    keeps Streamlit's own (which also knows ⌘ from Ctrl)."""
    if lang() != "en":
        st.html(style_sheet())
