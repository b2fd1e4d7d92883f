"""Events and trade fairs, along the user's way: whom to meet there and why (ranking, reasons, gaps), asking them
for a coffee (outreach, messages), when and where (schedule, agenda), what to take along (brief) and what came of
it (debrief). The exhibitor list (exhibitors, booths) feeds the ranking and the schedule.

`from netzcore import events` gives every public name of the modules below.
"""

from netzcore.events.agenda import clear_slot, day_plan, event_calendar, set_slot
from netzcore.events.booths import Booth, natural_key, parse_booth, place_text
from netzcore.events.brief import (
    Brief,
    BriefDay,
    BriefMeeting,
    brief_html,
    brief_text,
    build_brief,
    event_brief,
)
from netzcore.events.debrief import (
    MeetingLog,
    MetContact,
    NewContact,
    add_contact_met,
    debrief_day,
    log_meeting,
)
from netzcore.events.exhibitors import (
    Exhibitor,
    ExhibitorEntry,
    ExhibitorReport,
    ListedExhibitor,
    decode_text,
    event_halls,
    import_exhibitors,
    list_exhibitors,
    parse_exhibitor_list,
    remove_exhibitors,
    restore_exhibitors,
)
from netzcore.events.gaps import TargetGap, target_gaps
from netzcore.events.messages import Draft, coffee_request, draft_message, weekday_date
from netzcore.events.model import (
    DRAFT_CHANNELS,
    EVENT_KINDS,
    EXHIBITOR_ROLES,
    OPEN_STATUSES,
    PLAN_STATUSES,
    UNCONFIRMED_STATUSES,
    Event,
    EventDraft,
    EventError,
    date_range,
)
from netzcore.events.outreach import (
    PlanEntry,
    RemovedEntry,
    add_to_plan,
    find_recipient,
    list_plan,
    plan_counts,
    plan_entries,
    remove_from_plan,
    restore_plan_entry,
    set_plan_status,
    set_talking_points,
)
from netzcore.events.ranking import (
    DEFAULT_WEIGHTS,
    MAX_WEIGHT,
    REASONS,
    RankedContact,
    RankFilter,
    Ranking,
    RankingFeatures,
    features_rescored,
    load_weights,
    rank_contacts_for_event,
    ranking_features,
    reset_weights,
    save_weights,
    scores_for,
    scores_rescored,
    whom_to_meet,
)
from netzcore.events.reasons import ScorePart
from netzcore.events.schedule import (
    SLOT_MINUTES,
    BookingReport,
    Busy,
    Candidate,
    Proposal,
    ProposedSlot,
    ScheduleSettings,
    SlotChoice,
    book_slots,
    default_settings,
    load_settings,
    plan_schedule,
    propose_schedule,
    save_settings,
)
from netzcore.events.store import (
    create_event,
    event_goals,
    find_event,
    get_event,
    goal_choices,
    list_events,
    require_event,
    update_event,
)

__all__ = [
    "DEFAULT_WEIGHTS", "DRAFT_CHANNELS", "EVENT_KINDS", "EXHIBITOR_ROLES", "MAX_WEIGHT", "OPEN_STATUSES",
    "PLAN_STATUSES", "REASONS", "SLOT_MINUTES", "UNCONFIRMED_STATUSES",
    "Booth", "BookingReport", "Brief", "BriefDay", "BriefMeeting", "Busy", "Candidate", "Draft", "Event",
    "EventDraft", "EventError", "Exhibitor", "ExhibitorEntry", "ExhibitorReport", "ListedExhibitor", "MeetingLog",
    "MetContact", "NewContact", "PlanEntry", "Proposal", "ProposedSlot", "RankFilter", "RankedContact", "Ranking",
    "RankingFeatures", "RemovedEntry", "ScheduleSettings", "ScorePart", "SlotChoice", "TargetGap",
    "add_contact_met", "add_to_plan", "book_slots", "brief_html", "brief_text", "build_brief", "clear_slot",
    "coffee_request", "create_event", "date_range", "day_plan", "debrief_day", "decode_text", "default_settings",
    "draft_message", "event_brief", "event_calendar", "event_goals", "event_halls", "features_rescored", "find_event",
    "find_recipient", "get_event",
    "goal_choices", "import_exhibitors", "list_events", "list_exhibitors", "list_plan", "load_settings",
    "load_weights", "log_meeting", "natural_key", "parse_booth", "parse_exhibitor_list", "place_text", "plan_entries",
    "plan_counts", "plan_schedule", "propose_schedule", "rank_contacts_for_event", "remove_exhibitors",
    "ranking_features", "remove_from_plan", "require_event", "reset_weights", "restore_exhibitors", "restore_plan_entry",
    "save_settings", "save_weights", "scores_for", "scores_rescored", "set_plan_status", "set_slot", "set_talking_points",
    "target_gaps", "update_event", "weekday_date", "whom_to_meet",
]
