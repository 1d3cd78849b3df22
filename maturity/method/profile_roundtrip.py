"""A full copy of an edited profile that keeps the base file's comments and layout.

The method's files (questionnaires/*.yaml) explain themselves in YAML comments — where a threshold comes
from, why a weight is what it is. A full copy saved by the profile editor is the base file's text read by
ruamel.yaml's round-trip loader (comments, key order and quoting kept), with only the edited values put
in at their places, and the new id and version. The result is checked: read back as a plain mapping it
must be the very profile the editor validated, or the plain dump is used instead (never a wrong file).

A base that is itself an extension (``extends:``) has no full text of its own to keep: its full copy is
the plain dump.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

Path = tuple[str | int, ...]


def _load(text: str) -> Any:
    from ruamel.yaml import YAML

    reader = YAML(typ="rt")
    reader.preserve_quotes = True
    return reader.load(text)


def _dump(data: Any) -> str:
    from ruamel.yaml import YAML

    writer = YAML(typ="rt")
    writer.width = 100
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.allow_unicode = True
    out = io.StringIO()
    writer.dump(data, out)
    return out.getvalue()


def _anchored(node: Any) -> bool:
    anchor = getattr(node, "anchor", None)
    return anchor is not None and anchor.value is not None


def _own(node: Any) -> Any:
    """A copy of a node the file shares through an anchor (``&frequency`` … ``*frequency``): an edit of one
    place must not change the others."""
    copied = copy.deepcopy(node)
    copied.anchor.value = None
    copied.anchor.always_dump = False
    return copied


def _put(data: Any, path: Path, value: Any) -> None:
    inner = data
    for part in path[:-1]:
        child = inner[part]
        if _anchored(child):
            child = inner[part] = _own(child)
        inner = child
    key = path[-1]
    if value is None:
        if isinstance(inner, dict) and key in inner:
            del inner[key]
        return
    if isinstance(value, str):  # quoted: a plain text such as «a?b» in a flow mapping would not read back
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        value = DoubleQuotedScalarString(value)
    inner[key] = value


def commented_copy(
    base_text: str, full: Mapping[str, Any], edited_paths: Sequence[tuple[Path, Any]], header: str
) -> str | None:
    """The base text with each ``(path, value)`` put in (None: remove the key) and ``full``'s id and version;
    None when the base is an extension, the text is not plain YAML of a mapping, or the copy read back is not
    ``full`` (then the caller dumps ``full`` plainly)."""
    try:
        data = _load(base_text)
    except Exception:  # noqa: BLE001 — any reader error: no comments to keep, the plain dump follows
        return None
    if not isinstance(data, dict) or "extends" in data:
        return None
    data["id"], data["version"] = full["id"], full["version"]
    try:
        for path, value in edited_paths:
            _put(data, path, value)
        text = header + _dump(data)
    except (KeyError, IndexError, TypeError):
        return None
    return text if _same_profile(text, full) else None


def _same_profile(text: str, full: Mapping[str, Any]) -> bool:
    """The copy, read as the program reads a profile, is the profile the editor validated."""
    from maturity.method.schema import ProfileFile

    try:
        copied = ProfileFile.model_validate(yaml.safe_load(text))
        meant = ProfileFile.model_validate(dict(full))
    except Exception:  # noqa: BLE001 — a copy that does not read is not used
        return False
    return copied == meant
