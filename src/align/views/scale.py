"""The divergence colour scale and the highlight colours of marked words.

One scale serves every view (Styler, report, plot, review page, XLSX), so a
colour means the same thing everywhere.  The components and the colours of
their marks come from the divergence registry
(:mod:`align.divergence.components`).  The scale is binned — five bands of
equal width over [0, 1] — which keeps it easy to read off a legend.

Colour-blind safe: the bands are ColorBrewer's YlOrBr sequential scheme (pale
yellow to orange), whose colours differ in lightness, not only in hue, so they
keep their order for readers with red–green colour blindness and in greyscale;
the number is always shown next to the colour.  Dark text stays readable on
every band (contrast 6.9:1 or more).  Marked words are underlined in the
Okabe–Ito palette (the registry's colours), which is told apart under the
common colour blindnesses; each mark also names its component in its tooltip.
"""
from __future__ import annotations

import html
import re
from typing import NamedTuple

from ..divergence.components import COMPONENTS, OTHER_MARK_COLOUR, component, mark_colour, mark_underline


class Band(NamedTuple):
    """One band of the divergence scale: scores in ``[low, high)`` (the last band includes 1)."""

    low: float
    high: float
    colour: str
    label: str


#: The divergence bands, from close renderings to strongly diverging ones.
DIVERGENCE_BANDS: tuple[Band, ...] = (
    Band(0.0, 0.2, "#ffffe5", "close"),
    Band(0.2, 0.4, "#fee391", "minor differences"),
    Band(0.4, 0.6, "#fec44f", "noticeable differences"),
    Band(0.6, 0.8, "#fe9929", "strong divergence"),
    Band(0.8, 1.0, "#ec7014", "very strong divergence"),
)

#: The colour of a bead that carries no divergence score.
NO_SCORE_COLOUR = "#e4e4e4"
NO_SCORE_LABEL = "not scored"

_NOT_IDENT = re.compile(r"[^a-z0-9_-]+")


def band_index(score: float | None) -> int | None:
    """The index into :data:`DIVERGENCE_BANDS` of a score, or ``None`` for no score.

    Scores outside [0, 1] are clipped; NaN counts as no score.
    """
    if score is None or score != score:  # None or NaN
        return None
    s = min(max(float(score), 0.0), 1.0)
    for i, band in enumerate(DIVERGENCE_BANDS):
        if s < band.high:
            return i
    return len(DIVERGENCE_BANDS) - 1


def divergence_colour(score: float | None) -> str:
    """The background colour (``#rrggbb``) of a divergence score; grey for no score."""
    i = band_index(score)
    return NO_SCORE_COLOUR if i is None else DIVERGENCE_BANDS[i].colour


def band_class(score: float | None) -> str:
    """The CSS class of a score's band: ``band-0`` … ``band-4``, or ``band-none``."""
    i = band_index(score)
    return "band-none" if i is None else f"band-{i}"


def css_ident(name: str) -> str:
    """A component name made safe for a CSS class (``m-<ident>``)."""
    return _NOT_IDENT.sub("-", name.lower()).strip("-") or "other"


def shown_components(components: dict[str, float], digits: int = 2) -> list[tuple[str, str]]:
    """``(name, "0.70")`` for each component that does not round to zero, strongest first.

    Every bead carries every component; listing ``meaning 0.00`` on each row is noise.
    """
    kept = [(k, v) for k, v in components.items() if v is not None and round(float(v), digits) > 0]
    return [(k, f"{float(v):.{digits}f}") for k, v in sorted(kept, key=lambda kv: -float(kv[1]))]


def style_rules(components: tuple[str, ...] = COMPONENTS) -> list[tuple[str, str]]:
    """(selector, declarations) pairs styling bands, swatches, marks and the legend.

    The views use classes only, never ``style`` attributes, so the same rules
    serve a Styler (scoped to its table) and the report (under a strict CSP).
    """
    rules = [(f".band-{i}", f"background-color: {b.colour}") for i, b in enumerate(DIVERGENCE_BANDS)]
    rules.append((".band-none", f"background-color: {NO_SCORE_COLOUR}"))
    rules.append(("mark.hl", f"background-color: #fff3a8; color: inherit; padding: 0 1px; "
                             f"border-bottom: 2px solid {OTHER_MARK_COLOUR}"))
    for comp in dict.fromkeys(COMPONENTS + tuple(components)):
        style = mark_underline(comp)
        rules.append((f"mark.m-{css_ident(comp)}", f"border-bottom-color: {mark_colour(comp)}"
                      + (f"; border-bottom-style: {style}" if style != "solid" else "")))
    rules.append((".align-legend", "font-size: 0.85em; line-height: 1.9; text-align: left"))
    rules.append((".legend-chip", "display: inline-block; margin-right: 0.8em; white-space: nowrap"))
    rules.append((".swatch", "display: inline-block; width: 1.1em; height: 0.9em; margin-right: 0.3em; "
                             "vertical-align: -0.1em; border: 1px solid #999"))
    rules.append((".working-badge", "display: inline-block; background: #b3261e; color: #fff; "
                                    "font-weight: bold; padding: 0 0.4em; border-radius: 3px"))
    return rules


def css_text(rules: list[tuple[str, str]], scope: str = "") -> str:
    """The rules as a style sheet, each selector prefixed by ``scope``."""
    return "\n".join(f"{(scope + ' ' + sel).strip()} {{ {decl}; }}" for sel, decl in rules)


def _title(name: str) -> str:
    found = component(name)
    return f' title="{html.escape(found.label)}"' if found is not None else ""


def legend_html(components: tuple[str, ...] = COMPONENTS) -> str:
    """The legend as HTML: the divergence bands and the colour of each component's marks
    (a registered component's label shows when the pointer rests on its name)."""
    chips = []
    for i, b in enumerate(DIVERGENCE_BANDS):
        chips.append(f'<span class="legend-chip"><span class="swatch band-{i}"></span>'
                     f'{b.low:.1f}–{b.high:.1f} {html.escape(b.label)}</span>')
    chips.append(f'<span class="legend-chip"><span class="swatch band-none"></span>{NO_SCORE_LABEL}</span>')
    marks = [f'<mark class="hl m-{css_ident(c)}"{_title(c)}>{html.escape(c)}</mark>' for c in dict.fromkeys(components)]
    return ('<div class="align-legend"><strong>divergence</strong> ' + " ".join(chips)
            + '<br><strong>marked words</strong> ' + " ".join(marks) + "</div>")
