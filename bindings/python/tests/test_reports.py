"""Reports through the Python API: hours against a hand-computed total,
suppression of small counts, CSV text, and errors for bad arguments."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import atip
from support import small_dataset


def dataset_with_hours() -> Dict[str, Any]:
    data = small_dataset()
    data["engagements"] = [{
        "id": "eng-1", "matter": "matter-1", "lawyer": "lawyer-1", "status": "active",
        "hours": [{"date": "2026-01-10", "hours": 3.0}, {"date": "2026-01-20", "hours": 2.5},
                  {"date": "2026-02-05", "hours": 4.0}],
    }]
    return data


def test_hours_by_lawyer_and_month(ch: atip.Clearinghouse) -> None:
    ch.import_json(dataset_with_hours())

    report = ch.report("hours", by="lawyer", period="month", min_cell_size=1, hourly_rates={"TH": 50.0})

    assert isinstance(report, dict)
    assert report["totals"]["hours"] == pytest.approx(9.5)
    assert report["totals"]["value"] == pytest.approx(475.0)
    months = {row["period"]: row["hours"] for row in report["rows"]}
    assert months == {"2026-01": pytest.approx(5.5), "2026-02": pytest.approx(4.0)}


def test_small_counts_are_suppressed(ch: atip.Clearinghouse) -> None:
    ch.import_json(dataset_with_hours())

    report = ch.report("hours", by="firm")

    assert isinstance(report, dict)
    assert report["min_cell_size"] == 11
    assert all(row["matters"] is None for row in report["rows"])


def test_report_as_csv(ch: atip.Clearinghouse) -> None:
    ch.import_json(dataset_with_hours())

    text = ch.report("hours", by="jurisdiction", period="year", csv=True)

    assert isinstance(text, str)
    assert "2026" in text.splitlines()[1]


def test_other_report_kinds(ch: atip.Clearinghouse) -> None:
    ch.import_json(dataset_with_hours())

    for kind, name in (("lifecycle", "lifecycle"), ("workshops", "workshops"), ("coverage", "coverage_gaps")):
        report = ch.report(kind, min_cell_size=1)
        assert isinstance(report, dict)
        assert report["report"] == name


def test_bad_report_arguments(ch: atip.Clearinghouse) -> None:
    with pytest.raises(atip.InvalidArgumentError, match="kind"):
        ch.report("payroll")
    with pytest.raises(atip.InvalidArgumentError, match="by"):
        ch.report("hours", by="country")
    with pytest.raises(atip.InvalidArgumentError, match="period"):
        ch.report("hours", period="fortnight")
    with pytest.raises(atip.InvalidArgumentError, match="start"):
        ch.report("hours", start="2026-13-01")
