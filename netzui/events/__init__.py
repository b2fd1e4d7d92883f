"""The event planner page along the user's way: 1 whom to meet, 2 schedule, 3 messages, 4 debrief; beside them
the exhibitor list, whom to get to know, and the event itself. Every rule lives in netzcore.events; these modules
only draw. Which section is open survives every action, and only the open section runs."""

from netzui.events.page import events_page

__all__ = ["events_page"]
