"""The handbook's look: logo and colours, each colour dark enough to carry text on white."""

from __future__ import annotations

import colorsys
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from macros.base.messages import decimal, say
from macros.schema.field_types import COLOR_PATTERN, LOGO_PATTERN, Strict

Color = Annotated[str, StringConstraints(pattern=COLOR_PATTERN)]


def contrast_with_white(color: str) -> float:
    """Return the WCAG contrast ratio of '#rrggbb' against white."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


class Branding(Strict):
    logo: Annotated[str, StringConstraints(pattern=LOGO_PATTERN)] | None = Field(
        None, description="Logo file inside docs/, e.g. assets/logo.svg; null for none."
    )
    primary_color: Color = Field("#1d5c63", description="Header and link colour, '#rrggbb'; dark enough for "
                                 "white text (contrast at least 4.5:1).")
    accent_color: Color = Field("#b34700", description="Colour of highlights and hovered links, '#rrggbb'; "
                                "contrast with white at least 4.5:1.")

    @field_validator("primary_color", "accent_color")
    @classmethod
    def readable_on_white(cls, color: str) -> str:
        # Both colours carry text on white (links) or white text (header): WCAG AA needs 4.5:1.
        ratio = contrast_with_white(color)
        if ratio < 4.5:
            shown = decimal(f"{ratio:.1f}")
            raise ValueError(say("too_light", color=color, ratio=shown, darker=darker_passing(color)))
        return color


def darker_passing(color: str, needed: float = 4.5) -> str:
    """Return the lightest shade of ``color`` (same hue and saturation) with enough contrast on white."""
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    for step in range(round(lightness * 1000), -1, -1):
        candidate = "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(hue, step / 1000, saturation))
        if contrast_with_white(candidate) >= needed:
            return candidate
    return "#000000"
