"""Hierarchy level from a job title, in German and English: executive, head or specialist.

The method asks whom I need at which level (managing directors, heads of department, specialists). Imports set
the level from the title; the user may change it in the contacts editor (then `hierarchy_level` is an edited
field and re-imports leave it alone).
"""

from __future__ import annotations

import re

LEVELS: tuple[str, ...] = ("executive", "head", "specialist")

# Titles that name a top person but belong to someone who supports them: checked first.
_SUPPORT = re.compile(
    r"assist|sekret[äa]r|secretary|referent\w* (des|der)|office manager|"
    r"\b(to|of) the (ceo|board|managing director)",
    re.IGNORECASE,
)
_EXECUTIVE = re.compile(
    r"geschäftsführ|geschaeftsfuehr|vorstand|vorständin|\brektor|inhaber|gründer|gruender|founder|owner|"
    r"\b(ceo|cfo|cto|coo|cio|cmo|cdo|cso|chro)\b|chief \w+ officer|\bchief\b|managing director|"
    r"general manager|president|präsident|\bmanaging partner|generalbevollmächtigt|"
    r"aufsichtsrat|board member|executive director|\bvorsitzende",
    re.IGNORECASE,
)
# Project leads lead projects, not people: they stay specialists.
_PROJECT_LEAD = re.compile(r"projekt ?leit|project ?lead", re.IGNORECASE)
_HEAD = re.compile(
    r"leiter|leitung|\bhead\b|director|direktor|\bvp\b|vice president|bereichsleit|abteilungsleit|"
    r"\bchef|team ?lead|\blead\b|principal|prokurist",
    re.IGNORECASE,
)


def hierarchy_level(title: str | None) -> str | None:
    """'Geschäftsführer' -> executive, 'Leiterin Einkauf' / 'Head of Sales' -> head, else specialist.

    No title, no level: the user can still set one.
    """
    if not title or not title.strip():
        return None
    if _SUPPORT.search(title):
        return "specialist"
    if _EXECUTIVE.search(title):
        return "executive"
    if _HEAD.search(title) and not _PROJECT_LEAD.search(title):
        return "head"
    return "specialist"
