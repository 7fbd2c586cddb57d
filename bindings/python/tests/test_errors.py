"""Every C++ error kind arrives in Python as its own exception class."""

from __future__ import annotations

import pathlib
import sqlite3
import threading

import pytest

import atip
from atip import _atip
from support import firm, lawyer, matter, ngo

KINDS = {
    "invalid_argument": (atip.InvalidArgumentError, 1),
    "not_found": (atip.NotFoundError, 2),
    "already_exists": (atip.AlreadyExistsError, 3),
    "constraint": (atip.ConstraintError, 4),
    "invalid_state": (atip.InvalidStateError, 5),
    "busy": (atip.BusyError, 6),
    "io": (atip.InputOutputError, 7),
    "schema_version": (atip.SchemaVersionError, 8),
    "limit_exceeded": (atip.LimitExceededError, 9),
    "integrity": (atip.IntegrityError, 10),
    "no_memory": (atip.OutOfMemoryError, 11),
    "internal": (atip.InternalError, 12),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_raises_its_own_class(kind: str) -> None:
    cls, code = KINDS[kind]

    with pytest.raises(cls) as caught:
        _atip._raise_error(kind, f"field: a {kind} failure")

    assert type(caught.value) is cls
    assert isinstance(caught.value, atip.Error)
    assert not isinstance(caught.value, RuntimeError)
    assert str(caught.value) == f"field: a {kind} failure"
    assert cls.kind == kind
    assert cls.code == code
    assert atip.ERRORS_BY_KIND[kind] is cls


def test_classes_are_distinct_and_named_in_the_package() -> None:
    classes = [cls for cls, _ in KINDS.values()]

    assert len(set(classes)) == len(classes)
    for cls in classes:
        assert cls.__module__ == "atip"
        assert getattr(atip, cls.__name__) is cls


def test_builtin_bases_let_ordinary_handlers_catch() -> None:
    assert issubclass(atip.InvalidArgumentError, ValueError)
    assert issubclass(atip.LimitExceededError, ValueError)
    assert issubclass(atip.NotFoundError, LookupError)
    assert issubclass(atip.InputOutputError, OSError)
    assert issubclass(atip.OutOfMemoryError, MemoryError)


def test_unknown_kind_name_is_invalid_argument() -> None:
    with pytest.raises(atip.InvalidArgumentError, match='"sideways" is not an error kind'):
        _atip._raise_error("sideways", "x")


# --- The same classes from real failures of the library -------------------------------


def test_not_found_from_get(ch: atip.Clearinghouse) -> None:
    with pytest.raises(atip.NotFoundError):
        ch.lawyers.get("lawyer-404")


def test_already_exists_from_duplicate_add(ch: atip.Clearinghouse) -> None:
    ch.add(ngo())

    with pytest.raises(atip.AlreadyExistsError):
        ch.add(ngo())


def test_constraint_from_dangling_reference_and_referenced_delete(ch: atip.Clearinghouse) -> None:
    with pytest.raises(atip.ConstraintError, match="firm-404"):
        ch.add(lawyer(firm_id="firm-404"))

    ch.add(firm())
    ch.add(lawyer(firm_id="firm-1"))
    with pytest.raises(atip.ConstraintError):
        ch.organizations.delete("firm-1")


def test_invalid_argument_names_the_field(ch: atip.Clearinghouse) -> None:
    record = lawyer()
    record.languages[0].proficiency = "fluent"

    with pytest.raises(atip.InvalidArgumentError, match=r"languages\[0\]\.proficiency.*fluent"):
        ch.add(record)


def test_invalid_state_after_close(db_path: pathlib.Path) -> None:
    clearinghouse = atip.open(db_path)
    clearinghouse.close()

    with pytest.raises(atip.InvalidStateError, match="closed"):
        clearinghouse.lawyers.list()


def test_io_error_for_a_missing_file(ch: atip.Clearinghouse, tmp_path: pathlib.Path) -> None:
    with pytest.raises(atip.InputOutputError):
        ch.import_json(tmp_path / "missing.json")


def test_schema_version_from_a_newer_data_set(ch: atip.Clearinghouse) -> None:
    with pytest.raises(atip.SchemaVersionError):
        ch.import_json({"format": "atip-dataset", "version": 99})


def test_limit_exceeded_for_deep_nesting(ch: atip.Clearinghouse) -> None:
    deep: dict = {}
    node = deep
    for _ in range(300):
        node["x"] = {}
        node = node["x"]

    with pytest.raises(atip.LimitExceededError):
        ch.add(deep, entity_type="lawyer")


def test_busy_when_another_connection_holds_the_lock(db_path: pathlib.Path) -> None:
    atip.open(db_path).close()
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with atip.open(db_path, busy_timeout_ms=50, load_reference_data=False) as clearinghouse:
            with pytest.raises(atip.BusyError):
                clearinghouse.add(ngo())
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_schema_version_for_non_database_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not an SQLite database, only some notes" * 100)

    with pytest.raises(atip.SchemaVersionError, match="not an SQLite database"):
        atip.open(path)


def test_errors_cross_threads_as_the_same_classes(ch: atip.Clearinghouse) -> None:
    raised: list = []

    def worker() -> None:
        try:
            ch.matters.get("matter-404")
        except atip.Error as error:
            raised.append(type(error))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()

    assert raised == [atip.NotFoundError]
