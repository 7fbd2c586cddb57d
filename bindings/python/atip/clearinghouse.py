"""The Clearinghouse: one open atip database with its records, search,
matching and workflow. Open one with :func:`atip.open`."""

from __future__ import annotations

import builtins
import datetime
import json
import logging
import os
from types import TracebackType
from typing import Any, Dict, Generic, Iterable, Iterator, Mapping, Optional, Type, TypeVar, Union, overload

from . import _atip
from .entities import (Engagement, Entity, Event, Jurisdiction, Lawyer, Matter, Organization, PracticeArea,
                       Service, entity_class)
from .results import AssignmentResult, CoverageReport, ImportReport, ResultList, SearchHit, Shortlist
from .workflow import Workflow

__all__ = ["Clearinghouse", "Collection", "open", "PolicyLike", "EntityType"]

# Longer strs are taken as document text, never as a path (PATH_MAX is 4096).
_MAX_PATH_CHARS = 4096

_log = logging.getLogger("atip")

E = TypeVar("E", bound=Entity)

#: A matching policy: None for the defaults, or a dict of the fields to
#: change ({"weights": {"language": 0.3}, "min_score": 0.2}).
PolicyLike = Optional[Mapping[str, Any]]
#: An entity type: "lawyer", "lawyers" or the class Lawyer.
EntityType = Union[str, Type[Entity]]
PathLike = Union[str, "os.PathLike[str]"]


def _policy_argument(policy: PolicyLike) -> Optional[Dict[str, Any]]:
    return None if policy is None else dict(policy)


def _date_argument(value: Union[datetime.date, str, None]) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _record_dict(record: Union[Entity, Mapping[str, Any]]) -> Dict[str, Any]:
    return record.to_dict() if isinstance(record, Entity) else dict(record)


class Collection(Generic[E]):
    """Add, get, update, delete and list the records of one entity type,
    e.g. ``ch.lawyers.get("lawyer-1")``."""

    def __init__(self, clearinghouse: "Clearinghouse", cls: Type[E]) -> None:
        self._clearinghouse = clearinghouse
        self._cls = cls

    @property
    def record_class(self) -> Type[E]:
        return self._cls

    def add(self, record: Union[E, Mapping[str, Any]]) -> str:
        """Stores a new record; returns its id (generated when it has none)."""
        return self._clearinghouse.add(record, entity_type=self._cls)

    def get(self, id: str, *, include_confidential: bool = False) -> E:
        """The record with this id (code for jurisdictions and practice areas);
        NotFoundError when there is none."""
        data = self._clearinghouse._native().get(self._cls.ENTITY_TYPE, id, include_confidential=include_confidential)
        return self._cls.from_dict(data)

    def update(self, record: Union[E, Mapping[str, Any]]) -> None:
        """Replaces the stored record with the same id."""
        self._clearinghouse.update(record, entity_type=self._cls)

    def delete(self, id: str) -> None:
        """Removes the record; ConstraintError while other records refer to it."""
        self._clearinghouse.delete(self._cls, id)

    def list(self, *, limit: int = 0, offset: int = 0, include_confidential: bool = False) -> ResultList[E]:
        """Records ordered by id; `limit` 0 means all."""
        items = self._clearinghouse._native().list(self._cls.ENTITY_TYPE, limit=limit, offset=offset,
                                                 include_confidential=include_confidential)
        return ResultList(self._cls.from_dict(item) for item in items)

    def __iter__(self) -> Iterator[E]:
        return iter(self.list())

    def __contains__(self, id: object) -> bool:
        if not isinstance(id, str):
            return False
        try:
            self._clearinghouse._native().get(self._cls.ENTITY_TYPE, id)
        except _atip.NotFoundError:
            return False
        return True

    def __repr__(self) -> str:
        return f"<atip collection {self._cls.COLLECTION} of {self._clearinghouse!r}>"


