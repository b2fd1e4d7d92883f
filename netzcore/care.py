"""Care: tiers and cadences, the ranked due list, birthdays, the tier review queue and network-health numbers.

Everything is computed in SQL on top of the `contact_care(today)` macro; `today` is always a parameter so the
same functions serve the app, the `netz due` digest and the tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from netzcore.contacts import TIERS
from netzcore.db import Connection, transaction
from netzcore.i18n import format_date, translate
from netzcore.interactions import FollowUp, NewInteraction, follow_ups_due, hooks_for, log_interaction
from netzcore.profile import get_profile
from netzcore.user_error import UserError

JOB_CHANGE_WINDOW_DAYS = 365
D_MET_OFTEN_COUNT = 3
RECENT_JOB_CHANGE_DAYS = 30


class CareError(UserError):
    """A mistake in tiers, cadences or reviews."""


# --- tiers and cadences ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TierCadence:
    tier: str
    cadence_days: int | None          # None: birthday greeting only
    grace_factor: float
    birthday_lead_days: int


def tier_cadences(con: Connection) -> list[TierCadence]:
    rows = con.execute(
        "SELECT tier, cadence_days, grace_factor, birthday_lead_days FROM tier_cadence ORDER BY tier"
    ).fetchall()
    return [TierCadence(*r) for r in rows]


def save_tier_cadences(con: Connection, cadences: list[TierCadence]) -> None:
    for cadence in cadences:
        if cadence.tier not in TIERS:
            raise CareError("care.error_tier")
        if cadence.cadence_days is not None and cadence.cadence_days <= 0:
            raise CareError("care.error_cadence")
        if cadence.grace_factor < 1:
            raise CareError("care.error_grace")
        if cadence.birthday_lead_days < 0:
            raise CareError("care.error_lead")
    with transaction(con):
        for cadence in cadences:
            con.execute(
                "UPDATE tier_cadence SET cadence_days = ?, grace_factor = ?, birthday_lead_days = ? WHERE tier = ?",
                [cadence.cadence_days, cadence.grace_factor, cadence.birthday_lead_days, cadence.tier],
            )


@dataclass(frozen=True, slots=True)
class TierChange:
    changed_at: dt.datetime
    old_tier: str | None
    new_tier: str
    reason: str


# Deciding a contact's tier sorts it ("Who matters?"). Waiting to be sorted: contacts an import brought in that
# nobody has sorted yet (hand-made and demo contacts never wait). One sorted now is due today until the first
# interaction is logged (contacts.first_due_on, read by contact_care since migration 141).
PENDING_SQL = "triaged_at IS NULL AND NOT archived AND NOT list_has_any(sources, ['manual', 'demo'])"
SORTED_SQL = (f"first_due_on = CASE WHEN {PENDING_SQL} THEN current_date ELSE first_due_on END, "
              "triaged_at = coalesce(triaged_at, current_timestamp)")
_SET_TIERS = (  # constants only
    "UPDATE contacts SET updated_at = CASE WHEN tier <> $tier THEN current_timestamp ELSE updated_at END, "  # noqa: S608
    f"tier = $tier, {SORTED_SQL} WHERE id IN (SELECT unnest($ids))")


def change_tier(con: Connection, contact_id: str, new_tier: str, reason: str) -> bool:
    """Move a contact to another tier and keep the change with its reason; False if nothing changed."""
    if new_tier not in TIERS:
        raise CareError("care.error_tier")
    if not reason.strip():
        raise CareError("care.error_reason_required")
    row = con.execute("SELECT tier FROM contacts WHERE id = ?", [contact_id]).fetchone()
    if row is None:
        raise CareError("care.error_no_contact")
    if row[0] == new_tier:
        con.execute(f"UPDATE contacts SET {SORTED_SQL} WHERE id = ?", [contact_id])  # noqa: S608
        return False
    with transaction(con):
        con.execute(f"UPDATE contacts SET tier = ?, {SORTED_SQL}, updated_at = current_timestamp WHERE id = ?",  # noqa: S608
                    [new_tier, contact_id])
        con.execute("INSERT INTO tier_history (contact_id, old_tier, new_tier, reason) VALUES (?, ?, ?, ?)",
                    [contact_id, row[0], new_tier, reason.strip()])
    return True


def change_tiers(con: Connection, contact_ids: Sequence[str], new_tier: str, reason: str) -> int:
    """The same for many contacts in one transaction (bulk actions, "Who matters?"): each change goes into the
    tier history with the reason, and every contact counts as sorted. Returns how many changed tier."""
    if new_tier not in TIERS:
        raise CareError("care.error_tier")
    if not reason.strip():
        raise CareError("care.error_reason_required")
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        return 0
    with transaction(con):
        changed = con.execute(
            "INSERT INTO tier_history (contact_id, old_tier, new_tier, reason) "
            "SELECT id, tier, ?, ? FROM contacts WHERE id IN (SELECT unnest(?)) AND tier <> ? RETURNING contact_id",
            [new_tier, reason.strip(), ids, new_tier]).fetchall()
        con.execute(_SET_TIERS, {"tier": new_tier, "ids": ids})
    return len(changed)


def tier_history(con: Connection, contact_id: str) -> list[TierChange]:
    rows = con.execute(
        "SELECT changed_at, old_tier, new_tier, reason FROM tier_history WHERE contact_id = ? "
        "ORDER BY changed_at DESC, id DESC",
        [contact_id],
    ).fetchall()
    return [TierChange(*r) for r in rows]


@dataclass(frozen=True, slots=True)
class CareState:
    """One contact's care clock."""

    tier: str
    cadence_days: int | None
    last_interaction_on: dt.date | None
    due_on: dt.date | None
    days_overdue: int | None
    due_state: str


