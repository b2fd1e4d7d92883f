"""The one exception a page shows as a message in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from netzcore.i18n import Localized, format_date, translate


class UserError(ValueError):
    """A user mistake: `key` is the i18n key of the message, `values` fill its placeholders.

    Every area raises its own subclass (ContactError, GoalError, EventError, BackupError, ...); pages show any of
    them with `netzui.notice.show_error`, the CLI prints `message(lang)`. `str()` is the English message.
    """

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str, inert: Callable[[str], str] | None = None) -> str:
        """The message in `lang`, dates written the way that language writes them; `inert` (e.g. a markdown
        escape) is applied to every value, so user data in them stays text."""
        values = {k: format_date(v, lang) if isinstance(v, dt.date) else v.text(lang) if isinstance(v, Localized)
                  else v for k, v in self.values.items()}
        if inert is not None:
            values = {k: inert(str(v)) for k, v in values.items()}
        return translate(lang, self.key, **values)


class ChangedMeanwhile(UserError):
    """A save made on an older reading of the row: someone changed it since (another window, an import). Nothing
    was saved; the page offers to reload the current version."""

    def __init__(self) -> None:
        super().__init__("common.changed_meanwhile")


def check_version(found: object, read_version: object | None) -> None:
    """Refuse a save whose row changed since it was read (`read_version` None: the caller keeps no version)."""
    if read_version is not None and found != read_version:
        raise ChangedMeanwhile()
