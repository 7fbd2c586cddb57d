"""The workflow around a matter: lifecycle, interest, conflict checks,
engagements, hours, feedback, attendance and what a candidate may see.

Reach it through :attr:`atip.Clearinghouse.workflow`. Every call names the
actor (a coordinator's or NGO's user id) and is written to the audit log.
Illegal transitions raise :class:`atip.InvalidStateError`.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Union

from ._records import Record, json_key, unknown_fields
from .entities import DateRange, Engagement, Event, HoursEntry, Matter, Party
from .results import ResultList

if TYPE_CHECKING:
    from ._atip import Clearinghouse as _Handle

__all__ = [
    "Workflow", "MatterTransition", "EngagementTransition", "ExpressionOfInterest", "ConflictCheck",
    "CandidateView",
]

_record = dataclasses.dataclass(kw_only=True)


@_record
class MatterTransition(Record):
    """One dated step of a matter's lifecycle; ``from_`` is None for the posting."""

    id: int
    matter: str
    to: str
    time: str
    date: datetime.date
    actor: str
    from_: Optional[str] = json_key("from", default=None)
    outcome: str = ""
    note: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_record
class EngagementTransition(Record):
    """One dated step of an engagement; the step with ``from_`` None is the offer."""

    id: int
    engagement: str
    to: str
    time: str
    date: datetime.date
    actor: str
    from_: Optional[str] = json_key("from", default=None)
    reason: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_record
class ExpressionOfInterest(Record):
    """A lawyer or a firm saying it would take a circulated matter."""

    id: str
    matter: str
    status: str
    date: datetime.date
    actor: str
    lawyer: str = ""
    firm: str = ""
    note: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_record
class ConflictCheck(Record):
    """A firm's (or a lawyer's) clearance of a matter's parties."""

    id: str
    matter: str
    status: str
    requested_on: datetime.date
    remind_on: datetime.date
    requested_by: str = ""
    firm: str = ""
    lawyer: str = ""
    resolved_on: Optional[datetime.date] = None
    resolved_by: str = ""
    note: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_record
class CandidateView(Record):
    """A matter as one candidate lawyer may see it now.

    At the "summary" stage ``facts`` and ``client_ref`` are empty and
    ``withheld_until`` says what still has to happen.
    """

    matter: str
    lawyer: str
    stage: str
    title: str
    practice_area: str
    forum: str
    withheld_until: List[str] = dataclasses.field(default_factory=list)
    summary: str = ""
    related_jurisdictions: List[str] = dataclasses.field(default_factory=list)
    languages: List[str] = dataclasses.field(default_factory=list)
    interpreter_accepted: bool = False
    activities: List[str] = dataclasses.field(default_factory=list)
    help: str = ""
    urgency: str = ""
    deadline: Optional[datetime.date] = None
    period: Optional[DateRange] = None
    estimated_hours: float = 0.0
    status: str = ""
    parties: List[Party] = dataclasses.field(default_factory=list)
    facts: str = ""
    client_ref: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


def _date_text(value: Union[datetime.date, str]) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else value


