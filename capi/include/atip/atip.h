/**
 * @file atip.h
 * @brief The stable C ABI of atip, a pro bono legal clearinghouse library.
 *
 * Plain C99. Every symbol starts with `atip_` (macros with `ATIP_`), every
 * handle is opaque, and records cross the boundary as UTF-8 JSON documents
 * in the data-set schema of the JSON import and export (docs/data-format.md).
 *
 * Conventions that hold for every function unless its comment states otherwise:
 *
 * - **Status.** The function returns an ::atip_status: #ATIP_OK on success,
 *   an error code otherwise. A failure records a message, readable per thread
 *   with atip_error_last_message() and, for calls that take an ::atip_db, per
 *   handle with atip_db_error_message().
 * - **Outputs.** The output parameter comes first and is named `out`. It is
 *   written only when the call returns #ATIP_OK; on failure `*out` keeps the
 *   value it had.
 * - **Ownership.** A `char *` written to `*out` is a NUL-terminated UTF-8
 *   string owned by the caller, who releases it with atip_free() (never with
 *   free(): the library may use another allocator than the caller).
 *   Input strings are borrowed for the duration of the call only.
 * - **Arguments.** A NULL pointer argument is rejected with
 *   #ATIP_E_INVALID_ARGUMENT and a message naming the argument. The
 *   exceptions are option structs documented as "may be NULL" (NULL then
 *   means the defaults) and the release functions atip_free() and
 *   atip_db_close(), which accept NULL and do nothing.
 * - **Text.** Every input string must be valid UTF-8; invalid UTF-8 is
 *   rejected with #ATIP_E_INVALID_ARGUMENT and a message that names the
 *   argument and the byte offset. Malformed JSON is rejected the same way.
 * - **Threads.** Functions without a handle may be called from any thread at
 *   any time. An ::atip_db may be shared by threads: calls on one handle run
 *   one at a time. Open several handles on the same file for parallel work.
 * - **Exceptions.** No C++ exception crosses this boundary; an allocation
 *   failure becomes #ATIP_E_NO_MEMORY.
 * - **Logging.** The library never prints. It passes log messages to the
 *   callback set with atip_set_log_callback().
 */
#ifndef ATIP_ATIP_H
#define ATIP_ATIP_H

#include <stddef.h>

#include "atip/atip_export.h"

/**
 * Underlying type of the public enums when the header is read as C++: `int`,
 * the type a C caller passes. C lets an enum object contain any value of its
 * integer type, but C++ gives an enum without a fixed underlying type a
 * narrower range. With `int` fixed, a value outside the enumerators (such as
 * an unknown status) stays a valid value in the C++ implementation too.
 */
#ifdef __cplusplus
#define ATIP_ENUM_TYPE : int
#else
#define ATIP_ENUM_TYPE
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/** @name Version
 * @{ */

/** Major version of the release this header belongs to. */
#define ATIP_VERSION_MAJOR 0
/** Minor version of the release this header belongs to. */
#define ATIP_VERSION_MINOR 1
/** Patch version of the release this header belongs to. */
#define ATIP_VERSION_PATCH 0
/** The version as one number, MAJOR * 10000 + MINOR * 100 + PATCH. */
#define ATIP_VERSION_NUMBER (ATIP_VERSION_MAJOR * 10000 + ATIP_VERSION_MINOR * 100 + ATIP_VERSION_PATCH)
/** The version as a string, "MAJOR.MINOR.PATCH". */
#define ATIP_VERSION_STRING "0.1.0"
/**
 * True at compile time when this header is version MAJOR.MINOR.PATCH or
 * newer: `#if ATIP_VERSION_AT_LEAST(0, 2, 0)`.
 */
#define ATIP_VERSION_AT_LEAST(major, minor, patch) \
  (ATIP_VERSION_NUMBER >= ((major) * 10000 + (minor) * 100 + (patch)))

/**
 * @brief Returns the version of the library loaded at run time, encoded as
 * #ATIP_VERSION_NUMBER is.
 *
 * Compare it with #ATIP_VERSION_NUMBER to detect a program running against
 * another release than the one it was compiled with. Thread-safe; cannot fail.
 */
ATIP_EXPORT int atip_version_number(void);

/**
 * @brief Returns the version of the library loaded at run time as a static
 * string, "MAJOR.MINOR.PATCH".
 *
 * The string is never NULL, lives as long as the library stays loaded and
 * must not be freed. Thread-safe; cannot fail.
 */
