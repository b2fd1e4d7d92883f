"""A reproducible demo network: a German-speaking consultant's goals, contacts, two years of care and the next events.

Everything comes from one `random.Random(seed)` and every date is relative to `today`, so the same seed gives the
same people, tiers and due states on any day, and the demo always looks current. The rows are built in Python and
written in bulk (Arrow tables, one INSERT ... SELECT per table) in a single transaction.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from netzcore import demo_data as data
from netzcore.db import Connection, NetzDBError, transaction
from netzcore.events.booths import parse_booth
from netzcore.hierarchy import hierarchy_level
from netzcore.i18n import format_number, region_name, translate
from netzcore.organizations import normalize_org_name

# --- errors and the summary -------------------------------------------------------------------------------------


class DatabaseNotEmpty(NetzDBError):
    """The demo only goes into an empty database: it never mixes with real contacts."""

    def __init__(self, found: dict[str, int]) -> None:
        self.found = found
        listed = ", ".join(f"{count} {table}" for table, count in found.items())
        super().__init__(f"The database is not empty ({listed}); the demo network is only loaded into an empty one.")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    contacts: int
    organizations: int
    interactions: int
    goals: int
    segments: int
    events: int
    exhibitors: int
    event_plans: int
    relationships: int
    introductions: int
    tiers: dict[str, int]
    due: dict[str, int]
    seconds: float


_FILLED_TABLES = ("contacts", "organizations", "interactions", "goals", "segments", "events")


def is_empty(con: Connection) -> bool:
    """No contacts yet: the app offers its two ways in (demo or import)."""
    row = con.execute("SELECT NOT EXISTS (SELECT 1 FROM contacts)").fetchone()
    return bool(row and row[0])


def _filled_tables(con: Connection) -> dict[str, int]:
    counts = con.execute(
        "SELECT " + ", ".join(f"(SELECT count(*) FROM {table})" for table in _FILLED_TABLES)  # noqa: S608
    ).fetchone()
    assert counts is not None
    return {table: int(n) for table, n in zip(_FILLED_TABLES, counts, strict=True) if n}


# --- building the rows ------------------------------------------------------------------------------------------

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                           "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa", "æ": "ae", "ı": "i", "ł": "l", "Ł": "L"})


def _hall_stand(booth: str) -> dict[str, str | None]:
    place = parse_booth(booth)
    return {"hall": place.hall or None, "stand": place.stand or None}


def _slug(text: str, sep: str = "-") -> str:
    """ASCII for e-mail addresses, domains and URLs: 'Böhm' -> 'boehm', 'Wójcik' -> 'wojcik'."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text.lower()).strip(sep)


def _days_since_last_for(state: str, cadence: int, grace_factor: float) -> tuple[int, int]:
    """The range of days since the latest interaction that puts a contact in `state` (see contact_care)."""
    overdue = math.ceil(cadence * grace_factor)
    return {
        "overdue": (overdue, overdue + 60),
        "due": (cadence, max(cadence, overdue - 1)),
        "soon": (max(0, cadence - 7), max(0, cadence - 1)),
        "ok": (0, max(0, cadence - 8)),
    }[state]


class _Table:
    """Column lists for one table, turned into an Arrow table for one bulk INSERT."""

    def __init__(self, name: str, columns: Sequence[str], list_columns: Sequence[str] = ()) -> None:
        self.name = name
        self.columns: dict[str, list[Any]] = {column: [] for column in columns}
        self.list_columns = set(list_columns)

    def add(self, **values: Any) -> None:
        assert values.keys() <= self.columns.keys(), f"not a column of {self.name}: {values.keys() - self.columns.keys()}"
        for column, cells in self.columns.items():
            cells.append(values.get(column))

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))

    def insert(self, con: Connection) -> None:
        import pyarrow as pa  # here, not at the top: every `netz` command imports this module, few load a demo

        if not len(self):
            return
        arrays = {
            column: pa.array(cells, type=pa.list_(pa.string())) if column in self.list_columns else pa.array(cells)
            for column, cells in self.columns.items()
        }
        names = ", ".join(self.columns)
        con.register("demo_rows", pa.table(arrays))
        try:
            con.execute(f"INSERT INTO {self.name} ({names}) SELECT {names} FROM demo_rows")  # noqa: S608
        finally:
            con.unregister("demo_rows")


