"""Organisations: one row per company or institution, found again by a normalised name.

"Siemens Energy AG", "siemens energy" and "Siemens  Energy GmbH & Co. KG" are the same organisation for matching
contacts, exhibitor lists and target segments. The key ignores case, accents and the legal form; it is built from
tokens (never a backtracking pattern on user data), so a name of any length costs linear time.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable

from netzcore.db import Connection

# Legal forms as people write them; dotted, undotted and spaced variants are derived (see _variants), so "S.r.l.",
# "Srl", "S. r. l." and "SRL" are one entry. Combinations ("GmbH & Co. KG", "AG & Co. KGaA", "GmbH + Co. KG") need
# no entry: forms and the connectors between them are taken off the end one at a time.
LEGAL_FORMS: tuple[str, ...] = (
    # Germany, Austria, Switzerland
    "GmbH", "gGmbH", "mbH", "AG", "KG", "KGaA", "OHG", "OG", "GbR", "PartG", "PartG mbB", "PartGmbB", "e.V.",
    "e.K.", "e.Kfm.", "e.Kfr.", "e.U.", "UG", "UG (haftungsbeschränkt)", "haftungsbeschränkt", "SE", "SCE",
    "GesmbH", "Ges.m.b.H.", "Gesellschaft mbH", "Gesellschaft m.b.H.", "Gesellschaft mit beschränkter Haftung",
    "Aktiengesellschaft", "Kommanditgesellschaft", "Kommanditgesellschaft auf Aktien", "Genossenschaft", "eG",
    "e.G.", "eGen", "Sàrl", "Sagl", "KEG", "gAG", "InvAG",
    # EU
    "S.A.", "S.A.S.", "SASU", "S.A.S.U.", "S.r.l.", "S.R.L.", "S.r.l.s.", "S.p.A.", "S.a.p.A.", "S.n.c.", "S.a.s.",
    "S.c.a.r.l.", "B.V.", "N.V.", "V.O.F.", "C.V.", "BVBA", "SPRL", "SRL", "CommV", "ASBL", "VZW", "SARL",
    "S.à r.l.", "S.A.R.L.", "EURL", "SNC", "SCA", "SCOP", "GIE", "S.L.", "S.L.U.", "S.A.U.", "S.Coop.", "S.C.",
    "Lda.", "Ltda.", "S.A. de C.V.", "de C.V.", "Unipessoal Lda.", "A.E.", "E.P.E.", "I.K.E.", "O.E.", "E.E.",
    "Oy", "Oyj", "Ab", "AB", "AB (publ)", "publ", "HB", "KB", "A/S", "ApS", "I/S", "K/S", "P/S", "IVS", "AS", "ASA",
    "DA", "ANS", "SA", "hf.", "ehf.", "AG & Co.", "Ltd. & Co. KG",
    # Eastern Europe
    "Sp. z o.o.", "Sp. z o.o. Sp. k.", "Sp. k.", "Sp. j.", "S.K.A.", "s.r.o.", "spol. s r.o.", "a.s.", "k.s.",
    "v.o.s.", "d.o.o.", "d.d.", "j.d.o.o.", "k.d.", "Kft.", "Zrt.", "Nyrt.", "Bt.", "Kkt.", "S.R.L.", "S.C.S.",
    "SIA", "UAB", "AB", "OÜ", "AS", "TÜ", "EOOD", "OOD", "AD", "EAD", "ООО", "ОАО", "ЗАО", "ПАО", "АО", "OOO",
    "TOV", "ТОВ", "PJSC", "JSC", "OJSC", "CJSC", "LLC",
    # Turkey
    "Ltd. Şti.", "Şti.", "A.Ş.", "Tic. Ltd. Şti.", "San. ve Tic. Ltd. Şti.", "San. ve Tic. A.Ş.", "Tic. A.Ş.",
    "Sanayi ve Ticaret", "Ticaret", "Limited Şirketi", "Anonim Şirketi",
    # UK, Ireland, US, Canada, Australia
    "Ltd", "Ltd.", "Limited", "PLC", "Public Limited Company", "LLP", "LP", "L.P.", "LLLP", "PLLC", "P.C.",
    "L.L.C.", "Inc", "Inc.", "Incorporated", "Corp", "Corp.", "Corporation", "Co", "Co.", "Company", "Cie",
    "& Cie", "Pty", "Pty Ltd", "Pty. Ltd.", "ULC", "CIC", "DAC", "Holding", "Holdings",
    # India, Pakistan, Sri Lanka
    "Pvt. Ltd.", "Pvt Ltd", "Pvt", "Private Limited", "(P) Ltd", "(Pvt) Ltd", "OPC", "OPC Pvt. Ltd.",
    # Asia
    "Pte. Ltd.", "Pte Ltd", "Pte", "K.K.", "Kabushiki Kaisha", "Kabushiki-gaisha", "G.K.", "Godo Kaisha", "Y.K.",
    "Co., Ltd.", "Co.,Ltd.", "Co. Ltd.", "Sdn. Bhd.", "Sdn Bhd", "Bhd.", "Berhad", "Tbk", "Tbk.", "JSC",
)

# Between two forms or after the name: "GmbH & Co. KG", "GmbH + Co. KG", "Müller und Co."
_CONNECTORS = frozenset({"&", "+", "und", "and", "et", "y", "e", "u", "ve"})
_SEPARATORS = frozenset(".,;:/()[]{}'\"`´’‘“”„«»-–—_|\\*!?#~")
_FOLD = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "þ": "th", "æ": "ae",
                       "œ": "oe", "ß": "ss"})


def _fold(text: str) -> str:
    """Lower case without accents: 'Indépendant' and 'Independant', 'Şti.' and 'sti.' are one spelling."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).translate(_FOLD)


