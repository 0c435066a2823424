"""Aligner settings from ``KEY=VALUE`` strings: ``--set`` on the command line and in the benchmarks.

Every field of :class:`~.core.AlignerSettings` can be set; the value is cast
to the type of the field's default (``true``/``false``/``yes``/``no``/``on``/
``off``/``1``/``0`` for booleans).  A changed setting is part of the
alignment's signature, so ``align run`` recomputes the pairs it affects.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from ..errors import InputError
from .settings import AlignerSettings

#: Settings that take one of a few words.
CHOICES: dict[str, tuple[str, ...]] = {
    "neighbour_mode": ("sentence", "window"),
    "length_mode": ("ratio", "gauss"),
    "refine_mode": ("uncertain", "uncertain-all", "pairs", "regions", "all"),
}
#: Whole-number settings and the smallest value each may take.
MINIMUM: dict[str, int] = {"max_merge": 1, "neighbours": 1, "full_limit": 0, "radius": 1, "anchor_window": 0,
                           "anchor_topk": 1}

_BOOL = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def setting_fields() -> dict[str, object]:
    """Every setting's name and default value, in declaration order."""
    defaults = AlignerSettings()
    return {f.name: getattr(defaults, f.name) for f in dataclasses.fields(AlignerSettings)}


def describe_settings() -> str:
    """One line per setting: ``name = default (type)``, for help texts."""
    return "\n".join(f"{k} = {v!r} ({type(v).__name__})" for k, v in setting_fields().items())


def parse_override(item: str) -> tuple[str, object]:
    """``(key, value)`` from one ``KEY=VALUE`` string, the value cast to the setting's type.

    :raises InputError: no ``=``, an unknown key (the message lists the valid
        ones), or a value the setting cannot take (the message gives its type).
    """
    fields = setting_fields()
    key, sep, raw = item.partition("=")
    key, raw = key.strip().replace("-", "_"), raw.strip()
    if not sep or not key:
        raise InputError(f"--set {item!r}: expected KEY=VALUE, e.g. --set skip=-0.2")
    if key not in fields:
        raise InputError(f"--set {item!r}: unknown aligner setting {key!r}; the settings are: "
                         f"{', '.join(fields)}")
    default = fields[key]
    kind = type(default)
    try:
        if kind is bool:
            if raw.lower() not in _BOOL:
                raise ValueError(raw)
            value: object = _BOOL[raw.lower()]
        elif kind is int:
            value = int(raw)
        elif kind is float:
            value = float(raw)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(raw)
        elif kind is str:
            value = raw
        else:
            value = json.loads(raw)
    except ValueError:
        kind_name = "boolean (true or false)" if kind is bool else kind.__name__
        raise InputError(f"--set {item!r}: {key} takes a {kind_name} (default {default!r}), "
                         f"not {raw!r}") from None
    if key in CHOICES and value not in CHOICES[key]:
        raise InputError(f"--set {item!r}: {key} takes one of {', '.join(CHOICES[key])} (default {default!r})")
    if key in MINIMUM and value < MINIMUM[key]:  # type: ignore[operator]
        raise InputError(f"--set {item!r}: {key} takes a whole number of at least {MINIMUM[key]} "
                         f"(default {default!r})")
    return key, value


def settings_from(overrides: Sequence[str], base: AlignerSettings | None = None
                  ) -> tuple[AlignerSettings, dict[str, object]]:
    """``base`` (default: the library defaults) with ``KEY=VALUE`` overrides; returns
    ``(settings, changes)``.  A later override of the same key wins.

    :raises InputError: see :func:`parse_override`.
    """
    changes: dict[str, Any] = dict(parse_override(item) for item in overrides)
    base = base or AlignerSettings()
    return dataclasses.replace(base, **changes), changes
