import datetime as dt

import vobject

from netzcore.exporters.ical import CalendarEntry, calendar_bytes


def test_entries_parse_back_with_their_details() -> None:
    data = calendar_bytes(
        [
            CalendarEntry("bday-1@netz", "Birthday: Anna Weber", dt.date(2000, 4, 15), yearly=True),
            CalendarEntry("meet-1@netz", "Coffee with Jörg Müller", dt.datetime(2027, 4, 20, 10, 30),
                          dt.datetime(2027, 4, 20, 11, 0), description="Hooks: H2 pilot, daughter's exam",
                          location="Hall 12, booth C40", alarm_before=dt.timedelta(minutes=15)),
        ],
        name="netz",
    )
    cal = vobject.readOne(data.decode("utf-8"))
    events = {e.uid.value: e for e in cal.vevent_list}
    assert events["bday-1@netz"].rrule.value == "FREQ=YEARLY"
    assert events["bday-1@netz"].dtstart.value == dt.date(2000, 4, 15)
    meeting = events["meet-1@netz"]
    assert meeting.summary.value == "Coffee with Jörg Müller"
    assert meeting.dtstart.value == dt.datetime(2027, 4, 20, 10, 30)
    assert meeting.location.value == "Hall 12, booth C40"
    assert meeting.valarm.trigger.value == -dt.timedelta(minutes=15)
