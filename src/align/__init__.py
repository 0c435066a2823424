"""align — a translation alignment and comparison workbench.

Importing this package does no work: no model is loaded, nothing is read from
disk or the network.  The stages live in their own modules (``corpus``,
``segment``, ``embed``, ``aligner``, ``divergence``, ``views``, ``export``,
``review``) and ``pipeline`` runs them in order.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
