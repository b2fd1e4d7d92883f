"""Placeholder until its issue lands."""


def export_panel() -> None:
    return None