class Clearinghouse:
    """One open atip database. A context manager: ``with atip.open(path) as ch:``
    closes the database at the end of the block.

    Calls release the GIL while the C++ library works (import, search,
    matching), so other Python threads keep running; calls on one
    Clearinghouse run one at a time.
    """

    def __init__(self, handle: _atip.Clearinghouse) -> None:
        self._handle = handle
        self.jurisdictions: Collection[Jurisdiction] = Collection(self, Jurisdiction)
        self.practice_areas: Collection[PracticeArea] = Collection(self, PracticeArea)
        self.organizations: Collection[Organization] = Collection(self, Organization)
        self.lawyers: Collection[Lawyer] = Collection(self, Lawyer)
        self.matters: Collection[Matter] = Collection(self, Matter)
        self.engagements: Collection[Engagement] = Collection(self, Engagement)
        self.events: Collection[Event] = Collection(self, Event)
        self.services: Collection[Service] = Collection(self, Service)
        self._workflow = Workflow(handle)

    # --- Life cycle -------------------------------------------------------------

    @property
    def path(self) -> str:
        return self._handle.path

    @property
    def closed(self) -> bool:
        return self._handle.closed

    def close(self) -> None:
        """Closes the database; later calls raise InvalidStateError. Idempotent."""
        self._handle.close()

    def __enter__(self) -> "Clearinghouse":
        return self

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException],
                 traceback: Optional[TracebackType]) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<atip.Clearinghouse {self.path!r} ({state})>"

    def _native(self) -> _atip.Clearinghouse:
        """The extension's object, for the collections."""
        return self._handle

    def load_reference_data(self) -> int:
        """Adds the default jurisdictions and practice areas that are missing; returns how many."""
        return self._handle.load_reference_data()

    # --- Import and export ----------------------------------------------------------

    def import_json(self, source: Union[PathLike, Mapping[str, Any], bytes]) -> ImportReport:
        """Imports a data-set document, all or nothing.

        `source` is a dict, a JSON text (a str that starts with "{", after
        any whitespace and byte-order mark), bytes of JSON, or the path of a
        JSON file (a str or a path object).
        """
        if isinstance(source, Mapping):
            report = self._handle.import_dict(dict(source))
        elif isinstance(source, bytes):
            report = self._handle.import_json(source)
        elif isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith("{"):
            report = self._handle.import_json(source)
        elif isinstance(source, str) and ("\n" in source or len(source) > _MAX_PATH_CHARS):
            # Not a path. Echoing it in the error would copy personal data
            # from the document into logs.
            raise _atip.InvalidArgumentError(
                f"source: a str of {len(source)} characters is neither a JSON object text (it does not start "
                "with \"{\") nor a file path")
        elif isinstance(source, (str, os.PathLike)):
            report = self._handle.import_json(self._read_file(source))
        else:
            raise TypeError(f"import_json: expected a path, a JSON text or a dict, got {type(source).__name__}")
        result = ImportReport.from_dict(report)
        _log.debug("imported %d records into %s", result.total, self.path)
        return result

    @staticmethod
    def _read_file(path: PathLike) -> bytes:
        try:
            with builtins.open(path, "rb") as file:
                return file.read()
        except OSError as error:
            raise _atip.InputOutputError(
                error.errno, f"{os.fspath(path)}: cannot read the data set ({error.strerror})") from error

    def export_json(self, path: Optional[PathLike] = None, *, include_confidential: bool = False) -> str:
        """The whole database as canonical JSON text; also written to `path` when given."""
        text = self._handle.export_json(include_confidential=include_confidential)
        if path is not None:
            try:
                with builtins.open(path, "w", encoding="utf-8", newline="\n") as file:
                    file.write(text)
            except OSError as error:
                raise _atip.InputOutputError(
                    error.errno, f"{os.fspath(path)}: cannot write the data set ({error.strerror})") from error
        return text

    def export_dict(self, *, include_confidential: bool = False) -> Dict[str, Any]:
        """The whole database as a data-set dict."""
        document: Dict[str, Any] = json.loads(self.export_json(include_confidential=include_confidential))
        return document

    # --- Records ------------------------------------------------------------------------

    def collection(self, entity_type: EntityType) -> Collection[Any]:
        """The collection of one entity type ("lawyer", "lawyers" or Lawyer)."""
        cls = entity_class(entity_type)
        result: Collection[Any] = getattr(self, cls.COLLECTION)
        return result

    def add(self, record: Union[Entity, Mapping[str, Any]], *, entity_type: Optional[EntityType] = None) -> str:
        """Stores a new record and returns its id. A dict needs `entity_type`."""
        cls = self._type_of(record, entity_type)
        return self._handle.add(cls.ENTITY_TYPE, _record_dict(record))

    def update(self, record: Union[Entity, Mapping[str, Any]], *, entity_type: Optional[EntityType] = None) -> None:
        """Replaces the stored record that has the same id."""
        cls = self._type_of(record, entity_type)
        self._handle.update(cls.ENTITY_TYPE, _record_dict(record))

    def delete(self, entity_type: EntityType, id: str) -> None:
        """Removes a record (its data is overwritten on disk)."""
        self._handle.remove(entity_class(entity_type).ENTITY_TYPE, id)

    @overload
    def get(self, entity_type: Type[E], id: str, *, include_confidential: bool = False) -> E: ...

    @overload
    def get(self, entity_type: str, id: str, *, include_confidential: bool = False) -> Entity: ...

    def get(self, entity_type: EntityType, id: str, *, include_confidential: bool = False) -> Entity:
        """The record of `entity_type` with this id; NotFoundError when there is none."""
        result: Entity = self.collection(entity_type).get(id, include_confidential=include_confidential)
        return result

    def list(self, entity_type: EntityType, *, limit: int = 0, offset: int = 0,
             include_confidential: bool = False) -> ResultList[Any]:
        """The records of `entity_type`, ordered by id."""
        return self.collection(entity_type).list(limit=limit, offset=offset,
                                                 include_confidential=include_confidential)

    @staticmethod
    def _type_of(record: Union[Entity, Mapping[str, Any]], entity_type: Optional[EntityType]) -> Type[Entity]:
        if entity_type is not None:
            cls = entity_class(entity_type)
            if isinstance(record, Entity) and not isinstance(record, cls):
                raise _atip.InvalidArgumentError(
                    f"record: a {type(record).__name__} is not a {cls.__name__} (entity_type {cls.ENTITY_TYPE!r})")
            return cls
        if isinstance(record, Entity):
            return type(record)
        raise _atip.InvalidArgumentError(
            "entity_type: required when the record is a dict (for example entity_type=\"lawyer\")")

    # --- Search ---------------------------------------------------------------------------

    def search(self, query: str = "", *, entity_type: Optional[EntityType] = None, jurisdiction: str = "",
               language: str = "", limit: int = 20) -> ResultList[SearchHit]:
        """Directory search over organizations, lawyers and services.

        The query may be in any script, without diacritics, in Zawgyi or in
        another ICU romanisation; the last word also matches as a prefix.
        Empty text lists the records that pass the filters.
        """
        type_name = "" if entity_type is None else entity_class(entity_type).ENTITY_TYPE
        hits = self._handle.search(query, entity_type=type_name, jurisdiction=jurisdiction,
                                   language=language, limit=limit)
        return ResultList(SearchHit.from_dict(hit) for hit in hits)

    def rebuild_search_index(self) -> None:
        self._handle.rebuild_search_index()

    # --- Matching ---------------------------------------------------------------------------

    def rank(self, matter_id: str, top: int = 10, policy: PolicyLike = None, explain: bool = True, *,
             include_exclusions: bool = False, as_of: Union[datetime.date, str, None] = None) -> Shortlist:
        """Ranks the lawyers for a stored matter: a Shortlist of Match objects,
        best first, at most `top`. `explain` adds reasons to each match;
        `include_exclusions` lists every excluded lawyer with the constraint."""
        data = self._handle.rank(matter_id, top=top, policy=_policy_argument(policy), explain=explain,
                                 include_exclusions=include_exclusions, as_of=_date_argument(as_of))
        return Shortlist.from_dict(data)

    def assign(self, matter_ids: Optional[Iterable[str]] = None, *, policy: PolicyLike = None,
               as_of: Union[datetime.date, str, None] = None, pricing_threads: int = 2) -> AssignmentResult:
        """Assigns lawyers to a batch of matters (all open matters when
        `matter_ids` is None), maximising the total score under capacities
        and the policy's firm share. Writes nothing."""
        ids = [] if matter_ids is None else list(matter_ids)
        data = self._handle.assign(ids, policy=_policy_argument(policy), as_of=_date_argument(as_of),
                                   pricing_threads=pricing_threads)
        return AssignmentResult.from_dict(data)

    def coverage_gaps(self, *, policy: PolicyLike = None,
                      as_of: Union[datetime.date, str, None] = None) -> CoverageReport:
        """The open matters without an eligible candidate, with the binding
        constraint of each, grouped by forum, practice area and languages."""
        data = self._handle.coverage_gaps(policy=_policy_argument(policy), as_of=_date_argument(as_of))
        return CoverageReport.from_dict(data)

    # --- Reports -------------------------------------------------------------------------------

    def report(self, kind: str, *, by: str = "firm", period: str = "month",
               start: Union[datetime.date, str, None] = None, end: Union[datetime.date, str, None] = None,
               min_cell_size: int = 11, hourly_rates: Optional[Mapping[str, float]] = None,
               currency: str = "USD", placement_window_days: int = 90, policy: PolicyLike = None,
               csv: bool = False) -> Union[Dict[str, Any], str]:
        """Builds a report: "hours" (grouped `by` lawyer, firm, jurisdiction or
        practice_area), "lifecycle", "workshops" or "coverage".

        Counts of matters below `min_cell_size` are suppressed. Returns the
        report as a dict, or as CSV text when `csv` is true.
        """
        result = self._handle.report(kind, by=by, period=period, start=_date_argument(start),
                                     end=_date_argument(end), min_cell_size=min_cell_size,
                                     hourly_rates=dict(hourly_rates or {}), currency=currency,
                                     placement_window_days=placement_window_days,
                                     policy=_policy_argument(policy), csv=csv)
        if csv:
            return str(result)
        return dict(result)

    # --- Workflow ------------------------------------------------------------------------------

    @property
    def workflow(self) -> Workflow:
        """Workflow calls (matter lifecycle, conflict checks, engagements)."""
        return self._workflow


def open(path: PathLike = ":memory:", *, read_only: bool = False, create: bool = True,
         busy_timeout_ms: int = 5000, load_reference_data: bool = True) -> Clearinghouse:
    """Opens (or creates) the clearinghouse database at `path`.

    ":memory:" gives a private in-memory database. With
    `load_reference_data` a new database gets the default jurisdictions and
    practice-area taxonomy.
    """
    handle = _atip.Clearinghouse.open(os.fspath(path), read_only=read_only, create=create,
                                      busy_timeout_ms=busy_timeout_ms, load_reference_data=load_reference_data)
    return Clearinghouse(handle)
