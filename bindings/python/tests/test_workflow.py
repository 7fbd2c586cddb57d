"""The workflow: a matter from posting to a completed engagement."""

from __future__ import annotations

import datetime

import pytest

import atip
from support import firm, lawyer, matter, ngo

COORDINATOR = "coordinator-1"


@pytest.fixture
def posted(ch: atip.Clearinghouse) -> atip.Clearinghouse:
    ch.add(ngo())
    ch.add(firm())
    ch.add(lawyer(firm_id="firm-1"))
    ch.workflow.post_matter(matter(status="draft"), COORDINATOR)
    return ch


def circulate(ch: atip.Clearinghouse) -> None:
    ch.workflow.transition("matter-1", "vetted", COORDINATOR)
    ch.workflow.transition("matter-1", "circulated", COORDINATOR)


def test_posting_and_transitions_are_recorded(posted: atip.Clearinghouse) -> None:
    circulate(posted)

    history = posted.workflow.history("matter-1")
    assert [(step.from_, step.to) for step in history] == [
        (None, "draft"), ("draft", "vetted"), ("vetted", "circulated")]
    assert all(step.actor == COORDINATOR for step in history)
    assert isinstance(history[0].date, datetime.date)
    assert posted.matters.get("matter-1").status == "circulated"


def test_illegal_transition_is_invalid_state(posted: atip.Clearinghouse) -> None:
    with pytest.raises(atip.InvalidStateError):
        posted.workflow.transition("matter-1", "placed", COORDINATOR)
    with pytest.raises(atip.InvalidArgumentError):
        posted.workflow.transition("matter-1", "teleported", COORDINATOR)


def test_from_interest_to_completed_engagement(posted: atip.Clearinghouse) -> None:
    circulate(posted)
    wf = posted.workflow

    interest = wf.express_interest("matter-1", "lawyer-user", lawyer="lawyer-1")
    assert interest.status == "active"
    assert wf.interests("matter-1")[0].id == interest.id
    before = wf.candidate_view("matter-1", "lawyer-1")
    assert before.stage == "summary"
    assert before.facts == ""
    assert before.withheld_until

    check = wf.request_conflict_check("matter-1", COORDINATOR, firm="firm-1", reminder_days=3)
    assert check.remind_on - check.requested_on == datetime.timedelta(days=3)
    wf.record_conflict_check(check.id, "cleared", "firm-user")

    engagement = wf.offer("matter-1", "lawyer-1", COORDINATOR, reason="best match")
    assert isinstance(engagement, atip.Engagement)
    assert engagement.status == "offered"
    wf.accept(engagement.id, "lawyer-user")
    after = wf.candidate_view("matter-1", "lawyer-1")
    assert after.stage == "full"
    assert after.facts == "Confidential facts of the case."

    wf.start(engagement.id, "lawyer-user")
    today = wf.today()
    logged = wf.log_hours(engagement.id, atip.HoursEntry(date=today, hours=2.5, activity="drafting"), "lawyer-user")
    assert logged.total_hours == 2.5
    wf.log_hours(engagement.id, {"date": today.isoformat(), "hours": 1.0}, "lawyer-user")
    wf.complete(engagement.id, "compensation_awarded", "lawyer-user")
    rated = wf.record_feedback(engagement.id, 5, "ngo-user")

    assert rated.status == "completed"
    assert rated.feedback == 5
    assert rated.total_hours == 3.5
    steps = [step.to for step in wf.engagement_history(engagement.id)]
    assert steps == ["offered", "accepted", "active", "completed"]
    assert posted.matters.get("matter-1").status == "in_progress"


def test_offer_needs_a_cleared_conflict_check(posted: atip.Clearinghouse) -> None:
    circulate(posted)

    with pytest.raises(atip.InvalidStateError):
        posted.workflow.offer("matter-1", "lawyer-1", COORDINATOR)


def test_bad_hours_entry_names_the_field(posted: atip.Clearinghouse) -> None:
    with pytest.raises(atip.InvalidArgumentError, match="entry.date"):
        posted.workflow.log_hours("engagement-1", {"hours": 2}, COORDINATOR)


def test_attendance_becomes_training(posted: atip.Clearinghouse) -> None:
    posted.add(atip.Event(id="event-1", title="Wage claims workshop", date=datetime.date(2025, 3, 14),
                          jurisdiction="TH", topics=["labour.wage_claims"]))

    event = posted.workflow.record_attendance("event-1", ["lawyer-1"], COORDINATOR)

    assert event.attendees == ["lawyer-1"]
    trainings = posted.lawyers.get("lawyer-1").trainings
    assert [(t.topic, t.event) for t in trainings] == [("labour.wage_claims", "event-1")]


def test_read_only_database_has_no_workflow(db_path, posted: atip.Clearinghouse) -> None:
    with atip.open(db_path, read_only=True) as reader:
        assert reader.matters.get("matter-1").title
        with pytest.raises(atip.InvalidStateError):
            reader.workflow.history("matter-1")
