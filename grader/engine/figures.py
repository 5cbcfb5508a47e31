"""Saved figures: one check that a plot a learner's code wrote is a real, readable PNG.

Weeks 1 to 3 all ask a notebook to save plots. Whether the plot says the right thing is each
milestone's business (read from the Figure in the sandbox); whether the file is there, opens,
is big enough to read and is not blank is the same question everywhere.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath
from typing import Any

from .outcomes import CheckFailed

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: width, height in pixels: smaller than that, nobody can read the labels.
MIN_SIZE = (200, 150)


def expect_png(week: Any, path: str, *, notebook: str, what: str = "the plot",
               min_size: tuple[int, int] = MIN_SIZE) -> tuple[int, int]:
    """The PNG at `path` (relative to the week folder) after `notebook` ran; its size.

    Fails with a learner message when the file is missing (or saved next to the notebook
    instead of in its folder), is not a PNG, does not open, is too small or is one flat colour.
    """
    from PIL import Image

    checking = f"{path} after Restart & Run All of {notebook}"

    def require(condition: bool, message: str, expected: str, got: str) -> None:
        if not condition:
            raise CheckFailed(message, expected=expected, got=got, checking=checking)

    data = week.read_file(path)
    if data is None:
        name = PurePosixPath(path).name
        elsewhere = week.read_file(name) is not None
        require(False, f"{notebook} should save {what} as {path}",
                expected=f'a PNG file {path}, e.g. fig.savefig("{path}", dpi=120)',
                got=(f"{name} next to the notebook, not in {PurePosixPath(path).parent}/"
                     if elsewhere else "no such file (was savefig called? on which path?)"))
    require(data.startswith(PNG_SIGNATURE), f"{path} should be a PNG image",
            expected="a file that starts with the PNG signature",
            got=f"{len(data)} bytes starting {data[:8]!r} (saved in another format?)")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            size = image.size
            extrema = image.convert("RGB").getextrema()
    except Exception as exc:  # any decoder error means a broken file, whatever its class
        raise CheckFailed(f"{path} is not a readable PNG", expected="an image that opens",
                          got=f"{type(exc).__name__}: {exc}", checking=checking) from None
    require(size[0] >= min_size[0] and size[1] >= min_size[1], f"{path} is too small to read",
            expected=f"at least {min_size[0]} x {min_size[1]} pixels (dpi=120 helps)",
            got=f"{size[0]} x {size[1]} pixels")
    require(any(low != high for low, high in extrema), f"{path} is blank",
            expected="a chart: marks, labels, a title",
            got="an image of one flat colour (saved before drawing, or after plt.show() "
                "had closed the figure?)")
    return size
