"""The words shown for stored values (`confirmed`, `shoot`, `stage`, a rule, a severity), in
any language: a stored value is never shown raw. Each function takes the value and, where a
sheet or a message needs a language other than the current one, `lang`."""

from __future__ import annotations

from collections.abc import Callable

from . import speaking, translate

Words = Callable[[], dict[str, str]]


def _kinds() -> dict[str, str]:
    return {"stage": translate("Labels", "stage", "kind"),
            "workshop": translate("Labels", "workshop", "kind"),
            "crew": translate("Labels", "crew", "kind")}


def _kind_groups() -> dict[str, str]:
    return {"stage": translate("Labels", "Stages", "group of rows"),
            "workshop": translate("Labels", "Workshops", "group of rows"),
            "crew": translate("Labels", "Crew", "group of rows")}


def _statuses() -> dict[str, str]:
    return {"hold": translate("Labels", "hold", "status"),
            "confirmed": translate("Labels", "confirmed", "status"),
            "cancelled": translate("Labels", "cancelled", "status")}


def _activities() -> dict[str, str]:
    return {"build": translate("Labels", "build", "activity"),
            "prelight": translate("Labels", "prelight", "activity"),
            "shoot": translate("Labels", "shoot", "activity"),
            "strike": translate("Labels", "strike", "activity"),
            "prep": translate("Labels", "prep", "activity"),
            "shift": translate("Labels", "shift", "activity"),
            "maintenance": translate("Labels", "maintenance", "activity"),
            "other": translate("Labels", "other", "activity")}


def _severities() -> dict[str, str]:
    return {"error": translate("Labels", "error", "severity"),
            "warning": translate("Labels", "warning", "severity"),
            "info": translate("Labels", "info", "severity")}


def _rules() -> dict[str, str]:
    return {"capacity": translate("Labels", "overbooked", "rule capacity"),
            "maintenance": translate("Labels", "under maintenance", "rule maintenance"),
            "blocked_hold": translate("Labels", "blocked hold", "rule blocked_hold"),
            "hold_rank": translate("Labels", "queued hold", "rule hold_rank"),
            "turnaround": translate("Labels", "short rest", "rule turnaround")}


def _label(words: Words, value: str | None, lang: str | None) -> str:
    if value is None:
        return ""
    with speaking(lang):
        return words().get(str(value), str(value))


def kind_label(value: str | None, lang: str | None = None) -> str:
    return _label(_kinds, value, lang)


def kind_group_title(value: str, lang: str | None = None) -> str:
    """The title of a timeline group of rows: `Stages`, `Workshops`, `Crew`."""
    return _label(_kind_groups, value, lang)


def status_label(value: str | None, lang: str | None = None) -> str:
    return _label(_statuses, value, lang)


def activity_label(value: str | None, lang: str | None = None) -> str:
    return _label(_activities, value, lang)


def severity_label(value: str | None, lang: str | None = None) -> str:
    return _label(_severities, value, lang)


def rule_label(value: str | None, lang: str | None = None) -> str:
    return _label(_rules, value, lang)


def choices(words: Callable[[str | None, str | None], str], values: tuple[str, ...],
            lang: str | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs for a combo box: `choices(status_label, STATUSES)`."""
    return [(words(v, lang), v) for v in values]
