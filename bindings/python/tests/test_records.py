"""Typed records: dict round trips and add/get/update/delete/list for every entity."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List

import pytest

import atip
from support import firm, lawyer, matter, ngo


def full_network(ch: atip.Clearinghouse) -> Dict[str, atip.Entity]:
    """Stores one record of every entity type and returns them by type."""
    records: Dict[str, atip.Entity] = {
        "jurisdiction": atip.Jurisdiction(
            code="TH-10", name="Bangkok", parent="TH", court_languages=["th"],
            statutes=[atip.Statute(title="Anti-Trafficking in Persons Act", citation="B.E. 2551")],
            activity_rules={"appear_in_court": "local"}),
        "practice_area": atip.PracticeArea(code="labour.fishing", parent="labour", name="Fishing crews"),
        "organization": ngo(),
        "lawyer": lawyer(),
        "matter": matter(),
        "engagement": atip.Engagement(id="engagement-1", matter="matter-1", lawyer="lawyer-1",
                                      offered_on=datetime.date(2025, 1, 6)),
        "event": atip.Event(id="event-1", title="Roundtable on debt bondage", date=datetime.date(2025, 2, 1),
                            jurisdiction="TH", kind="roundtable", topics=["labour.forced_labour"]),
        "service": atip.Service(id="service-1", names=[atip.Name("Legal Aid Desk")], jurisdiction="TH",
                                languages=["th"], cost="free"),
    }
    for record in records.values():
        ch.add(record)
    return records


def test_add_get_round_trip_for_every_entity(ch: atip.Clearinghouse) -> None:
    records = full_network(ch)

    for entity_type, record in records.items():
        stored = ch.get(entity_type, record.key, include_confidential=True)
        assert type(stored) is type(record)
        expected = record.to_dict()
        actual = stored.to_dict()
        # The store fills defaults it dates itself (created, offered_on).
        for key in set(actual) - set(expected):
            assert key in ("created", "offered_on"), key
            expected[key] = actual[key]
        assert actual == expected, entity_type


def test_collections_update_delete_and_list(ch: atip.Clearinghouse) -> None:
    full_network(ch)

    service = ch.services.get("service-1")
    service.description = "Walk-in advice on Tuesdays"
    ch.services.update(service)
    assert ch.services.get("service-1").description == "Walk-in advice on Tuesdays"

    ch.services.delete("service-1")
    assert "service-1" not in ch.services
    with pytest.raises(atip.NotFoundError):
        ch.services.get("service-1")

    assert [event.id for event in ch.events.list()] == ["event-1"]
    assert "lawyer-1" in ch.lawyers


def test_list_orders_by_id_with_limit_and_offset(ch: atip.Clearinghouse) -> None:
    for number in (3, 1, 2):
        ch.add(ngo(f"ngo-{number}", f"NGO {number}"))

    assert [org.id for org in ch.organizations.list()] == ["ngo-1", "ngo-2", "ngo-3"]
    assert [org.id for org in ch.organizations.list(limit=1, offset=1)] == ["ngo-2"]
    assert [org.id for org in ch.list("organizations", limit=2)] == ["ngo-1", "ngo-2"]


def test_add_generates_an_id_when_missing(ch: atip.Clearinghouse) -> None:
    new_id = ch.add(atip.Organization(kind="ngo", names=[atip.Name("Unnamed Shelter")]))

    assert new_id
    assert ch.organizations.get(new_id).display_name == "Unnamed Shelter"


def test_dicts_are_accepted_with_an_entity_type(ch: atip.Clearinghouse) -> None:
    ch.add({"id": "ngo-9", "kind": "ngo", "names": ["Plain Dict NGO"]}, entity_type="organization")
    ch.organizations.add({"id": "ngo-10", "kind": "ngo", "names": [{"value": "Second"}]})

    assert ch.organizations.get("ngo-9").names == [atip.Name("Plain Dict NGO")]
    with pytest.raises(atip.InvalidArgumentError, match="entity_type"):
        ch.add({"id": "x"})
    with pytest.raises(atip.InvalidArgumentError, match="not an entity type"):
        ch.list("llama")


def test_confidential_fields_only_on_request(ch: atip.Clearinghouse) -> None:
    ch.add(ngo())
    ch.add(matter())

    redacted = ch.matters.get("matter-1")
    full = ch.matters.get("matter-1", include_confidential=True)

    assert redacted.facts == ""
    assert redacted.client_ref == ""
    assert redacted.client_profile == atip.ClientProfile()
    assert full.facts == "Confidential facts of the case."
    assert full.client_ref == "client-7f3a"
    assert full.client_profile.citizenship == "KH"


def test_typed_attributes_after_reading(ch: atip.Clearinghouse) -> None:
    ch.add(firm())
    ch.add(lawyer(firm_id="firm-1"))

    stored = ch.lawyers.get("lawyer-1")

    assert isinstance(stored.admissions[0].since, datetime.date)
    assert isinstance(stored.response_days, float)
    assert stored.languages[0] == atip.LanguageSkill(tag="th", proficiency="native")
    assert stored.display_name == "Somchai Wongsakul"


def test_dict_round_trip_keeps_unknown_keys() -> None:
    data: Dict[str, Any] = {
        "id": "lawyer-5", "names": ["Lan Nguyen", {"value": "Nguyễn Thị Lan", "lang": "vi"}],
        "unavailable": [{"from": "2025-04-01", "to": "2025-04-15"}], "colour": "blue",
    }

    record = atip.Lawyer.from_dict(data)

    assert record.names[0] == atip.Name("Lan Nguyen")
    assert record.unavailable[0].start == datetime.date(2025, 4, 1)
    assert record.unknown_fields == {"colour": "blue"}
    assert record.to_dict() == {
        "id": "lawyer-5", "names": [{"value": "Lan Nguyen"}, {"value": "Nguyễn Thị Lan", "lang": "vi"}],
        "unavailable": [{"from": "2025-04-01", "to": "2025-04-15"}], "colour": "blue",
        "status": "active", "vetted": False, "max_active_matters": 2, "response_days": 3.0,
    }


def test_unknown_fields_are_rejected_by_the_library(ch: atip.Clearinghouse) -> None:
    record = ngo()
    record.unknown_fields["colour"] = "blue"

    with pytest.raises(atip.InvalidArgumentError, match='unknown field "colour"'):
        ch.add(record)


def test_non_json_values_name_the_field(ch: atip.Clearinghouse) -> None:
    values: List[Any] = [object(), float("nan"), 2 ** 70, "\ud800"]
    for value in values:
        with pytest.raises(atip.InvalidArgumentError, match="notes"):
            ch.add({"kind": "ngo", "names": ["X"], "notes": value}, entity_type="organization")


def test_reference_data_is_loaded_into_a_new_database(ch: atip.Clearinghouse) -> None:
    codes = {jurisdiction.code for jurisdiction in ch.jurisdictions}

    assert {"HK", "MM", "VN", "TH", "KH"} <= codes
    assert ch.practice_areas.get("labour.wage_claims").parent == "labour"
    assert ch.load_reference_data() == 0