def org_tokens(name: str) -> list[str]:
    """Words of a name, folded: letters and digits run together, '&' and '+' stand alone, anything else parts."""
    tokens: list[str] = []
    current: list[str] = []
    for ch in _fold(name):
        if ch.isalnum():
            current.append(ch)
            continue
        if current:
            tokens.append("".join(current))
            current = []
        if ch in "&+":
            tokens.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


def _variants(form: str) -> set[tuple[str, ...]]:
    """'S.r.l.' -> ('s','r','l'), ('srl',), ('sr','l'), ('s','rl'): the pieces of each dotted word joined in every
    way, so spaced, dotted and undotted spellings all match."""
    words: list[list[list[str]]] = []
    for word in _fold(form).split():
        pieces = org_tokens(word)
        if not pieces:
            continue
        options: list[list[str]] = []
        for cuts in itertools.product((False, True), repeat=len(pieces) - 1):
            joined, run = [], pieces[0]
            for piece, cut in zip(pieces[1:], cuts, strict=True):
                if cut:
                    joined.append(run)
                    run = piece
                else:
                    run += piece
            joined.append(run)
            options.append(joined)
        words.append(options)
    return {tuple(t for part in combo for t in part) for combo in itertools.product(*words)}


def _form_table() -> tuple[frozenset[tuple[str, ...]], int]:
    forms: set[tuple[str, ...]] = set()
    for form in LEGAL_FORMS:
        forms |= _variants(form)
    forms = {f for f in forms if f and (len(f) > 1 or f[0] not in _CONNECTORS)}
    return frozenset(forms), max(len(f) for f in forms)


_FORMS, _LONGEST_FORM = _form_table()


def strip_legal_forms(tokens: list[str]) -> list[str]:
    """Legal forms taken off the end one at a time (the longest form first), and a connector left between two
    forms, never the first word: 'trumpf gmbh + co kg' -> 'trumpf'. Linear in the number of tokens."""
    end = len(tokens)
    while end > 1:
        if end < len(tokens) and tokens[end - 1] in _CONNECTORS:
            end -= 1
            continue
        for length in range(min(_LONGEST_FORM, end - 1), 0, -1):
            if tuple(tokens[end - length:end]) in _FORMS:
                end -= length
                break
        else:
            break
    return tokens[:end]


def normalize_org_name(name: str) -> str:
    """The key an organisation is found by: lower case, accents, punctuation and legal form removed.

    'TRUMPF GmbH + Co. KG' -> 'trumpf', 'Ensemble Indépendant' -> 'ensemble independant',
    'Acme Sp. z o.o.' -> 'acme'. A name that is nothing but a legal form keeps it ('AG' -> 'ag').
    """
    return " ".join(strip_legal_forms(org_tokens(name)))


# --- placeholders ----------------------------------------------------------------------------------------------------

# What people put where an employer goes when they have none (German and English): never an organisation.
# A status says something about the person (kept as title or tag); an empty answer says nothing (left out).
_STATUS = frozenset(" ".join(org_tokens(text)) for text in (
    "self-employed", "self employed", "selfemployed", "freelance", "freelancer", "freelancing",
    "freelance consultant", "independent", "independent consultant", "independent contractor", "contractor",
    "sole trader", "sole proprietor", "own business", "my own company", "own company", "entrepreneur",
    "selbstständig", "selbständig", "selbststaendig", "selbstaendig", "selbstständige", "selbständige",
    "selbstständiger", "selbständiger", "freiberuflich", "freiberufler", "freiberuflerin", "freie mitarbeit",
    "freier mitarbeiter", "freie mitarbeiterin", "eigenes unternehmen", "eigene firma", "unternehmer",
    "unternehmerin", "stealth", "stealth mode", "stealth startup", "stealth mode startup", "stealth start-up",
    "stealth company", "retired", "retiree", "pensioner", "ruhestand", "im ruhestand", "rentner", "rentnerin",
    "pensioniert", "student", "studentin", "studierende", "studierender", "schüler", "schülerin", "pupil",
    "unemployed", "arbeitslos", "arbeitssuchend", "jobsuchend", "job seeking", "looking for a job",
    "looking for new opportunities", "open to work", "seeking opportunities", "seeking new opportunities",
    "between jobs", "career break", "sabbatical", "elternzeit", "parental leave", "homemaker", "hausfrau",
    "hausmann",
))
_EMPTY = frozenset(" ".join(org_tokens(text)) for text in (
    "n/a", "na", "n.a.", "none", "nothing", "no company", "keine", "kein", "keine angabe", "k.a.", "ohne", "nil",
    "null", "unknown", "unbekannt", "tbd", "tba", "other", "others", "sonstige", "sonstiges", "various", "diverse",
    "x", "xx", "xxx", "private", "privat", "privatperson", "private person", "personal", "confidential",
    "vertraulich", "undisclosed", "not disclosed", "nicht angegeben", "home", "family", "familie",
))


