"""Who is who: the records of an import to known contacts and to each other, by the identity rules of
netzcore.identity. Nothing is held back: every record becomes a contact or joins one; what may be one person but
is not sure becomes a possible duplicate for the user to answer (the review queue, `duplicate_pairs`).

1. Keys. Each record's strong keys (LinkedIn URL, e-mail, E.164 phone, vCard UID) are looked up among the known
   contacts (contact_identities and the contacts' own fields). Keys shared by nature count for nothing: role
   mailboxes, toll-free and premium numbers, switchboards, a landline that two colleagues of one organisation
   share, keys on three or more different names (or on more than `CROWDED_KEY` contacts).
2. Known contacts. A record joins the known contact that shares a key with it and whose names agree with its name;
   with several, the best one (its own name, then the most shared keys), and the others become possible
   duplicates of it. A known contact sharing a key under another person's name is a possible duplicate.
3. Records with each other. Records that share a key join when all their names agree, at most one known contact
   is among them and at most one LinkedIn profile, and, when they share only a landline, their personal keys do not
   conflict; otherwise they stay apart (a possible duplicate if the names or the personal keys differ, nothing if
   the LinkedIn profiles do).
4. Names. A group no key placed meets the known contacts and the other groups by name: the same name and
   organisation (or both without one) is the same person unless their personal keys conflict (two different
   mobiles; without an organisation, phones or e-mail addresses on both sides and none shared: a possible
   duplicate) or their LinkedIn profiles differ (two people); among several such namesakes who are apart, only the
   one with just the group's phones and addresses, else a possible duplicate. The same name at another
   organisation, or a very similar name at the same organisation, is a possible duplicate. Name comparison is
   blocked by organisation and first letters and bounded per block (`FUZZY_BLOCK`), so no block is quadratic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from netzcore import organizations
from netzcore.db import Connection
from netzcore.identity import (
    DIFFERENT,
    NO_NAME,
    SAME,
    UNRELATED,
    Evidence,
    PersonalKeys,
    PersonName,
    compare_names,
    distinct_names,
    fold,
    initials_of,
    is_role_mailbox,
    is_switchboard,
    keys_conflict,
    organization_key,
    person_name,
    personal_keys,
    phone_kind,
    shared_key_evidence,
    switchboard_base,
)
from netzcore.importers.normalize import name_key
from netzcore.importers.records import ContactRecord, is_stand_in_name
from netzcore.organizations import normalize_org_name

NEAR_SCORE = 90.0
CROWDED_KEY = 50          # a key on more known contacts than this identifies nobody
FUZZY_BLOCK = 200         # similar names are looked for among the first this many names of a block
PAIRS_PER_PERSON = 20     # possible duplicates raised against one person at most, per import
KEY_GROUPS = 8            # groups kept apart on one key that a further card is compared with
SAME_NAME_CHECKED = 6     # namesakes (same name and organisation) a group is compared with: the first ones
_KEY_STRENGTH = {"linkedin": 4, "email": 3, "phone": 2, "uid": 1}

Group = tuple[str, str]   # ('contact', id) for a known contact, ('new', '<n>') for one this import creates
Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    """Two people this import keeps apart although something says they may be one: the user decides.

    `a` is the side of `record` (the record that raised it); `b` the other person. When one side is new, the
    preview may merge it right away; otherwise the pair waits in the review queue.
    """

    record: int
    a: Group
    b: Group
    a_name: str
    a_organization: str
    b_name: str
    b_organization: str
    evidence: tuple[Evidence, ...]
    score: float = 0.0

    @property
    def can_merge_now(self) -> bool:
        return "new" in (self.a[0], self.b[0])


@dataclass(frozen=True, slots=True)
class Assignment:
    groups: tuple[Group, ...]                      # per record
    duplicates: tuple[PossibleDuplicate, ...]
    shared_keys: tuple[Key, ...] = ()              # keys shared by nature: identify nobody


def record_organization(record: ContactRecord) -> str | None:
    """The record's organisation, or None for none or a placeholder ('Self-employed', 'Freelance')."""
    name = (record.organization or "").strip()
    return name if name and not is_placeholder(name) else None


@lru_cache(maxsize=16_384)
def is_placeholder(name: str) -> bool:
    check = (getattr(organizations, "is_placeholder_organization", None)   # the parsing workstream's rule,
             or getattr(organizations, "is_placeholder", None))             # when it is there
    if check is not None:
        return bool(check(name))
    return normalize_org_name(name).strip(" '\"") in _PLACEHOLDERS


