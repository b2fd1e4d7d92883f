"""Target map: segments x hierarchy levels, my contacts per cell by tier, the gaps, and the way into a gap."""

import pandas as pd
import streamlit as st

from netzcore import goals as core
from netzcore import messages
from netzcore.i18n import format_date, format_number, translate
from netzui import db, lang, md_escape, plain_text, t
from netzui.data_cache import cached, shared_members
from netzui.sections import kept_tabs
from netzui.settings_profile import show_elevator_pitch
from netzui.tables import table
from netzui.target_heatmap import HeatCell, HeatRow, clicked_cell, heatmap_data, show_heatmap

CELL_KEY = "map_cell"
MAP_KEY = "map_chart"


def _cell_id(segment_id: str, level: str | None) -> str:
    return f"{segment_id}|{level or 'none'}"


def _level_name(level: str | None) -> str:
    return t(f"common.level.{level}") if level else t("target_map.level_unknown")


def _level_names(levels: tuple[str | None, ...]) -> dict[str | None, str]:
    """Each shown level's name, looked up once per run (the map has a cell per segment and level)."""
    return {level: _level_name(level) for level in levels}


def _tier_text(cell: core.TargetCell) -> str:
    """The tiers present in a cell, strongest first: "A 1 · C 2"; an empty cell reads as nothing."""
    return " · ".join(f"{tier} {count}" for tier, count in cell.tier_counts.items() if count)


def _shown_levels(cells: list[core.TargetCell]) -> tuple[str | None, ...]:
    """The level columns: executive, head, specialist, and "level unknown" only while someone is there."""
    unknown = any(c.level is None and c.total for c in cells)
    return (*core.LEVELS, None) if unknown else core.LEVELS


def _heatmap(cells: list[core.TargetCell], chosen: str | None) -> None:
    """Segments x levels, coloured by A and B contacts, wanted cells framed, the chosen cell outlined; a click
    chooses the cell below."""
    levels = _shown_levels(cells)
    level_names = _level_names(levels)
    shown = {(c.segment_id, c.level): c for c in cells if c.level in levels}
    segments = sorted({(c.priority, c.segment_name.lower(), c.segment_name, c.segment_id) for c in shown.values()})
    language = lang()
    # the words and names are looked up once per run, not once per cell (up to 200 cells)
    gap, wanted = t("target_map.state_gap"), t("target_map.state_wanted")
    segment_word, level_word, total_word, tiers_word = (t(f"target_map.{key}")
                                                        for key in ("segment", "level", "total", "tiers"))
    names = {segment_id: plain_text(name) for _, _, name, segment_id in segments}

    def described(c: core.TargetCell) -> str:
        lines = [f"{segment_word}: {names[c.segment_id]}", f"{level_word}: {level_names[c.level]}",
                 f"{total_word}: {format_number(c.total, language)}",
                 f"{tiers_word}: " + " · ".join(f"{tier} {n}" for tier, n in c.tier_counts.items())]
        return "\n".join([*lines, gap] if c.gap else [*lines, wanted] if c.wanted else lines)

    def cell(segment_id: str, level: str | None) -> HeatCell | None:
        c = shown.get((segment_id, level))
        if c is None:
            return None
        cell_id = _cell_id(segment_id, level)
        return HeatCell(id=cell_id, text=_tier_text(c), description=described(c), strong=c.strong, framed=c.wanted,
                        gap=c.gap, chosen=cell_id == chosen)

    rows = [HeatRow(names[segment_id], tuple(cell(segment_id, level) for level in levels))
            for _, _, _, segment_id in segments]
    drawn = heatmap_data(list(level_names.values()), rows, t("target_map.legend_strong"),
                         lambda n: format_number(n, language))
    show_heatmap(drawn, MAP_KEY, _choose_clicked_cell)


def _choose_clicked_cell() -> None:
    """A click on the map chooses that cell, before the page runs: the map outlines it and the chooser shows it
    in the same run."""
    clicked = clicked_cell(MAP_KEY)
    if clicked:
        st.session_state[CELL_KEY] = clicked


def _bridge_reason(bridge: core.Bridge) -> str:
    if bridge.kind == "other_level":
        return t("target_map.bridge_other_level", level=_level_name(bridge.hierarchy_level))
    if bridge.kind == "related":
        return t("target_map.bridge_related", name=bridge.via or "")
    return t("target_map.bridge_topic", topics=bridge.via or "")


