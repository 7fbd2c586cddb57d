"""The records a clearinghouse stores, as typed dataclasses.

Field names, value sets and defaults follow the data-set format
(docs/data-format.md). Enumerated values are plain strings ("active",
"law_firm", ...); dates are :class:`datetime.date`. Build a record with
keyword arguments or from a dict::

    lawyer = Lawyer(id="lawyer-1", names=[Name("Somchai Wongsakul")], vetted=True)
    same = Lawyer.from_dict(lawyer.to_dict())
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, ClassVar, Dict, List, Optional, Tuple, Type

from ._records import Record, json_key, unknown_fields

__all__ = [
    "Name", "ConflictEntry", "DateRange", "Statute", "Jurisdiction", "PracticeArea",
    "FirmExclusions", "Organization", "Admission", "LanguageSkill", "PracticeExperience",
    "Training", "Lawyer", "Party", "ClientProfile", "Matter", "HoursEntry", "Engagement",
    "Event", "Service", "Entity", "ENTITY_CLASSES", "entity_class",
]

_record = dataclasses.dataclass
_entity = dataclasses.dataclass(kw_only=True)


# --- Shared shapes ----------------------------------------------------------------

@_record
class Name(Record):
    """A name in one script or romanisation; the first name of a record is its display name."""

    value: str
    lang: str = ""
    kind: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class ConflictEntry(Record):
    """A party the firm or lawyer acts for ("client") or against ("adverse")."""

    names: List[Name]
    relation: str = "other"
    note: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_record
class DateRange(Record):
    """A closed range of dates; JSON keys "from" and "to"."""

    start: datetime.date = json_key("from")
    end: datetime.date = json_key("to")
    unknown_fields: Dict[str, Any] = unknown_fields()


# --- Entities -----------------------------------------------------------------------

class Entity(Record):
    """Base of the eight stored record types."""

    ENTITY_TYPE: ClassVar[str] = ""
    COLLECTION: ClassVar[str] = ""
    # The field that holds the record's key: "id", or "code" for
    # jurisdictions and practice areas.
    KEY_FIELD: ClassVar[str] = "id"

    @property
    def key(self) -> str:
        """The id (or code) of the record; empty until the store assigns one."""
        value: str = getattr(self, self.KEY_FIELD)
        return value


@_entity
class Statute(Record):
    title: str
    citation: str = ""
    verified: bool = True
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class Jurisdiction(Entity):
    """A legal system with its own courts and bar, keyed by its ISO 3166 code."""

    ENTITY_TYPE: ClassVar[str] = "jurisdiction"
    COLLECTION: ClassVar[str] = "jurisdictions"
    KEY_FIELD: ClassVar[str] = "code"

    code: str
    name: str
    parent: str = ""
    court_languages: List[str] = dataclasses.field(default_factory=list)
    official_languages: List[str] = dataclasses.field(default_factory=list)
    statutes: List[Statute] = dataclasses.field(default_factory=list)
    activity_rules: Dict[str, str] = dataclasses.field(default_factory=dict)
    admission_notes: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class PracticeArea(Entity):
    """A node of the practice-area taxonomy, keyed by its stable code."""

    ENTITY_TYPE: ClassVar[str] = "practice_area"
    COLLECTION: ClassVar[str] = "practice_areas"
    KEY_FIELD: ClassVar[str] = "code"

    code: str
    name: str
    parent: str = ""
    description: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class FirmExclusions(Record):
    """Practice areas, party names and NGO ids a firm will not take matters for."""

    practice_areas: List[str] = dataclasses.field(default_factory=list)
    parties: List[str] = dataclasses.field(default_factory=list)
    ngos: List[str] = dataclasses.field(default_factory=list)
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class Organization(Entity):
    """An NGO, a law firm, a service provider or another body."""

    ENTITY_TYPE: ClassVar[str] = "organization"
    COLLECTION: ClassVar[str] = "organizations"

    kind: str
    names: List[Name]
    id: str = ""
    jurisdictions: List[str] = dataclasses.field(default_factory=list)
    website: str = ""
    conflict_register: List[ConflictEntry] = dataclasses.field(default_factory=list)
    exclusions: FirmExclusions = dataclasses.field(default_factory=FirmExclusions)
    merged_from: List[str] = dataclasses.field(default_factory=list)
    notes: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()

    @property
    def display_name(self) -> str:
        return self.names[0].value if self.names else ""


@_entity
class Admission(Record):
    jurisdiction: str
    since: Optional[datetime.date] = None
    status: str = "active"
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class LanguageSkill(Record):
    tag: str
    proficiency: str = "working"
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class PracticeExperience(Record):
    code: str
    years: int = 0
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class Training(Record):
    topic: str
    jurisdiction: str
    date: datetime.date
    event: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class Lawyer(Entity):
    """A person in the network who takes pro bono work."""

    ENTITY_TYPE: ClassVar[str] = "lawyer"
    COLLECTION: ClassVar[str] = "lawyers"

    names: List[Name]
    id: str = ""
    firm: str = ""
    status: str = "active"
    vetted: bool = False
    admissions: List[Admission] = dataclasses.field(default_factory=list)
    languages: List[LanguageSkill] = dataclasses.field(default_factory=list)
    practice_areas: List[PracticeExperience] = dataclasses.field(default_factory=list)
    trainings: List[Training] = dataclasses.field(default_factory=list)
    max_active_matters: int = 2
    unavailable: List[DateRange] = dataclasses.field(default_factory=list)
    conflict_register: List[ConflictEntry] = dataclasses.field(default_factory=list)
    response_days: float = 3.0
    notes: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()

    @property
    def display_name(self) -> str:
        return self.names[0].value if self.names else ""


@_entity
class Party(Record):
    """A person or organization involved in a matter, checked for conflicts."""

    names: List[Name]
    kind: str = "person"
    role: str = "other"
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class ClientProfile(Record):
    """De-identified profile of the client, for reporting; confidential."""

    gender: str = ""
    age_band: str = ""
    citizenship: str = ""
    exploitation_type: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class Matter(Entity):
    """A legal request posted by an NGO.

    ``facts``, ``client_ref`` and ``client_profile`` are confidential: reads
    return them only with ``include_confidential=True``.
    """

    ENTITY_TYPE: ClassVar[str] = "matter"
    COLLECTION: ClassVar[str] = "matters"

    ngo: str
    title: str
    practice_area: str
    forum: str
    activities: List[str]
    id: str = ""
    summary: str = ""
    facts: str = ""
    related_jurisdictions: List[str] = dataclasses.field(default_factory=list)
    languages: List[str] = dataclasses.field(default_factory=list)
    interpreter_accepted: bool = False
    help: str = "advice"
    urgency: str = "normal"
    deadline: Optional[datetime.date] = None
    period: Optional[DateRange] = None
    estimated_hours: float = 0.0
    team_size: int = 1
    status: str = "draft"
    outcome: str = ""
    parties: List[Party] = dataclasses.field(default_factory=list)
    client_ref: str = ""
    client_profile: ClientProfile = dataclasses.field(default_factory=ClientProfile)
    created: Optional[datetime.date] = None  # None: the store sets today.
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class HoursEntry(Record):
    """Hours worked on one day, more than 0 and at most 24."""

    date: datetime.date
    hours: float
    activity: str = ""
    note: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class Engagement(Entity):
    """One lawyer on one matter, from the offer to completion."""

    ENTITY_TYPE: ClassVar[str] = "engagement"
    COLLECTION: ClassVar[str] = "engagements"

    matter: str
    lawyer: str
    id: str = ""
    supervising_lawyer: str = ""
    status: str = "offered"
    offered_on: Optional[datetime.date] = None  # None: the store sets today.
    decided_on: Optional[datetime.date] = None
    decline_reason: str = ""
    hours: List[HoursEntry] = dataclasses.field(default_factory=list)
    outcome: str = ""
    feedback: Optional[int] = None
    unknown_fields: Dict[str, Any] = unknown_fields()

    @property
    def total_hours(self) -> float:
        return sum(entry.hours for entry in self.hours)


@_entity
class Event(Entity):
    """A workshop, roundtable or webinar; attendance becomes training records."""

    ENTITY_TYPE: ClassVar[str] = "event"
    COLLECTION: ClassVar[str] = "events"

    title: str
    date: datetime.date
    jurisdiction: str
    id: str = ""
    kind: str = "workshop"
    topics: List[str] = dataclasses.field(default_factory=list)
    organizer: str = ""
    attendees: List[str] = dataclasses.field(default_factory=list)
    unknown_fields: Dict[str, Any] = unknown_fields()


@_entity
class Service(Entity):
    """An entry of the community legal assistance directory."""

    ENTITY_TYPE: ClassVar[str] = "service"
    COLLECTION: ClassVar[str] = "services"

    names: List[Name]
    jurisdiction: str
    id: str = ""
    provider: str = ""
    practice_areas: List[str] = dataclasses.field(default_factory=list)
    description: str = ""
    languages: List[str] = dataclasses.field(default_factory=list)
    eligibility: str = ""
    location: str = ""
    hours: str = ""
    cost: str = ""
    unknown_fields: Dict[str, Any] = unknown_fields()

    @property
    def display_name(self) -> str:
        return self.names[0].value if self.names else ""


# In the library's dependency order: a record refers only to types before it.
ENTITY_CLASSES: Tuple[Type[Entity], ...] = (
    Jurisdiction, PracticeArea, Organization, Lawyer, Matter, Engagement, Event, Service)

_BY_NAME: Dict[str, Type[Entity]] = {}
for _cls in ENTITY_CLASSES:
    _BY_NAME[_cls.ENTITY_TYPE] = _cls
    _BY_NAME[_cls.COLLECTION] = _cls


def entity_class(entity_type: "str | Type[Entity]") -> Type[Entity]:
    """The record class for "lawyer", "lawyers" or the class itself."""
    if isinstance(entity_type, type) and issubclass(entity_type, Entity) and entity_type.ENTITY_TYPE:
        return entity_type
    if isinstance(entity_type, str) and entity_type in _BY_NAME:
        return _BY_NAME[entity_type]
    from ._atip import InvalidArgumentError

    names = ", ".join(cls.ENTITY_TYPE for cls in ENTITY_CLASSES)
    raise InvalidArgumentError(f'entity_type: {entity_type!r} is not an entity type (expected one of: {names})')
