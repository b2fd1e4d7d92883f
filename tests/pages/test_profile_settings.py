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
    assert "Mein Profil" in [s.value for s in at.subheader]
    assert at.selectbox(key="profile_region").value == "DE"
