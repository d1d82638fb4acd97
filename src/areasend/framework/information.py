"""The information request: the items the local area provides (spec 6).

The framework names the items (Annex A information, person-level data, two templates new in June
2025, the self-evaluation and the SEND strategic plan) but not their detailed contents: the Annex A
item list and the person-level data columns are unconfirmed. So each item is asked for as a whole
document or spreadsheet, and no columns are invented. :data:`ANNEX_A_ITEM_LIST` carries that open
choice into ``open_choices()``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .rules import Rule, Unit

__all__ = [
    "ANNEX_A_ITEM_LIST",
    "INFORMATION_ITEMS",
    "InformationItem",
    "ItemForm",
    "information_item",
    "information_items",
]


class ItemForm(enum.Enum):
    """The form an item comes in."""

    DOCUMENT = "document"
    SPREADSHEET = "spreadsheet"
    EITHER = "document or spreadsheet"


@dataclass(frozen=True)
class InformationItem:
    key: str
    label: str
    hint: str
    form: ItemForm
    source: str
    person_level: bool = False  # holds data about individual children and young people
    from_version: str = "2023"  # the first framework version that asks for it


INFORMATION_ITEMS: tuple[InformationItem, ...] = (
    InformationItem("annex_a", "Annex A information", "Requested in week 1 and analysed in week 2.", ItemForm.EITHER,
                    "spec 4, 6"),
    InformationItem(
        "person_level_data",
        "Person-level data",
        "Every child and young person with SEND who lives in the area, including those educated out of area, on the "
        "template.",
        ItemForm.SPREADSHEET,
        "spec 6",
        person_level=True,
    ),
    InformationItem("health_commissioning", "Health commissioning template", "The completed template.", ItemForm.EITHER,
                    "spec 6 (new in June 2025)", from_version="2025"),
    InformationItem(
        "residential_special_schools",
        "Residential special school commissioning and provision template",
        "The completed template.",
        ItemForm.EITHER,
        "spec 6 (new in June 2025)",
        from_version="2025",
    ),
    InformationItem("self_evaluation", "Self-evaluation", "The partnership's evaluation of its own effectiveness.",
                    ItemForm.DOCUMENT, "spec 6"),
    InformationItem("strategic_plan", "SEND strategic plan", "The partnership's current published plan.",
                    ItemForm.DOCUMENT, "spec 6"),
)

_BY_KEY = {item.key: item for item in INFORMATION_ITEMS}

ANNEX_A_ITEM_LIST = Rule(
    "annex_a_items", "items of the information request", len(INFORMATION_ITEMS), Unit.COUNT, "", "spec 6",
    confirmed=False,
    note="The Annex A item list and the person-level data columns are unconfirmed (changed in 2025); each item the "
    "framework names is asked for as one document or spreadsheet, with no columns invented.",
)


def information_item(key: str) -> InformationItem | None:
    """The item with this key, from any version; None if there is none."""
    return _BY_KEY.get(key)


def information_items(version_id: str | None = None) -> tuple[InformationItem, ...]:
    """The items asked for under ``version_id`` (every item when it is not known yet)."""
    if not version_id:
        return INFORMATION_ITEMS
    return tuple(item for item in INFORMATION_ITEMS if item.from_version <= str(version_id))