_PLACEHOLDERS = frozenset({"self employed", "self-employed", "selbstständig", "selbständig", "freelance",
                           "freelancer", "freiberuflich", "stealth", "stealth mode", "retired", "student", "n/a", "na",
                           "-", "none", "keine", "private", "privat"})


def record_name(record: ContactRecord) -> PersonName:
    return person_name(record.full_name, record.given_name, record.family_name, record.additional_names,
                       record.organization, (*record.emails, *record.phones), record.honorific_suffix,
                       record.honorific_prefix)


def landline(key: Key) -> bool:
    """A phone key that is no mobile: an office line or a switchboard whose direct dials are not known, a home line.
    Two people of one name share it as colleagues or as father and son; it joins them only when nothing of their
    own (mobiles, personal e-mail addresses) says they are two."""
    return key[0] == "phone" and phone_kind(key[1]) != "mobile"


def linkedin_apart(mine: Collection[str], theirs: Collection[str]) -> bool:
    """Whether two sets of LinkedIn profiles are two members' (never merged). An old public address
    (`/pub/anna-weber/12/345/678`) and a member's `/in/` address may be one member's (LinkedIn sends the first to
    the second), so only addresses of one kind are compared."""
    if not mine or not theirs or mine == theirs:
        return False
    for kind in ("/in/", "/pub/"):
        ours, others = {u for u in mine if kind in u}, {u for u in theirs if kind in u}
        if ours and others and ours != others:
            return True
    return False


@dataclass(slots=True)
class _Known:
    """A known contact as matching sees it."""

    id: str
    full_name: str
    organization: str
    org_key: str
    linkedin: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    names: list[PersonName]
    name_keys: set[str]
    title: str = ""
    prefix: str = ""


@dataclass(slots=True)
class _Cluster:
    """Records that are one person so far (union-find root data); keys gathered as they join."""

    first: int                       # its first record: it speaks for the cluster
    named: int | None                # its first record with a name of its own (not an address or number): by name
    size: int = 1
    contact: str | None = None
    names: list[PersonName] | None = None   # None: not yet read (the first record's name, when asked)
    linkedin: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    personal: PersonalKeys | None = None     # from emails and phones, read when a rule asks
    # the organisation the contact will have (see pipeline._combine: a LinkedIn row's first, else the first record's):
    # (not LinkedIn, record) of the record that gives it, and the organisation
    organization: tuple[bool, int, str] | None = None


class _Clusters(dict[int, _Cluster]):
    """Union-find root -> cluster; a record that joined nobody gets its cluster only when a rule asks."""

    def __init__(self, records: Sequence[ContactRecord]) -> None:
        super().__init__()
        self.records = records

    def __missing__(self, index: int) -> _Cluster:
        record = self.records[index]
        named = None if is_stand_in_name(record.full_name, record.emails, record.phones) else index
        organization = record_organization(record)
        cluster = _Cluster(index, named, 1, None, None, {record.linkedin_url} if record.linkedin_url else set(),
                           set(record.emails), set(record.phones),
                           organization=(record.source != "linkedin", index, organization) if organization else None)
        self[index] = cluster
        return cluster


@dataclass(slots=True)
class _Pending:
    record: int                      # a record of side a
    other: int | str                 # a record (its cluster) or a known contact id
    evidence: list[Evidence]
    score: float = 0.0
    contact_a: str | None = None     # side a is this known contact rather than the record's cluster


