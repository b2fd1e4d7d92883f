"""The one exception a page shows as a message in the user's language."""

from __future__ import annotations

from typing import Any


class UserError(ValueError):
    """A user mistake: `key` is the i18n key of the message, `values` fill its placeholders.

    Raised by contacts, care, interactions and relationships; pages catch it and show `t(key, **values)`.
    """

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
