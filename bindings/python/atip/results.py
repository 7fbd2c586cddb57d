"""What search, matching and import return, as typed objects.

Lists of results are :class:`ResultList` objects: ordinary lists with a
``to_dataframe()`` method that builds a pandas DataFrame, one row per result,
when pandas is installed.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, Iterable, List, Mapping, Optional, TypeVar

from ._records import Record, unknown_fields

__all__ = [
    "ResultList", "ImportReport", "SearchHit", "Reason", "ConflictReview", "Match", "FunnelStep",
    "CoverageGap", "Exclusion", "Shortlist", "GapGroup", "CoverageReport", "Assignment",
    "UnfilledMatter", "AssignmentResult",
]

T = TypeVar("T")


def _row(item: Any) -> Dict[str, Any]:
    to_row = getattr(item, "to_row", None)
    if callable(to_row):
        row: Dict[str, Any] = to_row()
        return row
    if isinstance(item, Mapping):
        return dict(item)
    return {"value": item}


class ResultList(List[T]):
    """A list of results that converts to a pandas DataFrame."""

    def to_dataframe(self) -> Any:
        """One row per result. Needs pandas (``apt install python3-pandas``);
        raises ImportError naming the package when it is missing."""
        try:
            import pandas
        except ImportError as error:
            raise ImportError(
                "to_dataframe() needs pandas; install it (Debian: apt install python3-pandas)") from error
        rows = [_row(item) for item in self]
        if rows:
            return pandas.DataFrame.from_records(rows)
        return pandas.DataFrame()

    def to_dicts(self) -> List[Dict[str, Any]]:
        """The results as plain dicts."""
        return [item.to_dict() if isinstance(item, Record) else _row(item) for item in self]


def _results(items: Iterable[Any], cls: Any) -> ResultList[Any]:
    return ResultList(cls.from_dict(item) for item in items)


_result = dataclasses.dataclass(kw_only=True)


@_result
class ImportReport(Record):
    """What an import wrote: records per collection and the fields converted from Zawgyi."""

    counts: Dict[str, int] = dataclasses.field(default_factory=dict)
    zawgyi_converted: List[str] = dataclasses.field(default_factory=list)
    unknown_fields: Dict[str, Any] = unknown_fields()

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@_result
class SearchHit(Record):
    """One directory search result; ``score`` compares only within one search."""

    entity_type: str
    id: str
    score: float = 0.0
    matched_name: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_result
class Reason(Record):
    """A sentence for a coordinator; ``topic`` is a component or constraint name."""

    topic: str
    text: str
    unknown_fields: Dict[str, Any] = unknown_fields()


@_result
class ConflictReview(Record):
    """A party name that nearly matches a conflict register name: a person must review it."""

    party_name: str
    register_name: str
    source: str = ""
    owner_id: str = ""
    rule: str = ""
    similarity: float = 0.0
    unknown_fields: Dict[str, Any] = unknown_fields()


@_result
class Match(Record):
    """A ranked candidate lawyer.

    ``components`` maps each soft component ("practice_area", "language",
    ...) to its score in [0, 1]; ``weights`` maps it to the policy weight used.
    """

    lawyer_id: str
    score: float
    components: Dict[str, float] = dataclasses.field(default_factory=dict)
    reasons: List[Reason] = dataclasses.field(default_factory=list)
    lawyer_name: str = ""
    firm_id: str = ""
    weights: Dict[str, float] = dataclasses.field(default_factory=dict)
    conflict_reviews: List[ConflictReview] = dataclasses.field(default_factory=list)
    needs_local_co_counsel: bool = False
    matter_id: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> "Match":
        if not isinstance(data, Mapping):
            raise TypeError(f"Match.from_dict: expected a dict, got {type(data).__name__}")
        data = dict(data)
        components = data.pop("components", [])
        match = super().from_dict(data)
        # The JSON form lists {"component", "score", "weight"}; a mapping of
        # component to score is accepted too.
        if isinstance(components, Mapping):
            match.components = {str(name): float(score) for name, score in components.items()}
        else:
            for item in components:
                match.components[item["component"]] = float(item["score"])
                if "weight" in item:
                    match.weights[item["component"]] = float(item["weight"])
        return match

    def to_dict(self) -> Dict[str, Any]:
        result = super().to_dict()
        result.pop("weights", None)
        result["components"] = [
            {"component": name, "score": score, "weight": self.weights.get(name, 0.0)}
            for name, score in self.components.items()]
        result.setdefault("needs_local_co_counsel", self.needs_local_co_counsel)
        return result

    def to_row(self) -> Dict[str, Any]:
        """Flat: one column per component score, reasons joined by newlines."""
        row: Dict[str, Any] = {"matter_id": self.matter_id, "lawyer_id": self.lawyer_id,
                               "lawyer_name": self.lawyer_name, "firm_id": self.firm_id, "score": self.score}
        for name, score in self.components.items():
            row[name] = score
        row["needs_local_co_counsel"] = self.needs_local_co_counsel
        row["conflict_reviews"] = len(self.conflict_reviews)
        row["reasons"] = "\n".join(reason.text for reason in self.reasons)
        return row


@_result
class FunnelStep(Record):
    """Candidates left after applying the constraints up to ``constraint``."""

    constraint: str
    remaining: int
    unknown_fields: Dict[str, Any] = unknown_fields()


@_result
class CoverageGap(Record):
    """Why a matter has no eligible candidate: the binding constraint."""

    matter_id: str
    binding: str
    remaining_before: int = 0
    funnel: List[FunnelStep] = dataclasses.field(default_factory=list)
    explanation: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()

    def to_row(self) -> Dict[str, Any]:
        return {"matter_id": self.matter_id, "binding": self.binding,
                "remaining_before": self.remaining_before, "explanation": self.explanation}


@_result
class Exclusion(Record):
    """A lawyer ruled out by a hard constraint."""

    lawyer_id: str
    constraint: str
    failed: List[str] = dataclasses.field(default_factory=list)
    detail: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


class Shortlist(ResultList[Match]):
    """The ranking of one matter: the matches, best first, plus how many
    lawyers each constraint left (``funnel``), the gap when nobody is
    eligible and, on request, the excluded lawyers."""

    matter_id: str
    lawyers_considered: int
    eligible: int
    funnel: List[FunnelStep]
    gap: Optional[CoverageGap]
    exclusions: ResultList[Exclusion]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Shortlist":
        shortlist = cls(Match.from_dict(item) for item in data.get("matches", []))
        shortlist.matter_id = str(data.get("matter_id", ""))
        for match in shortlist:
            match.matter_id = shortlist.matter_id
        shortlist.lawyers_considered = int(data.get("lawyers_considered", 0))
        shortlist.eligible = int(data.get("eligible", 0))
        shortlist.funnel = [FunnelStep.from_dict(step) for step in data.get("funnel", [])]
        gap = data.get("gap")
        shortlist.gap = CoverageGap.from_dict(gap) if gap else None
        shortlist.exclusions = _results(data.get("exclusions", []), Exclusion)
        return shortlist

    def __repr__(self) -> str:
        return (f"Shortlist(matter_id={self.matter_id!r}, eligible={self.eligible}, "
                f"matches={list.__repr__(self)})")


@_result
class GapGroup(Record):
    """Matters without candidates that share forum, practice area and languages."""

    forum: str
    practice_area: str
    languages: List[str] = dataclasses.field(default_factory=list)
    matter_ids: List[str] = dataclasses.field(default_factory=list)
    # Constraint name -> how often it was the binding one, most frequent first.
    binding: Dict[str, int] = dataclasses.field(default_factory=dict)
    unknown_fields: Dict[str, Any] = unknown_fields()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> "GapGroup":
        if not isinstance(data, Mapping):
            raise TypeError(f"GapGroup.from_dict: expected a dict, got {type(data).__name__}")
        data = dict(data)
        binding = data.pop("binding", [])
        group = super().from_dict(data)
        if isinstance(binding, Mapping):
            group.binding = {str(name): int(count) for name, count in binding.items()}
        else:
            group.binding = {item["constraint"]: int(item["matters"]) for item in binding}
        return group

    def to_dict(self) -> Dict[str, Any]:
        result = super().to_dict()
        result["binding"] = [{"constraint": name, "matters": count} for name, count in self.binding.items()]
        return result

    def to_row(self) -> Dict[str, Any]:
        return {"forum": self.forum, "practice_area": self.practice_area,
                "languages": ",".join(self.languages), "matters": len(self.matter_ids),
                "binding": next(iter(self.binding), ""), "matter_ids": list(self.matter_ids)}


@_result
class CoverageReport(Record):
    """Coverage of the open matters: the gaps one by one and grouped."""

    open_matters: int = 0
    matters_without_candidates: int = 0
    groups: ResultList[GapGroup] = dataclasses.field(default_factory=ResultList)
    gaps: ResultList[CoverageGap] = dataclasses.field(default_factory=ResultList)
    unknown_fields: Dict[str, Any] = unknown_fields()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> "CoverageReport":
        if not isinstance(data, Mapping):
            raise TypeError(f"CoverageReport.from_dict: expected a dict, got {type(data).__name__}")
        data = dict(data)
        groups = data.pop("groups", [])
        gaps = data.pop("gaps", [])
        report = super().from_dict(data)
        report.groups = _results(groups, GapGroup)
        report.gaps = _results(gaps, CoverageGap)
        return report


@_result
class Assignment(Record):
    """One lawyer assigned to one matter by a batch."""

    matter_id: str
    match: Match
    unknown_fields: Dict[str, Any] = unknown_fields()

    @property
    def lawyer_id(self) -> str:
        return self.match.lawyer_id

    @property
    def score(self) -> float:
        return self.match.score

    def to_row(self) -> Dict[str, Any]:
        row = self.match.to_row()
        row["matter_id"] = self.matter_id
        return row


@_result
class UnfilledMatter(Record):
    """A matter of a batch that got fewer lawyers than it wanted, with the reason."""

    matter_id: str
    wanted: int = 0
    assigned: int = 0
    reason: str = ""
    eligible: int = 0
    detail: str = ""
    gap: Optional[CoverageGap] = None
    unknown_fields: Dict[str, Any] = unknown_fields()

    def to_row(self) -> Dict[str, Any]:
        return {"matter_id": self.matter_id, "wanted": self.wanted, "assigned": self.assigned,
                "reason": self.reason, "eligible": self.eligible, "detail": self.detail,
                "binding": self.gap.binding if self.gap else ""}


@_result
class AssignmentResult(Record):
    """A batch assignment. Nothing is written: offering is the coordinator's decision."""

    assignments: ResultList[Assignment] = dataclasses.field(default_factory=ResultList)
    unfilled: ResultList[UnfilledMatter] = dataclasses.field(default_factory=ResultList)
    already_staffed: List[str] = dataclasses.field(default_factory=list)
    total_score: float = 0.0
    firm_cap: Optional[int] = None
    proved_optimal: bool = False
    unknown_fields: Dict[str, Any] = unknown_fields()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> "AssignmentResult":
        if not isinstance(data, Mapping):
            raise TypeError(f"AssignmentResult.from_dict: expected a dict, got {type(data).__name__}")
        data = dict(data)
        assignments = data.pop("assignments", [])
        unfilled = data.pop("unfilled", [])
        result = super().from_dict(data)
        result.assignments = _results(assignments, Assignment)
        for assignment in result.assignments:
            assignment.match.matter_id = assignment.matter_id
        result.unfilled = _results(unfilled, UnfilledMatter)
        return result
