"""The main actions of netz clicked in Chromium: log an interaction, change a tier, add to outreach, filter the
ranking by a tier, book a slot, save a segment. Each is timed from the click that sends it until what it changed shows (its outcome) and the run
that drew it has finished, the way `browser._done` waits for a page switch.

The server holds the database file, so nothing is restored between rounds; the actions are chosen so every round
does the same amount of work: the tier goes back and forth between two tiers, the segment's note between two
texts, the interaction log grows by one row in 200,000, each round puts one more contact on the event's list
and books that contact's slot (a list of a handful of people either way; the first round makes room for sixteen
meetings a day, so the fair never fills up), and the ranking's tier filter is set and cleared again.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Locator, Page

from netzcore import db as netzdb
from netzcore.i18n import translate
from tests.browser.server import (
    PAGE_URLS,
    RUN_TIMEOUT_MS,
    NetzServer,
    choose,
    choose_tier,
    click_row,
    open_page,
    title_of,
    wait_for_run,
)

ACTIONS = ("log an interaction", "change a tier", "add to outreach", "filter the ranking", "book a slot",
           "save a segment")

@dataclass(frozen=True, slots=True)
class Subjects:
    """What the actions work on, read from the database before the server holds it."""

    contact_id: str
    segment_name: str


def subjects(db_path: Path) -> Subjects:
    con = netzdb.connect(db_path)
    try:
        contact = con.execute("SELECT id FROM contacts WHERE NOT archived AND tier = 'B' ORDER BY id LIMIT 1").fetchone()
        segment = con.execute("SELECT name FROM segments ORDER BY name LIMIT 1").fetchone()
    finally:
        con.close()
    assert contact and segment, "the bench database has no B contact or no segment"
    return Subjects(str(contact[0]), str(segment[0]))


def timed_click(page: Page, target: Locator, outcome: Locator) -> float:
    """Seconds from the click on `target` until its `outcome` shows and the run that drew it has finished.

    The outcome, a text only the action's run writes, is how the run is seen, as a page switch is seen by its
    title: Streamlit's run-state attribute need not read "running" at all when a run's messages arrive together
    (a tier change did so about once in twenty, and a wait for that attribute to change never ended)."""
    target.wait_for(timeout=RUN_TIMEOUT_MS)
    start = time.perf_counter()
    target.click()
    wait_until_drawn(page, outcome)
    return time.perf_counter() - start


def wait_until_drawn(page: Page, outcome: Locator) -> None:
    """`outcome` shows and the run that drew it (with any rerun after it) has finished."""
    outcome.first.wait_for(timeout=RUN_TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=RUN_TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=RUN_TIMEOUT_MS)


class Actions:
    """One browser tab doing the six actions on one server, round after round."""

    def __init__(self, page: Page, server: NetzServer, lang: str, chosen: Subjects) -> None:
        self.page, self.server, self.lang, self.chosen = page, server, lang, chosen
        self.round = 0

    def _t(self, key: str, **values: object) -> str:
        return translate(self.lang, key, **values)

    def _contact(self) -> None:
        """The contact's detail on the Contacts page, as a link to it opens it."""
        self.page.goto(f"{self.server.url}/{PAGE_URLS['contacts']}?contact={self.chosen.contact_id}")
        self.page.locator("h1").filter(has_text=title_of("contacts", self.lang)).first.wait_for(timeout=RUN_TIMEOUT_MS)
        wait_for_run(self.page)

    def _tab(self, label: str) -> None:
        """Open a tab of the contact's detail (the tabs are lazy: opening one runs the page)."""
        tab = self.page.get_by_role("tab", name=label, exact=True)
        if tab.get_attribute("aria-selected") != "true":
            tab.click()
            wait_for_run(self.page)

    def log_interaction(self) -> float:
        self._contact()
        self._tab(self._t("contacts.tab_log"))
        topics = self.page.locator(".st-key-contact_log_form_topics input")
        topics.fill(f"benchmark round {self.round}")
        topics.press("Tab")             # the typed text is sent (a run of the form's fragment) before the timing
        wait_for_run(self.page)
        # the click runs the form's fragment, then the whole page with "Logged." on top
        outcome = self.page.get_by_text(self._t("care.logged"), exact=True)
        return timed_click(self.page, self.page.locator(".st-key-contact_log_form_submit button"), outcome)

    def change_tier(self) -> float:
        self._contact()
        self._tab(self._t("contacts.tab_tier"))
        tier = "C" if self.round % 2 == 0 else "B"
        choose_tier(self.page, self.lang, tier, f"benchmark round {self.round}")
        outcome = self.page.get_by_text(f"{self._t('contacts.tier')}: {tier}", exact=False)
        if translate(self.lang, "contacts.tier_changed", tier=tier) != "contacts.tier_changed":
            outcome = outcome.or_(self.page.get_by_text(self._t("contacts.tier_changed", tier=tier)))
        return timed_click(self.page, self.page.locator(".st-key-contact_tier_submit button"), outcome)

    def _events(self, section: str) -> None:
        open_page(self.page, self.server, "events", self.lang)
        label = self._t("events.step_label", number=1 + ("rank", "schedule").index(section),
                        name=self._t(f"events.section_{section}"))
        tab = self.page.get_by_role("tab", name=label, exact=True)
        if tab.get_attribute("aria-selected") != "true":
            tab.click()
            wait_for_run(self.page)

    def add_to_outreach(self) -> float:
        """Tick the first row not yet on the event's list ("Whom to meet" shows its status) and ask for a coffee."""
        self._events("rank")
        table = self.page.locator(".st-key-ev_in_rank [data-testid='stDataFrame']").first
        table.wait_for(timeout=RUN_TIMEOUT_MS)
        table.scroll_into_view_if_needed()
        click_row(table, self._free_row(table))
        outcome = self.page.get_by_text(self._t("events.asked_added", count=1))
        return timed_click(self.page, self.page.locator(".st-key-ev_ask button"), outcome)

    def filter_ranking(self) -> float:
        """Show only the A contacts in the ranking (its filters' panel open), then all again and the panel closed
        (not timed): the page is left as it was found."""
        self._events("rank")
        pill = self.page.locator("[class*='st-key-ev_f_tier_'] button").filter(has_text=re.compile("^A$"))
        panel = self.page.locator(".st-key-ev_filters button").first
        if not pill.first.is_visible():
            panel.click()
            wait_for_run(self.page)
        words = self._t("events.filters_in_use", filters=f"{self._t('events.filter_tier')} A")
        in_use = self.page.get_by_text(re.sub(r"^:material/[a-z_]+:\s*", "", words))
        if in_use.count():                 # left set by a round that stopped half-way
            pill.first.click()
            wait_for_run(self.page)
        seconds = timed_click(self.page, pill.first, in_use)
        pill.first.click()
        in_use.first.wait_for(state="hidden", timeout=RUN_TIMEOUT_MS)
        wait_for_run(self.page)
        panel.click()
        pill.first.wait_for(state="hidden", timeout=RUN_TIMEOUT_MS)
        wait_for_run(self.page)
        return seconds

    def _free_row(self, table: Locator) -> int:
        """The first ranked row without a plan status, read from the grid's accessible table."""
        cells = table.locator("table [role=row]")
        statuses = {self._t(f"common.plan_status.{s}") for s in
                    ("to_ask", "asked", "confirmed", "declined", "met", "followed_up")}
        for i in range(1, min(cells.count(), 15)):
            texts = cells.nth(i).locator("[role=gridcell]").all_inner_texts()
            if len(texts) > 2 and texts[2].strip() not in statuses:   # name, score, status, ...
                return i - 1
        return 0

    def book_slot(self) -> float:
        self._events("schedule")
        if self.round == 0:
            self._room_for_every_round()
        book = self.page.locator(".st-key-ev_book button")
        outcome = self.page.get_by_text(re.compile(re.escape(self._t("events.booked", count=1))
                                                   + "|" + self._t("events.booked", count=2).replace("2", r"\d+")))
        return timed_click(self.page, book, outcome)

    def _room_for_every_round(self) -> None:
        """Every round puts one more contact on the fair's list: sixteen meetings a day (not timed) leave a slot
        for each of them however many rounds run (at six a day, the fair's two days were full after seven)."""
        self.page.locator(".st-key-ev_sched_open button").first.click()
        field = self.page.locator("[class*='st-key-ev_sched_'][class*='_max'] input").first
        field.fill("16")
        field.press("Enter")
        wait_for_run(self.page)
        self.page.locator(".st-key-ev_sched_open button").first.click()
        field.wait_for(state="hidden", timeout=RUN_TIMEOUT_MS)
        wait_for_run(self.page)

    def save_segment(self) -> float:
        open_page(self.page, self.server, "goals", self.lang)
        tab = self.page.get_by_role("tab", name=self._t("goals.tab_segments"), exact=True)
        if tab.get_attribute("aria-selected") != "true":
            tab.click()
            wait_for_run(self.page)
        if self.page.locator(".st-key-segment_choice input").input_value() != self.chosen.segment_name:
            choose(self.page, "segment_choice", self.chosen.segment_name, search=self.chosen.segment_name)
        note = self.page.locator("[class*='st-key-segment_note_'] textarea").first
        note.fill(f"Benchmark note {'A' if self.round % 2 == 0 else 'B'}")
        outcome = self.page.get_by_text(self._t("goals.segment_saved"), exact=True)
        return timed_click(self.page, self.page.locator("[class*='st-key-segment_save_'] button").first, outcome)

    def run_round(self) -> dict[str, float]:
        """Every action once; seconds by action."""
        self.page.bring_to_front()   # a tab in the background is throttled by Chromium
        times = {
            "log an interaction": self.log_interaction(),
            "change a tier": self.change_tier(),
            "add to outreach": self.add_to_outreach(),
            "filter the ranking": self.filter_ranking(),
            "book a slot": self.book_slot(),
            "save a segment": self.save_segment(),
        }
        self.round += 1
        return times
