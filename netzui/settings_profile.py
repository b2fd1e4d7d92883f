"""Placeholder until its issue lands."""


def profile_settings() -> None:
    return None
