"""Settings: my profile (elevator pitch, offer, home region), and the pitch box for pages where I prepare contact."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import streamlit as st

from netzcore.i18n import region_name
from netzcore.profile import Profile, get_profile, home_regions, pitch_text, save_profile
from netzcore.user_error import UserError
from netzui import db, lang, plain_text, t
from netzui.data_cache import cached
from netzui.notice import show_error


def _sort_key(name: str) -> str:
    """Sort "Österreich" with the O's and "Ägypten" with the A's, whatever the machine's locale."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


@lru_cache(maxsize=4)
def _regions(language: str) -> tuple[dict[str, str], list[str]]:
    """The home regions' names in `language` and the codes in the order of their names (some 250 names, looked up
    once per language instead of on every run of Settings)."""
    names = {code: region_name(code, language) for code in home_regions()}
    return names, sorted(names, key=lambda code: _sort_key(names[code]))


def profile_settings() -> None:
    st.caption(t("profile.intro"))
    profile = cached(get_profile, db())
    names, regions = _regions(lang())
    with st.form("profile_form"):
        full_name = st.text_input(t("profile.full_name"), value=profile.full_name, key="profile_full_name")
        activity = st.text_input(t("profile.activity"), value=profile.activity, key="profile_activity",
                                 placeholder=t("profile.activity_placeholder"))
        value = st.text_input(t("profile.value_proposition"), value=profile.value_proposition,
                              key="profile_value", placeholder=t("profile.value_placeholder"))
        pitch = st.text_area(t("profile.elevator_pitch"), value=profile.elevator_pitch, key="profile_pitch",
                             help=t("profile.elevator_pitch_help"), height=100)
        offer = st.text_area(t("profile.offer"), value=profile.offer, key="profile_offer", height=80,
                             placeholder=t("profile.offer_placeholder"))
        left, right = st.columns(2)
        region = left.selectbox(t("profile.home_region"), regions, key="profile_region", format_func=names.__getitem__,
                                index=regions.index(profile.home_region) if profile.home_region in regions else None,
                                help=t("profile.home_region_help"))
        city = right.text_input(t("profile.city"), value=profile.city, key="profile_city")
        emails = st.text_input(t("profile.my_emails"), value=", ".join(profile.emails), key="profile_emails",
                               help=t("profile.my_emails_help"))
        submitted = st.form_submit_button(t("common.save"), key="profile_save")
    if submitted:
        try:
            save_profile(db(), Profile(full_name, activity, value, pitch, offer, region or "", city,
                                       (emails,)))
        except UserError as error:
            show_error(error)
        else:
            st.success(t("profile.saved"))
    show_elevator_pitch()


def show_elevator_pitch() -> None:
    """My elevator pitch (name, activity, value) where I prepare contact; a hint to fill the profile if empty."""
    text = pitch_text(cached(get_profile, db()), lang())
    with st.container(border=True):
        st.caption(t("profile.pitch_heading"))
        if text:
            st.text(plain_text(text))
        else:
            st.caption(t("profile.pitch_empty"))
