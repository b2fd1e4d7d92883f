import pytest

from netzcore.db import Connection
from netzcore.profile import Profile, ProfileError, get_profile, pitch_text, save_profile


def test_new_database_has_an_empty_profile_for_germany(con: Connection) -> None:
    assert get_profile(con) == Profile(home_region="DE")
    assert pitch_text(get_profile(con), "de") == ""


def test_profile_is_saved_trimmed_and_region_upper_case(con: Connection) -> None:
    saved = save_profile(con, Profile(full_name=" Petra Plan ", activity="Projektingenieurin", home_region="ch",
                                      city="Zürich", offer="Kontakte zur ETH"))
    assert saved == get_profile(con)
    assert (saved.full_name, saved.home_region, saved.city, saved.offer) == ("Petra Plan", "CH", "Zürich",
                                                                             "Kontakte zur ETH")


def test_unknown_home_region_is_refused_and_nothing_changes(con: Connection) -> None:
    save_profile(con, Profile(full_name="Petra Plan", home_region="AT"))
    for region in ("XX", "Germany", ""):
        with pytest.raises(ProfileError) as error:
            save_profile(con, Profile(full_name="Other", home_region=region))
        assert error.value.key == "profile.error_region"
    assert get_profile(con).full_name == "Petra Plan"


def test_pitch_is_written_or_composed_in_the_users_language() -> None:
    parts = Profile(full_name="Petra Plan", activity="project engineer for hydrogen plants",
                    value_proposition="I bring electrolyser projects into operation.")
    assert pitch_text(parts, "en") == ("I am Petra Plan, project engineer for hydrogen plants. "
                                       "I bring electrolyser projects into operation.")
    assert pitch_text(Profile(full_name="Petra Plan"), "de") == "Ich bin Petra Plan."
    assert pitch_text(Profile(full_name="Petra Plan", elevator_pitch=" Mein Pitch. "), "de") == "Mein Pitch."
