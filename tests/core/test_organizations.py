"""Organisation keys: case, accents and every legal form ignored (tested on generated names x forms), in linear
time; placeholders such as 'Self-employed' are no organisation; keys of older databases are computed again."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from netzcore import db as netzdb
from netzcore import events
from netzcore.db import Connection
from netzcore.organizations import (
    LEGAL_FORMS,
    ensure_organizations,
    is_placeholder_organization,
    normalize_org_name,
    placeholder_status,
    refresh_organization_keys,
)


def test_legal_forms_case_and_spacing_do_not_matter() -> None:
    assert normalize_org_name("Siemens Energy AG") == "siemens energy"
    assert normalize_org_name("  siemens   energy ") == "siemens energy"
    assert normalize_org_name("Voith GmbH & Co. KGaA") == "voith"
    assert normalize_org_name("ZF Friedrichshafen AG") == "zf friedrichshafen"
    assert normalize_org_name("Acme, Inc.") == "acme"
    assert normalize_org_name("Müller Ltd") == "muller"


def test_same_organisation_is_created_once(con: Connection) -> None:
    first = ensure_organizations(con, ["Siemens Energy AG", "Voith GmbH"])
    second = ensure_organizations(con, ["siemens energy", "Voith GmbH & Co. KGaA", "ZF"])
    assert first["Siemens Energy AG"] == second["siemens energy"]
    assert first["Voith GmbH"] == second["Voith GmbH & Co. KGaA"]
    assert con.execute("SELECT count(*) FROM organizations").fetchone() == (3,)
    assert con.execute("SELECT name FROM organizations WHERE normalized_name = 'voith'").fetchone() == ("Voith GmbH",)


# --- legal forms, placeholders and stored keys ------------------------------------------------------------------

NAMES = ("Trumpf", "Siemens Energy", "Müller & Söhne", "Acme", "Ensemble Indépendant", "Tata Consultancy Services",
         "Café Zürich", "Østerby", "Şişecam", "Lotte Chemical", "Procter & Gamble", "Bosch Rexroth", "3M")
FORMS = ("GmbH", "gGmbH", "AG", "KG", "KGaA", "OHG", "GbR", "e.V.", "eV", "e. V.", "e.K.", "UG (haftungsbeschränkt)",
         "UG", "SE", "mbH", "GesmbH", "Ges.m.b.H.", "eG", "Genossenschaft", "S.A.", "SA", "S.A.S.", "SAS", "S.r.l.",
         "Srl", "S.R.L.", "S.p.A.", "SpA", "B.V.", "BV", "N.V.", "SARL", "S.à r.l.", "S.L.", "Lda", "Oy", "Oyj", "AB",
         "A/S", "ApS", "AS", "ASA", "Ltd", "Ltd.", "Limited", "PLC", "LLP", "LLC", "L.L.C.", "Inc", "Inc.",
         "Corp.", "Corporation", "Co.", "Company", "Sp. z o.o.", "sp. z o. o.", "Sp.z o.o.", "s.r.o.", "spol. s r.o.",
         "a.s.", "d.o.o.", "Kft.", "Zrt.", "Nyrt.", "Ltd. Şti.", "Ltd.Şti.", "A.Ş.", "San. ve Tic. Ltd. Şti.",
         "Pvt. Ltd.", "Pvt Ltd", "Private Limited", "(P) Ltd", "Pte. Ltd.", "Pte Ltd", "K.K.", "Co., Ltd.",
         "Co.,Ltd.", "Sdn. Bhd.", "Sdn Bhd", "Bhd", "Pty Ltd", "GmbH & Co. KG", "GmbH & Co KG", "GmbH & Co.KG",
         "GmbH + Co. KG", "AG & Co. KGaA", "AG & Co. KG", "SE & Co. KG", "GmbH & Co. KGaA", "Ltd. & Co. KG",
         "& Co. KG", "& Co.KG", "+ Co. KG")


def _key(name: str) -> str:
    return normalize_org_name(name)


@pytest.mark.parametrize("name", NAMES)
def test_every_legal_form_in_every_spelling_leaves_the_same_key(name: str) -> None:
    bare = _key(name)
    assert bare and bare == _key(name.upper()) == _key(name.lower())
    wrong = [(f"{name} {form}", _key(f"{name} {form}")) for form in FORMS if _key(f"{name} {form}") != bare]
    wrong += [(f"{name}, {form}", _key(f"{name}, {form}")) for form in FORMS if _key(f"{name}, {form}") != bare]
    wrong += [(f"{name} {form.upper()}", _key(f"{name} {form.upper()}")) for form in FORMS
              if _key(f"{name} {form.upper()}") != bare]
    assert wrong == []


def test_keys_ignore_case_accents_and_legal_forms() -> None:
    assert normalize_org_name("TRUMPF GmbH + Co. KG") == "trumpf"
    assert normalize_org_name("Ensemble Independant") == normalize_org_name("Ensemble Indépendant")
    assert normalize_org_name("LifeStreet Corporation") == normalize_org_name("LifeStreet")
    assert normalize_org_name("'Freelance'") == "freelance"
    assert normalize_org_name("AG") == "ag"                     # a name that is only a form keeps it
    assert normalize_org_name("Ernst & Young") == "ernst & young"
    assert normalize_org_name("Vitamin E") == "vitamin e"       # a lone letter is no connector
    assert normalize_org_name("Robert Bosch Stiftung") != normalize_org_name("Robert Bosch GmbH")


def test_every_listed_legal_form_is_taken_off() -> None:
    kept = [form for form in LEGAL_FORMS if normalize_org_name(f"Zyx {form}") != "zyx"]
    assert kept == []


def test_a_name_of_ten_thousand_commas_is_read_in_one_pass() -> None:
    assert normalize_org_name("," * 10_000) == ""
    assert normalize_org_name("Acme" + " GmbH" * 20_000) == "acme"
    assert normalize_org_name(" ".join(itertools.repeat("a.", 50_000))) == " ".join(itertools.repeat("a", 50_000))


@pytest.mark.parametrize("text", ["Self-employed", "self employed", "SELF-EMPLOYED", "'Freelance'", '"Freelancer"',
                                  "Freelance", "selbstständig", "Selbständig", "freiberuflich", "Stealth",
                                  "Stealth Mode", "stealth-mode startup", "Retired", "Student", "n/a", "N.A.",
                                  "none", "-", "--", "...", "privat", "Private", "Confidential", "„Vertraulich“",
                                  "k.A.", "keine Angabe", "Im Ruhestand"])
def test_placeholders_are_not_organisations(text: str) -> None:
    assert is_placeholder_organization(text), text


@pytest.mark.parametrize("text", ["Freelance Media GmbH", "Student Union Berlin", "Stealth Technologies AG",
                                  "Private Bank Zürich", "Siemens", "Retired Teachers Association", "", "  "])
def test_real_organisations_are_no_placeholders(text: str) -> None:
    assert not is_placeholder_organization(text), text


def test_a_placeholder_says_a_status_or_nothing() -> None:
    assert placeholder_status("'Freelance'") == "Freelance"
    assert placeholder_status("Stealth mode") == "Stealth mode"
    assert placeholder_status("n/a") == "" and placeholder_status("-") == ""


def test_keys_of_an_older_database_are_computed_again(con: Connection) -> None:
    con.execute("INSERT INTO organizations (name, normalized_name) VALUES ('Müller Sp. z o.o.', 'müller sp z o o'), "
                "('TRUMPF GmbH + Co. KG', 'trumpf gmbh +')")
    con.execute("INSERT INTO segments (kind, name, organization_names, organization_keys) VALUES "
                "('company', 'Lasers', ['TRUMPF GmbH + Co. KG', 'Müller Sp. z o.o.'], ['trumpf gmbh +'])")
    assert refresh_organization_keys(con) == 3
    assert sorted(r[0] for r in con.execute("SELECT normalized_name FROM organizations").fetchall()) == [
        "muller", "trumpf"]
    assert con.execute("SELECT organization_keys FROM segments").fetchone() == (["trumpf", "muller"],)
    assert refresh_organization_keys(con) == 0


def test_an_older_database_gets_its_keys_computed_again_when_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = netzdb.connect(path)
    con.execute("INSERT INTO organizations (name, normalized_name) VALUES ('Dräger AG & Co. KGaA', 'dräger')")
    con.execute("DELETE FROM schema_migrations WHERE version = 110")
    con.close()
    con = netzdb.connect(path)
    try:
        assert con.execute("SELECT normalized_name FROM organizations").fetchall() == [("drager",)]
    finally:
        con.close()


def test_exhibitor_lists_match_organisations_whatever_their_legal_form(con: Connection) -> None:
    ensure_organizations(con, ["Trumpf", "Acme"])
    event_id = events.create_event(con, events.EventDraft(name="LASER World", kind="trade_fair",
                                                          starts_on=dt.date(2027, 6, 1), ends_on=dt.date(2027, 6, 3)))
    entries = events.parse_exhibitor_list("TRUMPF GmbH + Co. KG\nAcme Sp. z o.o.\nUnknown Kft.\n")
    report = events.import_exhibitors(con, event_id, entries)
    assert (report.added, report.matched) == (3, 2)
