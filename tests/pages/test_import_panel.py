"""The import panel: upload -> preview -> confirm a near match -> apply -> report."""

from __future__ import annotations

from pathlib import Path

from netzcore import db as netzdb
from netzcore.importers import ImportFile, apply_import, plan_import
from tests.conftest import AppFactory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def test_upload_preview_apply_report(app: AppFactory, db_path: Path) -> None:
    con = netzdb.connect(db_path)
    apply_import(con, plan_import(con, [ImportFile("a.vcf", b"BEGIN:VCARD\nFN:Hannah Koch\nEND:VCARD\n")]))
    con.close()
    at = app(db_path, page="import_export", lang="en")
    at.get("file_uploader")[0].set_value([
        ("iphone.vcf", (FIXTURES / "iphone.vcf").read_bytes(), "text/vcard"),
        ("Connections_2018.csv", (FIXTURES / "Connections_2018.csv").read_bytes(), "text/csv"),
    ]).run()
    at.button(key="import_read").click().run()
    assert not at.exception, at.exception
    preview = "\n".join(t.value for t in at.text)
    assert "Read 4: 4 new, 0 merged, 0 unchanged, 0 not imported." in preview
    near = [box for box in at.checkbox if box.key.startswith("import_near_")]
    assert len(near) == 1 and "Hannah Koch" in near[0].label
    # the organisation in brackets only where there is one: "Hannah Koch (-)" read like a code
    assert near[0].label == "Hannah Koch (Bosch) and Hannah Koch: the same name at another organisation"
    near[0].check().run()
    assert "Read 4: 3 new, 1 merged" in "\n".join(t.value for t in at.text)
    at.button(key="import_apply").click().run()
    assert not at.exception, at.exception
    report = "\n".join(t.value for t in at.text)
    assert "Import finished." in [s.value for s in at.success]
    assert "Read 4: 3 new, 1 merged, 0 unchanged, 0 not imported." in report
    con = netzdb.connect(db_path)
    assert con.execute("SELECT count(*) FROM contacts").fetchone() == (4,)
    assert con.execute("SELECT list(o.name) FROM contacts c JOIN organizations o ON o.id = c.organization_id "
                       "WHERE c.full_name = 'Hannah Koch'").fetchone() == (["Bosch"],)


def test_a_long_phone_export_is_parsed_in_the_pool_from_the_app(app: AppFactory, db_path: Path) -> None:
    from netzcore.importers.sample import phone_export

    at = app(db_path, page="import_export", lang="de")
    at.get("file_uploader")[0].set_value(("telefon.vcf", phone_export(800), "text/vcard")).run()
    at.button(key="import_read").click().run()
    assert not at.exception, at.exception
    assert "800 gelesen: 800 neu, 0 zusammengeführt, 0 unverändert, 0 nicht importiert." in "\n".join(
        t.value for t in at.text)
    at.button(key="import_apply").click().run()
    assert not at.exception, at.exception
    assert "Import abgeschlossen." in [s.value for s in at.success]
