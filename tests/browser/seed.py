"""A network for the browser tests: the demo network plus contacts that carry hostile text.

The hostile contact is written with plain SQL on the 001 schema so it reaches every page no matter which
feature put it there; it is tier A and overdue, so it shows on Today, in the due list and in event plans.
"""

from __future__ import annotations

import datetime as dt

from netzcore import db as netzdb
from netzcore.demo import load_demo
from netzcore.organizations import ensure_organizations, normalize_org_name

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
# what markdown would turn into links, headings, decoded entities or reversed text (issue 15, item 9)
URL = "https://evil.example/login"
WWW = "www.evil.example"
MAIL = "eve@evil.example"
ENTITY = "&lt;b&gt;bold&lt;/b&gt;"
RLO_ENTITY = "&#x202E;"
RLO = "\u202e"
HOOK_HEADING = "heading from a hook"
HOSTILE_HOOK = f"ask about {SCRIPT}\n# {HOOK_HEADING}\n- a list item\n{URL} {WWW} {MAIL} {ENTITY} {RLO_ENTITY} {RLO}desrever"
HOSTILE_NAME = f"Eve {SCRIPT} {WWW}"
HOSTILE_ORG = f"Evil {IMG} GmbH"
HOSTILE_EVENT = f"Hack Fair {IMG}"
HOSTILE_TOPIC = "hydrogen"
HOSTILE_GOAL = f"Goal {SCRIPT}"
HOSTILE_SEGMENT = f"Segment {IMG}"
FRIEND_NAME = "Clara Kaffeetrinker"
FRIEND_ORG = "Windkraft Nord GmbH"


def add_hostile_contact(con: netzdb.Connection, today: dt.date | None = None) -> str:
    """One A contact whose every text field holds script or an image with onerror; returns its id."""
    today = today or dt.date.today()
    with netzdb.transaction(con):
        org_id = ensure_organizations(con, [HOSTILE_ORG])[HOSTILE_ORG]
        row = con.execute(
            "INSERT INTO contacts (full_name, given_name, family_name, organization_id, title, department, "
            "hierarchy_level, emails, city, tier, tags, topics, how_met, sources, notes, "
            "birthday_month, birthday_day, created_at) "
            "VALUES (?, 'Eve', ?, ?, ?, ?, 'head', ['eve@example.org'], ?, 'A', ?, ?, ?, ['manual'], ?, ?, ?, ?) "
            "RETURNING id",
            [HOSTILE_NAME, SCRIPT, org_id, f"{IMG} {URL}", SCRIPT, "Hannover", [SCRIPT, IMG, WWW],
             [HOSTILE_TOPIC, IMG], IMG,
             f"{SCRIPT} {IMG} **bold** [link](javascript:alert(1))\n# heading from the notes\n{ENTITY} {MAIL}",
             (today + dt.timedelta(days=2)).month, (today + dt.timedelta(days=2)).day,
             today - dt.timedelta(days=400)],
        ).fetchone()
        assert row is not None
        contact_id = str(row[0])
        con.execute(
            "INSERT INTO interactions (contact_id, occurred_on, channel, in_person, topics, hooks, gave, received, "
            "follow_up_on, notes) VALUES (?, ?, 'lunch', true, ?, ?, ?, ?, ?, ?)",
            [contact_id, today - dt.timedelta(days=200), [IMG], HOSTILE_HOOK, IMG, SCRIPT,
             today - dt.timedelta(days=1), IMG],
        )
        con.execute(
            "INSERT INTO career_history (contact_id, organization, title, observed_on, source) "
            "VALUES (?, ?, ?, ?, 'vcard')",
            [contact_id, HOSTILE_ORG, IMG, today - dt.timedelta(days=3)],
        )
        event = con.execute(
            "INSERT INTO events (name, kind, starts_on, ends_on, city, venue, topics, notes) "
            "VALUES (?, 'trade_fair', ?, ?, 'Hannover', ?, ?, ?) RETURNING id",
            [HOSTILE_EVENT, today + dt.timedelta(days=20), today + dt.timedelta(days=23), SCRIPT,
             [HOSTILE_TOPIC], IMG],
        ).fetchone()
        assert event is not None
        con.execute(
            "INSERT INTO exhibitors (event_id, name, normalized_name, organization_id) "
            "SELECT ?, name, normalized_name, id FROM organizations WHERE id = ?",
            [event[0], org_id],
        )
        goal = con.execute(
            "INSERT INTO goals (title, expected_value, my_offer, success_criterion, target_count) "
            "VALUES (?, ?, ?, ?, 3) RETURNING id",
            [HOSTILE_GOAL, IMG, SCRIPT, IMG],
        ).fetchone()
        segment = con.execute(
            "INSERT INTO segments (kind, name, organization_names, organization_keys, keywords, topics, "
            "approach_note) VALUES ('company', ?, [?], [?], [?], [?], ?) RETURNING id",
            [HOSTILE_SEGMENT, HOSTILE_ORG, normalize_org_name(HOSTILE_ORG), SCRIPT, HOSTILE_TOPIC, SCRIPT],
        ).fetchone()
        assert goal is not None and segment is not None
        con.execute("INSERT INTO goal_segments VALUES (?, ?)", [goal[0], segment[0]])
        con.execute("INSERT INTO event_goals VALUES (?, ?)", [event[0], goal[0]])
        con.execute("UPDATE profile SET full_name = ?, elevator_pitch = ?, offer = ? WHERE id = 1",
                    [f"Me {SCRIPT}", IMG, SCRIPT])
    return contact_id


def add_friend(con: netzdb.Connection, today: dt.date | None = None) -> str:
    """A plain B contact in Hannover who works on hydrogen: the one the browser scenarios care for and meet."""
    today = today or dt.date.today()
    with netzdb.transaction(con):
        org_id = ensure_organizations(con, [FRIEND_ORG])[FRIEND_ORG]
        row = con.execute(
            "INSERT INTO contacts (full_name, given_name, family_name, organization_id, title, hierarchy_level, "
            "city, tier, topics, sources, created_at) "
            "VALUES (?, 'Clara', 'Kaffeetrinker', ?, 'Leiterin Einkauf', 'head', 'Hannover', 'B', ['hydrogen'], "
            "['manual'], ?) RETURNING id",
            [FRIEND_NAME, org_id, today - dt.timedelta(days=300)],
        ).fetchone()
        assert row is not None
        con.execute(
            "INSERT INTO interactions (contact_id, occurred_on, channel, in_person, hooks) "
            "VALUES (?, ?, 'call', false, 'her daughter starts university')",
            [row[0], today - dt.timedelta(days=120)],
        )
    return str(row[0])


def seed_network(con: netzdb.Connection) -> str:
    """The demo network, the hostile contact and the friend (who know each other, so the hostile name is drawn in
    the network graph too); returns the hostile contact's id."""
    load_demo(con)
    friend = add_friend(con)
    hostile = add_hostile_contact(con)
    con.execute("INSERT INTO relationships (contact_a, contact_b, how) VALUES (?, ?, ?)",
                [min(friend, hostile), max(friend, hostile), SCRIPT])
    return hostile
