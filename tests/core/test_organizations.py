from netzcore.db import Connection
from netzcore.organizations import ensure_organizations, normalize_org_name


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
