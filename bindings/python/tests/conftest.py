"""Fixtures for the atip Python tests: a clearinghouse on a real SQLite file
in a temporary folder. Builders of records are in support.py.

Run with the package on PYTHONPATH (ctest sets it to the build tree's
package folder), or after `pip install .`.
"""

from __future__ import annotations

import pathlib
from typing import Iterator

import pytest

import atip


@pytest.fixture
def db_path(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path / "clearinghouse.db"


@pytest.fixture
def ch(db_path: pathlib.Path) -> Iterator[atip.Clearinghouse]:
    with atip.open(db_path) as clearinghouse:
        yield clearinghouse


@pytest.fixture(scope="session")
def zawgyi_pair() -> tuple:
    """A Burmese line of the UDHR in Zawgyi and the same line in Unicode,
    from the myanmar-tools test data in tests/data/text."""
    from support import source_dir

    folder = source_dir() / "tests" / "data" / "text" / "myanmar_tools"
    zawgyi_lines = (folder / "udhr_mya_zawgyi_out.txt").read_text(encoding="utf-8").splitlines()
    unicode_lines = (folder / "udhr_mya_unicode_src.txt").read_text(encoding="utf-8").splitlines()
    for zawgyi, unicode in zip(zawgyi_lines, unicode_lines):
        if zawgyi != unicode and len(zawgyi) > 40 and any("\u1000" <= c <= "\u109f" for c in zawgyi):
            return zawgyi, unicode
    pytest.skip("no Zawgyi line found in the myanmar-tools data")


@pytest.fixture(scope="session")
def short_zawgyi_pair() -> tuple:
    """A short Zawgyi line that the detector recognises, and its Unicode form."""
    from support import source_dir

    folder = source_dir() / "tests" / "data" / "text" / "myanmar_tools"
    zawgyi_lines = (folder / "mmgov_zawgyi_src.txt").read_text(encoding="utf-8").splitlines()
    unicode_lines = (folder / "mmgov_unicode_out.txt").read_text(encoding="utf-8").splitlines()
    for zawgyi, unicode in zip(zawgyi_lines, unicode_lines):
        if zawgyi != unicode and 12 <= len(zawgyi) <= 60 and " " not in zawgyi.strip() and atip.is_zawgyi(zawgyi):
            return zawgyi, unicode
    pytest.skip("no short Zawgyi line found in the myanmar-tools data")