def care_state(con: Connection, contact_id: str, today: dt.date) -> CareState | None:
    row = con.execute(
        "SELECT tier, cadence_days, last_interaction_on, due_on, days_overdue, due_state "
        "FROM contact_care(?) WHERE contact_id = ?",
        [today, contact_id],
    ).fetchone()
    return CareState(*row) if row else None


# --- the due list ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueContact:
    contact_id: str
    full_name: str
    organization: str | None
    tier: str
    due_state: str                    # overdue, due or soon (due within the week)
    days_overdue: int                 # negative: days left
    due_on: dt.date
    cadence_days: int
    last_interaction_on: dt.date | None
    hooks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DueList:
    items: list[DueContact]
    total: int                        # everybody due, not only this page
    offset: int = 0


def due_list(con: Connection, today: dt.date, limit: int = 50, hooks: int = 2, offset: int = 0) -> DueList:
    """Overdue, due and due-this-week contacts, ranked by tier, then overdue before due before soon, then by
    how many days past due; one page of `limit` from `offset`. Snoozed contacts stay away until their day."""
    rows = con.execute(
        "SELECT cc.contact_id, c.full_name, coalesce(c.organization_name, o.name), cc.tier, cc.due_state, cc.days_overdue, cc.due_on, "
        "cc.cadence_days, cc.last_interaction_on, count(*) OVER () "
        "FROM contact_care($today) cc JOIN contacts c ON c.id = cc.contact_id "
        "LEFT JOIN organizations o ON o.id = c.organization_id "
        "WHERE cc.due_state IN ('overdue', 'due', 'soon') AND (c.snoozed_until IS NULL OR c.snoozed_until <= $today) "
        "ORDER BY cc.tier, list_position(['overdue', 'due', 'soon'], cc.due_state), cc.days_overdue DESC, "
        "lower(c.full_name), c.id LIMIT $limit OFFSET $offset",
        {"today": today, "limit": limit, "offset": max(offset, 0)},
    ).fetchall()
    if not rows and offset > 0:  # the list shrank under the page (logged, snoozed): show its last page
        total = due_count(con, today)
        last_page = max(0, (total - 1) // limit * limit) if total else 0
        return due_list(con, today, limit, hooks, last_page) if last_page < offset else DueList([], total, 0)
    ids = [r[0] for r in rows]
    found = hooks_for(con, ids, hooks) if hooks else {}
    items = [DueContact(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], tuple(found.get(r[0], ())))
             for r in rows]
    return DueList(items, int(rows[0][-1]) if rows else 0, max(offset, 0))


def due_count(con: Connection, today: dt.date) -> int:
    """How many contacts the due list holds (snoozed ones left out)."""
    row = con.execute(
        "SELECT count(*) FROM contact_care($today) cc JOIN contacts c ON c.id = cc.contact_id "
        "WHERE cc.due_state IN ('overdue', 'due', 'soon') AND (c.snoozed_until IS NULL OR c.snoozed_until <= $today)",
        {"today": today},
    ).fetchone()
    return int(row[0]) if row else 0