def _members(cell: core.TargetCell) -> None:
    members = cached(core.cell_contacts, db(), cell.segment_id, cell.level, shared=shared_members(db()))
    if not members:
        st.caption(t("target_map.cell_empty"))
        return
    st.caption(t("target_map.cell_count", count=len(members)))
    table(pd.DataFrame([{
        t("target_map.name"): m.full_name, t("target_map.organization"): m.organization or "",
        t("target_map.title"): m.title or "", t("target_map.tier"): m.tier,
        t("target_map.matched_by"): t(f"target_map.matched_{m.matched_by}"),
        t("target_map.last_contact"): format_date(m.last_interaction_on, lang()),
    } for m in members]), key="cell_contacts")


def _way_in(cell: core.TargetCell) -> None:
    found = cached(core.way_in, db(), lang(), cell.segment_id, cell.level, shared=shared_members(db()))
    if found.bridges:
        st.markdown(t("target_map.bridges"))
        table(pd.DataFrame([{
            t("target_map.name"): b.full_name, t("target_map.organization"): b.organization or "",
            t("target_map.title"): b.title or "", t("target_map.tier"): b.tier,
            t("target_map.why"): _bridge_reason(b),
        } for b in found.bridges]), key="bridges")
    else:
        st.caption(t("target_map.no_bridges"))
    if found.events:
        st.markdown(t("target_map.events"))
        table(pd.DataFrame([{
            t("target_map.event"): e.name, t("target_map.kind"): t(f"common.event_kind.{e.kind}"),
            t("target_map.date"): format_date(e.starts_on, lang()), t("target_map.city"): e.city or "",
            t("target_map.why"): ", ".join((*e.exhibitors, *e.topics)),
        } for e in found.events]), key="reaching_events")
    else:
        st.caption(t("target_map.no_events"))
    if found.channels:
        st.text(t("target_map.channels", channels=", ".join(t(f"common.approach.{c}") for c in found.channels)))
    st.markdown(t("target_map.drafts"))
    st.caption(t("target_map.drafts_hint"))
    for draft in messages.way_in_requests(db(), lang(), cell.segment_id, cell.level, found):
        st.caption(t(f"common.approach.{draft.channel}"))
        st.code(plain_text(draft.text), language=None, wrap_lines=True)
    show_elevator_pitch()


st.title(t("nav.target_map"))
st.caption(t("target_map.intro"))
cells = cached(core.target_map, db(), shared_members(db()))
if not cells:
    st.info(t("target_map.no_segments"))
    st.page_link("views/goals.py", label=t("target_map.to_goals"), icon=":material/flag:")
    st.stop()

shown_levels = _shown_levels(cells)
by_id = {_cell_id(c.segment_id, c.level): c for c in cells if c.level in shown_levels}
gaps = [c for c in cells if c.gap]
st.text(t("target_map.summary", count=len(gaps), wanted=sum(c.wanted for c in cells)))
if not any(c.total for c in cells):
    st.info(t("target_map.no_members"))
if st.session_state.get(CELL_KEY) not in by_id:
    st.session_state[CELL_KEY] = next(iter(by_id))
_heatmap(cells, st.session_state[CELL_KEY])
st.caption(t("target_map.legend"))

language, level_names, nobody = lang(), _level_names(shown_levels), t("target_map.cell_nobody")
cell_labels = {cid: translate(language, "target_map.cell_label_gap" if c.gap else "target_map.cell_label",
                              segment=c.segment_name, level=level_names[c.level], tiers=_tier_text(c) or nobody)
               for cid, c in by_id.items()}
# the chosen cell stays chosen while the user looks at a contact on another page and comes back
choice = st.selectbox(t("target_map.choose_cell"), list(by_id), key=CELL_KEY, format_func=cell_labels.__getitem__,
                      persist_state="session")
cell = by_id[choice]
st.subheader(t("target_map.cell_contacts", segment=md_escape(cell.segment_name), level=_level_name(cell.level)))
# the cell's contacts and the way in (two tables and the drafts) as tabs: only the open one is drawn; the labels
# stay the same from cell to cell, so the open tab stays open when another cell is chosen
members_tab, way_tab = kept_tabs([t("target_map.tab_members"), t("target_map.way_in")], "map_cell_tab")
if members_tab.open:
    with members_tab:
        _members(cell)
if way_tab.open:
    with way_tab:
        _way_in(cell)
