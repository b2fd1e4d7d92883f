"""Organisations: one row per company or institution, found again by a normalised name.

"Siemens Energy AG", "siemens energy" and "Siemens  Energy GmbH & Co. KG" are the same organisation for matching
contacts, exhibitor lists and target segments.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from netzcore.db import Connection

_LEGAL_FORMS = (
    "gmbh & co. kgaa", "gmbh & co. kg", "gmbh & co kg", "ag & co. kg", "se & co. kg", "ggmbh", "gmbh", "mbh", "ag",
    "kgaa", "kg", "ohg", "gbr", "e.v.", "ev", "e.k.", "ug (haftungsbeschränkt)", "ug", "se", "sarl", "s.a.r.l.",
    "s.a.", "sa", "sas", "s.p.a.", "spa", "srl", "b.v.", "bv", "n.v.", "nv", "a/s", "as", "ab", "oy", "plc",
    "ltd.", "ltd", "limited", "llc", "l.l.c.", "inc.", "inc", "corp.", "corp", "corporation", "co.", "co", "lp",
    "llp", "pty", "pty ltd", "holding",
)
_FORM_PATTERN = re.compile(
    r"(?:[\s,]+(?:" + "|".join(re.escape(f) for f in sorted(_LEGAL_FORMS, key=len, reverse=True)) + r"))+\s*$"
)


def normalize_org_name(name: str) -> str:
    """Lower case, accents kept apart from case, legal form and punctuation removed, spaces collapsed."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = re.sub(r"\s+", " ", text)
    previous = None
    while previous != text:
        previous = text
        text = _FORM_PATTERN.sub("", text).strip()
    text = re.sub(r"[^\w&+]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def ensure_organizations(con: Connection, names: Iterable[str]) -> dict[str, str]:
    """Organisation id for each given name, creating the missing ones; keyed by the name as given."""
    wanted = {name: normalize_org_name(name) for name in {n.strip() for n in names if n and n.strip()}}
    wanted = {name: norm for name, norm in wanted.items() if norm}
    if not wanted:
        return {}
    rows = con.execute(
        "SELECT normalized_name, min(id) FROM organizations WHERE normalized_name IN "
        "(SELECT unnest(?)) GROUP BY normalized_name",
        [sorted(set(wanted.values()))],
    ).fetchall()
    known = {norm: org_id for norm, org_id in rows}
    first_name_for: dict[str, str] = {}
    for name, norm in sorted(wanted.items()):
        if norm not in known:
            first_name_for.setdefault(norm, name)
    if first_name_for:
        created = con.execute(
            "INSERT INTO organizations (name, normalized_name) "
            "SELECT name, norm FROM (SELECT unnest(?) AS name, unnest(?) AS norm) RETURNING normalized_name, id",
            [list(first_name_for.values()), list(first_name_for.keys())],
        ).fetchall()
        known.update(dict(created))
    return {name: known[norm] for name, norm in wanted.items()}
