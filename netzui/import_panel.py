"""Placeholder until its issue lands."""


def import_panel() -> None:
    return None