def contacts_with_cadence(con: Connection) -> int:
    """Active contacts with a care rhythm (their tier's cadence or their own): 0 right after an import, when
    everybody is D (birthday greeting only) and the empty due list means nothing yet."""
    row = con.execute(
        "SELECT count(*) FROM contacts c JOIN tier_cadence tc ON tc.tier = c.tier "
        "WHERE NOT c.archived AND coalesce(c.cadence_days, tc.cadence_days) IS NOT NULL").fetchone()
    return int(row[0]) if row else 0


# --- acting on a due contact -------------------------------------------------------------------------------------


def snooze(con: Connection, contact_id: str, until: dt.date, today: dt.date) -> None:
    """Leave the contact off the due list (and `netz due`) until `until`; on that day it is back."""
    if until <= today:
        raise CareError("care.error_snooze_past")
    changed = con.execute("UPDATE contacts SET snoozed_until = ? WHERE id = ? RETURNING id",
                          [until, contact_id]).fetchall()
    if not changed:
        raise CareError("care.error_no_contact")


def unsnooze(con: Connection, contact_id: str) -> None:
    con.execute("UPDATE contacts SET snoozed_until = NULL WHERE id = ?", [contact_id])


def snoozed_until(con: Connection, contact_id: str, today: dt.date) -> dt.date | None:
    """The day a snoozed contact comes back to the due list; None when it is not snoozed (any more)."""
    row = con.execute("SELECT snoozed_until FROM contacts WHERE id = ? AND snoozed_until > ?",
                      [contact_id, today]).fetchone()
    return row[0] if row else None


def mark_in_touch(con: Connection, contact_id: str, today: dt.date, note: str = "") -> str:
    """"Done" on Today: I was in touch today. Logs a plain interaction (channel 'other', not in person, no hooks)
    that restarts the care clock; `note` says where it came from. Returns the interaction's id."""
    return log_interaction(con, NewInteraction(contact_id, today, "other", in_person=False, notes=note))


def due_reason(lang: str, item: DueContact) -> str:
    days = abs(item.days_overdue)
    one = "_one" if days == 1 else ""
    if item.due_state == "overdue":
        return translate(lang, f"care.reason_overdue{one}", days=days, cadence=item.cadence_days)
    if item.due_state == "due":
        if days == 0:
            return translate(lang, "care.reason_due_today", cadence=item.cadence_days)
        return translate(lang, f"care.reason_due{one}", days=days, cadence=item.cadence_days)
    return translate(lang, f"care.reason_soon{one}", days=days, cadence=item.cadence_days)


# --- birthdays ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Birthday:
    contact_id: str
    full_name: str
    given_name: str | None
    tier: str
    on: dt.date                       # the next birthday (today included)
    days_until: int
    turns: int | None                 # None: birthday known without year
    lead_days: int
    greet_now: bool                   # within the tier's lead time
    greeted: bool                     # a birthday greeting was logged for this birthday


def upcoming_birthdays(con: Connection, today: dt.date, within_days: int = 30, limit: int = 100) -> list[Birthday]:
    """Birthdays from today up to `within_days` ahead; 29 February falls on 1 March in other years."""
    rows = con.execute(
        """
        WITH b AS (
            SELECT c.id, c.full_name, c.given_name, c.tier, c.birthday_year AS y, tc.birthday_lead_days AS lead,
                   CAST(make_date(year($today), c.birthday_month, 1) + (c.birthday_day - 1) AS DATE) AS this_year,
                   CAST(make_date(year($today) + 1, c.birthday_month, 1) + (c.birthday_day - 1) AS DATE) AS next_year
            FROM contacts c JOIN tier_cadence tc ON tc.tier = c.tier
            WHERE NOT c.archived AND c.birthday_month IS NOT NULL AND c.birthday_day IS NOT NULL
        ), n AS (
            SELECT *, CASE WHEN this_year >= $today THEN this_year ELSE next_year END AS next_on FROM b
        ), soon AS (
            -- the page first, then its greetings: the contacts are read once, not again for the log's lookup
            SELECT * FROM n WHERE n.next_on - $today <= $within
            ORDER BY n.next_on, n.tier, lower(n.full_name) LIMIT $limit
        )
        SELECT s.id, s.full_name, s.given_name, s.tier, s.next_on, s.next_on - $today AS days_until,
               CASE WHEN s.y IS NULL THEN NULL ELSE year(s.next_on) - s.y END,
               s.lead, s.next_on - $today <= s.lead,
               EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = s.id AND i.channel = 'birthday_greeting'
                       AND i.occurred_on BETWEEN s.next_on - 30 AND s.next_on)
        FROM soon s ORDER BY s.next_on, s.tier, lower(s.full_name)
        """,
        {"today": today, "within": within_days, "limit": limit},
    ).fetchall()
    return [Birthday(*r) for r in rows]


