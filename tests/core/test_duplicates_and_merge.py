"""A new contact that is probably someone already there (the name rules are netzcore.identity's, tested there), and
a merge that says exactly what moves."""

from __future__ import annotations

from netzcore import contacts
from netzcore import db as netzdb
from netzcore.relationships import add_relationship
from tests.care_seed import met, seed_network


def test_likely_duplicates_at_the_same_organisation(con: netzdb.Connection) -> None:
    schulz = contacts.create_contact(con, "Günter Schulz", organization="Landratsamt Esslingen")
    contacts.create_contact(con, "Gerda Schulz", organization="Stadtwerke Ulm")
    found = contacts.likely_duplicates(con, "G. Schulz", "Landratsamt Esslingen")
    assert [(d.contact_id, d.same_organization) for d in found] == [(schulz, True)]
    assert [d.full_name for d in contacts.likely_duplicates(con, "G. Schulz", "Siemens AG")] == []
    assert [d.full_name for d in contacts.likely_duplicates(con, "Guenter Schulz", "Siemens AG")] == ["Günter Schulz"]
    assert contacts.likely_duplicates(con, "G. Schulz", "Landratsamt Esslingen", exclude=[schulz]) == []
    assert [d.full_name for d in contacts.likely_duplicates(con, "Gunter Schulz", "LANDRATSAMT ESSLINGEN")] == [
        "Günter Schulz"]
    assert contacts.likely_duplicates(con, "Hans Schulz", "Landratsamt Esslingen") == []
    contacts.create_contact(con, "Josef Müller", organization="Stadt Ulm")
    assert [d.full_name for d in contacts.likely_duplicates(con, "Sepp Mueller", "Stadt Ulm")] == ["Josef Müller"]


def test_merge_preview_counts_only_what_moves(con: netzdb.Connection) -> None:
    network = seed_network(con)
    twin = contacts.create_contact(con, "A. Müller", emails=["ANNA@example.com", "a2@example.com"], tags=["Energy"],
                                   title="CTO")
    con.execute("INSERT INTO contact_identities (contact_id, kind, value) VALUES (?, 'email', 'anna@example.com'), "
                "(?, 'email', 'anna@example.com'), (?, 'email', 'a2@example.com')", [network.anna, twin, twin])
    met(con, twin, 3, "call")
    add_relationship(con, twin, network.bert, "colleagues")
    add_relationship(con, network.anna, network.bert, "colleagues")   # Anna knows Bert already
    add_relationship(con, twin, network.anna, "same person")
    preview = contacts.merge_preview(con, network.anna, twin)
    assert (preview.interactions, preview.identities, preview.relationships) == (1, 1, 0)
    assert preview.gains == (("emails", ("a2@example.com",)),), "a tag or e-mail Anna has already is no gain"
    assert preview.filled == ()   # Anna has a title already
    contacts.merge_contacts(con, network.anna, twin)
    after = con.execute("SELECT emails FROM contacts WHERE id = ?", [network.anna]).fetchone()
    assert after == (["anna@example.com", "a2@example.com"],)