class Workflow:
    """Workflow calls on one open clearinghouse (see the module docstring)."""

    def __init__(self, handle: "_Handle") -> None:
        self._handle = handle

    # --- Matters ----------------------------------------------------------------

    def post_matter(self, matter: Union[Matter, Mapping[str, Any]], actor: str) -> str:
        """Stores a new matter as a draft with its first history record; returns its id."""
        record = matter.to_dict() if isinstance(matter, Matter) else dict(matter)
        matter_id: str = self._handle.workflow_post_matter(record, actor)
        return matter_id

    def transition(self, matter_id: str, to: str, actor: str, *, outcome: str = "",
                   note: str = "") -> MatterTransition:
        """Moves a matter to status `to`; closing needs an `outcome`."""
        return MatterTransition.from_dict(
            self._handle.workflow_transition(matter_id, to, actor, outcome=outcome, note=note))

    def history(self, matter_id: str) -> ResultList[MatterTransition]:
        return ResultList(MatterTransition.from_dict(item) for item in self._handle.workflow_history(matter_id))

    def expire_overdue(self, actor: str) -> ResultList[MatterTransition]:
        """Moves every open matter whose deadline has passed to "expired"."""
        return ResultList(MatterTransition.from_dict(item) for item in self._handle.workflow_expire_overdue(actor))

    def today(self) -> datetime.date:
        """Today's UTC date by the audit log's clock."""
        return datetime.date.fromisoformat(self._handle.workflow_today())

    # --- Interest and conflict checks ---------------------------------------------

    def express_interest(self, matter_id: str, actor: str, *, lawyer: str = "", firm: str = "",
                         note: str = "") -> ExpressionOfInterest:
        """Records that a lawyer or (exclusive) a firm would take the matter."""
        return ExpressionOfInterest.from_dict(
            self._handle.workflow_express_interest(matter_id, actor, lawyer=lawyer, firm=firm, note=note))

    def withdraw_interest(self, interest_id: str, actor: str) -> ExpressionOfInterest:
        return ExpressionOfInterest.from_dict(self._handle.workflow_withdraw_interest(interest_id, actor))

    def interests(self, matter_id: str) -> ResultList[ExpressionOfInterest]:
        return ResultList(ExpressionOfInterest.from_dict(item) for item in self._handle.workflow_interests(matter_id))

    def request_conflict_check(self, matter_id: str, actor: str, *, firm: str = "", lawyer: str = "",
                               reminder_days: Optional[int] = None, note: str = "") -> ConflictCheck:
        """Asks a firm (or a lawyer without one) to clear the matter's parties."""
        return ConflictCheck.from_dict(self._handle.workflow_request_conflict_check(
            matter_id, actor, firm=firm, lawyer=lawyer, reminder_days=reminder_days, note=note))

    def record_conflict_check(self, check_id: str, result: str, actor: str, *, note: str = "") -> ConflictCheck:
        """Records the answer: `result` is "cleared" or "conflict_found"."""
        return ConflictCheck.from_dict(self._handle.workflow_record_conflict_check(check_id, result, actor, note=note))

    def conflict_checks(self, matter_id: str) -> ResultList[ConflictCheck]:
        return ResultList(ConflictCheck.from_dict(item) for item in self._handle.workflow_conflict_checks(matter_id))

    def due_reminders(self, on: Union[datetime.date, str]) -> ResultList[ConflictCheck]:
        """Checks still requested whose reminder date is on or before `on`."""
        return ResultList(ConflictCheck.from_dict(item)
                          for item in self._handle.workflow_due_reminders(_date_text(on)))

    # --- Engagements ----------------------------------------------------------------

    def offer(self, matter_id: str, lawyer_id: str, decided_by: str, *, reason: str = "",
              supervising_lawyer: str = "") -> Engagement:
        """Records a coordinator's decision to offer the matter to a lawyer."""
        return self._engagement(self._handle.workflow_offer(
            matter_id, lawyer_id, decided_by, reason=reason, supervising_lawyer=supervising_lawyer))

    def accept(self, engagement_id: str, actor: str) -> Engagement:
        return self._engagement(self._handle.workflow_accept(engagement_id, actor))

    def decline(self, engagement_id: str, reason: str, actor: str) -> Engagement:
        return self._engagement(self._handle.workflow_decline(engagement_id, reason, actor))

    def start(self, engagement_id: str, actor: str) -> Engagement:
        return self._engagement(self._handle.workflow_start(engagement_id, actor))

    def complete(self, engagement_id: str, outcome: str, actor: str) -> Engagement:
        return self._engagement(self._handle.workflow_complete(engagement_id, outcome, actor))

    def withdraw(self, engagement_id: str, reason: str, actor: str) -> Engagement:
        return self._engagement(self._handle.workflow_withdraw(engagement_id, reason, actor))

    def log_hours(self, engagement_id: str, entry: Union[HoursEntry, Mapping[str, Any]], actor: str) -> Engagement:
        """Adds hours worked on one day to an active or completed engagement."""
        record = entry.to_dict() if isinstance(entry, HoursEntry) else dict(entry)
        return self._engagement(self._handle.workflow_log_hours(engagement_id, record, actor))

    def record_feedback(self, engagement_id: str, rating: int, actor: str) -> Engagement:
        """The NGO's rating, 1 to 5, of a completed or withdrawn engagement."""
        return self._engagement(self._handle.workflow_record_feedback(engagement_id, rating, actor))

    def engagement_history(self, engagement_id: str) -> ResultList[EngagementTransition]:
        return ResultList(EngagementTransition.from_dict(item)
                          for item in self._handle.workflow_engagement_history(engagement_id))

    # --- Events and disclosure --------------------------------------------------------

    def record_attendance(self, event_id: str, lawyer_ids: Iterable[str], actor: str) -> Event:
        """Adds attendees, each of whom gets a training record per event topic."""
        data = self._handle.workflow_record_attendance(event_id, list(lawyer_ids), actor)
        return Event.from_dict(data)

    def candidate_view(self, matter_id: str, lawyer_id: str) -> CandidateView:
        """What `lawyer_id` may see of the matter now (two-stage disclosure)."""
        return CandidateView.from_dict(self._handle.workflow_candidate_view(matter_id, lawyer_id))

    @staticmethod
    def _engagement(data: Dict[str, Any]) -> Engagement:
        return Engagement.from_dict(data)
