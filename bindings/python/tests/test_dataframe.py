"""Result lists turn into pandas DataFrames; pandas stays optional."""

from __future__ import annotations

import sys

import pytest

import atip
from support import small_dataset


def test_missing_pandas_raises_import_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)

    with pytest.raises(ImportError, match="pandas"):
        atip.ResultList([1, 2]).to_dataframe()


def test_records_to_dataframe(ch: atip.Clearinghouse) -> None:
    pandas = pytest.importorskip("pandas")
    ch.import_json(small_dataset())

    frame = ch.lawyers.list().to_dataframe()

    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["id"]) == ["lawyer-1", "lawyer-2"]
    assert "unknown_fields" not in frame.columns


def test_search_hits_to_dataframe(ch: atip.Clearinghouse) -> None:
    pytest.importorskip("pandas")
    ch.import_json(small_dataset())

    frame = ch.search("", entity_type="lawyer").to_dataframe()

    assert list(frame.columns) == ["entity_type", "id", "score", "matched_name"]
    assert len(frame) == 2


def test_matches_flatten_to_one_column_per_component() -> None:
    pytest.importorskip("pandas")
    shortlist = atip.Shortlist.from_dict({
        "matter_id": "matter-1", "lawyers_considered": 3, "eligible": 1,
        "matches": [{"lawyer_id": "lawyer-1", "lawyer_name": "A", "firm_id": "", "score": 0.8,
                     "components": [{"component": "language", "score": 1.0, "weight": 0.15},
                                    {"component": "load", "score": 0.5, "weight": 0.15}],
                     "reasons": [{"topic": "language", "text": "Speaks th natively."}],
                     "conflict_reviews": [], "needs_local_co_counsel": False}],
        "funnel": [], "gap": None, "exclusions": []})

    frame = shortlist.to_dataframe()

    assert frame.loc[0, "lawyer_id"] == "lawyer-1"
    assert frame.loc[0, "language"] == 1.0
    assert frame.loc[0, "load"] == 0.5
    assert frame.loc[0, "matter_id"] == "matter-1"
    assert shortlist[0].weights == {"language": 0.15, "load": 0.15}


def test_empty_list_gives_an_empty_frame() -> None:
    pandas = pytest.importorskip("pandas")

    assert atip.ResultList().to_dataframe().equals(pandas.DataFrame())
