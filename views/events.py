"""Events and trade fairs: whom to meet and why, outreach, coffee slots, calendar, brief and debrief."""

from netzui.events import events_page

events_page()
