"""The identity rules one by one: which names may be one person's, which keys are shared by nature."""

from __future__ import annotations

import pytest

from netzcore.identity import (
    DIFFERENT,
    SAME,
    UNRELATED,
    compare_names,
    distinct_names,
    is_nickname_pair,
    is_role_mailbox,
    is_switchboard,
    organization_key,
    person_name,
    personal_key_conflict,
    phone_kind,
)


@pytest.mark.parametrize("a, b", [
    ("G. Schulz", "Günter Schulz"),               # an initial
    ("Günter S.", "Günter Schulz"),
    ("Hans Müller", "Johannes Mueller"),          # a short form and a transliteration
    ("Sepp Huber", "Josef Huber"),
    ("Bob Smith", "Robert Smith"),
    ("Bill Gates", "William Gates"),
    ("Jürgen Müller", "Juergen Muller"),
    ("Thomas Strauß", "Thomas Strauss"),
    ("Schulz, Günter", "Günter Schulz"),          # family name first
    ("Dr. Jonas Becker", "Jonas Becker"),         # titles are no name
    ("Prof. Dr.-Ing. Hans Meier, MBA", "Hans Meier"),
    ("Anna", "Anna Weber"),                       # a phone entry with one word
    ("Hans-Jürgen Kaiser", "Hajo Kaiser"),
    ("Anna Müller", "Anna Müller-Lüdenscheidt"),  # a double name
    ("+49 171 2345678", "Anna Weber"),            # a card with only a number: no name at all
    ("anna@example.com", "Anna Weber"),
])
def test_names_that_may_be_one_person(a: str, b: str) -> None:
    assert compare_names(person_name(a), person_name(b)) == SAME
    assert compare_names(person_name(b), person_name(a)) == SAME


@pytest.mark.parametrize("a, b", [
    ("Anna Weber", "Bernd Weber"),                # a household
    ("Jan Müller", "Jana Müller"),
    ("Günter Schulz", "Gerd Schulz"),
    ("Anna Weber", "Hannah Weber"),               # sisters: each a name of her own
    ("Jan Müller", "Johannes Müller"),            # son and father
    ("Bob Smith", "Bill Smith"),                  # both short for Robert in some lists: still two names
    ("Chris Lee", "Tina Lee"),
    ("Peter Lang", "Maria Lang"),
    ("Anna Weber", "Anna Schmidt"),
])
def test_names_of_two_people(a: str, b: str) -> None:
    assert compare_names(person_name(a), person_name(b)) == DIFFERENT


def test_a_company_card_and_a_person_are_unrelated() -> None:
    company = person_name("Dräger", organization="Dräger")
    assert compare_names(company, person_name("Frieda Fuchs")) == UNRELATED
    assert compare_names(company, person_name("Dräger AG", organization="Dräger")) == SAME
    assert compare_names(company, person_name("Siemens", organization="Siemens")) == UNRELATED


def test_nicknames_from_both_lists() -> None:
    assert is_nickname_pair("Hans", "Johannes") and is_nickname_pair("Bob", "Robert")
    assert is_nickname_pair("Uschi", "Ursula") and is_nickname_pair("Fritz", "Friedrich")
    assert not is_nickname_pair("Anna", "Hannah") and not is_nickname_pair("Jan", "Johannes")


def test_people_behind_a_key_are_counted_once_per_person() -> None:
    names = [person_name(n) for n in ("Anna Weber", "A. Weber", "Anna Weber", "Bernd Weber", "Clara Weber")]
    assert distinct_names(names) == 3
    assert distinct_names(names[:3]) == 1


@pytest.mark.parametrize("email, role", [
    ("info@firma.example", True), ("Office@Firma.example", True), ("kontakt@x.example", True),
    ("sales-eu@x.example", True), ("info.de@x.example", True), ("buero@x.example", True),
    ("office2@x.example", True), ("familie.mueller@web.example", True), ("noreply@x.example", True),
    ("anna.weber@firma.example", False), ("anna.info@x.example", False), ("hans@x.example", False),
])
def test_role_mailboxes(email: str, role: bool) -> None:
    assert is_role_mailbox(email) is role


def test_phone_kinds_and_switchboards() -> None:
    assert phone_kind("+491712345678") == "mobile"
    assert phone_kind("+497112345678") == "fixed"
    assert phone_kind("+498003301000") == "shared"       # toll-free
    assert phone_kind("+499001234567") == "shared"       # premium rate
    assert phone_kind("+4918051234567") == "shared"      # shared cost
    assert phone_kind("0711 123") == "other"
    numbers = sorted(["+4971563030", "+49715630331234"])
    assert is_switchboard("+4971563030", numbers)          # +49 7156 303-0 beside -31234
    assert not is_switchboard("+4971563030", ["+4971563030"])
    assert not is_switchboard("+491712345670", ["+491712345670", "+4917123456701"])   # a mobile


def test_conflicting_personal_keys() -> None:
    assert personal_key_conflict([], ["+491711111111"], [], ["+491722222222"]).code == "different_mobiles"  # type: ignore[union-attr]
    assert personal_key_conflict([], ["+491711111111"], [], ["+491711111111", "+497111234567"]) is None
    conflict = personal_key_conflict(["t.mueller@siemens.example"], [], ["thomas.mueller@siemens.example"], [])
    assert conflict is not None and conflict.detail == "siemens.example"
    assert personal_key_conflict(["anna@voith.example"], [], ["anna@gmx.example"], []) is None   # work and private
    without_org = personal_key_conflict(["anna@voith.example"], [], ["anna@gmx.example"], [], organization=False)
    assert without_org and without_org.code == "nothing_in_common_without_org"   # only a name to go by
    assert personal_key_conflict(["anna@gmx.example"], [], [], ["+497111234567"], organization=False) is None
    assert personal_key_conflict(["info@voith.example"], [], ["sales@voith.example"], []) is None


def test_organisations_compare_without_accents_case_or_legal_form() -> None:
    assert organization_key("Ensemble Independant") == organization_key("ENSEMBLE INDÉPENDANT")
    assert organization_key("Voith GmbH") == organization_key("Voith")
    assert organization_key("Bosch") != organization_key("Voith")


def test_an_equal_title_in_two_given_names_is_no_agreement() -> None:
    """Contacts stored with the title in the given name ('Dr. Eva', 'Mag.a Lena'): two colleagues of one family
    name were the same person by their title."""
    eva, lena = person_name("Dr. Eva Gruber", "Dr. Eva", "Gruber"), person_name("Dr. Lena Gruber", "Dr. Lena", "Gruber")
    assert compare_names(eva, lena) == DIFFERENT
    assert compare_names(person_name("", "Mag.a Eva", "Gruber"), person_name("", "Mag.a Lena", "Gruber")) == DIFFERENT
    assert compare_names(eva, person_name("Eva Gruber", "Eva", "Gruber")) == SAME