class _Matcher:
    def __init__(self, con: Connection, records: Sequence[ContactRecord]) -> None:
        self.con = con
        self.records = records
        self._names: list[PersonName | None] = [None] * len(records)   # read when a rule asks: most never are
        self.keys = [list(dict.fromkeys(r.identity_keys())) for r in records]
        self.parent = list(range(len(records)))
        self.clusters = _Clusters(records)
        self.known: dict[str, _Known] = {}
        self.attached: dict[str, int] = {}       # known contact -> a record of the one cluster that joined it
        self.pending: list[_Pending] = []
        self.decided: set[tuple[str, str]] = set()

    # --- union-find ---
    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        keep, gone = (ra, rb) if self.clusters[ra].size >= self.clusters[rb].size else (rb, ra)
        self.names_of(keep), self.names_of(gone)
        ck, cg = self.clusters[keep], self.clusters.pop(gone)   # the smaller joins the larger: no quadratic copy
        self.parent[gone] = keep
        ck.size += cg.size
        ck.contact = ck.contact or cg.contact
        if cg.first < ck.first:
            ck.first, ck.names, cg.names = cg.first, cg.names, ck.names
        if cg.named is not None and (ck.named is None or cg.named < ck.named):
            ck.named = cg.named
        assert ck.names is not None and cg.names is not None
        for name in cg.names:
            if len(ck.names) < 8 and name not in ck.names:
                ck.names.append(name)
        ck.linkedin |= cg.linkedin
        ck.emails |= cg.emails
        ck.phones |= cg.phones
        ck.personal = None
        if cg.organization is not None and (ck.organization is None or cg.organization < ck.organization):
            ck.organization = cg.organization
        return keep

    def first_of(self, root: int) -> int:
        cluster = self.clusters.get(root)
        return cluster.first if cluster else root

    def lead_of(self, root: int) -> int:
        """The record whose name the cluster goes by when matched by name: its first with a name of its own."""
        cluster = self.clusters.get(root)
        if cluster is None:
            return root
        return cluster.first if cluster.named is None else cluster.named

    def organization_of(self, root: int) -> str | None:
        """The organisation a cluster's contact gets, also when its lead record has none: a card without one that
        joined the person's LinkedIn row by its profile is matched by name as the person at that organisation, as a
        second import then finds the contact stored."""
        cluster = self.clusters.get(root)
        if cluster is None:
            return record_organization(self.records[root])
        return cluster.organization[2] if cluster.organization else None

    def contact_of(self, root: int) -> str | None:
        cluster = self.clusters.get(root)
        return cluster.contact if cluster else None

    def name(self, index: int) -> PersonName:
        found = self._names[index]
        if found is None:
            found = self._names[index] = record_name(self.records[index])
        return found

    def names_of(self, root: int) -> list[PersonName]:
        cluster = self.clusters[root]
        if cluster.names is None:
            first = self.name(cluster.first)
            cluster.names = [] if first.empty else [first]
        return cluster.names

    # --- steps ---
    def run(self) -> Assignment:
        holders: dict[Key, list[int]] = defaultdict(list)
        for index, keys in enumerate(self.keys):
            for key in keys:
                holders[key].append(index)
        known_by_key = _known_keys(self.con, sorted(holders))
        self.known = _known_contacts(self.con, sorted({c for ids in known_by_key.values() for c in ids}))
        self.decided = _decided_pairs(self.con)
        shared = self.shared_by_nature(holders, known_by_key)
        self.to_known(known_by_key, shared)
        self.with_each_other({key for key, indexes in holders.items() if len(indexes) > 1} - shared)
        self.by_name()
        return self.assignment(shared)

    def shared_by_nature(self, holders: dict[Key, list[int]], known_by_key: dict[Key, set[str]]) -> set[Key]:
        """Keys that identify nobody. Only keys two holders share are asked (the rest cannot join anyone)."""
        shared: set[Key] = set()
        crowded = [key for key, ids in known_by_key.items() if len(ids) > CROWDED_KEY]
        shared.update(crowded)
        candidates = [key for key, indexes in holders.items()
                      if len(set(indexes)) + len(known_by_key.get(key, ())) >= 2 and key not in shared]
        bases = sorted({b for kind, value in candidates if kind == "phone" and (b := switchboard_base(value))})
        numbers = sorted({value for kind, value in holders if kind == "phone"} | _numbers_with_bases(self.con, bases))
        for key in candidates:
            kind, value = key
            role = kind == "email" and is_role_mailbox(value)
            if role or kind == "phone" and (phone_kind(value) == "shared" or is_switchboard(value, numbers)):
                shared.add(key)
            else:
                records = list(dict.fromkeys(holders[key]))
                known = [self.known[c] for c in sorted(known_by_key.get(key, ())) if c in self.known]
                people = distinct_names([*(self.name(i) for i in records), *(k.names[0] for k in known)])
                if people >= 3 or (people == 2 and kind == "phone" and self.office_line(value, records, known)):
                    shared.add(key)
        return shared

    def office_line(self, number: str, records: list[int], known: list[_Known]) -> bool:
        """A landline that colleagues of one organisation share (a team line, a secretary's number)."""
        if phone_kind(number) != "fixed":
            return False
        organisations = {organization_key(record_organization(self.records[i])) for i in records}
        organisations |= {k.org_key for k in known}
        return len(organisations) == 1 and "" not in organisations

    def to_known(self, known_by_key: dict[Key, set[str]], shared: set[Key]) -> None:
        for index, keys in enumerate(self.keys):
            candidates: dict[str, list[Key]] = defaultdict(list)
            for key in keys:
                if key not in shared:
                    for contact_id in known_by_key.get(key, ()):
                        if contact_id in self.known:
                            candidates[contact_id].append(key)
            if not candidates:
                continue
            agreeing: list[tuple[tuple[Any, ...], str]] = []
            for contact_id in sorted(candidates):
                known = self.known[contact_id]
                relation = self.relation_to_known(index, known)
                conflict = self.landline_only_conflict(index, known, candidates[contact_id])
                if relation == SAME and conflict:
                    evidence = [shared_key_evidence(*k) for k in candidates[contact_id]]
                    self.pending.append(_Pending(index, contact_id, [*evidence, conflict]))
                elif relation == SAME:
                    rank = (self.own_name(index, known), len(candidates[contact_id]),
                            max(_KEY_STRENGTH.get(k, 0) for k, _ in candidates[contact_id]))
                    agreeing.append((rank, contact_id))
                elif relation == DIFFERENT:
                    self.pending.append(_Pending(index, contact_id,
                                                 [shared_key_evidence(*k) for k in candidates[contact_id]]))
            if not agreeing:
                continue
            agreeing.sort(key=lambda item: (item[0], _desc(item[1])), reverse=True)
            chosen = agreeing[0][1]
            self.attach(index, chosen)
            for _, other in agreeing[1:]:
                record = self.records[index]
                self.pending.append(_Pending(index, other, [Evidence("two_contacts",
                                                                     f"{record.file} #{record.position}")],
                                             contact_a=chosen))

    def attach(self, root: int, contact_id: str) -> None:
        """The cluster joins a known contact: from now on it carries that contact's name and profile too."""
        cluster = self.clusters[root]
        cluster.contact = contact_id
        known = self.known[contact_id]
        if known.linkedin:
            cluster.linkedin.add(known.linkedin)
        names = self.names_of(root)
        for name in known.names[:2]:
            if len(names) < 8 and name not in names and not name.empty:
                names.append(name)
        if contact_id in self.attached:          # cards of one known contact are one cluster
            root = self.union(root, self.attached[contact_id])
        self.attached[contact_id] = root

    def landline_only_conflict(self, index: int, known: _Known, keys: list[Key]) -> Evidence | None:
        """Why a card of a known contact's name that shares only a landline with it is someone else: a mobile or
        a personal e-mail address of another (colleagues on one office line, father and son on the family's)."""
        if not all(landline(key) for key in keys):
            return None
        record = self.records[index]
        return keys_conflict(personal_keys(record.emails, record.phones), personal_keys(known.emails, known.phones))

    def relation_to_known(self, index: int, known: _Known) -> str:
        linkedin = self.records[index].linkedin_url
        if linkedin and known.linkedin and linkedin_apart({linkedin}, {known.linkedin}):
            return UNRELATED
        relations = {compare_names(self.name(index), name) for name in known.names}
        return SAME if SAME in relations else DIFFERENT if DIFFERENT in relations else UNRELATED

    def own_name(self, index: int, known: _Known) -> bool:
        record = self.records[index]
        return (record.name_key or name_key(record.full_name)) in known.name_keys

    def with_each_other(self, shared_by_two: set[Key]) -> None:
        """Records that share a key (only keys on two records or more, none shared by nature)."""
        holders: dict[Key, list[int]] = {}
        for index, keys in enumerate(self.keys):
            for key in keys:
                if key not in shared_by_two:
                    continue
                roots = holders.setdefault(key, [])
                mine = self.find(index)
                others = list(dict.fromkeys(self.find(r) for r in roots))
                joined = mine in others
                fits: list[int] = []
                for other in [] if joined else others:
                    verdict, evidence = self.can_join(mine, other, key)
                    if verdict == "join":
                        fits.append(other)
                    elif verdict == "pair":
                        self.pending.append(_Pending(index, self.clusters[other].first,
                                                     evidence or [shared_key_evidence(*key)]))
                if len(fits) == 1:
                    self.union(mine, fits[0])
                    joined = True
                for other in fits if len(fits) > 1 else ():   # 'L. Schneider' on the twins' home line: fits both
                    record = self.records[index]
                    self.pending.append(_Pending(index, self.clusters[other].first, [
                        shared_key_evidence(*key), Evidence("two_contacts", f"{record.file} #{record.position}")]))
                if not joined and len(roots) < KEY_GROUPS:   # people apart on one key: the first few are enough
                    roots.append(self.find(index))

    def can_join(self, a: int, b: int, key: Key) -> tuple[str, list[Evidence]]:
        ca, cb = self.clusters[a], self.clusters[b]
        if linkedin_apart(ca.linkedin, cb.linkedin):
            return "apart", []
        relations = {compare_names(x, y) for x in self.names_of(a) for y in self.names_of(b)}
        if UNRELATED in relations:
            return "apart", []
        if DIFFERENT in relations:
            return "pair", []
        if ca.contact and cb.contact and ca.contact != cb.contact:
            record = self.records[cb.first]
            return "pair", [Evidence("two_contacts", f"{record.file} #{record.position}")]
        if landline(key) and (conflict := keys_conflict(self.personal(a), self.personal(b))):
            return "pair", [shared_key_evidence(*key), conflict]
        return "join", []

    def by_name(self) -> None:
        """Groups that no key placed, by name and organisation (see the module docstring, step 4). Groups without
        any phone or address come last: such a card meets all its namesakes of the import as it meets them
        as known contacts on the next one (a name-only John Doe earlier in the files was taken by a John Doe
        with an address after it, and stood apart on the next import)."""
        roots = sorted({self.find(i) for i in range(len(self.records))},
                       key=lambda root: (not self.has_own_keys(root), self.first_of(root)))
        if not any(self.contact_of(r) is None for r in roots):
            return
        everyone = _known_contacts(self.con, None)
        self.known.update({k: v for k, v in everyone.items() if k not in self.known})
        exact: dict[tuple[str, str], list[int | str]] = defaultdict(list)
        by_name: dict[str, list[int | str]] = defaultdict(list)
        blocks: dict[tuple[str, str], tuple[list[str], list[int | str]]] = defaultdict(lambda: ([], []))
        # 'anna weber' of Anna Maria Weber -> (that contact, 'anna maria weber')
        shortened: dict[tuple[str, str], list[tuple[int | str, str]]] = defaultdict(list)
        org_of: dict[int | str, str] = {}
        for known in everyone.values():
            for key in known.name_keys:
                exact[(key, known.org_key)].append(known.id)
                by_name[key].append(known.id)
            org_of[known.id] = known.org_key
            for short in _short_forms(known.names[0]) if known.org_key else ():
                shortened[(short, known.org_key)].append((known.id, name_key(known.full_name)))
            key = name_key(known.full_name)
            if known.org_key and len(blocks[(known.org_key, block_key(key))][0]) < FUZZY_BLOCK:
                block = blocks[(known.org_key, block_key(key))]
                block[0].append(_sorted_words(key))
                block[1].append(known.id)
        raised: dict[int | str, int] = defaultdict(int)
        for root in roots:
            root = self.find(root)
            lead = self.records[self.lead_of(root)]
            key = lead.name_key or name_key(lead.full_name)
            org_key = organization_key(self.organization_of(root))
            if self.contact_of(root) is None and key:
                self.match_by_name(root, key, org_key, exact, by_name, blocks, org_of, raised, shortened)
            target: int | str = self.contact_of(self.find(root)) or self.find(root)
            if key:
                exact[(key, org_key)].append(target)
                by_name[key].append(target)
                org_of[target] = org_key
                for short in _short_forms(self.name(self.lead_of(root))) if org_key else ():
                    shortened[(short, org_key)].append((target, key))
                block = blocks[(org_key, block_key(key))]
                if org_key and len(block[0]) < FUZZY_BLOCK:
                    block[0].append(_sorted_words(key))
                    block[1].append(target)

    def match_by_name(self, root: int, key: str, org_key: str, exact: dict[tuple[str, str], list[int | str]],
                      by_name: dict[str, list[int | str]],
                      blocks: dict[tuple[str, str], tuple[list[str], list[int | str]]],
                      org_of: dict[int | str, str], raised: dict[int | str, int],
                      shortened: dict[tuple[str, str], list[tuple[int | str, str]]]) -> None:
        lead_index = self.lead_of(root)
        conflict: tuple[int | str, Evidence] | None = None
        fitting: list[int | str] = []
        for target in exact.get((key, org_key), [])[:SAME_NAME_CHECKED]:
            if self.linkedin_differs(root, target):
                continue
            found = self.key_conflict(root, target, bool(org_key)) or self.addressed_apart(root, target)
            if found:
                conflict = conflict or (target, found)
                continue
            target = self.settled(target)
            if target not in fitting:
                fitting.append(target)
        chosen = self.the_one_namesake(root, fitting)
        if chosen is not None:
            if isinstance(chosen, str):
                self.attach(root, chosen)
            else:
                self.union(root, chosen)
            return
        if fitting:
            for target in fitting[:2]:
                self.raise_pair(lead_index, target, [Evidence("namesakes_same_org", str(len(fitting)))], 100.0,
                                raised)
            return
        if conflict:
            self.raise_pair(lead_index, conflict[0], [conflict[1]], 100.0, raised)
            return
        lead = self.name(lead_index)
        if lead.empty or lead.organization:
            return
        for target in by_name.get(key, [])[:SAME_NAME_CHECKED]:
            if org_of.get(target, "") != org_key and not self.linkedin_differs(root, target):
                self.raise_pair(lead_index, target, [Evidence("same_name_other_org")], 100.0, raised)
                return
        if not org_key:
            return
        if self.same_but_a_middle_name(root, key, org_key, exact, shortened, raised):
            return
        names, targets = blocks.get((org_key, block_key(key)), ([], []))
        for _, score, position in process.extract(_sorted_words(key), names, scorer=fuzz.ratio, processor=None,
                                                  score_cutoff=NEAR_SCORE, limit=3):
            target = targets[position]
            if score < 100 and not self.linkedin_differs(root, target):
                self.raise_pair(lead_index, target, [Evidence("similar_name_same_org", f"{score:.0f}")],
                                float(score), raised)
                return

    def addressed_apart(self, root: int, target: int | str) -> Evidence | None:
        """Herr Weber and Frau Weber: one name and one home line, but a man and a woman (see compare_names)."""
        mine = self.name(self.lead_of(root))
        theirs = (self.known[target].names[0] if isinstance(target, str)
                  else self.name(self.lead_of(self.find(target))))
        if mine.addressed and theirs.addressed and mine.addressed != theirs.addressed and not (
                mine.given and theirs.given):
            return Evidence("different_form_of_address")
        return None

    def has_own_keys(self, root: int) -> bool:
        """Whether the group has a phone or an e-mail address at all (a role address like info@ counts: telling it
        apart costs each card's phone kinds, some 3 % of an import of 10,000 cards)."""
        cluster = self.clusters.get(root)
        if cluster is None:                 # a record that joined nobody: its cluster is made only when asked for
            record = self.records[root]
            return bool(record.emails or record.phones)
        return bool(cluster.emails or cluster.phones)

    def settled(self, target: int | str) -> int | str:
        """A target as it is now: the known contact its group joined since, or its group's root."""
        if isinstance(target, str):
            return target
        root = self.find(target)
        return self.contact_of(root) or root

    def the_one_namesake(self, root: int, fitting: list[int | str]) -> int | str | None:
        """The namesake at one organisation a group joins by its name: the only one, or among several who are
        apart (five Thomas Müllers at Siemens) the one with just the same phones and addresses, as a card without
        any finds its own contact again; else none, and the user is asked."""
        if len(fitting) <= 1:
            return fitting[0] if fitting else None
        mine = self.personal(root)
        same = [t for t in fitting if self.target_keys(t) == mine]
        return same[0] if len(same) == 1 else None

    def same_but_a_middle_name(self, root: int, key: str, org_key: str,
                               exact: dict[tuple[str, str], list[int | str]],
                               shortened: dict[tuple[str, str], list[tuple[int | str, str]]],
                               raised: dict[int | str, int]) -> bool:
        """'Anna Weber' and 'DI Dr. Anna Maria Weber MSc' at one organisation: the same person but for a second
        given name, which no similarity of the whole names shows. A possible duplicate, never a merge; two people
        who both have a second given name ('Anna Maria', 'Anna Lena') are not compared so. So are 'HP Meier' and
        'Hans-Peter Meier'."""
        lead_index = self.lead_of(root)
        candidates = [*shortened.get((key, org_key), []),
                      *((target, short) for short in _short_forms(self.name(lead_index))
                        for target in exact.get((short, org_key), []))]
        for target, other in candidates[:SAME_NAME_CHECKED]:
            if self.linkedin_differs(root, target):
                continue
            score = fuzz.token_sort_ratio(key, other)
            self.raise_pair(lead_index, target, [_initials_evidence(key, other) or Evidence(
                "similar_name_same_org", f"{score:.0f}")], float(score), raised)
            return True
        return False

    def raise_pair(self, index: int, target: int | str, evidence: list[Evidence], score: float,
                   raised: dict[int | str, int]) -> None:
        if raised[target] >= PAIRS_PER_PERSON:
            return
        raised[target] += 1
        other = target if isinstance(target, str) else self.first_of(self.find(target))
        self.pending.append(_Pending(index, other, evidence, score))

    def target_roots(self, target: int | str) -> list[int]:
        """The clusters that make up a target: the records that joined a known contact, or one cluster."""
        if isinstance(target, str):
            return [self.find(self.attached[target])] if target in self.attached else []
        return [self.find(target)]

    def linkedin_differs(self, root: int, target: int | str) -> bool:
        mine = self.clusters[root].linkedin
        theirs = {p for r in self.target_roots(target) for p in self.clusters[r].linkedin}
        if isinstance(target, str) and self.known[target].linkedin:
            theirs.add(self.known[target].linkedin)  # type: ignore[arg-type]
        return linkedin_apart(mine, theirs)

    def key_conflict(self, root: int, target: int | str, organization: bool) -> Evidence | None:
        return keys_conflict(self.personal(root), self.target_keys(target), organization)

    def target_keys(self, target: int | str) -> PersonalKeys:
        if not isinstance(target, str):
            return self.personal(self.find(target))
        theirs = [self.clusters[r] for r in self.target_roots(target)]
        known = self.known[target]
        return personal_keys([*known.emails, *(e for c in theirs for e in c.emails)],
                             [*known.phones, *(p for c in theirs for p in c.phones)])

    def personal(self, root: int) -> PersonalKeys:
        cluster = self.clusters[root]
        if cluster.personal is None:
            cluster.personal = personal_keys(cluster.emails, cluster.phones)
        return cluster.personal

    # --- result ---
    def assignment(self, shared: set[Key]) -> Assignment:
        group_of_root: dict[int, Group] = {}
        count = 0
        for index in range(len(self.records)):
            root = self.find(index)
            if root not in group_of_root:
                contact = self.contact_of(root)
                if contact:
                    group_of_root[root] = ("contact", contact)
                else:
                    count += 1
                    group_of_root[root] = ("new", str(count))
        groups = tuple(group_of_root[self.find(i)] for i in range(len(self.records)))
        duplicates: dict[frozenset[Group], PossibleDuplicate] = {}
        for pending in self.pending:
            a = ("contact", pending.contact_a) if pending.contact_a else groups[pending.record]
            b = ("contact", pending.other) if isinstance(pending.other, str) else groups[pending.other]
            if a == b or (a[0] == "contact" and b[0] == "contact" and _pair(a[1], b[1]) in self.decided):
                continue
            pair = frozenset((a, b))
            found = duplicates.get(pair)
            if found:
                evidence = tuple(dict.fromkeys((*found.evidence, *pending.evidence)))
                duplicates[pair] = PossibleDuplicate(found.record, found.a, found.b, found.a_name, found.a_organization,
                                                     found.b_name, found.b_organization, evidence,
                                                     max(found.score, pending.score))
                continue
            a_name, a_org = self.display(a, pending.record)
            b_name, b_org = self.display(b, pending.other if isinstance(pending.other, int) else None)
            if (name_key(a_name), organization_key(a_org)) == (name_key(b_name), organization_key(b_org)):   # alike
                b_record = pending.other if isinstance(pending.other, int) else None
                a_details, b_details = self.details(a, pending.record), self.details(b, b_record)
                a_org = self.telling(a, pending.record, a_name, a_org, b_details)
                b_org = self.telling(b, b_record, b_name, b_org, a_details)
            duplicates[pair] = PossibleDuplicate(pending.record, a, b, a_name, a_org, b_name, b_org,
                                                 tuple(dict.fromkeys(pending.evidence)), pending.score)
        return Assignment(groups, tuple(duplicates.values()), tuple(sorted(shared)))

    def telling(self, group: Group, record: int | None, name: str, organization: str, other: tuple[str, ...]) -> str:
        """The organisation with what tells a namesake apart from the other: the title, else an e-mail address or
        number the other has not, else its form of address ('Vertriebsleiter, Siemens AG'; 'anna.weber@web.de';
        'Frau')."""
        detail = next((d for d in self.details(group, record) if d not in other and d not in name), "")
        return ", ".join(part for part in (detail, organization) if part)

    def details(self, group: Group, record: int | None) -> tuple[str, ...]:
        if group[0] == "contact" and group[1] in self.known:
            known = self.known[group[1]]
            return known.title, *known.emails, *known.phones, known.prefix
        if record is not None:
            found = self.records[record]
            return found.title or "", *found.emails, *found.phones, found.honorific_prefix or ""
        return ()

    def display(self, group: Group, record: int | None) -> tuple[str, str]:
        if group[0] == "contact" and group[1] in self.known:
            known = self.known[group[1]]
            return known.full_name, known.organization
        if record is not None:     # the organisation the contact gets, also when this card names none
            organization = self.records[record].organization or self.organization_of(self.find(record))
            return self.records[record].full_name, organization or ""
        return "", ""


