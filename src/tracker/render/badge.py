"""A progress badge, "pledges: 7/11 completed": shields.io endpoint JSON and a standalone SVG.

The endpoint JSON is for `https://img.shields.io/endpoint?url=…` pointing at wherever CI
publishes it; the SVG needs no service at all.
"""

from __future__ import annotations

import json
from html import escape

from ..report import Figures
from .controls import visible

# shields.io's named colours and the hex values it draws them with.
COLOURS = {
    "brightgreen": "#4c1",
    "green": "#97ca00",
    "yellow": "#dfb317",
    "orange": "#fe7d37",
    "red": "#e05d44",
    "lightgrey": "#9f9f9f",
}


def message(figures: Figures) -> str:
    return f"{figures.completed}/{figures.pledges} completed"


def colour(figures: Figures) -> str:
    """By the share completed: ≥ 75% brightgreen, ≥ 50% green, ≥ 25% yellow, more than none
    orange, none red; lightgrey when there is no pledge or none has been assessed yet."""
    share = figures.completed_share
    if share is None or figures.assessed == 0:
        return "lightgrey"
    for threshold, name in ((0.75, "brightgreen"), (0.5, "green"), (0.25, "yellow")):
        if share >= threshold:
            return name
    return "orange" if share > 0 else "red"


def endpoint(figures: Figures, label: str = "pledges") -> str:
    """The shields.io endpoint JSON (schemaVersion 1)."""
    data = {
        "schemaVersion": 1,
        "label": label,
        "message": message(figures),
        "color": colour(figures),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# Approximate advance widths of Verdana at 11px, as shields.io measures text; others are 7.
_NARROW = dict.fromkeys("ijl|!.,:;'", 3.5) | dict.fromkeys("frt ()/[]-", 4.8)
_WIDE = dict.fromkeys("mwMW%@", 10.5) | dict.fromkeys("ABCDEGHKNOPQRSUVXYZ&", 8.0)


def _text_width(text: str) -> float:
    return sum(_NARROW.get(ch, _WIDE.get(ch, 7.0)) for ch in text)


def svg(figures: Figures, label: str = "pledges") -> str:
    """A flat badge like shields.io draws, with the text escaped (and control characters, which
    XML does not allow, shown as escapes)."""
    label = visible(label)
    text = message(figures)
    fill = COLOURS[colour(figures)]
    left = round(_text_width(label) + 12)
    right = round(_text_width(text) + 12)
    width = left + right
    title = escape(f"{label}: {text}")
    label_x, text_x = left / 2, left + right / 2
    label, text = escape(label), escape(text)
    return f"""\
<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{title}">
<title>{title}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>\
<stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>\
<rect x="{left}" width="{right}" height="20" fill="{fill}"/>\
<rect width="{width}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" \
font-size="11">
<text x="{label_x}" y="15" fill="#010101" fill-opacity=".3">{label}</text>\
<text x="{label_x}" y="14">{label}</text>
<text x="{text_x}" y="15" fill="#010101" fill-opacity=".3">{text}</text>\
<text x="{text_x}" y="14">{text}</text>
</g>
</svg>
"""
