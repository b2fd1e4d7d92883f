"""How netz writes to a person: the form of address, the salutation, the event named with the right preposition,
the closing, who I am. Event invitations (netzcore.events.messages) and the target map's requests use it.

The form of address is stored per contact (migration 130): Sie or Du, Frau or Herr or neither, an academic title.
What the user has not set is read from the imported honorific prefix ("Frau Dr.", "Prof. Dr.", "Herr").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from netzcore.db import Connection
from netzcore.goals import (
    DEFAULT_DRAFT_CHANNELS,
    Bridge,
    EventReach,
    OutreachDraft,
    Segment,
    WayIn,
    get_segment,
)
from netzcore.i18n import format_date, normalize_language, translate
from netzcore.importers.normalize import name_as_spoken, whole_name_parts
from netzcore.profile import Profile, get_profile
from netzcore.user_error import UserError

SALUTATIONS = ("ms", "mr", "")          # Frau, Herr, neither
MAX_TITLE = 40


class MessageError(UserError):
    """A mistake in a form of address."""


@dataclass(frozen=True, slots=True)
class FormOfAddress:
    formal: bool = True                 # Sie (formal) or Du
    salutation: str = ""                # 'ms' (Frau), 'mr' (Herr), '' neither
    title: str = ""                     # 'Dr.', 'Prof. Dr.', ''


@dataclass(frozen=True, slots=True)
class Recipient:
    full_name: str
    given_name: str
    family_name: str
    form: FormOfAddress = FormOfAddress()


STRANGER = Recipient("", "", "")        # someone I do not know yet: a neutral, formal greeting


# --- the form of address ----------------------------------------------------------------------------------------

_MS = {"frau", "fr", "mrs", "ms", "miss", "mme", "madame", "sra", "signora"}
_MR = {"herr", "herrn", "hr", "mr", "m", "monsieur", "sr", "signor"}      # 'Herrn' as on an envelope


def form_from_prefix(prefix: str | None) -> tuple[str, str]:
    """(salutation, title) from an honorific prefix as cards write it: "Frau Dr." -> ('ms', 'Dr.'),
    "Prof. Dr.-Ing." -> ('', 'Prof. Dr.'), "Herr" -> ('mr', ''), "Dipl.-Ing." -> ('', '')."""
    words = [w.strip(".,").casefold() for w in re.split(r"[\s,]+", prefix or "") if w.strip(".,")]
    salutation = "ms" if any(w in _MS for w in words) else "mr" if any(w in _MR for w in words) else ""
    return salutation, academic_title(prefix or "")


# Austrian degrees a letter speaks when there is no doctorate or professorship ("Sehr geehrte Frau Mag.a Berger",
# "Sehr geehrter Herr DI Wagner", "Herr Ing. Huber"), the highest first, as written; German diplomas
# ('Dipl.-Ing.', 'Dipl.-Kfm.') and every degree after the name are not spoken.
_AUSTRIAN_SPOKEN = ("MMag.a", "MMag.", "Mag.a", "Mag.ᵃ", "Mag.", "DDI", "DIin", "DI", "Ing.")


def academic_title(text: str) -> str:
    """The title used in a salutation: "Prof. Dr.", "Prof.", "Dr.", "DDr.", an Austrian "Mag.", "DI" or "Ing.", or
    ''; other degrees are not spoken."""
    lowered = text.casefold()
    professor = bool(re.search(r"\bprof(\.|essor|essorin)?\b", lowered))
    doctor = "DDr." if re.search(r"\bddr\b", lowered) else "Dr." if re.search(r"\bdr\b\.?|\bdr\.", lowered) else ""
    if professor:
        return f"Prof. {doctor}" if doctor else "Prof."
    if doctor:
        return doctor
    words = set(text.replace(",", " ").split())
    return next((title for title in _AUSTRIAN_SPOKEN if title in words), "")


def resolve_form(address_form: str | None, salutation: str | None, title: str | None,
                 honorific_prefix: str | None) -> FormOfAddress:
    """The form of address from the stored columns; NULL salutation or title come from the prefix."""
    prefix_salutation, prefix_title = form_from_prefix(honorific_prefix)
    return FormOfAddress(
        formal=address_form != "informal",
        salutation=prefix_salutation if salutation is None else salutation if salutation in SALUTATIONS else "",
        title=prefix_title if title is None else title,
    )


def get_form_of_address(con: Connection, contact_id: str) -> FormOfAddress:
    row = con.execute("SELECT address_form, salutation, academic_title, honorific_prefix FROM contacts "
                      "WHERE id = ?", [contact_id]).fetchone()
    return resolve_form(*row) if row else FormOfAddress()


def save_form_of_address(con: Connection, contact_id: str, form: FormOfAddress) -> None:
    """Store all three parts; from now on the imported prefix no longer decides them."""
    if form.salutation not in SALUTATIONS:
        raise MessageError("messages.error_salutation")
    title = " ".join(form.title.split())
    if len(title) > MAX_TITLE:
        raise MessageError("messages.error_title", limit=MAX_TITLE)
    con.execute(
        "UPDATE contacts SET address_form = ?, salutation = ?, academic_title = ?, updated_at = current_timestamp "
        "WHERE id = ?", ["formal" if form.formal else "informal", form.salutation, title, contact_id])


_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "zu", "zum", "zur",
              "ten", "ter", "vom", "y", "bin", "al"}
_TITLE_WORD = re.compile(r"^(prof|dr|dipl|ing|mag|med|rer|nat|phil|jur|habil|mba|msc|bsc|frau|herr|mr|mrs|ms)"
                         r"[.\-a-z]*\.?$", re.IGNORECASE)


def name_parts(full_name: str, given: str | None = None, family: str | None = None) -> tuple[str, str]:
    """(given, family) as stored, else read from the full name as an import reads a whole name (titles before and
    degrees after it dropped: 'Julia Fuchs MA' is Julia / Fuchs, never Frau MA), "von der Leyen" kept whole."""
    if (given or "").strip() and (family or "").strip():
        return " ".join(str(given).split()), " ".join(str(family).split())
    whole = whole_name_parts(name_as_spoken(" ".join(full_name.split())))
    if whole is not None and whole[1] and whole[2]:
        return (given or "").strip() or whole[1], (family or "").strip() or whole[2]
    words = [w for w in full_name.split() if not _TITLE_WORD.match(w)] or full_name.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return (given or "").strip() or words[0], (family or "").strip() or words[0]
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return (given or "").strip() or words[0], (family or "").strip() or " ".join(words[start:])


def recipient(full_name: str, given: str | None, family: str | None, form: FormOfAddress) -> Recipient:
    first, last = name_parts(full_name, given, family)
    return Recipient(" ".join(full_name.split()), first, last, form)


def load_recipient(con: Connection, contact_id: str) -> Recipient | None:
    row = con.execute("SELECT full_name, given_name, family_name, address_form, salutation, academic_title, "
                      "honorific_prefix FROM contacts WHERE id = ?", [contact_id]).fetchone()
    if row is None:
        return None
    return recipient(str(row[0]), row[1], row[2], resolve_form(row[3], row[4], row[5], row[6]))


# --- salutation and closing -------------------------------------------------------------------------------------


def _english_title(title: str) -> str:
    """"Prof." or "Dr." (also for "DDr." and "Dr.in"); an Austrian "Mag." or "DI" is not said in English."""
    return "Prof." if title.startswith("Prof") else "Dr." if "Dr" in title else ""


def salutation_line(person: Recipient, lang: str) -> str:
    """"Sehr geehrte Frau Dr. Eder," "Lieber Thomas," "Hallo Theresa," "Dear Dr. Eder," "Hi Theresa,"."""
    lang = normalize_language(lang)
    form = person.form
    if not person.full_name:
        return translate(lang, "messages.salutation_stranger")
    if not form.formal:
        return translate(lang, f"messages.salutation_informal_{form.salutation or 'none'}", given=person.given_name)
    title = _english_title(form.title) if lang == "en" else form.title
    values = {"title": f"{title} " if title else "", "given": person.given_name, "family": person.family_name}
    if lang == "en" and title:
        return translate(lang, "messages.salutation_formal_title", **values)
    if form.salutation:
        return translate(lang, f"messages.salutation_formal_{form.salutation}", **values)
    return translate(lang, "messages.salutation_formal_none", **values)


def sender_name(profile: Profile, formal: bool) -> str:
    """How I sign: my full name, my first name to someone I say Du to."""
    name = " ".join(profile.full_name.split())
    return name if formal or not name else name_parts(name)[0]


def closing(profile: Profile, formal: bool, lang: str, channel: str = "email") -> str:
    """The closing line and my name under it; without a name in the profile, the closing alone."""
    kind = "formal_email" if formal and channel == "email" else "formal" if formal else "informal"
    words = translate(lang, f"messages.closing_{kind}")
    name = sender_name(profile, formal)
    return f"{words}\n{name}" if name else words


def letter(salutation: str, paragraphs: Sequence[str], sign_off: str, lang: str) -> str:
    """Salutation, paragraphs and closing as one text; in German the text after "…," starts in lower case."""
    body = [p.strip() for p in paragraphs if p and p.strip()]
    if body and normalize_language(lang) == "de" and salutation.endswith(","):
        body[0] = _lower_first(body[0])
    return "\n\n".join([salutation, *body, sign_off])


_KEEP_CAPITAL = {"Sie", "Ihr", "Ihre", "Ihnen", "Ihren", "Ihrem", "Ihrer", "Ihres"}


def _lower_first(text: str) -> str:
    if text.split(" ", 1)[0] in _KEEP_CAPITAL:
        return text
    return text[:1].lower() + text[1:]


def join_words(items: Sequence[str], lang: str) -> str:
    """"A, B und C" / "A, B and C"."""
    parts = [i for i in items if i]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {translate(lang, 'messages.and')} {parts[-1]}"


# --- the event, named with the right preposition ----------------------------------------------------------------

# The head noun of an event's name tells its article: "die Messe" -> "auf der Hannover Messe", "der Kongress" ->
# "beim Wasserstoff-Kongress", "die Versammlung" -> "zur Mitgliederversammlung". Suffixes, longest first.
_FEMININE = ("versammlung", "konferenz", "ausstellung", "messe", "tagung", "sitzung", "woche", "expo", "show",
             "gala", "runde", "börse", "nacht", "akademie", "schau", "feier", "party", "regatta", "meisterschaft",
             "convention", "session", "roadshow", "ung")
_MASCULINE_NEUTER = ("kongress", "symposium", "kolloquium", "treffen", "forum", "gipfel", "summit", "workshop",
                     "abend", "empfang", "festival", "dialog", "marathon", "turnier", "rennen", "seminar",
                     "stammtisch", "kreis", "barcamp", "salon", "congress", "meeting", "event", "lauf", "cup",
                     "camp", "spiel", "tag")
_ENGLISH_NOUNS = ("summit", "conference", "congress", "forum", "meeting", "symposium", "fair", "expo", "show",
                  "festival", "convention", "workshop", "gala", "dinner", "reception", "assembly", "week",
                  "session", "roundtable", "day", "days", "tournament", "marathon", "run", "cup", "race")


def noun_gender(name: str) -> str | None:
    """'f' or 'm' (masculine or neuter: both say "beim", "zum") for the first word of the name that ends in a
    known German noun; None when no word does ("bauma", "E-world")."""
    for word in name.split():
        part = word.strip(",.;:()„“\"'").rsplit("-", 1)[-1].casefold()
        if len(part) < 3:
            continue
        for suffix in _FEMININE:
            if part.endswith(suffix) and (len(suffix) > 3 or len(part) >= 6):
                return "f"
        for suffix in _MASCULINE_NEUTER:
            if part.endswith(suffix) and (len(suffix) > 3 or len(part) >= 6 or part == suffix):
                return "m"
    return None


def event_phrase(name: str, kind: str, lang: str, direction: bool = False) -> str:
    """Where I meet them: "auf der Hannover Messe", "beim Wasserstoff-Kongress", "bei der Konferenz X" (a name
    that tells no article), "at the Hydrogen Summit"; with `direction` the way there: "zur Mitgliederversammlung",
    "to the Hydrogen Summit"."""
    lang = normalize_language(lang)
    name = " ".join(name.split())
    way = "to" if direction else "at"
    if lang == "en":
        last = name.split()[-1].casefold() if name else ""
        key = "the" if last in _ENGLISH_NOUNS else "plain"
        return translate(lang, f"messages.event_{way}_{key}", name=name)
    gender = noun_gender(name)
    if gender is None:
        if kind == "trade_fair":
            return translate(lang, f"messages.event_{way}_fair", name=name)
        return translate(lang, f"messages.event_{way}_kind_{kind}", name=name)
    fair = "_fair" if kind == "trade_fair" and gender == "f" and not direction else ""
    return translate(lang, f"messages.event_{way}_{gender}{fair}", name=name)


def introduction(profile: Profile, lang: str) -> str:
    """Who I am, in one sentence: "ich bin Petra Weiss, Energieberaterin."; a gap to fill without a name."""
    name = " ".join(profile.full_name.split()) or translate(lang, "messages.your_name")
    activity = " ".join(profile.activity.split()).rstrip(".")
    if activity and normalize_language(lang) == "de":
        activity = _adjective_lower(activity)
    if activity:
        return translate(lang, "messages.intro_activity", me=name, activity=activity)
    return translate(lang, "messages.intro", me=name)


def _adjective_lower(text: str) -> str:
    """"Unabhängige Beraterin für …" -> "unabhängige Beraterin für …" after "ich bin X,": an adjective before a
    noun is written small in the middle of a sentence; a noun ("Beraterin für …") keeps its capital."""
    words = text.split(" ")
    if len(words) > 1 and re.search(r"(e|er|es|en|em)$", words[0]) and words[1][:1].isupper():
        words[0] = words[0][:1].lower() + words[0][1:]
    return " ".join(words)


# --- requests to people I do not know yet (the target map's "way in") -------------------------------------------

def _organizations(segment: Segment, lang: str) -> str:
    names = [n for n in segment.organization_names if n.strip()][:2]
    return f" {translate(lang, 'messages.request_or')} ".join(names) if names else segment.name


def _topics(segment: Segment, lang: str) -> str:
    topics = [t for t in (*segment.topics, *segment.keywords) if t.strip()][:3]
    return join_words(topics, lang) if topics else segment.name


def _why(segment: Segment, lang: str) -> str:
    """Why I write, in words a stranger understands: the organisations or the topics; never my goal's own text."""
    if (segment.kind in ("company", "institution") and segment.organization_names) or not (
            segment.topics or segment.keywords):
        return translate(lang, "messages.request_why_organizations", names=_organizations(segment, lang))
    return translate(lang, "messages.request_why_topics", topics=_topics(segment, lang))


