from pathlib import Path

from netzcore import db as netzdb
from netzcore.profile import get_profile
from tests.conftest import AppFactory


def test_profile_is_saved_from_settings_and_its_pitch_shown(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="settings")
    assert "No elevator pitch yet: fill in your profile under Settings." in [c.value for c in at.caption]
    at.text_input(key="profile_full_name").input("Petra Plan")
    at.text_input(key="profile_activity").input("project engineer for hydrogen plants")
    at.selectbox(key="profile_region").select("CH")
    at.button(key="profile_save").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Profile saved."]
    assert "I am Petra Plan, project engineer for hydrogen plants." in [x.value for x in at.text]
    con = netzdb.connect(db_path)
    try:
        assert (get_profile(con).full_name, get_profile(con).home_region) == ("Petra Plan", "CH")
    finally:
        con.close()


def test_profile_page_in_german(app: AppFactory, db_path: Path) -> None:
    at = app(db_path, page="settings", lang="de")
    assert not at.exception, at.exception
    assert [tab.label for tab in at.tabs] == ["Mein Profil", "Pflege-Kadenz", "Kalender abonnieren"]
    assert at.selectbox(key="profile_region").value == "DE"


def test_home_region_is_a_country_name_in_the_users_language(app: AppFactory, db_path: Path) -> None:
    """Issue 13: "Home region: DE" -> "Deutschland" / "Germany", sorted by name, the code stays in the data."""
    for lang, germany, switzerland, austria in (("de", "Deutschland", "Schweiz", "Österreich"),
                                                ("en", "Germany", "Switzerland", "Austria")):
        at = app(db_path, page="settings", lang=lang)
        box = at.selectbox(key="profile_region")
        assert box.value == "DE"
        assert box.format_func(box.value) == germany
        shown = list(box.options)
        assert switzerland in shown and austria in shown and "CH" not in shown
        if lang == "de":  # Österreich among the O's, not after Z
            assert shown.index("Oman") < shown.index("Österreich") < shown.index("Pakistan")
