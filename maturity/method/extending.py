"""``extends``: a profile file merged over its base, and the smallest file that gives an edited profile.

The rules (docs/profile-format.md, «Наследование: extends»):

- mappings merge key by key;
- a list whose items all have an ``id`` (sections, questions, options, KPIs, components, norms,
  levels) merges by id: an item with a known id overrides that item's keys, an item with a new id is
  appended, an item with ``remove: true`` removes the base item with that id;
- every other list (``sum``, ``digital_kpis``, a norm's ``options``) and every plain value is replaced.

:func:`merge_extension` applies these rules; :func:`extension_of` is their inverse: the override
that turns ``base`` into ``edited`` (what the profile editor saves as a small ``extends:`` file).
Pure functions over plain mappings, no files.
"""

from __future__ import annotations

from typing import Any

REMOVE = "remove"


def _is_id_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in value)
    )


def _merge_by_id(base: list[dict[str, Any]], override: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged = {item["id"]: item for item in base}
    order = [item["id"] for item in base]
    for item in override:
        item_id = item["id"]
        if item.get(REMOVE) is True:
            merged.pop(item_id, None)
            continue
        item = {key: value for key, value in item.items() if key != REMOVE}
        if item_id in merged:
            merged[item_id] = merge_extension(merged[item_id], item)
        else:
            merged[item_id] = item
            order.append(item_id)
    return [merged[item_id] for item_id in order if item_id in merged]


def merge_extension(base: Any, override: Any) -> Any:
    """``override`` merged over ``base`` by the rules above; neither argument is modified."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = merge_extension(base[key], value) if key in base else value
        return merged
    if _is_id_list(base) and _is_id_list(override):
        return _merge_by_id(base, override)
    return override


class NotExpressible(ValueError):
    """The edit reorders items of a list merged by id: only a full copy of the profile gives it."""


def _list_extension(base: list[Any], edited: list[Any]) -> list[Any] | None:
    if not (_is_id_list(base) and _is_id_list(edited)):
        return None if base == edited else edited
    edited_ids = [item["id"] for item in edited]
    kept = [item["id"] for item in base if item["id"] in edited_ids]
    if edited_ids[: len(kept)] != kept:
        raise NotExpressible("порядок элементов изменён")
    by_id = {item["id"]: item for item in base}
    changes: list[Any] = [{"id": item["id"], REMOVE: True} for item in base if item["id"] not in edited_ids]
    for item in edited:
        if item["id"] not in by_id:
            changes.append(item)
            continue
        inner = extension_of(by_id[item["id"]], item)
        if inner is not None:
            changes.append({"id": item["id"], **inner})
    return changes or None


def extension_of(base: Any, edited: Any) -> Any:
    """The override that :func:`merge_extension` merges over ``base`` to give ``edited`` (None: no change).

    A key present in ``base`` and missing from ``edited`` cannot be expressed (an override only adds
    or replaces): :class:`NotExpressible`, as for a reordered list merged by id.
    """
    if isinstance(base, dict) and isinstance(edited, dict):
        if set(base) - set(edited):
            raise NotExpressible(f"удалены поля: {', '.join(sorted(set(base) - set(edited)))}")
        changes = {}
        for key, value in edited.items():
            if key not in base:
                changes[key] = value
                continue
            inner = extension_of(base[key], value)
            if inner is not None:
                changes[key] = inner
        return changes or None
    if isinstance(base, list) and isinstance(edited, list):
        return _list_extension(base, edited)
    return None if base == edited and type(base) is type(edited) else edited
