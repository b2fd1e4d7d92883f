"""Target map: segments x hierarchy levels, my contacts per cell by tier, the gaps, and the way into a gap."""

import altair as alt
import pandas as pd
import streamlit as st

from netzcore import goals as core
from netzcore import messages
from netzcore.i18n import format_date
from netzui import db, lang, t
from netzui.settings_profile import show_elevator_pitch
from netzui.tables import table

CELL_KEY = "map_cell"
SEEN_KEY = "map_chart_seen"


def _cell_id(segment_id: str, level: str | None) -> str:
    return f"{segment_id}|{level or 'none'}"


def _level_name(level: str | None) -> str:
    return t(f"common.level.{level}") if level else t("target_map.level_unknown")


def _tier_text(cell: core.TargetCell) -> str:
    return " ".join(f"{tier}{count}" for tier, count in cell.tier_counts.items())


def _heatmap(cells: list[core.TargetCell]) -> dict[str, object] | None:
    order = [_level_name(level) for level in (*core.LEVELS, None)]
    segments = sorted({(c.priority, c.segment_name.lower(), c.segment_name) for c in cells})
    frame = pd.DataFrame([{
        "cell": _cell_id(c.segment_id, c.level), "segment": c.segment_name, "level": _level_name(c.level),
        "strong": c.strong, "tiers": _tier_text(c),
        "state": t("target_map.state_gap") if c.gap else t("target_map.state_wanted") if c.wanted else "",
        "wanted": c.wanted, "frame": "gap" if c.gap else "wanted" if c.wanted else "none",
    } for c in cells])
    pick = alt.selection_point(name="cell", fields=["cell"], on="click")
    base = alt.Chart(frame).encode(
        x=alt.X("level:N", sort=order, title=None, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("segment:N", sort=[s[2] for s in segments], title=None),
    )
    rects = base.mark_rect(cornerRadius=3).encode(
        color=alt.Color("strong:Q", title=t("target_map.legend_strong"), scale=alt.Scale(scheme="greens")),
        stroke=alt.Stroke("frame:N", legend=None, scale=alt.Scale(
            domain=["gap", "wanted", "none"], range=["#d62728", "#1f77b4", "transparent"])),
        strokeWidth=alt.condition("datum.wanted", alt.value(3), alt.value(0)),
        tooltip=[alt.Tooltip("segment:N", title=t("target_map.segment")),
                 alt.Tooltip("level:N", title=t("target_map.level")),
                 alt.Tooltip("tiers:N", title=t("target_map.tiers")),
                 alt.Tooltip("state:N", title=" ")],
    ).add_params(pick)
    labels = base.mark_text(fontSize=11).encode(text="tiers:N")
    chart = (rects + labels).properties(height=max(120, 36 * len(segments)))
    event = st.altair_chart(chart, width="stretch", on_select="rerun", selection_mode="cell", key="map_chart")
    chosen = (event or {}).get("selection", {}).get("cell") or []
    return chosen[0] if chosen else None


def _follow_chart_click(picked: dict[str, object] | None, cell_ids: list[str]) -> None:
    """A click on the heatmap chooses the cell below, once per click (the chooser stays free to change)."""
    value = str(picked.get("cell")) if picked else None
    if value != st.session_state.get(SEEN_KEY):
        st.session_state[SEEN_KEY] = value
        if value in cell_ids:
            st.session_state[CELL_KEY] = value


def _cell_table(cells: list[core.TargetCell]) -> None:
    table(pd.DataFrame([{
        t("target_map.segment"): c.segment_name,
        t("target_map.level"): _level_name(c.level),
        **{t(f"common.tier.{tier}"): count for tier, count in c.tier_counts.items()},
        t("target_map.wanted"): c.wanted,
        t("target_map.gap"): c.gap,
    } for c in cells if c.wanted or c.total]), key="map_table")


def _bridge_reason(bridge: core.Bridge) -> str:
    if bridge.kind == "other_level":
        return t("target_map.bridge_other_level", level=_level_name(bridge.hierarchy_level))
    if bridge.kind == "related":
        return t("target_map.bridge_related", name=bridge.via or "")
    return t("target_map.bridge_topic", topics=bridge.via or "")


def _way_in(cell: core.TargetCell) -> None:
    st.subheader(t("target_map.way_in"))
    found = core.way_in(db(), lang(), cell.segment_id, cell.level)
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
        st.code(draft.text, language=None, wrap_lines=True)
    show_elevator_pitch()


st.title(t("nav.target_map"))
st.caption(t("target_map.intro"))
cells = core.target_map(db())
if not cells:
    st.info(t("target_map.no_segments"))
    st.page_link("views/goals.py", label=t("target_map.to_goals"), icon=":material/flag:")
    st.stop()

by_id = {_cell_id(c.segment_id, c.level): c for c in cells}
gaps = [c for c in cells if c.gap]
st.text(t("target_map.summary", count=len(gaps), wanted=sum(c.wanted for c in cells)))
_follow_chart_click(_heatmap(cells), list(by_id))
st.caption(t("target_map.legend"))
_cell_table(cells)

cell_labels = {cid: t("target_map.cell_label_gap" if c.gap else "target_map.cell_label", segment=c.segment_name,
                     level=_level_name(c.level), tiers=_tier_text(c)) for cid, c in by_id.items()}
choice = st.selectbox(t("target_map.choose_cell"), list(by_id), key=CELL_KEY, format_func=cell_labels.__getitem__)
cell = by_id[choice]
members = core.cell_contacts(db(), cell.segment_id, cell.level)
st.subheader(t("target_map.cell_contacts", count=len(members)))
if members:
    table(pd.DataFrame([{
        t("target_map.name"): m.full_name, t("target_map.organization"): m.organization or "",
        t("target_map.title"): m.title or "", t("target_map.tier"): m.tier,
        t("target_map.matched_by"): t(f"target_map.matched_{m.matched_by}"),
        t("target_map.last_contact"): format_date(m.last_interaction_on, lang()),
    } for m in members]), key="cell_contacts")
else:
    st.caption(t("target_map.cell_empty"))
_way_in(cell)