def greeting_signature(con: Connection) -> str:
    """The user's own name from the profile, to sign greetings."""
    return get_profile(con).full_name


def greeting_draft(lang: str, birthday: Birthday, signature: str) -> str:
    """A short birthday greeting in the user's language; round birthdays are named when the year is known."""
    name = birthday.given_name or birthday.full_name
    key = "care.greeting_round" if birthday.turns and birthday.turns % 10 == 0 else "care.greeting"
    return translate(lang, key, name=name, age=birthday.turns or 0, signature=signature).strip()


def log_greeting(con: Connection, contact_id: str, today: dt.date) -> str:
    """One click: the birthday greeting is logged as an interaction (and restarts the care clock)."""
    return log_interaction(con, NewInteraction(contact_id, today, "birthday_greeting", in_person=False))


# --- review queue ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewItem:
    contact_id: str
    full_name: str
    tier: str
    suggested_tier: str
    rule: str                         # job_change, a_untouched, d_met_often
    fact_on: dt.date                  # the fact behind it: a dismissal holds until a newer fact
    title: str | None
    organization: str | None
    days: int                         # a_untouched: days without contact
    count: int                        # d_met_often: interactions in the last year


def review_queue(con: Connection, today: dt.date, limit: int = 50) -> list[ReviewItem]:
    """Contacts whose tier may no longer fit, each with a suggested tier; dismissed ones stay away until the
    fact behind the suggestion changes (a newer job, interaction or clock start)."""
    rows = con.execute(
        """
        WITH steps AS (
            SELECT contact_id, organization, title, observed_on,
                   lag(lower(trim(coalesce(organization, '')))) OVER w AS prev_org,
                   lag(lower(trim(coalesce(title, '')))) OVER w AS prev_title,
                   row_number() OVER (PARTITION BY contact_id ORDER BY observed_on DESC, created_at DESC) AS rn
            FROM career_history
            WINDOW w AS (PARTITION BY contact_id ORDER BY observed_on, created_at)
        ), job AS (
            SELECT s.contact_id, c.full_name, c.tier,
                   CASE c.hierarchy_level WHEN 'executive' THEN 'A' ELSE 'B' END AS suggested,
                   'job_change' AS rule, s.observed_on AS fact_on, s.title, s.organization, 0 AS days, 0 AS n
            FROM steps s JOIN contacts c ON c.id = s.contact_id AND NOT c.archived
            WHERE s.rn = 1 AND s.prev_org IS NOT NULL
              AND (s.prev_org <> lower(trim(coalesce(s.organization, '')))
                   OR s.prev_title <> lower(trim(coalesce(s.title, ''))))
              AND s.observed_on >= $today - $job_window
              AND c.hierarchy_level IN ('executive', 'head')
              AND c.tier > CASE c.hierarchy_level WHEN 'executive' THEN 'A' ELSE 'B' END
        ), untouched AS (
            SELECT cc.contact_id, c.full_name, cc.tier, 'B', 'a_untouched', cc.due_on - cc.cadence_days,
                   c.title, NULL, cc.days_overdue + cc.cadence_days, 0
            FROM contact_care($today) cc JOIN contacts c ON c.id = cc.contact_id
            WHERE cc.tier = 'A' AND cc.days_overdue + cc.cadence_days >= 2 * cc.cadence_days
        ), often AS (
            SELECT c.id, c.full_name, c.tier, 'C', 'd_met_often', max(i.occurred_on), c.title, NULL, 0, count(*)
            FROM interactions i JOIN contacts c ON c.id = i.contact_id AND NOT c.archived AND c.tier = 'D'
            WHERE i.channel <> 'birthday_greeting' AND i.occurred_on > $today - 365 AND i.occurred_on <= $today
            GROUP BY c.id, c.full_name, c.tier, c.title
            HAVING count(*) >= $often
        ), suggestions AS (
            SELECT * FROM job UNION ALL SELECT * FROM untouched UNION ALL SELECT * FROM often
        )
        SELECT s.* FROM suggestions s
        LEFT JOIN review_dismissals d ON d.contact_id = s.contact_id AND d.rule = s.rule
        WHERE d.contact_id IS NULL OR CAST(d.dismissed_at AS DATE) < s.fact_on
        ORDER BY s.suggested, s.tier, lower(s.full_name) LIMIT $limit
        """,
        {"today": today, "job_window": JOB_CHANGE_WINDOW_DAYS, "often": D_MET_OFTEN_COUNT, "limit": limit},
    ).fetchall()
    return [ReviewItem(*r) for r in rows]