@dataclass(slots=True)
class _Person:
    id: str
    name: str
    female: bool
    origin: str
    org: int | None
    tier: str
    level: str | None
    topics: list[str]
    city: str
    birthday: tuple[int | None, int, int] | None
    cadence_days: int | None = None  # a contact's own cadence, overriding the tier's
    title: str | None = None
    last_hook: str | None = None
    interaction_days: list[int] = field(default_factory=list)  # days before today


@dataclass(slots=True)
class _Org:
    id: str
    name: str
    field: str
    city: str
    country: str
    domain: str


class _Builder:
    def __init__(self, con: Connection, rng: random.Random, today: dt.date) -> None:
        self.con = con
        self.rng = rng
        self.today = today
        self.now = dt.datetime.combine(today, dt.time(9, 0))
        self.cadences: dict[str, tuple[int | None, float]] = {
            tier: (cadence, grace)
            for tier, cadence, grace in con.execute("SELECT tier, cadence_days, grace_factor FROM tier_cadence").fetchall()
        }

    def new_ids(self, n: int) -> list[str]:
        return [row[0] for row in self.con.execute("SELECT CAST(uuidv7() AS VARCHAR) FROM range(?)", [n]).fetchall()]

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    # organisations

    def organizations(self, wanted: int) -> list[_Org]:
        rng = self.rng
        specs = [(name, org_field, city, country, list(aliases))
                 for name, org_field, city, country, aliases in data.ANCHOR_ORGANIZATIONS]
        seen = {normalize_org_name(spec[0]) for spec in specs}
        surnames = sorted(set(data.PEOPLE["DE"][2] + data.PEOPLE["AT"][2] + data.PEOPLE["CH"][2]))
        more = [(pattern.format(city=city, surname=surname), org_field, city, country)
                for org_field, patterns in data.MORE_ORGANIZATIONS.items() for pattern in patterns
                for country in data.DACH for city in data.CITIES[country]
                for surname in (surnames if "{surname}" in pattern else surnames[:1])]
        rng.shuffle(more)
        for name, org_field, city, country in more:
            if len(specs) >= wanted:
                break
            if normalize_org_name(name) not in seen:
                seen.add(normalize_org_name(name))
                specs.append((name, org_field, city, country, []))
        ids = self.new_ids(len(specs))
        table = _Table("organizations", ["id", "name", "normalized_name", "aliases", "field", "kind", "city",
                                         "country", "website", "created_at"], ["aliases"])
        orgs = []
        for org_id, (name, org_field, city, country, aliases) in zip(ids, specs, strict=True):
            domain = f"{_slug(normalize_org_name(name))}.{data.TLD[country]}"
            orgs.append(_Org(org_id, name, org_field, city, country, domain))
            table.add(id=org_id, name=name, normalized_name=normalize_org_name(name), aliases=aliases,
                      field=org_field, kind=data.KIND.get(org_field, "company"), city=city, country=country,
                      website=f"https://www.{domain}", created_at=self.now - dt.timedelta(days=rng.randint(0, 900)))
        table.insert(self.con)
        return orgs

    # contacts

    def tiers(self, n: int) -> list[str]:
        counts = {tier: round(share * n) for tier, share in data.TIER_SHARES.items()}
        tiers = [tier for tier, count in counts.items() for _ in range(count)]
        tiers += ["D"] * (n - len(tiers))
        self.rng.shuffle(tiers)
        return tiers

    def people(self, n: int, orgs: list[_Org]) -> list[_Person]:
        rng = self.rng
        ids = self.new_ids(n)
        tiers = self.tiers(n)
        names_seen: set[str] = set()
        people = []
        for i in range(n):
            org: int | None = i if i < len(orgs) else rng.randrange(len(orgs))
            if i >= len(orgs) and rng.random() < 0.03:
                org = None  # private contacts: the neighbour, the golf partner
            country = orgs[org].country if org is not None else "DE"
            origin = country if rng.random() < 0.85 else rng.choice(list(data.PEOPLE))
            female = rng.random() < 0.45
            for _ in range(20):
                given = rng.choice(data.PEOPLE[origin][0 if female else 1])
                name = f"{given} {rng.choice(data.PEOPLE[origin][2])}"
                if name not in names_seen:
                    break
            names_seen.add(name)
            level = None
            if org is not None:
                level = rng.choices([lv for lv, _ in data.LEVEL_SHARES], weights=[w for _, w in data.LEVEL_SHARES])[0]
            topics_pool = data.FIELD_TOPICS[orgs[org].field] if org is not None else ["Segeln", "Golf"]
            topics = rng.sample(topics_pool, rng.randint(1, min(3, len(topics_pool))))
            city = orgs[org].city if org is not None and rng.random() < 0.7 else rng.choice(data.CITIES[country])
            birthday: tuple[int | None, int, int] | None = None
            if rng.random() < 0.75:
                year = rng.randint(1958, 1999) if rng.random() < 0.8 else None
                birthday = (year, rng.randint(1, 12), rng.randint(1, 28))
            cadence = 30 if tiers[i] == "A" and rng.random() < 0.1 else None  # a mentor: once a month
            people.append(_Person(ids[i], name, female, origin, org, tiers[i], level, topics, city, birthday, cadence))
        self.upcoming_birthdays(people)
        return people

    def upcoming_birthdays(self, people: list[_Person]) -> None:
        """A few birthdays in the next 30 days, at least two of them A or B contacts."""
        rng = self.rng
        close = [i for i, p in enumerate(people) if p.tier in "AB"]
        chosen = rng.sample(close, min(2, len(close)))
        others = sorted(set(range(len(people))) - set(chosen))
        chosen += rng.sample(others, min(len(others), max(1, len(people) // 20)))
        for i in chosen:
            day = self.today + dt.timedelta(days=rng.randint(0, 29))
            year = rng.randint(1960, 1998) if rng.random() < 0.7 else None
            people[i].birthday = (year, day.month, 28 if (day.month, day.day) == (2, 29) else day.day)

    def title(self, person: _Person, org: _Org) -> data.Title:
        titles = data.TITLES[data.KIND.get(org.field, "company")][person.level or "specialist"]
        english = [t for t in titles if data.ENGLISH_TITLE.match(t[0])]
        if person.origin in data.DACH and self.rng.random() < 0.65 or not english:
            return self.rng.choice([t for t in titles if t not in english] or titles)
        return self.rng.choice(english)

    def phone(self, prefix: str, length: int) -> str:
        """A random number that phonenumbers accepts as valid, in E.164: the prefix and `length` more digits."""
        import phonenumbers  # imported on use, like pyarrow above

        for _ in range(50):
            number = prefix + str(self.rng.randint(2, 9)) + "".join(
                str(self.rng.randint(0, 9)) for _ in range(length - 1))
            if phonenumbers.is_valid_number(phonenumbers.parse(number)):
                return number
        raise AssertionError(f"no valid phone number under {prefix}")

    def contacts(self, people: list[_Person], orgs: list[_Org]) -> None:
        rng = self.rng
        table = _Table(
            "contacts",
            ["id", "full_name", "given_name", "family_name", "honorific_prefix", "organization_id", "title",
             "department", "hierarchy_level", "emails", "phones", "urls", "linkedin_url", "xing_url", "city",
             "country", "birthday_year", "birthday_month", "birthday_day", "tier", "cadence_days",
             "preferred_channel", "tags", "topics", "how_met", "sources", "notes", "archived", "created_at",
             "updated_at", "triaged_at", "salutation", "address_form"],
            ["emails", "phones", "urls", "tags", "topics", "sources"],
        )
        identities = _Table("contact_identities", ["contact_id", "kind", "value", "source"])
        emails_seen: set[str] = set()
        for person in people:
            given, family = person.name.split(" ", 1)
            org = orgs[person.org] if person.org is not None else None
            title, department = (None, None)
            if org is not None:
                masculine, feminine, department = self.title(person, org)
                title = feminine if person.female else masculine
            person.title = title
            person.level = hierarchy_level(title)
            prefix = None
            if person.origin in data.DACH and rng.random() < (0.4 if org and org.field == data.UNIVERSITY else 0.1):
                prefix = "Prof. Dr." if org and org.field == data.UNIVERSITY and rng.random() < 0.5 else "Dr."
            local = f"{_slug(given, '')}.{_slug(family, '')}"
            domain = org.domain if org else "mailbox.example"
            email, suffix = f"{local}@{domain}", 2
            while email in emails_seen:
                email, suffix = f"{local}{suffix}@{domain}", suffix + 1
            emails_seen.add(email)
            country = org.country if org else "DE"
            phones = [self.phone(*rng.choice(data.MOBILE[country]))] if rng.random() < 0.85 else []
            if org and org.city in data.OFFICE_AREA and rng.random() < 0.4:
                phones.append(self.phone(data.OFFICE_AREA[org.city], 7))
            linkedin = None
            if rng.random() < 0.8:
                linkedin = f"https://www.linkedin.com/in/{_slug(person.name)}-{rng.getrandbits(24):06x}"
            xing = None
            if person.origin in data.DACH and rng.random() < 0.25:
                xing = f"https://www.xing.com/profile/{_slug(given, '_').title()}_{_slug(family, '_').title()}"
            year, month, day = person.birthday if person.birthday else (None, None, None)
            how_met = None
            if rng.random() < 0.6:
                language = "de" if person.origin in data.DACH else "en"
                how_met = rng.choice(data.HOW_MET[language]).format(
                    year=self.today.year - rng.randint(1, 8), other=rng.choice(people).name, city=person.city)
            created = self.now - dt.timedelta(days=(max(person.interaction_days) if person.interaction_days
                                                    else rng.randint(0, 30)) + rng.randint(1, 60))
            table.add(
                id=person.id, full_name=person.name, given_name=given, family_name=family, honorific_prefix=prefix,
                organization_id=org.id if org else None, title=title, department=department,
                hierarchy_level=person.level, emails=[email], phones=phones,
                urls=[f"https://www.{org.domain}"] if org and rng.random() < 0.3 else [], linkedin_url=linkedin,
                xing_url=xing, city=person.city, country=region_name(country, "de"), birthday_year=year, birthday_month=month,
                birthday_day=day, tier=person.tier, salutation="ms" if person.female else "mr",
                # close A contacts in German-speaking countries are on first-name terms (no random draw: the
                # demo of a seed stays what it was)
                address_form="informal" if person.tier == "A" and person.origin in data.DACH and len(given) % 3 == 0
                else "formal",
                cadence_days=person.cadence_days,
                preferred_channel=rng.choice(["lunch", "call", "video_call", "email", "linkedin"])
                if person.tier in "AB" and rng.random() < 0.5 else None,
                tags=rng.sample(data.TAGS, rng.choice([0, 0, 1, 1, 2])), topics=person.topics, how_met=how_met,
                sources=["demo"], notes=rng.choice(["Bevorzugt Termine am Vormittag", "Spricht gern über Segeln",
                                                    "Duzt sich mit mir seit dem Projekt"])
                if rng.random() < 0.05 else None,
                archived=person.tier == "D" and rng.random() < 0.03, created_at=created, updated_at=created,
                triaged_at=created,  # the demo's tiers are decided: nothing waits in "Who matters?"
            )
            identities.add(contact_id=person.id, kind="email", value=email, source="demo")
            for phone in phones:
                identities.add(contact_id=person.id, kind="phone", value=phone, source="demo")
            if linkedin:
                identities.add(contact_id=person.id, kind="linkedin", value=linkedin, source="demo")
        table.insert(self.con)
        identities.insert(self.con)

    # interactions: the day of the latest one per contact decides its due state

    def last_contact_days(self, people: list[_Person]) -> dict[int, int]:
        """Days since the latest interaction, per contact with a cadence, so each tier has overdue, due, soon, ok.

        The cadences are the database's own (Settings may have changed them before the demo was loaded).
        """
        rng = self.rng
        gaps: dict[int, int] = {}
        for tier, (overdue, due, soon) in data.DUE_MIX.items():
            tier_cadence, grace_factor = self.cadences[tier]
            members = [i for i, p in enumerate(people) if p.tier == tier and (p.cadence_days or tier_cadence)]
            rng.shuffle(members)
            n = len(members)
            counts = [max(1, round(share * n)) if n >= 4 else 0 for share in (overdue, due, soon)]
            states = ["overdue"] * counts[0] + ["due"] * counts[1] + ["soon"] * counts[2]
            states += ["ok"] * (n - len(states))
            for index, state in zip(members, states, strict=True):
                cadence = people[index].cadence_days or tier_cadence or 0
                gaps[index] = rng.randint(*_days_since_last_for(state, cadence, grace_factor))
        return gaps

    def plan_interactions(self, people: list[_Person], total: int | None) -> None:
        rng = self.rng
        weights = [data.INTERACTION_WEIGHT[p.tier] for p in people]
        if total is None:
            total = round(sum(weights))
        gaps = self.last_contact_days(people)
        # the contacts with a cadence get their latest interaction first, the rest by tier weight
        firsts = sorted(gaps, key=lambda i: ("ABC".index(people[i].tier), i))[:total]
        for i in firsts:
            people[i].interaction_days.append(gaps[i])
        for i in rng.choices(range(len(people)), weights=weights, k=total - len(firsts)):
            floor = gaps.get(i, 0)
            people[i].interaction_days.append(rng.randint(floor or 1, data.HISTORY_DAYS))

    def interactions(self, people: list[_Person], orgs: list[_Org]) -> int:
        rng = self.rng
        table = _Table("interactions", ["contact_id", "occurred_on", "channel", "in_person", "topics", "hooks",
                                        "gave", "received", "follow_up_on", "follow_up_done", "created_at"],
                       ["topics"])
        stale = self.day(21)  # older follow-ups were taken care of; the open ones are from the last weeks
        channel_names = {tier: list(mix) for tier, mix in data.CHANNELS.items()}
        channel_weights = {tier: list(mix.values()) for tier, mix in data.CHANNELS.items()}
        for person in people:
            if not person.interaction_days:
                continue
            language = "de" if person.origin in data.DACH else "en"
            field_name = orgs[person.org].field if person.org is not None else data.ENERGY
            latest = min(person.interaction_days)
            for days_ago in person.interaction_days:
                is_latest = days_ago == latest
                occurred = self.day(days_ago)
                if person.tier == "D" and person.birthday and rng.random() < 0.6:
                    channel = "birthday_greeting"
                    occurred = self.birthday_near(person.birthday, occurred)
                else:
                    channel = rng.choices(channel_names[person.tier], weights=channel_weights[person.tier])[0]
                values = {"city": rng.choice(data.CITIES["DE"]), "topic": rng.choice(person.topics),
                          "field": field_name, "other": rng.choice(people).name}
                hooks = None
                if (is_latest and person.tier in "AB") or rng.random() < 0.45:
                    hooks = rng.choice(data.HOOKS[language]).format(**values)
                    if is_latest:
                        person.last_hook = hooks
                follow_up = None
                if (is_latest and person.tier in "ABC" and rng.random() < 0.3) or rng.random() < 0.08:
                    follow_up = occurred + dt.timedelta(days=rng.randint(5, 30))
                table.add(
                    contact_id=person.id, occurred_on=occurred, channel=channel,
                    in_person=channel in data.IN_PERSON,
                    topics=rng.sample(person.topics, min(len(person.topics), rng.randint(1, 2))), hooks=hooks,
                    gave=rng.choice(data.GAVE[language]).format(**values) if rng.random() < 0.35 else None,
                    received=rng.choice(data.RECEIVED[language]).format(**values) if rng.random() < 0.3 else None,
                    follow_up_on=follow_up, follow_up_done=follow_up is not None and (not is_latest or follow_up < stale),
                    created_at=dt.datetime.combine(occurred, dt.time(18, 0)),
                )
        table.insert(self.con)
        return len(table)

    def birthday_near(self, birthday: tuple[int | None, int, int], day: dt.date) -> dt.date:
        """The birthday on or before `day`, or the one after it when that one lies outside the two years."""
        _, month, dom = birthday
        this_year = dt.date(day.year, month, min(dom, 28) if month == 2 else dom)
        greeting = this_year if this_year <= day else this_year.replace(year=day.year - 1)
        if (self.today - greeting).days > data.HISTORY_DAYS:
            greeting = greeting.replace(year=greeting.year + 1)
        return greeting

    # history, relationships, introductions

    def histories(self, people: list[_Person], orgs: list[_Org]) -> None:
        rng = self.rng
        tiers = _Table("tier_history", ["contact_id", "changed_at", "old_tier", "new_tier", "reason"])
        careers = _Table("career_history", ["contact_id", "organization", "title", "observed_on", "source"])
        order = "ABCD"
        for person in people:
            if rng.random() < 0.12:
                step = rng.choice([-1, 1]) if person.tier in "BC" else (1 if person.tier == "A" else -1)
                old = order[order.index(person.tier) + step]
                tiers.add(contact_id=person.id, changed_at=self.now - dt.timedelta(days=rng.randint(20, 600)),
                          old_tier=old, new_tier=person.tier,
                          reason=rng.choice(data.TIER_REASONS["up" if step == 1 else "down"]))
            if person.org is not None and rng.random() < 0.2:
                previous = orgs[(person.org + rng.randrange(1, len(orgs))) % len(orgs)]
                recent = rng.random() < 0.25
                changed = rng.randint(5, 45) if recent else rng.randint(120, 1100)
                careers.add(contact_id=person.id, organization=previous.name,
                            title=rng.choice(data.TITLES["company"]["specialist"])[1 if person.female else 0],
                            observed_on=self.day(changed + rng.randint(200, 1500)), source="demo")
                careers.add(contact_id=person.id, organization=orgs[person.org].name, title=person.title,
                            observed_on=self.day(changed), source="demo")
        tiers.insert(self.con)
        careers.insert(self.con)

    def relationships(self, people: list[_Person]) -> set[tuple[str, str]]:
        """Colleagues know each other; a few more pairs from associations, studies, the golf club."""
        rng = self.rng
        pairs: dict[tuple[str, str], str] = {}
        by_org: dict[int, list[str]] = {}
        for person in people:
            if person.org is not None:
                by_org.setdefault(person.org, []).append(person.id)
        for colleagues in by_org.values():
            for a, b in pairwise(colleagues):
                pairs[(min(a, b), max(a, b))] = "Kollegen"
        for _ in range(len(people) * 3 // 5):
            one, other = (p.id for p in rng.sample(people, 2))
            pairs.setdefault((min(one, other), max(one, other)), rng.choice(data.RELATIONS[1:]))
        table = _Table("relationships", ["contact_a", "contact_b", "how", "strength", "since"])
        for (a, b), how in pairs.items():
            table.add(contact_a=a, contact_b=b, how=how, strength=rng.randint(1, 3),
                      since=self.day(rng.randint(100, 4000)))
        table.insert(self.con)
        return set(pairs)

    def introductions(self, people: list[_Person], orgs: list[_Org], known: set[tuple[str, str]]) -> int:
        rng = self.rng
        table = _Table("introductions", ["contact_a", "contact_b", "introduced_on", "context", "status", "outcome"])
        wanted = max(3, len(people) // 25)
        for attempt in range(wanted * 5):
            if len(table) >= wanted:
                break
            a, b = rng.sample(people, 2)
            if (min(a.id, b.id), max(a.id, b.id)) in known:
                continue
            status = "open" if attempt < 2 else rng.choice(["open", "met", "met", "no_fit", "declined"])
            field_name = orgs[b.org].field if b.org is not None else data.ENERGY
            table.add(contact_a=a.id, contact_b=b.id,
                      introduced_on=self.day(rng.randint(3, 40) if status == "open" else rng.randint(60, 500)),
                      context=rng.choice(data.INTRO_CONTEXT).format(topic=rng.choice(a.topics), field=field_name),
                      status=status, outcome=data.INTRO_OUTCOME.get(status))
        table.insert(self.con)
        return len(table)

    # goals, segments, events

    def goals(self) -> tuple[list[str], int]:
        segment_ids = dict(zip([s[0] for s in data.SEGMENTS], self.new_ids(len(data.SEGMENTS)), strict=True))
        segments = _Table("segments", ["id", "kind", "name", "organization_names", "organization_keys", "keywords",
                                       "topics", "levels", "priority", "channels", "approach_note"],
                          ["organization_names", "organization_keys", "keywords", "topics", "levels", "channels"])
        for key, kind, name, org_names, keywords, topics, levels, priority, channels, note in data.SEGMENTS:
            segments.add(id=segment_ids[key], kind=kind, name=name, organization_names=org_names,
                         organization_keys=sorted({normalize_org_name(n) for n in org_names}), keywords=keywords,
                         topics=topics, levels=levels, priority=priority, channels=channels, approach_note=note)
        goal_ids = self.new_ids(len(data.GOALS))
        goals = _Table("goals", ["id", "title", "purpose", "expected_value", "my_offer", "success_criterion",
                                 "target_count", "target_tiers", "target_levels", "target_in_person", "starts_on",
                                 "target_date", "status", "created_at"], ["target_tiers", "target_levels"])
        links = _Table("goal_segments", ["goal_id", "segment_id"])
        for goal_id, (title, purpose, value, offer, criterion, count, levels, in_person, started, target, status,
                      keys) in zip(goal_ids, data.GOALS, strict=True):
            goals.add(id=goal_id, title=title, purpose=purpose, expected_value=value, my_offer=offer,
                      success_criterion=criterion, target_count=count, target_tiers=["A", "B"],
                      target_levels=levels, target_in_person=in_person, starts_on=self.day(started),
                      target_date=self.day(-target), status=status,
                      created_at=self.now - dt.timedelta(days=started))
            for key in keys:
                links.add(goal_id=goal_id, segment_id=segment_ids[key])
        segments.insert(self.con)
        goals.insert(self.con)
        links.insert(self.con)
        return goal_ids, len(segments)

    def events(self, people: list[_Person], orgs: list[_Org], goal_ids: list[str]) -> tuple[int, int, int]:
        rng = self.rng
        fair, conference, meeting = self.new_ids(3)
        starts = {fair: self.day(-38), conference: self.day(-17), meeting: self.day(-63)}
        days = {fair: 5, conference: 2, meeting: 1}
        places = {fair: "Kaffeebar Halle 13", conference: "Foyer, Kaffeepause", meeting: "Foyer nach der Versammlung"}
        events = _Table("events", ["id", "name", "kind", "starts_on", "ends_on", "city", "venue", "topics", "url",
                                   "notes"], ["topics"])
        events.add(id=fair, name=f"Industrie- und Energiemesse Hannover {starts[fair].year}", kind="trade_fair",
                   starts_on=starts[fair], ends_on=starts[fair] + dt.timedelta(days=days[fair] - 1), city="Hannover",
                   venue="Messegelände Hannover", topics=["Wasserstoff", "Elektrolyse", "Industrie 4.0"],
                   url="https://messe.example/hannover", notes="Schwerpunkt Halle 13: Wasserstoff und Brennstoffzellen")
        events.add(id=conference, name=f"Wasserstoff-Kongress Süd {starts[conference].year}", kind="conference",
                   starts_on=starts[conference], ends_on=starts[conference] + dt.timedelta(days=days[conference] - 1), city="Stuttgart",
                   venue="Haus der Wirtschaft", topics=["Wasserstoff", "Förderprogramme", "Regulierung"],
                   url="https://kongress.example/h2-sued", notes=None)
        events.add(id=meeting, name="Mitgliederversammlung Wasserstoffverband Süd", kind="association",
                   starts_on=starts[meeting], ends_on=starts[meeting], city="Ulm", venue="Stadthaus Ulm",
                   topics=["Regulierung", "Normung"], url=None, notes="Danach Arbeitskreis Elektrolyse")
        event_goals = _Table("event_goals", ["event_id", "goal_id"])
        for event_id, goal_index in ((fair, 0), (conference, 0), (conference, 1), (meeting, 1)):
            event_goals.add(event_id=event_id, goal_id=goal_ids[goal_index])

        exhibitors = _Table("exhibitors", ["event_id", "name", "normalized_name", "organization_id", "role", "booth",
                                           "hall", "stand"])
        fair_fields = (data.ENERGY, data.AUTOMOTIVE, data.MACHINERY, data.CONSULTING)
        candidates = [org for org in orgs if org.field in fair_fields]
        shown = [org for i, org in enumerate(candidates) if rng.random() < (0.7 if i < 30 else 0.05)]
        for org in shown[:250]:
            booth = self.booth()
            exhibitors.add(event_id=fair, name=org.name, normalized_name=normalize_org_name(org.name),
                           organization_id=org.id, role="exhibitor", booth=booth, **_hall_stand(booth))
        for name in ("Elektrolyse Systeme Nord GmbH", "HyCompress Technologies GmbH", "Brennstoffzellen-Cluster "
                     "Sachsen e.V.", "Nordic Electrolyser AS", "Ventilwerk Schwarzwald GmbH", "GreenMolecule SAS",
                     "Druckbehälter Henning KG", "Pipeline Solutions Europe B.V."):
            booth = self.booth()
            exhibitors.add(event_id=fair, name=name, normalized_name=normalize_org_name(name), organization_id=None,
                           role="exhibitor", booth=booth, **_hall_stand(booth))
        speakers = [org for org in orgs if org.field in (data.UNIVERSITY, data.ASSOCIATION, data.PUBLIC)][:6]
        for org in speakers:
            exhibitors.add(event_id=conference, name=org.name, normalized_name=normalize_org_name(org.name),
                           organization_id=org.id, role="speaker", booth=None, hall=None, stand=None)

        plans = _Table("event_plans", ["event_id", "contact_id", "status", "slot_start", "slot_end", "place",
                                       "talking_points", "notes", "updated_at"])
        shown_ids = {org.id for org in shown}
        at_fair = [p for p in people if p.org is not None and orgs[p.org].id in shown_ids and p.tier in "ABC"]
        in_research = [p for p in people if p.org is not None and orgs[p.org].field in (data.UNIVERSITY, data.ASSOCIATION)]
        in_association = [p for p in people if p.org is not None and orgs[p.org].field == data.ASSOCIATION]
        for event_id, guests, count in ((fair, at_fair, 10), (conference, in_research, 5),
                                        (meeting, in_association, 3)):
            for n, person in enumerate(rng.sample(guests, min(count, len(guests)))):
                status = ("confirmed", "confirmed", "asked", "to_ask", "declined")[n % 5]
                slot = None
                if status == "confirmed":
                    day = starts[event_id] + dt.timedelta(days=n % days[event_id])
                    slot = dt.datetime.combine(day, dt.time(10 + n, 30))
                plans.add(event_id=event_id, contact_id=person.id, status=status, slot_start=slot,
                          slot_end=slot + dt.timedelta(minutes=30) if slot else None,
                          place=places[event_id] if slot else None,
                          talking_points=person.last_hook or f"{rng.choice(person.topics)}: nach Projekten fragen",
                          notes=None, updated_at=self.now - dt.timedelta(days=rng.randint(0, 10)))
        for table in (events, event_goals, exhibitors, plans):
            table.insert(self.con)
        return len(events), len(exhibitors), len(plans)

    def booth(self) -> str:
        """"Halle 13, B34", as a fair's list writes it."""
        return f"Halle {self.rng.randint(11, 27)}, {self.rng.choice('ABCDEF')}{self.rng.randint(10, 60)}"

    def profile(self) -> None:
        names = ", ".join(f"{key} = ?" for key in data.PROFILE)
        self.con.execute(f"UPDATE profile SET {names}, updated_at = ? WHERE id = 1 AND full_name = ''",  # noqa: S608
                         [*data.PROFILE.values(), self.now])


# --- the entry point --------------------------------------------------------------------------------------------


def load_demo(con: Connection, contacts: int = 300, interactions: int | None = None, seed: int = 42,
              today: dt.date | None = None) -> DemoSummary:
    """Fill an empty database with the demo network; raises DatabaseNotEmpty when it already holds data.

    `interactions` defaults to about 4.5 per contact (weighted by tier); all dates are relative to `today`.
    """
    if contacts < 1 or (interactions is not None and interactions < 0):
        raise ValueError("contacts must be at least 1 and interactions not negative")
    started = time.perf_counter()
    today = today or dt.date.today()
    builder = _Builder(con, random.Random(seed), today)
    with transaction(con):
        found = _filled_tables(con)
        if found:
            raise DatabaseNotEmpty(found)
        builder.profile()
        orgs = builder.organizations(max(len(data.ANCHOR_ORGANIZATIONS), contacts // 6))
        people = builder.people(contacts, orgs)
        builder.plan_interactions(people, interactions)
        builder.contacts(people, orgs)
        interaction_count = builder.interactions(people, orgs)
        builder.histories(people, orgs)
        known = builder.relationships(people)
        introduction_count = builder.introductions(people, orgs, known)
        goal_ids, segment_count = builder.goals()
        event_count, exhibitor_count, plan_count = builder.events(people, orgs, goal_ids)
    tiers = dict(con.execute("SELECT tier, count(*) FROM contacts GROUP BY tier ORDER BY tier").fetchall())
    due = dict(con.execute("SELECT due_state, count(*) FROM contact_care(?) GROUP BY due_state", [today]).fetchall())
    return DemoSummary(
        contacts=contacts, organizations=len(orgs), interactions=interaction_count, goals=len(goal_ids),
        segments=segment_count, events=event_count, exhibitors=exhibitor_count, event_plans=plan_count,
        relationships=len(known), introductions=introduction_count, tiers=tiers, due=due,
        seconds=time.perf_counter() - started,
    )


def demo_summary_lines(summary: DemoSummary, lang: str, path: Path) -> list[str]:
    """What `netz demo` reports, in the user's language."""

    def num(value: int) -> str:
        return format_number(value, lang)

    tiers = {tier.lower(): num(summary.tiers.get(tier, 0)) for tier in "ABCD"}
    due = {state: num(summary.due.get(state, 0)) for state in ("overdue", "due", "soon")}
    return [
        translate(lang, "demo.loaded", path=str(path), seconds=format_number(summary.seconds, lang, 1)),
        "  " + translate(lang, "demo.contacts", contacts=summary.contacts,
                         organizations=summary.organizations, **tiers),
        "  " + translate(lang, "demo.interactions", interactions=summary.interactions, **due),
        "  " + translate(lang, "demo.goals", goals=summary.goals, segments=summary.segments),
        "  " + translate(lang, "demo.events", events=summary.events, exhibitors=summary.exhibitors,
                         plans=summary.event_plans),
        "  " + translate(lang, "demo.network", relationships=summary.relationships,
                         introductions=summary.introductions),
    ]
