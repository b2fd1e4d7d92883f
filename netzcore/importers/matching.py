"""Who is who: records to existing contacts and to each other.

Strong keys first (LinkedIn URL, e-mail, E.164 phone, vCard UID): from contact_identities and from the contacts'
own fields, so contacts typed in by hand are found too. Records without a key match go by name: the same name
and organisation (or both without one) is the same person; the same name at another organisation, or a very
similar name at the same organisation, is a near match the user confirms. Name comparison is blocked by the
first letters of family and given name before rapidfuzz scores it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from netzcore.db import Connection
from netzcore.importers.normalize import name_key
from netzcore.importers.records import ContactRecord
from netzcore.organizations import normalize_org_name

NEAR_SCORE = 90.0

Group = tuple[str, str]   # ('contact', id) for an existing contact, ('new', '<n>') for one this import creates
Block = tuple[list[str], list[tuple[Group, str, str]]]   # name keys, and (group, organisation key, label) for each


@dataclass(frozen=True, slots=True)
class NearMatch:
    """A record that may be a known person (or another record of this import): the user decides."""

    record: int               # index into the plan's records
    target: Group
    target_name: str
    target_organization: str
    score: float


@dataclass(frozen=True, slots=True)
class Assignment:
    groups: tuple[Group | None, ...]             # per record; None: not imported (see ambiguous)
    near: tuple[NearMatch, ...]
    ambiguous: tuple[tuple[int, tuple[str, ...]], ...]   # record index, names of the contacts it matches


def _known_keys(con: Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], set[str]]:
    if not keys:
        return {}
    kinds, values = [k for k, _ in keys], [v for _, v in keys]
    rows = con.execute(
        """
        WITH wanted AS (SELECT DISTINCT unnest(?) AS kind, unnest(?) AS value),
        known AS (
            SELECT kind, value, contact_id FROM contact_identities
            UNION SELECT 'email', e, id FROM (SELECT id, unnest(emails) AS e FROM contacts)
            UNION SELECT 'phone', p, id FROM (SELECT id, unnest(phones) AS p FROM contacts)
            UNION SELECT 'linkedin', linkedin_url, id FROM contacts WHERE linkedin_url IS NOT NULL
        )
        SELECT k.kind, k.value, k.contact_id FROM known k JOIN wanted w USING (kind, value)
        JOIN contacts c ON c.id = k.contact_id
        """,
        [kinds, values],
    ).fetchall()
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, value, contact_id in rows:
        found[(kind, value)].add(contact_id)
    return found


def _contact_names(con: Connection) -> list[tuple[str, str, str, str]]:
    """(id, full name, organisation key, organisation name) of every contact: only read when names must match."""
    return [
        (row[0], row[1], row[2] or "", row[3] or "")
        for row in con.execute(
            "SELECT c.id, c.full_name, o.normalized_name, o.name FROM contacts c "
            "LEFT JOIN organizations o ON o.id = c.organization_id"
        ).fetchall()
    ]


def assign(con: Connection, records: Sequence[ContactRecord]) -> Assignment:
    """Each record's group before any confirmation; near matches and ambiguous records listed."""
    all_keys = sorted({key for record in records for key in record.identity_keys()})
    known = _known_keys(con, all_keys)
    groups: list[Group | None] = [None] * len(records)
    by_key: dict[tuple[str, str], Group] = {}
    ambiguous: list[tuple[int, tuple[str, ...]]] = []
    leads: list[int] = []          # first record of each group that no key placed: matched by name below
    for index, record in enumerate(records):
        keys = record.identity_keys()
        contact_ids = set().union(*(known.get(key, set()) for key in keys)) if keys else set()
        if len(contact_ids) > 1:
            ambiguous.append((index, tuple(sorted(contact_ids))))
            continue
        group: Group | None = ("contact", next(iter(contact_ids))) if contact_ids else None
        group = group or next((by_key[key] for key in keys if key in by_key), None)
        if group is None:
            group = ("pending", str(index))
            leads.append(index)
        groups[index] = group
        for key in keys:
            by_key.setdefault(key, group)

    near: list[NearMatch] = []
    resolved: dict[Group, Group] = {}
    if leads:
        blocks: dict[str, Block] = defaultdict(lambda: ([], []))
        exact: dict[tuple[str, str], Group] = {}
        for contact_id, full_name, org_key, org_name in _contact_names(con):
            name = name_key(full_name)
            _add(blocks[block_key(name)], ("contact", contact_id), name, org_key, f"{full_name}\x00{org_name}")
            exact.setdefault((name, org_key), ("contact", contact_id))
        for count, index in enumerate(leads, 1):
            record = records[index]
            name = record.name_key or name_key(record.full_name)
            org_key = record.org_key or normalize_org_name(record.organization or "")
            group = exact.get((name, org_key)) if name else None
            if group is None:
                group = ("new", str(count))
                found = _near(name, org_key, blocks.get(block_key(name))) if name else None
                if found:
                    target, score, label = found
                    target_name, _, org_name = label.partition("\x00")
                    near.append(NearMatch(index, target, target_name, org_name, score))
                _add(blocks[block_key(name)], group, name, org_key, f"{record.full_name}\x00{record.organization or ''}")
                if name:
                    exact[(name, org_key)] = group
            resolved[("pending", str(index))] = group
    final = tuple(resolved.get(g, g) if g else None for g in groups)
    return Assignment(final, tuple(near), tuple(ambiguous))


def block_key(key: str) -> str:
    """Names are compared only within a block: first letters of the family and the given name."""
    tokens = key.split()
    return f"{tokens[-1][:2]}{tokens[0][:1]}" if tokens else ""


def _add(block: Block, group: Group, key: str, org_key: str, label: str) -> None:
    block[0].append(key)
    block[1].append((group, org_key, label))


def _near(key: str, org_key: str, block: Block | None) -> tuple[Group, float, str] | None:
    """The best candidate that is the same name elsewhere or a very similar name at the same organisation."""
    if not block:
        return None
    best: tuple[Group, float, str] | None = None
    for _, score, position in process.extract(key, block[0], scorer=fuzz.token_sort_ratio, score_cutoff=NEAR_SCORE,
                                              limit=5):
        group, other_org, label = block[1][position]
        same_person_likely = score >= 100 or (org_key and org_key == other_org)
        if same_person_likely and (best is None or score > best[1]):
            best = (group, float(score), label)
    return best