def _sorted_words(key: str) -> str:
    """Words in order, so fuzz.ratio scores what token_sort_ratio would, without sorting the block every time."""
    return " ".join(sorted(key.split()))


def _desc(text: str) -> tuple[int, ...]:
    """Sort key that puts the smaller id first under reverse=True."""
    return tuple(-ord(ch) for ch in text)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def assign(con: Connection, records: Sequence[ContactRecord]) -> Assignment:
    """Each record's group, and the possible duplicates the import leaves for the user; writes nothing."""
    return _Matcher(con, records).run()


def block_key(key: str) -> str:
    """Names are compared only within a block: first letters of the family and the given name."""
    tokens = key.split()
    return f"{tokens[-1][:2]}{tokens[0][:1]}" if tokens else ""


# --- reading what is known -----------------------------------------------------------------------------------------


def _known_keys(con: Connection, keys: list[Key]) -> dict[Key, set[str]]:
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
    found: dict[Key, set[str]] = defaultdict(set)
    for kind, value, contact_id in rows:
        found[(kind, value)].add(contact_id)
    return found


def _numbers_with_bases(con: Connection, bases: list[str]) -> set[str]:
    """Known phone numbers that start with one of the bases (direct dials beside a switchboard)."""
    if not bases:
        return set()
    rows = con.execute(
        """
        WITH numbers AS (SELECT value AS n FROM contact_identities WHERE kind = 'phone'
                         UNION SELECT unnest(phones) FROM contacts)
        SELECT DISTINCT n FROM numbers JOIN (SELECT unnest(?) AS base) b ON starts_with(n, b.base)
        """, [bases]).fetchall()
    return {r[0] for r in rows}