def segment_requests(con: Connection, lang: str, segment: Segment, level: str | None, bridge: Bridge | None = None,
                     event: EventReach | None = None, channels: Sequence[str] | None = None) -> list[OutreachDraft]:
    """A short request per approach channel of the segment (LinkedIn and the private network when none is chosen):
    who I am, why I write, what I ask; to a bridge in their form of address, to a stranger formally."""
    profile = get_profile(con)
    chosen = list(channels or segment.channels or DEFAULT_DRAFT_CHANNELS)
    drafts = []
    for channel in chosen:
        if channel == "private":
            drafts.append(OutreachDraft(channel, _introduction_request(con, lang, profile, segment, level, bridge)))
            continue
        if channel == "event":
            ask = (translate(lang, "messages.request_ask_event", event=event_phrase(event.name, event.kind, lang),
                             dates=_dates(event.starts_on, event.ends_on, lang))
                   if event else translate(lang, "messages.request_ask_no_event"))
        else:
            ask = translate(lang, f"messages.request_ask_{channel}")
        paragraphs = [f"{introduction(profile, lang)} {_why(segment, lang)}", profile.value_proposition, ask]
        drafts.append(OutreachDraft(channel, letter(salutation_line(STRANGER, lang), paragraphs,
                                                    closing(profile, True, lang), lang)))
    return drafts


