"""The shared bad-input table (tests/data/bad_input.json) against the Python
API: each bad row raises the exception class of its error kind, names the
field, and leaves the database byte for byte as it was."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List

import pytest

import atip

TABLE_PATH = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data" / "bad_input.json"


def load_table() -> Dict[str, Any]:
    with TABLE_PATH.open(encoding="utf-8") as file:
        return json.load(file)


def expand(substitution: Dict[str, Any]) -> bytes:
    if "hex" in substitution:
        return bytes.fromhex(substitution["hex"])
    return (substitution["repeat"] * substitution["times"]).encode("utf-8")


def document_bytes(row: Dict[str, Any]) -> bytes:
    """The exact bytes the row hands to the import, as the table's "about" describes."""
    if "document" in row:
        return json.dumps(row["document"], ensure_ascii=False).encode("utf-8")
    text = row["document_text"].encode("utf-8")
    for placeholder, substitution in row.get("substitutions", {}).items():
        text = text.replace(placeholder.encode("utf-8"), expand(substitution))
    return text


TABLE = load_table()
ROWS: List[Dict[str, Any]] = TABLE["rows"]


@pytest.mark.parametrize("row", ROWS, ids=[row["name"] for row in ROWS])
def test_bad_input_row(row: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    with atip.open(tmp_path / "table.db") as clearinghouse:
        clearinghouse.import_json(TABLE["base"])
        before = clearinghouse.export_json(include_confidential=True)
        expect = row["expect"]

        if expect.get("ok"):
            report = clearinghouse.import_json(document_bytes(row))
            assert report.total == expect["records"]
            exported = clearinghouse.export_json(include_confidential=True)
            for text in expect["verbatim"]:
                assert json.dumps(text, ensure_ascii=False) in exported
            return

        error_class = atip.ERRORS_BY_KIND[expect["error"]]
        with pytest.raises(error_class) as raised:
            clearinghouse.import_json(document_bytes(row))
        message = str(raised.value)
        assert expect["field"] in message
        for mention in expect.get("mentions", []):
            assert mention in message
        assert clearinghouse.export_json(include_confidential=True) == before