ATIP_EXPORT const char *atip_version_string(void);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Handles
 * Every opaque handle of the C ABI is declared here.
 * @{ */

/**
 * An open clearinghouse database with its search index.
 *
 * Created by atip_db_open(), released by atip_db_close(). Calls on one
 * handle are serialized by an internal lock, so a handle may be shared by
 * threads. Closing must not overlap with any other call on the handle.
 */
typedef struct atip_db atip_db;

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Status codes and errors
 * @{ */

/**
 * Result of every call. The numbers equal the C++ `atip::ErrorKind` values;
 * they are never renumbered or reused, and a new code gets the next free
 * number. Treat a code you do not know as a failure.
 */
typedef enum atip_status ATIP_ENUM_TYPE {
  ATIP_OK = 0,                  /**< Success. */
  ATIP_E_INVALID_ARGUMENT = 1,  /**< Input failed validation: NULL pointer, invalid UTF-8, malformed JSON or an invalid value. */
  ATIP_E_NOT_FOUND = 2,         /**< No record with the requested id. */
  ATIP_E_ALREADY_EXISTS = 3,    /**< A record with that id exists already. */
  ATIP_E_CONSTRAINT = 4,        /**< A reference is dangling, or the record is still referenced. */
  ATIP_E_INVALID_STATE = 5,     /**< The operation is not allowed in the record's (or the library's) current state. */
  ATIP_E_BUSY = 6,              /**< The database stayed locked past the busy timeout. */
  ATIP_E_IO = 7,                /**< A file could not be opened, read or written. */
  ATIP_E_SCHEMA_VERSION = 8,    /**< The database or document was written by a newer version, or is not an atip database. */
  ATIP_E_LIMIT_EXCEEDED = 9,    /**< Input is larger than a documented limit. */
  ATIP_E_INTEGRITY = 10,        /**< Stored data failed verification. */
  ATIP_E_NO_MEMORY = 11,        /**< An allocation failed. */
  ATIP_E_INTERNAL = 12          /**< A bug in atip; the message says where. */
} atip_status;

/**
 * @brief Returns the stable lowercase name of a status code ("ok",
 * "invalid_argument", "not_found", ...), or "unknown" for a number that is
 * not a status code.
 *
 * The string is static: never NULL, never freed. The names equal those of
 * the C++ and Python APIs. Thread-safe; cannot fail.
 */
ATIP_EXPORT const char *atip_status_str(atip_status status);

/**
 * @brief Returns the status of the last failed call made on this thread, or
 * #ATIP_OK when no call has failed since the thread started or since
 * atip_error_clear().
 *
 * Successful calls leave it unchanged, so check a call's own return value
 * first. Thread-safe (each thread has its own); cannot fail.
 */
ATIP_EXPORT atip_status atip_error_last_status(void);

/**
 * @brief Returns the message of the last failed call made on this thread,
 * or "" when there is none.
 *
 * The message starts with the name of the function that failed and names
 * the argument, field path and value at fault, for example
 * `atip_record_add: lawyer.languages[0].tag: "xx-?" is not a valid BCP 47 tag`.
 * The string belongs to the library and stays valid on this thread until the
 * next failing call or atip_error_clear() on the same thread; copy it to keep
 * it longer. Never NULL. Thread-safe (each thread has its own); cannot fail.
 */
ATIP_EXPORT const char *atip_error_last_message(void);

/**
 * @brief Resets this thread's last error to #ATIP_OK and "".
 * Thread-safe; cannot fail.
 */
ATIP_EXPORT void atip_error_clear(void);

/**
 * @brief Reads the status of the last failed call made on `db` from any
 * thread (#ATIP_OK when none has failed).
 *
 * @param[out] out receives the status.
 * @param db an open handle.
 * @return #ATIP_OK, or #ATIP_E_INVALID_ARGUMENT when `out` or `db` is NULL.
 * Thread-safe.
 */
ATIP_EXPORT atip_status atip_db_error_status(atip_status *out, const atip_db *db);

/**
 * @brief Copies the message of the last failed call made on `db` from any
 * thread ("" when none has failed).
 *
 * Unlike atip_error_last_message(), the result is a copy, so another thread
 * that uses the handle cannot invalidate it.
 *
 * @param[out] out receives the message; release it with atip_free().
 * @param db an open handle.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT when `out` or `db` is NULL;
 * #ATIP_E_NO_MEMORY. Thread-safe.
 */
ATIP_EXPORT atip_status atip_db_error_message(char **out, const atip_db *db);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Memory
 * @{ */

/**
 * @brief Releases memory that the library returned through an `out`
 * parameter. NULL is accepted and ignored.
 *
 * The only way to release such memory: free() may use another heap.
 * Thread-safe; cannot fail.
 */
ATIP_EXPORT void atip_free(void *memory);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Logging
 * @{ */

/** Severity of a log message; lower numbers are more severe. */
typedef enum atip_log_level ATIP_ENUM_TYPE {
  ATIP_LOG_ERROR = 1,    /**< A bug in atip was caught (the call returned #ATIP_E_INTERNAL). */
  ATIP_LOG_WARNING = 2,  /**< Input was changed on its way in (Burmese text converted from Zawgyi). */
  ATIP_LOG_INFO = 3,     /**< A database was opened, imported into or closed. */
  ATIP_LOG_DEBUG = 4     /**< A call failed; the message is the error message and may quote input values. */
} atip_log_level;

/**
 * A log callback.
 *
 * @param level the severity.
 * @param message a NUL-terminated UTF-8 line without a trailing newline,
 *   valid only during the callback.
 * @param payload the pointer given to atip_set_log_callback().
 *
 * Runs on the thread whose call logs, possibly on several threads at once.
 * atip calls made from inside the callback work but do not log, and
 * atip_set_log_callback() called from inside it fails with
 * #ATIP_E_INVALID_STATE.
 */
typedef void (*atip_log_fn)(atip_log_level level, const char *message, void *payload);

/**
 * @brief Sets the process-wide log callback, replacing the previous one;
 * NULL `fn` turns logging off (the default).
 *
 * When this call returns, no call of the previous callback is still running
 * or will start, so its payload may be released.
 *
 * @param fn the callback, or NULL.
 * @param payload passed unchanged to every call of `fn`; may be NULL.
 * @return #ATIP_OK, or #ATIP_E_INVALID_STATE when called from inside a log
 * callback. Thread-safe.
 */
ATIP_EXPORT atip_status atip_set_log_callback(atip_log_fn fn, void *payload);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Opening and closing a database
 * @{ */

/** Current version of ::atip_open_options. */
#define ATIP_OPEN_OPTIONS_VERSION 1

/** Options of atip_db_open(). Initialise with #ATIP_OPEN_OPTIONS_INIT. */
typedef struct atip_open_options {
  unsigned int version;     /**< #ATIP_OPEN_OPTIONS_VERSION. */
  int read_only;            /**< Nonzero: open an existing database read-only (default 0). The workflow and audit calls then fail with #ATIP_E_INVALID_STATE. */
  int create;               /**< Nonzero: create the file when it does not exist (default 1). */
  int busy_timeout_ms;      /**< Milliseconds a write waits for another connection's lock, 0 or more (default 5000). */
  int load_reference_data;  /**< Nonzero: load the default jurisdictions and taxonomy into a database that has none (default 1). */
  /** Secret key of the audit log's keyed BLAKE2b hashes, 16 to 64 bytes, or
   *  NULL for plain BLAKE2b (default). The bytes are copied. Every entry of
   *  one log must be written and verified with the same key. */
  const unsigned char *audit_key;
  size_t audit_key_length;  /**< Bytes at `audit_key`; must be 0 when `audit_key` is NULL. */
  /** Days from a conflict check request to its reminder date, 1 to 90 (default 5). */
  int conflict_check_reminder_days;
} atip_open_options;

/** Default ::atip_open_options. */
#define ATIP_OPEN_OPTIONS_INIT { ATIP_OPEN_OPTIONS_VERSION, 0, 1, 5000, 1, NULL, 0, 5 }

/**
 * @brief Opens or creates the clearinghouse database at `path`.
 *
 * Applies forward schema migrations to a database from an earlier version.
 *
 * @param[out] out receives the new handle; release it with atip_db_close().
 * @param path UTF-8 file path, or ":memory:" for a private in-memory database.
 * @param options may be NULL for #ATIP_OPEN_OPTIONS_INIT.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT (NULL `out` or `path`, invalid
 * UTF-8, unsupported options version, negative timeout, an audit key of the
 * wrong length, reminder days out of range); #ATIP_E_IO (the
 * file cannot be opened or created); #ATIP_E_SCHEMA_VERSION (a newer schema,
 * or not an atip database); #ATIP_E_INTEGRITY (migrating an older file found
 * a broken foreign key it already had, and the file is left as it was);
 * #ATIP_E_BUSY; #ATIP_E_NO_MEMORY.
 * Thread-safe.
 */
ATIP_EXPORT atip_status atip_db_open(atip_db **out, const char *path, const atip_open_options *options);

/**
 * @brief Closes the database and releases the handle. NULL is accepted and
 * ignored.
 *
 * Strings returned earlier stay valid (they belong to the caller). Must not
 * overlap with any other call on `db`; the handle is invalid afterwards.
 * Passing it to any call after closing, atip_db_close() included, is
 * undefined behaviour: the library frees the handle and cannot detect the
 * reuse. Set the variable to NULL after closing. Cannot fail.
 */
ATIP_EXPORT void atip_db_close(atip_db *db);

/**
 * @brief Adds the default jurisdictions and practice areas that the
 * database lacks; existing ones are left as they are.
 *
 * @param[out] out receives how many records were added.
 * @param db an open, writable handle.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT; #ATIP_E_BUSY; #ATIP_E_IO.
 */
ATIP_EXPORT atip_status atip_db_load_reference_data(size_t *out, atip_db *db);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Import and export
 * @{ */

/**
 * @brief Imports a data-set document: strict validation, conversion of
 * Burmese text from Zawgyi to Unicode, NFC normalisation, then one
 * transaction.
 *
 * All or nothing: on any error the database is unchanged.
 *
 * @param[out] out receives the import report as JSON:
 *   `{"counts": {"lawyers": 12, ...}, "total": 40, "zawgyi_converted": ["lawyers[3].names[0].value"]}`;
 *   release it with atip_free().
 * @param db an open, writable handle.
 * @param json the data-set document, NUL-terminated UTF-8.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT (the message names the field
 * path and value, or the byte offset of malformed JSON or invalid UTF-8);
 * #ATIP_E_ALREADY_EXISTS; #ATIP_E_CONSTRAINT (a reference to a missing
 * record); #ATIP_E_LIMIT_EXCEEDED; #ATIP_E_SCHEMA_VERSION (a newer data-set
 * format); #ATIP_E_BUSY; #ATIP_E_IO; #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_db_import_json(char **out, atip_db *db, const char *json);

/** Current version of ::atip_export_options. */
#define ATIP_EXPORT_OPTIONS_VERSION 1

/** Options of calls that return records. Initialise with #ATIP_EXPORT_OPTIONS_INIT. */
typedef struct atip_export_options {
  unsigned int version;      /**< #ATIP_EXPORT_OPTIONS_VERSION. */
  /** Nonzero: include the confidential matter fields (facts, client_ref,
   *  client_profile), which are left out by default. */
  int include_confidential;
} atip_export_options;

/** Default ::atip_export_options: confidential fields left out. */
#define ATIP_EXPORT_OPTIONS_INIT { ATIP_EXPORT_OPTIONS_VERSION, 0 }

/**
 * @brief Exports the whole database as a data-set document.
 *
 * The output is canonical: export, import into an empty database and export
 * again give identical bytes.
 *
 * @param[out] out receives the document; release it with atip_free().
 * @param db an open handle.
 * @param options may be NULL for #ATIP_EXPORT_OPTIONS_INIT.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT; #ATIP_E_BUSY; #ATIP_E_IO;
 * #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_db_export_json(char **out, atip_db *db, const atip_export_options *options);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Records
 * One record at a time, as a JSON object in the data-set schema.
 * @{ */

/** Kind of record. */
typedef enum atip_entity ATIP_ENUM_TYPE {
  ATIP_ENTITY_ANY = 0,            /**< Only in filters: every kind. Rejected where one kind is needed. */
  ATIP_ENTITY_JURISDICTION = 1,   /**< Identified by its ISO 3166 code. */
  ATIP_ENTITY_PRACTICE_AREA = 2,  /**< Identified by its taxonomy code. */
  ATIP_ENTITY_ORGANIZATION = 3,
  ATIP_ENTITY_LAWYER = 4,
  ATIP_ENTITY_MATTER = 5,
  ATIP_ENTITY_ENGAGEMENT = 6,
  ATIP_ENTITY_EVENT = 7,
  ATIP_ENTITY_SERVICE = 8
} atip_entity;

/**
 * @brief Validates a record and inserts it.
 *
 * @param[out] out receives the record's id (generated when the record has
 *   none); release it with atip_free().
 * @param db an open, writable handle.
 * @param entity the kind of record.
 * @param record_json one JSON object, NUL-terminated UTF-8.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT (the message names the field
 * path, such as `lawyer.admissions[0].jurisdiction`); #ATIP_E_ALREADY_EXISTS;
 * #ATIP_E_CONSTRAINT (a reference to a missing record);
 * #ATIP_E_LIMIT_EXCEEDED; #ATIP_E_BUSY; #ATIP_E_IO; #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_record_add(char **out, atip_db *db, atip_entity entity, const char *record_json);

/**
 * @brief Reads one record.
 *
 * @param[out] out receives the record as a JSON object; release it with
 *   atip_free().
 * @param db an open handle.
 * @param entity the kind of record.
 * @param id the record's id (code for jurisdictions and practice areas).
 * @param options may be NULL for #ATIP_EXPORT_OPTIONS_INIT.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT; #ATIP_E_NOT_FOUND;
 * #ATIP_E_BUSY; #ATIP_E_IO; #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_record_get(char **out, atip_db *db, atip_entity entity, const char *id,
                                        const atip_export_options *options);

/**
 * @brief Replaces a whole record, found by the id inside `record_json`.
 *
 * @param db an open, writable handle.
 * @param entity the kind of record.
 * @param record_json one JSON object with an id, NUL-terminated UTF-8.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT; #ATIP_E_NOT_FOUND;
 * #ATIP_E_CONSTRAINT; #ATIP_E_LIMIT_EXCEEDED; #ATIP_E_BUSY; #ATIP_E_IO;
 * #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_record_update(atip_db *db, atip_entity entity, const char *record_json);

/**
 * @brief Deletes a record; its stored bytes are overwritten.
 *
 * @param db an open, writable handle.
 * @param entity the kind of record.
 * @param id the record's id.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT; #ATIP_E_NOT_FOUND;
 * #ATIP_E_CONSTRAINT (other records still refer to it); #ATIP_E_BUSY;
 * #ATIP_E_IO.
 */
ATIP_EXPORT atip_status atip_record_remove(atip_db *db, atip_entity entity, const char *id);

/** Current version of ::atip_list_options. */
#define ATIP_LIST_OPTIONS_VERSION 1

/** Options of atip_record_list(). Initialise with #ATIP_LIST_OPTIONS_INIT. */
typedef struct atip_list_options {
  unsigned int version;      /**< #ATIP_LIST_OPTIONS_VERSION. */
  size_t limit;              /**< Maximum number of records; 0 for no limit (default). */
  size_t offset;             /**< Records to skip first (default 0). */
  int include_confidential;  /**< Nonzero: include confidential matter fields (default 0). */
} atip_list_options;

/** Default ::atip_list_options: every record, confidential fields left out. */
#define ATIP_LIST_OPTIONS_INIT { ATIP_LIST_OPTIONS_VERSION, 0, 0, 0 }

/**
 * @brief Lists the records of one kind, ordered by id (by code for
 * jurisdictions and practice areas).
 *
 * @param[out] out receives a JSON array of records; release it with
 *   atip_free().
 * @param db an open handle.
 * @param entity the kind of record.
 * @param options may be NULL for #ATIP_LIST_OPTIONS_INIT.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT; #ATIP_E_BUSY; #ATIP_E_IO;
 * #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_record_list(char **out, atip_db *db, atip_entity entity,
                                         const atip_list_options *options);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Directory search
 * Full-text search over organizations, lawyers and services, in any script.
 * @{ */

/** Current version of ::atip_directory_query. */
#define ATIP_DIRECTORY_QUERY_VERSION 1

/**
 * A directory search. Initialise with #ATIP_DIRECTORY_QUERY_INIT. A NULL or
 * empty string field means "no filter".
 */
typedef struct atip_directory_query {
  unsigned int version;      /**< #ATIP_DIRECTORY_QUERY_VERSION. */
  /** Words to find, in any script. The last word also matches as a prefix
   *  unless the text ends with a space. Empty text lists what passes the
   *  filters. At most 1024 bytes and 32 words. */
  const char *text;
  /** #ATIP_ENTITY_ANY, #ATIP_ENTITY_ORGANIZATION, #ATIP_ENTITY_LAWYER or
   *  #ATIP_ENTITY_SERVICE. */
  atip_entity entity;
  /** Jurisdiction code: "TH" also matches "TH-10" and the reverse. */
  const char *jurisdiction;
  /** BCP 47 tag: "zh" also matches "zh-Hant". */
  const char *language;
  size_t limit;              /**< Maximum number of hits, 1 to 1000 (default 20). */
} atip_directory_query;

/** Default ::atip_directory_query: no text, no filter, 20 hits. */
#define ATIP_DIRECTORY_QUERY_INIT { ATIP_DIRECTORY_QUERY_VERSION, NULL, ATIP_ENTITY_ANY, NULL, NULL, 20 }

/**
 * @brief Searches the directory. Diacritics, case, romanisation, Khmer
 * spelling variants and Zawgyi in the query do not prevent a match.
 *
 * @param[out] out receives a JSON array of hits, best first:
 *   `[{"entity_type": "lawyer", "id": "...", "score": 7.2, "matched_name": "..."}]`.
 *   Scores compare only within one search. Release it with atip_free().
 * @param db an open handle.
 * @param query the search.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT (bad filter, limit or entity);
 * #ATIP_E_LIMIT_EXCEEDED (text too long); #ATIP_E_BUSY; #ATIP_E_IO;
 * #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_directory_search(char **out, atip_db *db, const atip_directory_query *query);

/**
 * @brief Rebuilds the search index from the stored records, for example
 * after the database file was restored from a backup.
 *
 * @param db an open, writable handle.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT; #ATIP_E_BUSY; #ATIP_E_IO;
 * #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_directory_rebuild_index(atip_db *db);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Matching
 * Ranking lawyers for a matter, batch assignment and coverage gaps.
 *
 * Each call takes a matching policy as a JSON object: weights of the soft
 * score components, eligibility switches, a score floor and a per-firm
 * share. atip_match_policy_check() returns every field with its default.
 * Absent fields keep their defaults,
 * and a NULL `policy_json` means the default policy. An unknown field, a
 * value of the wrong type or out of range is #ATIP_E_INVALID_ARGUMENT with a
 * message that names the field, such as
 * `policy.weights.language: -1 is out of range (expected 0-1)`.
 *
 * Matching reads the database and writes nothing: offering a matter to a
 * lawyer is a separate, recorded decision (atip_workflow_offer()).
 * @{ */

/**
 * @brief Validates a matching policy and returns it with every field filled
 * in, so a caller can see the defaults it relies on.
 *
 * @param[out] out receives the complete policy as a JSON object; release it
 *   with atip_free().
 * @param policy_json a JSON object, NUL-terminated UTF-8; "{}" gives the
 *   default policy.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT (NULL argument, invalid UTF-8,
 * malformed JSON, an invalid policy field); #ATIP_E_NO_MEMORY.
 * Thread-safe.
 */
ATIP_EXPORT atip_status atip_match_policy_check(char **out, const char *policy_json);

/** Current version of ::atip_rank_options. */
#define ATIP_RANK_OPTIONS_VERSION 1

/** Options of atip_match_rank(). Initialise with #ATIP_RANK_OPTIONS_INIT. */
typedef struct atip_rank_options {
  unsigned int version;     /**< #ATIP_RANK_OPTIONS_VERSION. */
  size_t top;               /**< Maximum number of matches, 0 to 10000 (default 10). */
  int explain;              /**< Nonzero: give each match its reasons and conflict reviews (default 1). */
  /** Nonzero: list every excluded lawyer with the constraints it failed
   *  (default 0; one entry per excluded lawyer, so slow on large networks). */
  int include_exclusions;
  /** The day the ranking is for, "YYYY-MM-DD", or NULL for today in UTC
   *  (default). It sets the availability window of a matter without a
   *  period and the age of trainings. */
  const char *as_of;
} atip_rank_options;

/** Default ::atip_rank_options: ten matches with reasons, as of today. */
#define ATIP_RANK_OPTIONS_INIT { ATIP_RANK_OPTIONS_VERSION, 10, 1, 0, NULL }

/**
 * @brief Ranks the lawyers of the network for a stored matter, in any state.
 *
 * Lawyers failing a hard constraint (status, capacity, availability,
 * conflict of interest, admission, language, firm exclusion) are excluded.
 * The rest are scored in [0, 1] and ordered best first. Ties break on lawyer
 * id, so the same data always gives the same ranking.
 *
 * @param[out] out receives the ranking as a JSON object:
 *   `{"matter_id", "lawyers_considered", "eligible", "matches": [{"lawyer_id",
 *   "lawyer_name", "firm_id", "score", "components": [...], "reasons":
 *   [{"topic", "text"}], "conflict_reviews": [...], "needs_local_co_counsel"}],
 *   "funnel": [...], "gap", "exclusions"}`. A near conflict of interest
 *   keeps the lawyer in the list and adds an entry to `conflict_reviews`
 *   for a person to review. Release it with atip_free().
 * @param db an open handle.
 * @param matter_id the matter's id.
 * @param policy_json a policy JSON object, or NULL for the default policy.
 * @param options may be NULL for #ATIP_RANK_OPTIONS_INIT.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT (NULL argument, invalid UTF-8,
 * malformed JSON, an invalid policy field or option); #ATIP_E_NOT_FOUND (no
 * such matter); #ATIP_E_BUSY; #ATIP_E_IO; #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_match_rank(char **out, atip_db *db, const char *matter_id, const char *policy_json,
                                        const atip_rank_options *options);

/** Current version of ::atip_assign_options. */
#define ATIP_ASSIGN_OPTIONS_VERSION 1

/** Options of atip_match_assign(). Initialise with #ATIP_ASSIGN_OPTIONS_INIT. */
typedef struct atip_assign_options {
  unsigned int version;             /**< #ATIP_ASSIGN_OPTIONS_VERSION. */
  /** Ids of the matters of the batch, or NULL for every open matter
   *  (default). Each must exist, be open and appear once. The array and its
   *  strings are borrowed for the duration of the call. */
  const char *const *matter_ids;
  size_t matter_count;              /**< Entries of `matter_ids`; must be 0 when it is NULL. */
  const char *as_of;                /**< As in ::atip_rank_options; NULL for today in UTC. */
  /** Threads that score candidate pairs, 1 to 64 (default 2). Batches of
   *  fewer than 256 matters always use the calling thread only. */
  int threads;
} atip_assign_options;

/** Default ::atip_assign_options: every open matter, as of today, two threads. */
#define ATIP_ASSIGN_OPTIONS_INIT { ATIP_ASSIGN_OPTIONS_VERSION, NULL, 0, NULL, 2 }

/**
 * @brief Assigns at most the wanted number of lawyers to each matter of a
 * batch, respecting each lawyer's free capacity and the policy's per-firm
 * share, and maximising the total score (an exact min-cost flow, not a
 * greedy pass).
 *
 * Writes nothing: the result is a proposal for a coordinator.
 *
 * @param[out] out receives the result as a JSON object: `{"assignments":
 *   [{"matter_id", "match"}], "unfilled": [{"matter_id", "wanted",
 *   "assigned", "reason", "eligible", "detail", "gap"}], "already_staffed",
 *   "total_score", "firm_cap", "proved_optimal"}`; release it with
 *   atip_free().
 * @param db an open handle.
 * @param policy_json a policy JSON object, or NULL for the default policy.
 * @param options may be NULL for #ATIP_ASSIGN_OPTIONS_INIT.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT (NULL argument, invalid UTF-8,
 * malformed JSON, an invalid policy field or option, a matter listed
 * twice); #ATIP_E_NOT_FOUND (a listed matter does not exist);
 * #ATIP_E_INVALID_STATE (a listed matter is not open); #ATIP_E_BUSY;
 * #ATIP_E_IO; #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_match_assign(char **out, atip_db *db, const char *policy_json,
                                          const atip_assign_options *options);

/**
 * @brief Finds the open matters for which no lawyer is eligible, with the
 * constraint that left no candidate, grouped by forum, practice area and
 * languages.
 *
 * @param[out] out receives the report as a JSON object: `{"open_matters",
 *   "matters_without_candidates", "groups": [{"forum", "practice_area",
 *   "languages", "matters", "binding"}], "gaps": [{"matter_id", "binding",
 *   "remaining_before", "funnel", "explanation"}]}`; release it with
 *   atip_free().
 * @param db an open handle.
 * @param policy_json a policy JSON object, or NULL for the default policy.
 * @param as_of the day the report is for, "YYYY-MM-DD", or NULL for today
 *   in UTC.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT (NULL `out` or `db`, invalid
 * UTF-8, malformed JSON, an invalid policy field or date); #ATIP_E_BUSY;
 * #ATIP_E_IO; #ATIP_E_NO_MEMORY.
 */
ATIP_EXPORT atip_status atip_match_find_coverage_gaps(char **out, atip_db *db, const char *policy_json,
                                                      const char *as_of);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Workflow
 * The recorded steps of a matter and its engagements.
 *
 * Every workflow call has the same shape: a request as one JSON object in,
 * a JSON result out. Unknown request fields are rejected, and so is a field
 * given twice in one object, so a misspelt or repeated field never goes
 * unnoticed. Fields marked optional may be left out. Every
 * change runs in one transaction together with its audit log entries, and
 * records the actor, an id of 1 to 128 printable bytes naming the person or
 * system that made it.
 *
 * The calls need a writable handle: on a read-only one they fail with
 * #ATIP_E_INVALID_STATE. Besides the errors listed per call, each may return
 * #ATIP_E_INVALID_ARGUMENT (NULL argument, invalid UTF-8, malformed JSON, a
 * missing, unknown, repeated or invalid request field, named in the
 * message), #ATIP_E_LIMIT_EXCEEDED, #ATIP_E_BUSY, #ATIP_E_IO and
 * #ATIP_E_NO_MEMORY. #ATIP_E_LIMIT_EXCEEDED means a request nested more
 * than 64 levels deep, or a text longer than its field allows, such as an
 * id of more than 128 bytes. A record that does not exist is
 * #ATIP_E_NOT_FOUND, and the message names the request field that held its
 * id, such as `request.engagement`.
 *
 * A matter moves draft → vetted → circulated → interest_expressed →
 * conflict_check → placed → in_progress → closed, or to withdrawn or
 * expired. An engagement moves offered → accepted or declined, accepted →
 * active → completed, and offered, accepted or active → withdrawn. A step
 * that the current state does not allow is #ATIP_E_INVALID_STATE, and the
 * message names the current state and the allowed ones.
 * @{ */

/**
 * @brief Posts a new matter as a draft, with the first entry of its history.
 *
 * The matter's text is cleaned as an import cleans it (Zawgyi converted to
 * Unicode, NFC).
 *
 * @param[out] out receives `{"id": "..."}`, the matter's id (generated when
 *   the matter has none); release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"matter": {...}, "actor": "..."}`, where `matter` is
 *   a matter in the data-set schema whose status is absent or "draft".
 * @return #ATIP_OK; #ATIP_E_ALREADY_EXISTS; #ATIP_E_CONSTRAINT (a reference
 * to a missing record); #ATIP_E_LIMIT_EXCEEDED; and the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_post_matter(char **out, atip_db *db, const char *request_json);

/**
 * @brief Moves a matter to another state of its lifecycle.
 *
 * @param[out] out receives the recorded transition: `{"id", "matter",
 *   "from", "to", "time", "date", "actor"}`, with `"outcome"` and `"note"`
 *   added when the step had them; release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"matter": id, "to": state, "actor": id}`, optional
 *   `"outcome"` (required to close, rejected otherwise) and `"note"`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_transition(char **out, atip_db *db, const char *request_json);

/**
 * @brief Reads the lifecycle of a matter.
 *
 * @param[out] out receives a JSON array of transitions, oldest first, as
 *   atip_workflow_transition() returns them; release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"matter": id}`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; and the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_history(char **out, atip_db *db, const char *request_json);

/**
 * @brief Moves every open matter whose deadline has passed (a deadline
 * before today in UTC) to expired, and withdraws its offered, accepted and
 * active engagements with the reason "matter expired".
 *
 * Run it once a day, for example from a scheduled job. All matters change
 * in one transaction: on failure none has changed.
 *
 * @param[out] out receives a JSON array with one recorded transition per
 *   expired matter, as atip_workflow_transition() returns it. The array is
 *   `[]` when no matter was overdue. Release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"actor": id}`.
 * @return #ATIP_OK; and the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_expire_overdue(char **out, atip_db *db, const char *request_json);

/**
 * @brief Lists the states a matter or an engagement may move to from a
 * given state, so a user interface can hide the steps the state machine
 * would reject. A step may still fail for other reasons, such as an offer
 * without a cleared conflict check.
 *
 * Needs no database: the state machines are fixed by the library version.
 *
 * @param[out] out receives `{"record", "status", "terminal": true or false,
 *   "allowed": [state, ...]}`, with `allowed` in lifecycle order and empty
 *   for a terminal state; release it with atip_free().
 * @param request_json `{"record": "matter" or "engagement", "status":
 *   state}`.
 * @return #ATIP_OK; #ATIP_E_INVALID_ARGUMENT (NULL argument, invalid UTF-8,
 * malformed JSON, an unknown record or state, an unknown or repeated
 * field); #ATIP_E_LIMIT_EXCEEDED (a request nested more than 64 levels
 * deep, or a value longer than 512 bytes); #ATIP_E_NO_MEMORY. Thread-safe.
 */
ATIP_EXPORT atip_status atip_workflow_allowed_transitions(char **out, const char *request_json);

/**
 * @brief Records a lawyer's or a firm's expression of interest in a
 * circulated matter. The first one moves the matter to interest_expressed.
 *
 * @param[out] out receives the expression of interest: `{"id", "matter",
 *   "lawyer" or "firm", "status", "date", "actor", "note"}`; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"matter": id, "actor": id}` with exactly one of
 *   `"lawyer": id` and `"firm": id`, optional `"note"`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_express_interest(char **out, atip_db *db, const char *request_json);

/**
 * @brief Withdraws an active expression of interest.
 *
 * The matter keeps its state: a matter at interest_expressed stays there
 * even when no active interest is left.
 *
 * @param[out] out receives the updated expression of interest, as
 *   atip_workflow_express_interest() returns it, with `"status":
 *   "withdrawn"`; release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"interest": id, "actor": id}`, where `interest` is
 *   the `id` that atip_workflow_express_interest() returned.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE (withdrawn
 * already); and the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_withdraw_interest(char **out, atip_db *db, const char *request_json);

/**
 * @brief Lists the expressions of interest in a matter, active and
 * withdrawn.
 *
 * @param[out] out receives a JSON array of expressions of interest, as
 *   atip_workflow_express_interest() returns them; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"matter": id}`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND (no such matter); and the workflow
 * errors.
 */
ATIP_EXPORT atip_status atip_workflow_interests(char **out, atip_db *db, const char *request_json);

/**
 * @brief Asks a firm, or a lawyer without a firm, to clear the matter's
 * parties against its conflict register. The first request moves the
 * matter to conflict_check.
 *
 * @param[out] out receives the conflict check: `{"id", "matter", "firm" or
 *   "lawyer", "status": "requested", "requested_on", "remind_on", ...}`;
 *   release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"matter": id, "actor": id}` with `"firm": id` or
 *   `"lawyer": id` (a lawyer of a firm is checked through the firm),
 *   optional `"reminder_days"` (1 to 90) and `"note"`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_request_conflict_check(char **out, atip_db *db, const char *request_json);

/**
 * @brief Records the result of a firm's conflict check.
 *
 * @param[out] out receives the updated conflict check; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"check": id, "result": "cleared" or
 *   "conflict_found", "actor": id}`, optional `"note"`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE (already
 * answered); and the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_record_conflict_check(char **out, atip_db *db, const char *request_json);

/**
 * @brief Lists the conflict checks of a matter in every status: requested,
 * cleared and conflict_found.
 *
 * @param[out] out receives a JSON array of conflict checks, as
 *   atip_workflow_request_conflict_check() returns them; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"matter": id}`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND (no such matter); and the workflow
 * errors.
 */
ATIP_EXPORT atip_status atip_workflow_conflict_checks(char **out, atip_db *db, const char *request_json);

/**
 * @brief Lists the conflict checks still in status requested whose
 * reminder date (`remind_on`) is on or before a given day: the firms a
 * coordinator should chase.
 *
 * @param[out] out receives a JSON array of conflict checks, as
 *   atip_workflow_request_conflict_check() returns them; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{}` for today in UTC, or `{"on": "YYYY-MM-DD"}`.
 * @return #ATIP_OK; and the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_due_reminders(char **out, atip_db *db, const char *request_json);

/**
 * @brief Records a coordinator's decision to offer a matter to a lawyer.
 *
 * Needs a cleared conflict check for the lawyer's firm (or the lawyer), an
 * active, vetted lawyer with free capacity who is available over the
 * matter's period, and no firm exclusion of the practice area, a party or
 * the NGO.
 *
 * @param[out] out receives the new engagement in the data-set schema;
 *   release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"matter": id, "lawyer": id, "decided_by": id}`,
 *   optional `"reason"` (why this lawyer, such as the match's reasons) and
 *   `"supervising_lawyer": id`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE (the matter's
 * state, no cleared conflict check, or the lawyer is not eligible); and
 * the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_offer(char **out, atip_db *db, const char *request_json);

/**
 * @brief Records that the lawyer accepted an offered engagement; moves the
 * matter from conflict_check to placed.
 *
 * @param[out] out receives the updated engagement; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"engagement": id, "actor": id}`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_accept(char **out, atip_db *db, const char *request_json);

/**
 * @brief Records that the lawyer declined an offered engagement.
 *
 * @param[out] out receives the updated engagement; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"engagement": id, "reason": text, "actor": id}`;
 *   the reason is required.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_decline(char **out, atip_db *db, const char *request_json);

/**
 * @brief Starts the work of an accepted engagement; moves the matter from
 * placed to in_progress.
 *
 * @param[out] out receives the updated engagement; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"engagement": id, "actor": id}`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_start(char **out, atip_db *db, const char *request_json);

/**
 * @brief Completes an active engagement with its outcome.
 *
 * @param[out] out receives the updated engagement; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"engagement": id, "outcome": text, "actor": id}`,
 *   for example `"outcome": "compensation_awarded"`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_complete(char **out, atip_db *db, const char *request_json);

/**
 * @brief Withdraws an offered, accepted or active engagement.
 *
 * @param[out] out receives the updated engagement; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"engagement": id, "reason": text, "actor": id}`;
 *   the reason is required.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_withdraw(char **out, atip_db *db, const char *request_json);

/**
 * @brief Adds hours worked to an active or completed engagement.
 *
 * @param[out] out receives the updated engagement; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"engagement": id, "entry": {"date": "YYYY-MM-DD",
 *   "hours": h}, "actor": id}`, where `hours` is greater than 0 and at most
 *   24, and the entry may add `"activity"` and `"note"`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_log_hours(char **out, atip_db *db, const char *request_json);

/**
 * @brief Records the NGO's rating of a completed or withdrawn engagement.
 *
 * @param[out] out receives the updated engagement; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"engagement": id, "rating": 1 to 5, "actor": id}`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE; and the
 * workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_record_feedback(char **out, atip_db *db, const char *request_json);

/**
 * @brief Reads the lifecycle of an engagement.
 *
 * @param[out] out receives a JSON array of transitions, oldest first:
 *   `[{"id", "engagement", "from", "to", "time", "date", "actor"}]`, with
 *   `"reason"` added when the step had one. The first one, with a null
 *   `from`, is the offer, and its actor is the coordinator who decided it.
 *   Release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"engagement": id}`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; and the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_engagement_history(char **out, atip_db *db, const char *request_json);

/**
 * @brief Records that lawyers attended an event, and gives each of them one
 * training record per topic of the event (topic, the event's jurisdiction
 * and date, and the event id).
 *
 * A lawyer listed already is not added twice and keeps the training records
 * it has, so a repeated call only completes what is missing. Every call adds
 * one audit entry.
 *
 * @param[out] out receives the updated event in the data-set schema;
 *   release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"event": id, "lawyers": [id, ...], "actor": id}`,
 *   with 1 to 1000 lawyer ids.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND (no such event or lawyer);
 * #ATIP_E_INVALID_STATE (the event takes place after today in UTC);
 * #ATIP_E_LIMIT_EXCEEDED (more than 1000 lawyers); and the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_record_attendance(char **out, atip_db *db, const char *request_json);

/**
 * @brief Returns the matter as a candidate lawyer may see it now.
 *
 * Until the conflict check of the lawyer's firm (or of the lawyer, without
 * a firm) has cleared and the lawyer has accepted an engagement, the view
 * contains the redacted summary and the party names only (`"stage":
 * "summary"`, with `"withheld_until"` listing what is missing). After both,
 * it also contains the facts and the pseudonymous client reference (`"stage":
 * "full"`). The client profile is never part of a view.
 *
 * @param[out] out receives the view as a JSON object; release it with
 *   atip_free().
 * @param db an open, writable handle.
 * @param request_json `{"matter": id, "lawyer": id}`.
 * @return #ATIP_OK; #ATIP_E_NOT_FOUND; #ATIP_E_INVALID_STATE (the matter was
 * never circulated); and the workflow errors.
 */
ATIP_EXPORT atip_status atip_workflow_candidate_view(char **out, atip_db *db, const char *request_json);

/**
 * @brief Verifies the hash chain of the audit log from its first entry.
 *
 * Every workflow step and every record write is an entry of the audit log,
 * hashed together with the previous entry's hash, so an entry edited,
 * removed or reordered in the database file breaks the chain. Entries cut
 * off the end are found only against an anchor: the `head` of an earlier
 * verification, kept outside the database.
 *
 * @param[out] out receives `{"intact": true or false, "entries_checked",
 *   "head": {"sequence", "hash"}, "first_issue": {"kind", "sequence",
 *   "message"}}`, with `first_issue` null when intact; release it with
 *   atip_free(). A broken chain is a successful call with `"intact": false`.
 * @param db an open, writable handle.
 * @param request_json `{}`, or `{"anchor": {"sequence": n, "hash": hex}}`.
 * @return #ATIP_OK; #ATIP_E_INTEGRITY (a stored entry cannot be read); and
 * the workflow errors.
 */
ATIP_EXPORT atip_status atip_audit_verify(char **out, atip_db *db, const char *request_json);

/**
 * @brief Reads entries of the audit log in sequence order.
 *
 * The log has an entry for every write of a matter or engagement record,
 * every workflow step, and the workflow's own records (expressions of
 * interest, conflict checks, event attendance).
 *
 * @param[out] out receives a JSON array of entries: `[{"sequence", "time",
 *   "actor", "entity_type", "entity_id", "action", "before", "after",
 *   "previous_hash", "hash"}]`. Unless `include_confidential` is true, the
 *   matter snapshots in `before` and `after` lack the confidential fields
 *   (facts, client_ref, client_profile) and such an entry carries
 *   `"redacted": true`. Release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{}` for every entry, or any of these filters:
 *   `"entity_type"` ("matter", "engagement", "expression_of_interest",
 *   "conflict_check" or "event"),
 *   `"entity_id"`, `"after_sequence"` (only entries with a larger sequence,
 *   default 0), `"limit"` (the maximum number of entries, default 0 for no
 *   limit) and `"include_confidential"` (default false). Another kind of
 *   record as `entity_type`, such as "lawyer", matches no entry. Any other
 *   value is rejected.
 * @return #ATIP_OK; #ATIP_E_INTEGRITY (a stored entry cannot be read; run
 * atip_audit_verify() to find it); and the workflow errors.
 */
ATIP_EXPORT atip_status atip_audit_entries(char **out, atip_db *db, const char *request_json);

/**
 * @brief Reads the last entry's sequence and hash without verifying the
 * chain, as a cheap anchor to keep outside the database for a later
 * atip_audit_verify().
 *
 * @param[out] out receives `{"sequence", "hash"}`, with sequence 0 and an
 *   empty hash for an empty log; release it with atip_free().
 * @param db an open, writable handle.
 * @param request_json `{}`.
 * @return #ATIP_OK; and the workflow errors.
 */
ATIP_EXPORT atip_status atip_audit_head(char **out, atip_db *db, const char *request_json);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Reports
 * Donated hours, the matter lifecycle, workshops and coverage gaps, for the
 * network and its donors.
 *
 * Every report call has the workflow calls' shape: a request as one JSON
 * object in, the report out. Unknown request fields are rejected, and so
 * are fields of another kind of report and a field given twice in one
 * object. Every field is optional. These
 * fields apply to every report:
 *
 * - `"format"`: `"json"` (default) for the report as a JSON object, or
 *   `"csv"` for CSV text (RFC 4180: a header line, CRLF line ends, fields
 *   quoted only when they must be).
 * - `"min_cell_size"`: the smallest count of matters shown, 1 to 1000
 *   (default 11). A small count of matters can point to one survivor's
 *   case, so each count from 1 to min_cell_size - 1 is suppressed: null in
 *   JSON, "suppressed" in CSV. When exactly one cell of a column that adds
 *   up to a published total is suppressed, the smallest other non-zero
 *   cell is suppressed too, so the total cannot reveal it. Zero is shown,
 *   and 1 turns suppression off. Hours, money and counts of lawyers are
 *   never suppressed.
 *
 * Dates are "YYYY-MM-DD"; `"from"` and `"to"` are the first and the last
 * day included, and either may be left out for an open range. Periods are
 * `"month"` (default, labels "2026-03"), `"quarter"` ("2026-Q1") or
 * `"year"` ("2026").
 *
 * Reports read the database and write nothing, so they also work on a
 * read-only handle. Besides the errors listed per call, each may return
 * #ATIP_E_INVALID_ARGUMENT (NULL argument, invalid UTF-8, malformed JSON, a
 * request field that is unknown, repeated, of the wrong type or out of
 * range, named in the message), #ATIP_E_LIMIT_EXCEEDED, #ATIP_E_BUSY,
 * #ATIP_E_IO and #ATIP_E_NO_MEMORY. #ATIP_E_LIMIT_EXCEEDED means a request
 * nested more than 64 levels deep, or a text longer than its field allows.
 * docs/reports.md describes every column.
 * @{ */

/**
 * @brief Reports donated hours and their notional value, grouped by lawyer,
 * firm, jurisdiction or practice area and by period.
 *
 * @param[out] out receives the report: `{"report": "hours", "by",
 *   "period", "from", "to", "currency", "min_cell_size", "rows": [{"key",
 *   "name", "period", "hours", "value", "unpriced_hours", "matters"}],
 *   "totals": {"hours", "value", "unpriced_hours"}}`, or its CSV; release
 *   it with atip_free(). `matters` counts the distinct matters of a row's
 *   hours and is suppressed like every count of matters.
 * @param db an open handle.
 * @param request_json `{}`, or an object with any of `"period"`, `"from"`,
 *   `"to"`, `"min_cell_size"`, `"format"` and these fields:
 *   - `"by"`: `"lawyer"`, `"firm"` (default), `"jurisdiction"` or
 *     `"practice_area"`. The jurisdiction and practice area are the
 *     matter's.
 *   - `"hourly_rates"`: the notional value of one hour per jurisdiction
 *     code, a number from 0 to 1000000000 (10^9, room for currencies
 *     with small units), such as `{"TH": 45, "TH-10": 60}`. A
 *     subdivision's rate applies before its country's. Hours on a matter
 *     whose forum has no rate are reported as unpriced.
 *   - `"currency"`: the ISO 4217 code of the rates (default "USD").
 * @return #ATIP_OK; #ATIP_E_LIMIT_EXCEEDED (more than 1000 rates); and the
 * report errors.
 */
ATIP_EXPORT atip_status atip_report_hours(char **out, atip_db *db, const char *request_json);

/**
 * @brief Reports the matters circulated, placed and closed in each period,
 * and the days from first circulation to first placement.
 *
 * A matter counts once per column: in the period of its first circulation,
 * of its first placement and of its closing. The counts come from the
 * recorded workflow steps, so matters imported in a later state without
 * steps are not counted.
 *
 * @param[out] out receives the report: `{"report": "lifecycle", "period",
 *   "from", "to", "min_cell_size", "rows": [{"period", "circulated",
 *   "placed", "closed", "median_days_to_placement",
 *   "mean_days_to_placement"}], "total": {...}}`, or its CSV; release it
 *   with atip_free(). The days are null when suppressed or when no matter
 *   was placed.
 * @param db an open handle.
 * @param request_json `{}`, or an object with any of `"period"`, `"from"`,
 *   `"to"`, `"min_cell_size"` and `"format"`.
 * @return #ATIP_OK; and the report errors.
 */
ATIP_EXPORT atip_status atip_report_lifecycle(char **out, atip_db *db, const char *request_json);

/**
 * @brief Reports the events of a date range with their attendees and the
 * placements that followed: engagements that attendees accepted within the
 * placement window after the event.
 *
 * @param[out] out receives the report: `{"report": "workshops", "from",
 *   "to", "min_cell_size", "placement_window_days", "rows": [{"event",
 *   "title", "kind", "date", "jurisdiction", "attendees",
 *   "attendees_placed", "placements"}], "total_attendances"}`, or its CSV;
 *   release it with atip_free().
 * @param db an open handle.
 * @param request_json `{}`, or an object with any of `"from"`, `"to"`,
 *   `"min_cell_size"`, `"format"` and `"placement_window_days"`: the days
 *   after an event in which an accepted engagement counts as a placement
 *   that followed it, 0 to 3650 (default 90).
 * @return #ATIP_OK; and the report errors.
 */
ATIP_EXPORT atip_status atip_report_workshops(char **out, atip_db *db, const char *request_json);

/**
 * @brief Reports the open matters for which no lawyer is eligible, grouped
 * by forum, practice area and languages, with small counts suppressed.
 *
 * Unlike atip_match_find_coverage_gaps(), which lists every matter and its
 * funnel for a coordinator, this report names no matter.
 *
 * @param[out] out receives the report: `{"report": "coverage_gaps",
 *   "min_cell_size", "open_matters", "matters_without_candidates", "rows":
 *   [{"forum", "practice_area", "languages", "matters", "binding"}]}`,
 *   where `binding` is the constraint that bound most often in the group,
 *   or its CSV; release it with atip_free().
 * @param db an open handle.
 * @param request_json `{}`, or an object with any of `"min_cell_size"`,
 *   `"format"` and these fields:
 *   - `"policy"`: a matching policy object, as atip_match_rank() takes.
 *     The default policy applies when it is absent.
 *   - `"as_of"`: the day the report is for (default today in UTC).
 * @return #ATIP_OK; and the report errors (an invalid policy field is named
 * `policy.<field>`).
 */
ATIP_EXPORT atip_status atip_report_coverage(char **out, atip_db *db, const char *request_json);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* ATIP_ATIP_H */
