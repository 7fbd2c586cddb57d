/**
 * @file atip.h
 * @brief The stable C ABI of atip, a pro bono legal clearinghouse library.
 *
 * Plain C99. Every symbol starts with `atip_`, every handle is opaque, every
 * call returns an ::atip_status, and records cross the boundary as UTF-8 JSON
 * documents in the data-set schema (docs/data-format.md).
 */
#ifndef ATIP_ATIP_H
#define ATIP_ATIP_H

#include "atip/atip_export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Major version of the release this header belongs to. */
#define ATIP_VERSION_MAJOR 0
/** Minor version of the release this header belongs to. */
#define ATIP_VERSION_MINOR 1
/** Patch version of the release this header belongs to. */
#define ATIP_VERSION_PATCH 0
/** The version as one number, MAJOR * 10000 + MINOR * 100 + PATCH. */
#define ATIP_VERSION_NUMBER (ATIP_VERSION_MAJOR * 10000 + ATIP_VERSION_MINOR * 100 + ATIP_VERSION_PATCH)

/**
 * @brief Version of the library loaded at run time, as ATIP_VERSION_NUMBER.
 *
 * Compare it with ATIP_VERSION_NUMBER to detect a header/library mismatch.
 * Thread-safe; never fails.
 */
ATIP_EXPORT int atip_version_number(void);

#ifdef __cplusplus
}
#endif

#endif /* ATIP_ATIP_H */
