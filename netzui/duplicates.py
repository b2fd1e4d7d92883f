"""Possible duplicates on the Contacts page: two contacts side by side with the reason in words, Merge (into either
one) or Keep apart, and the answers so far with "Split again" for a merge and "Ask again" for a pair kept apart.
Also the merges into one contact, with "Split again", for the contact's detail. Rules and queries live in
netzcore.duplicates and netzcore.merging; names are user data and reach the page escaped or as plain text.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netzcore import db as netzdb
from netzcore import duplicates, merging
from netzcore.i18n import format_birthday, format_date
from netzui import lang, md_escape, t
from netzui.contact_widgets import list_text
from netzui.notice import act, show_notice

PAIRS_SHOWN = 10


def duplicates_review(con: netzdb.Connection) -> None:
    """The review queue: open pairs, newest first, then the answers so far."""
    show_notice()
    st.caption(t("duplicates.help"))
    total = duplicates.open_count(con)
    if not total:
        st.success(t("duplicates.empty"))
    else:
        st.markdown(f"**{t('duplicates.open_count', count=total)}**")
    for pair in duplicates.open_pairs(con, limit=PAIRS_SHOWN):
        _pair(con, pair)
    if total > PAIRS_SHOWN:
        st.caption(t("duplicates.more", count=total - PAIRS_SHOWN))
    _history(con)


def _pair(con: netzdb.Connection, pair: duplicates.DuplicatePair) -> None:
    with st.container(border=True):
        st.markdown(t("duplicates.why", evidence=md_escape(duplicates.evidence_line(lang(), pair.evidence))))
        columns = st.columns(2)
        for column, side in ((columns[0], pair.a), (columns[1], pair.b)):
            with column:
                st.markdown(f"**{md_escape(side.full_name)}**")
                st.text(_side_text(side))
                if st.button(t("duplicates.merge_into_this"), key=f"dup_merge_{pair.id}_{side.id}",
                             icon=":material/call_merge:"):
                    act(_merging(con, pair.id, side.id), t("duplicates.merged", name=md_escape(side.full_name)))
        if st.button(t("duplicates.keep_apart"), key=f"dup_keep_{pair.id}", icon=":material/call_split:"):
            act(lambda: duplicates.keep_apart(con, pair.id), t("duplicates.kept"))


def _merging(con: netzdb.Connection, pair_id: str, keep_id: str) -> Callable[[], object]:
    return lambda: duplicates.merge_pair(con, pair_id, keep_id)


def _asking_again(con: netzdb.Connection, pair_id: str) -> Callable[[], object]:
    return lambda: duplicates.ask_again(con, pair_id)


def _side_text(side: duplicates.PairSide) -> str:
    none = t("common.none")
    birthday = (format_birthday(side.birthday_month, side.birthday_day, side.birthday_year, lang())
                if side.birthday_month and side.birthday_day else none)
    rows = [
        (t("contacts.organization"), side.organization or none),
        (t("contacts.title"), side.title or none),
        (t("contacts.emails"), list_text(side.emails)),
        (t("contacts.phones"), list_text(side.phones)),
        ("LinkedIn", side.linkedin_url or none),
        (t("contacts.city"), side.city or none),
        (t("contacts.birthday"), birthday),
        (t("contacts.tier"), side.tier),
        (t("duplicates.interactions"), str(side.interactions)),
        (t("duplicates.sources"), list_text([_source(s) for s in side.sources])),
        (t("duplicates.added"), format_date(side.created_at.date(), lang())),
    ]
    return "\n".join(f"{label}: {value}" for label, value in rows)


def _source(code: str) -> str:
    """'vcard' -> 'vCard file'; a source netz has no words for yet is shown as it is."""
    key = f"duplicates.source.{code}"
    text = t(key)
    return code if text == key else text


def _history(con: netzdb.Connection) -> None:
    merges = merging.merges_of(con, None, limit=30)
    kept = duplicates.kept_apart(con, limit=30)
    with st.expander(t("duplicates.history_heading"), expanded=False):
        if not merges and not kept:
            st.caption(t("duplicates.no_history"))
        if merges:
            st.markdown(f"**{t('duplicates.merges_heading')}**")
        for entry in merges:
            _merge_line(con, entry, f"dup_history_{entry.id}")
        if kept:
            st.markdown(f"**{t('duplicates.kept_apart_heading')}**")
        for pair in kept:
            text_col, button_col = st.columns([5, 1], vertical_alignment="center")
            day = pair.decided_at.date() if pair.decided_at else pair.created_at.date()
            text_col.text(t("duplicates.kept_apart_line", a=pair.a.full_name, b=pair.b.full_name,
                            date=format_date(day, lang())))
            if button_col.button(t("duplicates.ask_again"), key=f"dup_ask_{pair.id}"):
                act(_asking_again(con, pair.id), t("duplicates.open_count", count=1))


def _merge_line(con: netzdb.Connection, entry: merging.MergeEntry, key: str) -> None:
    text_col, button_col = st.columns([5, 1], vertical_alignment="center")
    day = format_date(entry.merged_at.date(), lang())
    if entry.split_at is not None:
        text = t("duplicates.merge_line_split", absorbed=entry.absorbed_name, kept=entry.kept_name or "",
                 date=day, split=format_date(entry.split_at.date(), lang()))
    elif entry.kept_name is None:
        text = t("duplicates.merge_line_gone", absorbed=entry.absorbed_name, date=day)
    else:
        text = t("duplicates.merge_line", absorbed=entry.absorbed_name, kept=entry.kept_name, date=day)
    text_col.text(text)
    if entry.split_at is None and merging.can_split(con, entry.id) and button_col.button(
            t("duplicates.split_again"), key=key, icon=":material/call_split:"):
        act(lambda: merging.split_merge(con, entry.id),
             t("duplicates.split_done", name=md_escape(entry.absorbed_name)))


def contact_merges(con: netzdb.Connection, contact_id: str) -> None:
    """The merges into this contact that can still be undone, each with "Split again"."""
    entries = [e for e in merging.merges_of(con, contact_id, limit=20) if e.split_at is None]
    if not entries:
        return
    st.markdown(f"**{t('duplicates.contact_merges')}**")
    for entry in entries:
        _merge_line(con, entry, f"contact_split_{entry.id}")