def _placeholder_key(name: str) -> str | None:
    """The folded words of a placeholder ('' for punctuation only), or None for a real organisation."""
    text = clean_organization(name)
    if not text:
        return None if not name.strip() else ""
    key = " ".join(org_tokens(text))
    if not key:
        return ""
    return key if key in _STATUS or key in _EMPTY else None


def placeholder_words(tokens: list[str]) -> bool:
    """Whether the folded words of an organisation (see org_tokens) are a placeholder: no word at all, or one of
    the lists."""
    key = " ".join(tokens)
    return not key or key in _STATUS or key in _EMPTY


def is_placeholder_organization(name: str | None) -> bool:
    """True for what stands where an employer would: 'Self-employed', "'Freelance'", 'selbstständig',
    'Stealth mode', 'Retired', 'Student', 'n/a', 'none', '-', 'privat', 'Confidential' (case, quotes and
    punctuation ignored). A real name that merely contains such a word ('Freelance Media GmbH') is none."""
    return bool(name and name.strip()) and _placeholder_key(name or "") is not None


def placeholder_status(name: str) -> str:
    """What a placeholder says about the person, as written without quotes ('Freelance', 'Retired'); '' for one
    that says nothing ('n/a', '-', 'privat')."""
    key = _placeholder_key(name)
    return clean_organization(name) if key and key in _STATUS else ""


def clean_organization(name: str | None) -> str:
    """An organisation as written, without surrounding quotes and spaces: "'Freelance'" -> 'Freelance'."""
    text = (name or "").strip()
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'`´‘’“”„«»":
        text = text[1:-1].strip()
    if len(text) >= 2 and (text[0], text[-1]) in {("„", "“"), ("“", "”"), ("‘", "’"), ("«", "»"), ("»", "«")}:
        text = text[1:-1].strip()
    return text


# --- the organisations table ----------------------------------------------------------------------------------------


def ensure_organizations(con: Connection, names: Iterable[str]) -> dict[str, str]:
    """Organisation id for each given name, creating the missing ones; keyed by the name as given."""
    wanted = {name: normalize_org_name(name) for name in {n.strip() for n in names if n and n.strip()}}
    wanted = {name: norm for name, norm in wanted.items() if norm}
    if not wanted:
        return {}
    rows = con.execute(
        "SELECT normalized_name, min(id) FROM organizations WHERE normalized_name IN "
        "(SELECT unnest(?)) GROUP BY normalized_name",
        [sorted(set(wanted.values()))],
    ).fetchall()
    known = {norm: org_id for norm, org_id in rows}
    first_name_for: dict[str, str] = {}
    for name, norm in sorted(wanted.items()):
        if norm not in known:
            first_name_for.setdefault(norm, name)
    if first_name_for:
        created = con.execute(
            "INSERT INTO organizations (name, normalized_name) "
            "SELECT name, norm FROM (SELECT unnest(?) AS name, unnest(?) AS norm) RETURNING normalized_name, id",
            [list(first_name_for.values()), list(first_name_for.keys())],
        ).fetchall()
        known.update(dict(created))
    return {name: known[norm] for name, norm in wanted.items()}


def refresh_organization_keys(con: Connection) -> int:
    """Compute every stored organisation key again with today's `normalize_org_name` (organisations, exhibitors,
    segments); the number of rows changed. Runs inside the caller's transaction."""
    changed = 0
    for table in ("organizations", "exhibitors"):
        rows = con.execute(f"SELECT id, name, normalized_name FROM {table}").fetchall()  # noqa: S608 (constant)
        updates = [(row_id, normalize_org_name(name)) for row_id, name, key in rows if normalize_org_name(name) != key]
        if updates:
            con.execute(f"UPDATE {table} SET normalized_name = u.key FROM (SELECT unnest(?) AS id, "  # noqa: S608
                        "unnest(?) AS key) u WHERE {table}.id = u.id".replace("{table}", table),
                        [[u[0] for u in updates], [u[1] for u in updates]])
            changed += len(updates)
    segments = con.execute("SELECT id, organization_names, organization_keys FROM segments").fetchall()
    for segment_id, names, keys in segments:
        fresh = list(dict.fromkeys(key for key in (normalize_org_name(n) for n in names or []) if key))
        if fresh != list(keys or []):
            con.execute("UPDATE segments SET organization_keys = ? WHERE id = ?", [fresh, segment_id])
            changed += 1
    return changed