def review_reason(lang: str, item: ReviewItem) -> str:
    if item.rule == "job_change":
        return translate(lang, "care.review_job_change", title=item.title or "?", organization=item.organization or "?")
    if item.rule == "a_untouched":
        return translate(lang, "care.review_a_untouched", days=item.days)
    return translate(lang, "care.review_d_met_often", count=item.count)


def accept_review(con: Connection, item: ReviewItem, lang: str) -> None:
    change_tier(con, item.contact_id, item.suggested_tier, review_reason(lang, item))


def dismiss_review(con: Connection, item: ReviewItem) -> None:
    con.execute(
        "INSERT INTO review_dismissals (contact_id, rule) VALUES (?, ?) "
        "ON CONFLICT DO UPDATE SET dismissed_at = excluded.dismissed_at",
        [item.contact_id, item.rule],
    )


# --- job changes -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JobChange:
    contact_id: str
    full_name: str
    tier: str
    old_organization: str | None
    old_title: str | None
    organization: str | None
    title: str | None
    observed_on: dt.date


def job_changes(con: Connection, today: dt.date, limit: int = 20) -> list[JobChange]:
    """New positions seen by the newest import run, or observed in the last 30 days."""
    rows = con.execute(
        """
        WITH steps AS (
            SELECT *, lag(organization) OVER w AS old_org, lag(title) OVER w AS old_title
            FROM career_history WINDOW w AS (PARTITION BY contact_id ORDER BY observed_on, created_at)
        )
        SELECT s.contact_id, c.full_name, c.tier, s.old_org, s.old_title, s.organization, s.title, s.observed_on
        FROM steps s JOIN contacts c ON c.id = s.contact_id AND NOT c.archived
        WHERE (s.old_org IS NOT NULL OR s.old_title IS NOT NULL)
          AND (lower(coalesce(s.old_org, '')) <> lower(coalesce(s.organization, ''))
               OR lower(coalesce(s.old_title, '')) <> lower(coalesce(s.title, '')))
          AND (s.import_run_id = (SELECT id FROM import_runs ORDER BY started_at DESC, id DESC LIMIT 1)
               OR s.observed_on >= $today - $recent)
        ORDER BY c.tier, s.observed_on DESC, lower(c.full_name) LIMIT $limit
        """,
        {"today": today, "recent": RECENT_JOB_CHANGE_DAYS, "limit": limit},
    ).fetchall()
    return [JobChange(*r) for r in rows]


# --- network health ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TierHealth:
    tier: str
    contacts: int
    overdue: int
    due: int

    @property
    def share_overdue(self) -> float:
        return self.overdue / self.contacts if self.contacts else 0.0


@dataclass(frozen=True, slots=True)
class InPersonShare:
    tier: str
    interactions: int
    in_person: int

    @property
    def share(self) -> float:
        return self.in_person / self.interactions if self.interactions else 0.0


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: dt.date
    interactions: int
    in_person: int


def tier_health(con: Connection, today: dt.date) -> list[TierHealth]:
    """Active contacts per tier with how many are overdue and due (every tier, zeros included)."""
    rows = con.execute(
        "SELECT t.tier, count(cc.contact_id), count(*) FILTER (WHERE cc.due_state = 'overdue'), "
        "count(*) FILTER (WHERE cc.due_state = 'due') "
        "FROM tier_cadence t LEFT JOIN contact_care(?) cc ON cc.tier = t.tier GROUP BY t.tier ORDER BY t.tier",
        [today],
    ).fetchall()
    return [TierHealth(*r) for r in rows]


