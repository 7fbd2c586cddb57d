"""Long calls release the GIL: other Python threads keep running while the
library imports a large data set."""

from __future__ import annotations

import json
import pathlib
import threading
import time
from typing import List

import pytest

import atip
from support import lawyer, ngo


def large_dataset_text(lawyers: int) -> bytes:
    document = {
        "format": "atip-dataset", "version": 1,
        "organizations": [ngo().to_dict()],
        "lawyers": [lawyer(f"lawyer-{number:05d}", names=[f"Lawyer Number {number}"]).to_dict()
                    for number in range(lawyers)],
    }
    return json.dumps(document).encode("utf-8")


def test_import_releases_the_gil(db_path: pathlib.Path) -> None:
    text = large_dataset_text(10000)
    timings: List[float] = []
    done = threading.Event()

    with atip.open(db_path) as ch:
        def worker() -> None:
            started = time.monotonic()
            try:
                ch.import_json(text)
            finally:
                timings.append(time.monotonic() - started)
                done.set()

        thread = threading.Thread(target=worker)
        last = time.monotonic()
        longest_pause = 0.0
        thread.start()
        while not done.is_set():
            now = time.monotonic()
            longest_pause = max(longest_pause, now - last)
            last = now
        thread.join()

        assert len(ch.lawyers.list(limit=20000)) == 10000
    (import_seconds,) = timings
    # The call takes the GIL only to read its argument and build its result.
    # Had it held the GIL throughout, this thread would have stalled for
    # (nearly) the whole import.
    if import_seconds < 0.2:
        pytest.skip(f"the import took {import_seconds:.3f} s, too short to measure pauses against")
    assert longest_pause < import_seconds / 2
