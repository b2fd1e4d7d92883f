"""Placeholder until its issue lands."""


def cadence_settings() -> None:
    return None
