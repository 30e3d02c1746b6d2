"""Document contract versions: the one place that says which ones exist.

The exporter writes :data:`SCHEMA_VERSION`; ``exporter validate`` accepts every
version in :data:`SUPPORTED_SCHEMA_VERSIONS` (oldest first, the current one
last). Within major version 1 a new minor version may only *add* optional
fields, so the shipped schema accepts documents of every older 1.x version:
they validate against it, with a notice that they are older. Versions not in
the list fail, whatever the schema's pattern would allow, because nothing
promises they mean what this validator checks.

This module imports nothing, so the validator can read it without pulling in
the extractors.
"""

from __future__ import annotations

SUPPORTED_SCHEMA_VERSIONS: tuple[str, ...] = ("1.0",)
SCHEMA_VERSION: str = SUPPORTED_SCHEMA_VERSIONS[-1]


def version_verdict(found: object, target: str | None = None,
                    supported: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """How a document's ``schema_version`` stands against ``target`` (default: the current version).

    Returns None when it is ``target`` (or not a string: the schema reports
    that), ``("notice", message)`` for an older supported version, and
    ``("error", message)`` for a newer or unknown one.
    """
    versions = SUPPORTED_SCHEMA_VERSIONS if supported is None else supported
    target = SCHEMA_VERSION if target is None else target
    if not isinstance(found, str) or found == target:
        return None
    listed = ", ".join(versions)
    if found not in versions:
        return "error", f"unsupported schema_version {found!r} (supported: {listed})"
    if versions.index(found) < versions.index(target):
        return "notice", f"schema_version {found} is older than {target}; still supported, re-export to upgrade"
    return "error", f"schema_version {found} is newer than the required {target}"
