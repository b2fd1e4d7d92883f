"""The form of address of one contact (Sie or Du, Frau or Herr or neither, an academic title): the same three
fields in the contact's edit form and beside a message draft."""

from __future__ import annotations

import streamlit as st

from netzcore import messages
from netzcore.db import Connection
from netzui import t


def form_fields(form: messages.FormOfAddress, key: str) -> messages.FormOfAddress:
    """Three small fields in one row; returns what they say now. Works inside an st.form too."""
    formal_col, salutation_col, title_col = st.columns(3)
    forms = {"formal": t("messages.formal"), "informal": t("messages.informal")}
    formal = formal_col.selectbox(t("messages.field_form"), list(forms), index=0 if form.formal else 1,
                                  format_func=lambda v: forms.get(str(v), str(v)), key=f"{key}_formal")
    names = {v: t(f"messages.salutation_{v or 'none'}") for v in messages.SALUTATIONS}
    salutation = salutation_col.selectbox(
        t("messages.field_salutation"), list(names), index=list(names).index(form.salutation),
        format_func=lambda v: names.get(str(v), str(v)), key=f"{key}_salutation")
    title = title_col.text_input(t("messages.field_title"), form.title, key=f"{key}_title",
                                 placeholder=t("messages.title_hint"), max_chars=messages.MAX_TITLE)
    return messages.FormOfAddress(formal != "informal", str(salutation or ""), str(title or ""))


def describe(form: messages.FormOfAddress) -> str:
    """"Sie · Frau Dr." / "Du"."""
    parts = [t("messages.formal_short" if form.formal else "messages.informal_short")]
    who = " ".join(p for p in (t(f"messages.salutation_{form.salutation}") if form.salutation else "", form.title)
                   if p)
    return " · ".join(p for p in (*parts, who) if p)


def save_if_changed(con: Connection, contact_id: str, before: messages.FormOfAddress,
                    after: messages.FormOfAddress) -> bool:
    if after == before:
        return False
    messages.save_form_of_address(con, contact_id, after)
    return True
