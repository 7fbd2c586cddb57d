"""JSON import and export from paths, strings, bytes and dicts."""

from __future__ import annotations

import json
import pathlib

import pytest

import atip
from support import matter, small_dataset


def test_import_from_a_dict_reports_counts(ch: atip.Clearinghouse) -> None:
    report = ch.import_json(small_dataset())

    assert report.counts["lawyers"] == 2
    assert report.counts["organizations"] == 2
    assert report.total == sum(report.counts.values())
    assert [lawyer.id for lawyer in ch.lawyers] == ["lawyer-1", "lawyer-2"]


def test_import_from_a_string_bytes_and_paths(tmp_path: pathlib.Path) -> None:
    text = json.dumps(small_dataset(), ensure_ascii=False)
    path = tmp_path / "network.json"
    path.write_text(text, encoding="utf-8")

    sources = [text, text.encode("utf-8"), path, str(path)]
    exports = []
    for number, source in enumerate(sources):
        with atip.open(tmp_path / f"db{number}.db") as clearinghouse:
            clearinghouse.import_json(source)
            exports.append(clearinghouse.export_json())

    assert all(export == exports[0] for export in exports)
    assert "สมศรี ใจดี" in exports[0]


def test_export_import_export_gives_identical_text(ch: atip.Clearinghouse, tmp_path: pathlib.Path) -> None:
    ch.import_json(small_dataset())
    path = tmp_path / "export.json"

    first = ch.export_json(path, include_confidential=True)
    with atip.open(tmp_path / "copy.db", load_reference_data=False) as copy:
        copy.import_json(path)
        second = copy.export_json(include_confidential=True)

    assert path.read_text(encoding="utf-8") == first
    assert second == first


def test_export_hides_confidential_fields_by_default(ch: atip.Clearinghouse) -> None:
    ch.import_json(small_dataset())

    public = ch.export_dict()
    full = ch.export_dict(include_confidential=True)

    assert "facts" not in public["matters"][0]
    assert full["matters"][0]["facts"] == matter().facts
    assert public["format"] == "atip-dataset"


def test_import_is_all_or_nothing(ch: atip.Clearinghouse) -> None:
    document = small_dataset()
    document["lawyers"][1]["languages"][0]["tag"] = "xx-?"

    with pytest.raises(atip.InvalidArgumentError, match=r"lawyers\[1\]\.languages\[0\]"):
        ch.import_json(document)

    assert ch.lawyers.list() == []
    assert ch.organizations.list() == []


def test_zawgyi_text_is_converted_on_import(ch: atip.Clearinghouse, zawgyi_pair: tuple) -> None:
    zawgyi, unicode = zawgyi_pair
    document = small_dataset()
    document["services"][0]["description"] = zawgyi

    report = ch.import_json(document)

    assert report.zawgyi_converted == ["services[0].description"]
    assert ch.services.get("service-1").description == atip.text.normalize(unicode)


def test_malformed_json_text_is_invalid_argument(ch: atip.Clearinghouse) -> None:
    with pytest.raises(atip.InvalidArgumentError):
        ch.import_json('{"lawyers": [')
    with pytest.raises(TypeError):
        ch.import_json(42)  # type: ignore[arg-type]


def test_text_with_a_byte_order_mark_is_json(ch: atip.Clearinghouse) -> None:
    text = "\ufeff" + json.dumps(small_dataset())
    report = ch.import_json(text)
    assert report.total > 0


def test_text_that_is_not_json_is_not_echoed(ch: atip.Clearinghouse) -> None:
    text = '[{"names": [{"value": "Somchai Srisuk"}]}]\n'
    with pytest.raises(atip.InvalidArgumentError) as raised:
        ch.import_json(text)
    assert "Somchai" not in str(raised.value)
    assert "neither a JSON object text" in str(raised.value)
