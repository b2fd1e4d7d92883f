"""A small, known network for the care tests: who is overdue, due, soon, fine, and who has a birthday."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from netzcore import contacts
from netzcore.db import Connection
from netzcore.interactions import NewInteraction, log_interaction

TODAY = dt.date.today()


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def backdate(con: Connection, contact_id: str, days: int) -> None:
    """Pretend the contact was added `days` ago (the care clock starts there without interactions)."""
    con.execute("UPDATE contacts SET created_at = current_timestamp - to_days(CAST(? AS INTEGER)) WHERE id = ?",
                [days, contact_id])


def met(con: Connection, contact_id: str, days: int, channel: str = "lunch", **fields: Any) -> str:
    return log_interaction(con, NewInteraction(contact_id, days_ago(days), channel, **fields))


@dataclass(frozen=True, slots=True)
class Network:
    anna: str      # A, last lunch 100 days ago: overdue by 40
    bert: str      # A, last call 65 days ago: due (5 days)
    clara: str     # B, last met 200 days ago: overdue by 110
    dora: str      # C, met 10 days ago: ok
    emil: str      # D, birthday in 3 days (no year)
    frieda: str    # B, due in 4 days: soon


def seed_network(con: Connection) -> Network:
    anna = contacts.create_contact(con, "Anna Müller", tier="A", organization="Siemens Energy AG",
                                   title="Head of Sales", topics=["Hydrogen", "AI"], tags=["energy"],
                                   city="München", emails=["anna@example.com"])
    bert = contacts.create_contact(con, "Bert Becker", tier="A", organization="ACME GmbH", topics=["hydrogen"])
    clara = contacts.create_contact(con, "Clara Schmidt", tier="B", organization="Stadtwerke Köln", city="Köln")
    dora = contacts.create_contact(con, "Dora Düsentrieb", tier="C", title="Engineer")
    emil = contacts.create_contact(con, "Emil Ernst", tier="D")
    frieda = contacts.create_contact(con, "Frieda Fuchs", tier="B")
    soon = TODAY + dt.timedelta(days=3)
    con.execute("UPDATE contacts SET birthday_month = ?, birthday_day = ? WHERE id = ?", [soon.month, soon.day, emil])
    for contact_id in (anna, bert, clara, dora, emil, frieda):
        backdate(con, contact_id, 400)
    met(con, anna, 100, hooks="Ask about the hydrogen pilot in Emden", gave="intro to a recruiter")
    met(con, bert, 65, "call", hooks="Daughter starts university")
    met(con, clara, 200, "email", received="tender tip")
    met(con, dora, 10, "video_call")
    met(con, frieda, 86, "meeting", hooks="Send the study")
    return Network(anna, bert, clara, dora, emil, frieda)