def _initials_evidence(key: str, other: str) -> Evidence | None:
    """'HP' when one name key begins with the initials of the other's first words ('hp meier', 'hans peter
    meier')."""
    short, long = sorted((key.split(), other.split()), key=lambda words: len(words[0]))
    initials = short[0]
    if len(initials) > 3 or len(long) <= len(initials) or initials == long[0]:
        return None
    return Evidence("initials_same_org", initials.upper()) if "".join(
        word[0] for word in long[:len(initials)]) == initials else None


def _short_forms(name: PersonName) -> tuple[str, ...]:
    """'anna weber' of Anna Maria Weber, and 'hp meier' of Hans-Peter Meier (not 'al weber' of Anna Lena Weber: Al
    is a name); none for a name with one given name or none."""
    if len(name.given) < 2 or not name.family or name.organization or name.couple:
        return ()
    initials = "".join(word[0] for word in name.given)
    first = " ".join((name.given[0], *name.family))
    if len(initials) <= 3 and initials_of((initials,), name.given):
        return first, " ".join((initials, *name.family))
    return (first,)


def _known_contacts(con: Connection, ids: Iterable[str] | None) -> dict[str, _Known]:
    """The known contacts with the given ids (None: every contact)."""
    wanted = None if ids is None else list(ids)
    if wanted is not None and not wanted:
        return {}
    where = "" if wanted is None else "WHERE c.id IN (SELECT unnest(?))"
    rows = con.execute(
        "SELECT c.id, c.full_name, c.given_name, c.family_name, c.additional_names, c.honorific_suffix, "  # noqa: S608
        "coalesce(c.organization_name, o.name), o.normalized_name, c.linkedin_url, c.emails, c.phones, n.names, "
        "c.title, c.honorific_prefix "
        "FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id "
        "LEFT JOIN (SELECT contact_id, list(name ORDER BY name) AS names FROM contact_names GROUP BY ALL) n "
        f"ON n.contact_id = c.id {where}", [] if wanted is None else [wanted]).fetchall()
    found: dict[str, _Known] = {}
    for cid, full, given, family, additional, suffix, org, org_key, linkedin, emails, phones, names, title, \
            prefix in rows:
        other_keys = (*(emails or ()), *(phones or ()))
        person = [person_name(full, given, family, additional, org, other_keys, suffix, prefix)]
        person += [p for n in names or () if n != full and (p := person_name(n, organization=org,
                                                                           other_keys=other_keys)) != NO_NAME]
        found[cid] = _Known(cid, full, org or "", fold(org_key) if org_key else "", linkedin, tuple(emails or ()), tuple(phones or ()),
                            person, {name_key(n, suffix) for n in {full, *(names or ())}}, title or "", prefix or "")
    return found


def _decided_pairs(con: Connection) -> set[tuple[str, str]]:
    """Pairs already in the review queue, answered or not: an import never raises them again."""
    return {(a, b) for a, b in con.execute("SELECT contact_a, contact_b FROM duplicate_pairs").fetchall()}
