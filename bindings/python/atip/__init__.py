"""atip: the clearinghouse logic of a pro bono lawyer network for
anti-trafficking NGOs, for Python analysts.

    import atip

    with atip.open("network.db") as ch:
        ch.import_json("demo.json")
        for match in ch.rank("matter-1", top=5):
            print(match.lawyer_id, round(match.score, 2), match.reasons[0].text)

Every error is an :class:`atip.Error`, of a subclass per kind
(NotFoundError, InvalidArgumentError, ...). The library logs nothing itself;
this package uses ``logging.getLogger("atip")`` without configuring handlers.
"""

from __future__ import annotations

import logging as _logging
from typing import Any, Dict, Mapping

from . import _atip, text
from ._atip import (AlreadyExistsError, BusyError, ConstraintError, Error, InputOutputError, IntegrityError,
                    InternalError, InvalidArgumentError, InvalidStateError, LimitExceededError, NotFoundError,
                    OutOfMemoryError, SchemaVersionError)
from ._atip import __version__ as _library_version
from .clearinghouse import Clearinghouse, Collection, open
from .entities import (ENTITY_CLASSES, Admission, ClientProfile, ConflictEntry, DateRange, Engagement, Entity,
                       Event, FirmExclusions, HoursEntry, Jurisdiction, LanguageSkill, Lawyer, Matter, Name,
                       Organization, Party, PracticeArea, PracticeExperience, Service, Statute, Training)
from .results import (Assignment, AssignmentResult, ConflictReview, CoverageGap, CoverageReport, Exclusion,
                      FunnelStep, GapGroup, ImportReport, Match, Reason, ResultList, SearchHit, Shortlist,
                      UnfilledMatter)
from .text import (Collator, is_zawgyi, name_keys, search_key, segment_words, to_unicode, zawgyi_probability,
                   zawgyi_to_unicode)
from .workflow import (CandidateView, ConflictCheck, EngagementTransition, ExpressionOfInterest, MatterTransition,
                       Workflow)

#: The version of the C++ library this package was built with.
__version__: str = _library_version

_logging.getLogger("atip").addHandler(_logging.NullHandler())

#: Every exception class, by error kind name ("not_found": NotFoundError).
ERRORS_BY_KIND: Dict[str, type] = {
    str(cls.kind): cls
    for cls in (InvalidArgumentError, NotFoundError, AlreadyExistsError, ConstraintError, InvalidStateError,
                BusyError, InputOutputError, SchemaVersionError, LimitExceededError, IntegrityError,
                OutOfMemoryError, InternalError)
}


def default_policy() -> Dict[str, Any]:
    """The default matching policy, every field spelled out."""
    return _atip.default_policy()


def normalize_policy(policy: Mapping[str, Any]) -> Dict[str, Any]:
    """Validates a policy dict and returns it with every field filled in;
    InvalidArgumentError names a bad field."""
    return _atip.normalize_policy(dict(policy))


__all__ = [
    "__version__", "open", "Clearinghouse", "Collection", "Workflow", "text",
    "default_policy", "normalize_policy", "ERRORS_BY_KIND",
    # Errors
    "Error", "InvalidArgumentError", "NotFoundError", "AlreadyExistsError", "ConstraintError",
    "InvalidStateError", "BusyError", "InputOutputError", "SchemaVersionError", "LimitExceededError",
    "IntegrityError", "OutOfMemoryError", "InternalError",
    # Records
    "Entity", "ENTITY_CLASSES", "Name", "ConflictEntry", "DateRange", "Statute", "Jurisdiction", "PracticeArea",
    "FirmExclusions", "Organization", "Admission", "LanguageSkill", "PracticeExperience", "Training", "Lawyer",
    "Party", "ClientProfile", "Matter", "HoursEntry", "Engagement", "Event", "Service",
    # Results
    "ResultList", "ImportReport", "SearchHit", "Match", "Reason", "ConflictReview", "Shortlist", "FunnelStep",
    "CoverageGap", "Exclusion", "GapGroup", "CoverageReport", "Assignment", "UnfilledMatter", "AssignmentResult",
    "MatterTransition", "EngagementTransition", "ExpressionOfInterest", "ConflictCheck", "CandidateView",
    # Text
    "search_key", "segment_words", "is_zawgyi", "zawgyi_probability", "zawgyi_to_unicode", "to_unicode",
    "name_keys", "Collator",
]
