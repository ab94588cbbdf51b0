"""Python's cycle collector around bulk work: loading modules, rendering pages.

Such work makes hundreds of thousands of small objects (nodes, values, positions, page text) in
no reference cycle, and what was made so far stays alive: each automatic collection would walk
all of it again, a fifth of the loading time of a large curriculum. Refcounting frees what the
work drops, so the collector can rest while it runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector for the block; hand what stays to its oldest generation.

    ``gc.freeze()`` then ``gc.unfreeze()`` puts the survivors in the oldest generation (as two
    collections would, without walking them); the next full collection still looks at them, so
    nothing is kept that should go. Inside an outer pause, this one does nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():  # leave alone what someone else froze on purpose
            gc.freeze()
            gc.unfreeze()
        gc.enable()