def _dates(first: dt.date, last: dt.date, lang: str) -> str:
    if first == last:
        return format_date(first, lang)
    return f"{format_date(first, lang)} – {format_date(last, lang)}"


def _introduction_request(con: Connection, lang: str, profile: Profile, segment: Segment, level: str | None,
                          bridge: Bridge | None) -> str:
    person = load_recipient(con, bridge.contact_id) if bridge else None
    formal = person.form.formal if person else True
    level_text = translate(lang, "messages.request_level", level=translate(lang, f"common.level.{level}")) \
        if level else ""
    body = translate(lang, f"messages.request_private_{'formal' if formal else 'informal'}",
                     organizations=_organizations(segment, lang), level=level_text,
                     why=translate(lang, "messages.request_why_private", topics=_topics(segment, lang)))
    greeting = salutation_line(person, lang) if person else translate(lang, "messages.salutation_placeholder")
    thanks = translate(lang, f"messages.request_thanks_{'formal' if formal else 'informal'}")
    return letter(greeting, [body], f"{thanks}\n{closing(profile, formal, lang)}", lang)


def way_in_requests(con: Connection, lang: str, segment_id: str, level: str | None, way: WayIn) -> list[OutreachDraft]:
    """The target map's drafts for a gap: through its first bridge, at its first event."""
    segment = get_segment(con, segment_id)
    if segment is None:
        return []
    return segment_requests(con, lang, segment, level, way.bridges[0] if way.bridges else None,
                            way.events[0] if way.events else None)