@dataclass(frozen=True, slots=True)
class Activity:
    """The last 12 months of interactions: per month, and the in-person share per tier."""

    months: list[MonthCount]
    in_person: list[InPersonShare]


def activity(con: Connection, today: dt.date, months: int = 12, tiers: tuple[str, ...] = ("A", "B")) -> Activity:
    """Interactions per calendar month (this month and the `months - 1` before it, zeros included) and, over
    the same months, how many with contacts now in `tiers` were in person: one scan, a few dozen rows."""
    rows = con.execute(
        """
        WITH m AS (
            SELECT CAST(unnest(generate_series(date_trunc('month', $today::DATE) - to_months($back),
                                               date_trunc('month', $today::DATE), INTERVAL 1 MONTH)) AS DATE) AS month
        ), counted AS (
            SELECT CAST(date_trunc('month', i.occurred_on) AS DATE) AS month, c.tier, count(*) AS n,
                   count(*) FILTER (WHERE i.in_person) AS in_person
            FROM interactions i JOIN contacts c ON c.id = i.contact_id AND NOT c.archived
            WHERE i.occurred_on >= (SELECT min(month) FROM m) AND i.occurred_on <= $today
            GROUP BY ALL
        )
        SELECT m.month, c.tier, coalesce(c.n, 0), coalesce(c.in_person, 0)
        FROM m LEFT JOIN counted c ON c.month = m.month ORDER BY m.month, c.tier
        """,
        {"today": today, "back": months - 1},
    ).fetchall()
    per_month: dict[dt.date, list[int]] = {}
    per_tier = {tier: [0, 0] for tier in tiers}
    for month, tier, count, in_person in rows:
        totals = per_month.setdefault(month, [0, 0])
        totals[0] += count
        totals[1] += in_person
        if tier in per_tier:
            per_tier[tier][0] += count
            per_tier[tier][1] += in_person
    return Activity([MonthCount(m, n, p) for m, (n, p) in per_month.items()],
                    [InPersonShare(t, n, p) for t, (n, p) in per_tier.items()])


# --- the daily digest (`netz due`) -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Digest:
    today: dt.date
    due: DueList
    follow_ups: list[FollowUp]
    birthdays: list[Birthday]


def daily_digest(con: Connection, today: dt.date, limit: int = 1000) -> Digest:
    """Today's list for the command line: due contacts as ranked on the Today page, follow-ups, birthdays in 7 days."""
    return Digest(today, due_list(con, today, limit=limit, hooks=3), follow_ups_due(con, today, 0, limit),
                  upcoming_birthdays(con, today, within_days=7, limit=limit))


def digest_records(lang: str, digest: Digest) -> list[dict[str, object]]:
    return [{"full_name": item.full_name, "tier": item.tier, "reason": due_reason(lang, item),
             "days_overdue": item.days_overdue, "hooks": list(item.hooks)} for item in digest.due.items]


def digest_text(lang: str, digest: Digest) -> str:
    """Plain text to pipe into a mail or a desktop notification."""
    lines = [translate(lang, "care.digest_title", date=format_date(digest.today, lang)), ""]
    lines.append(translate(lang, "care.digest_due", count=digest.due.total))
    for item in digest.due.items:
        organization = f" ({item.organization})" if item.organization else ""
        state = translate(lang, f"common.due_state.{item.due_state}")
        lines.append(f"  [{state}] {item.full_name}{organization} · {item.tier} · {due_reason(lang, item)}")
        for hook in item.hooks:
            lines.append(f"      > {' '.join(hook.split())}")
    if not digest.due.items:
        lines.append("  " + translate(lang, "care.digest_none"))
    lines += ["", translate(lang, "care.digest_follow_ups", count=len(digest.follow_ups))]
    for follow_up in digest.follow_ups:
        hooks = f": {' '.join(follow_up.hooks.split())}" if follow_up.hooks else ""
        lines.append(f"  {format_date(follow_up.follow_up_on, lang)}  {follow_up.full_name}{hooks}")
    lines += ["", translate(lang, "care.digest_birthdays", count=len(digest.birthdays))]
    for birthday in digest.birthdays:
        greeted = " ✓" if birthday.greeted else ""
        lines.append(f"  {format_date(birthday.on, lang)}  {birthday.full_name} ({birthday.tier}){greeted}")
    return "\n".join(lines)
