"""Import panel: upload vCard / Connections.csv files, see the plan, merge possible duplicates right away (or leave
them for the review queue), import, read the report.

Names from the files are user data: they reach the page only through st.dataframe, st.text or escaped labels.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from netzcore.contacts import TIERS
from netzcore.duplicates import evidence_line
from netzcore.i18n import format_number
from netzcore.importers import ImportFile, ImportPlan, ImportReport, apply_import, plan_import
from netzcore.importers.files import Unpacked, unpack_uploads
from netzcore.importers.report import report_lines, with_organization
from netzui import db, lang, md_escape, plain_text, t
from netzui.contact_widgets import label_for
from netzui.sections import ACTION_FIELD_WIDTH, action_row
from netzui.tables import table
from netzui.triage_view import waiting_notice

PLAN_KEY = "import_plan"
REPORT_KEY = "import_report"


def import_panel() -> None:
    st.caption(t("import.intro"))
    uploads = st.file_uploader(t("import.upload"), type=["vcf", "vcard", "csv", "tsv", "tab", "txt", "zip"],
                               accept_multiple_files=True,
                               key="import_files")
    if st.button(t("import.read_button"), key="import_read", disabled=not uploads):
        _read(unpack_uploads([ImportFile(upload.name, upload.getvalue()) for upload in uploads or []]))
    plan: ImportPlan | None = st.session_state.get(PLAN_KEY)
    if plan is not None:
        _preview(plan)
    report: ImportReport | None = st.session_state.get(REPORT_KEY)
    if report is not None:
        st.subheader(t("import.report_heading"))
        st.success(t("import.done"))
        waiting_notice(db(), key="import_next_step")  # what comes next, above a report that can be long: Who matters?
        st.text(plain_text("\n".join(report_lines(report, lang()))))


def _read(found: Unpacked) -> None:
    bar = st.progress(0.0)

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0,
                     text=t("import.reading", done=format_number(done, lang()), total=format_number(total, lang())))

    plan = plan_import(db(), found.files, progress=progress, notes=found.notes)
    st.session_state[PLAN_KEY] = replace(plan, refused=tuple(found.refused) + plan.refused)
    st.session_state.pop(REPORT_KEY, None)
    bar.empty()


MERGEABLE_SHOWN = 200   # possible duplicates offered to tick; the rest wait in the review queue


def _mergeable(plan: ImportPlan) -> list[int]:
    return [position for position, pair in enumerate(plan.duplicates) if pair.can_merge_now][:MERGEABLE_SHOWN]


def _confirmed(plan: ImportPlan) -> set[int]:
    return {position for position in _mergeable(plan) if st.session_state.get(f"import_near_{position}")}


def _preview(plan: ImportPlan) -> None:
    st.subheader(t("import.preview_heading"))
    actions = action_row()
    mergeable = _mergeable(plan)
    if mergeable:
        st.markdown(t("import.near_confirm_heading"))
        for position in mergeable:
            pair = plan.duplicates[position]
            st.checkbox(t("import.near_checkbox",
                          name=with_organization(lang(), md_escape(pair.a_name),
                                                 md_escape(pair.a_organization or "")),
                          target=with_organization(lang(), md_escape(pair.b_name),
                                                   md_escape(pair.b_organization or "")),
                          evidence=md_escape(evidence_line(lang(), pair.evidence))),
                        key=f"import_near_{position}")
    confirmed = _confirmed(plan)
    st.text(plain_text("\n".join(report_lines(plan.preview(confirmed), lang()))))
    if plan.rows:
        table(_rows_frame(plan), key="import_preview_table")
    with actions:   # drawn last (the ticks above decide what is merged), shown under the heading
        tier = st.selectbox(t("import.tier_label"), TIERS, index=TIERS.index("D"), key="import_tier",
                            format_func=label_for("common.tier.", "_long"), width=ACTION_FIELD_WIDTH)
        if st.button(t("import.apply_button"), key="import_apply", type="primary", disabled=not plan.records):
            st.session_state[REPORT_KEY] = apply_import(db(), plan, confirmed=confirmed, tier=str(tier))
            st.session_state.pop(PLAN_KEY, None)
            st.rerun()
        if st.button(t("import.discard_button"), key="import_discard"):
            st.session_state.pop(PLAN_KEY, None)
            st.rerun()


def _rows_frame(plan: ImportPlan) -> pd.DataFrame:
    return pd.DataFrame(
        [(row.file, row.position, row.name, row.organization, t(f"import.action.{row.action}"), row.target)
         for row in plan.rows],
        columns=[t("import.col_file"), t("import.col_position"), t("import.col_name"), t("import.col_organization"),
                 t("import.col_action"), t("import.col_target")],
    )
