"""NLTK's Punkt module, imported without NLTK's package start-up.

NLTK's package ``__init__`` imports most of NLTK whatever submodule is asked
for, and with it scipy and scikit-learn whenever they are installed (they are:
sentence-transformers needs them).  On this project's 2-core machine that is
1.3–4.7 seconds of one core before the first sentence is split — the largest
fixed cost of a cold ``align`` run after the model itself — for a tokenizer
that needs neither (measured with ``python -X importtime``: ``nltk.metrics``
→ ``scipy.stats`` 1.6 s, ``nltk.classify`` → ``sklearn`` 0.8 s; the Punkt
module and what it imports take about 0.6 s).

:func:`punkt_module` therefore imports ``nltk.tokenize.punkt`` under a
*lazy* ``nltk`` package when NLTK is not imported yet: a module with NLTK's
path (so its submodules import as usual) whose package body runs the first
time any other NLTK name is asked for (PEP 562's module ``__getattr__``).  A
notebook that goes on to ``import nltk`` and call ``nltk.word_tokenize`` gets
the whole package then, as if nothing had happened.  When NLTK is already
imported, it is used as it is.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types

_LOCK = threading.Lock()


def _lazy_package(spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
    """A module for the ``nltk`` package whose ``__init__`` runs on the first name it lacks."""
    package = types.ModuleType(spec.name)
    package.__spec__ = spec
    package.__file__ = spec.origin
    package.__path__ = list(spec.submodule_search_locations or [])
    package.__package__ = spec.name
    package.__loader__ = spec.loader

    def load_on_use(name: str) -> object:
        # a submodule asked for by ``from nltk import pathsec``: import just it
        if importlib.util.find_spec(f"{spec.name}.{name}") is not None:
            return importlib.import_module(f"{spec.name}.{name}")
        with _LOCK:
            if package.__dict__.get("__getattr__") is load_on_use:
                del package.__dict__["__getattr__"]
                assert spec.loader is not None
                spec.loader.exec_module(package)  # NLTK's own package body, in this module
        return getattr(package, name)

    package.__dict__["__getattr__"] = load_on_use
    return package


def punkt_module() -> types.ModuleType:
    """``nltk.tokenize.punkt``, without running NLTK's package ``__init__`` when NLTK is not imported yet."""
    with _LOCK:
        if "nltk" not in sys.modules:
            spec = importlib.util.find_spec("nltk")
            if spec is None or spec.loader is None:  # pragma: no cover - nltk is a dependency
                raise ModuleNotFoundError("No module named 'nltk'", name="nltk")
            sys.modules["nltk"] = _lazy_package(spec)
    return importlib.import_module("nltk.tokenize.punkt")
