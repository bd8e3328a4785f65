/* rhetor/common.h: error codes, error messages, version and export macros. */
#ifndef RHETOR_COMMON_H
#define RHETOR_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define RH_EXTERN(type) extern __attribute__((visibility("default"))) type
#else
#define RH_EXTERN(type) extern type
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Ownership, once for the whole library: an object returned through a
 * `T **out` parameter belongs to the caller and is released with its
 * `rh_<module>_free`, which accepts NULL. A pointer returned as a function's
 * value is borrowed from the object it was asked of and lives as long as it.
 */

/* Return codes: 0 success, negative for the expected failures. */
typedef enum {
	RH_OK = 0,
	RH_EIO = -1,     /* reading or writing a file failed */
	RH_EPARSE = -2,  /* malformed input: CSV, dictionary, pattern, INI */
	RH_EUTF8 = -3,   /* text that cannot be used as UTF-8 */
	RH_ENOMEM = -4,  /* out of memory */
	RH_EUSAGE = -5,  /* the caller asked for something inconsistent */
	RH_ENUM = -6     /* a numeric routine failed (GSL status) */
} rh_error_code;

/*
 * The message of the last error on this thread: what failed, with the file
 * and line, row or byte offset where known. Never NULL; "" when none.
 */
RH_EXTERN(const char *) rh_error_last(void);

/* Clears this thread's error message. */
RH_EXTERN(void) rh_error_clear(void);

/* The library's version, "MAJOR.MINOR.PATCH". */
RH_EXTERN(const char *) rh_version(void);

/*
 * Warnings: problems the library recovered from (invalid UTF-8 replaced,
 * metadata row with no document, ...). Each carries a message naming the
 * file and place. A warning list belongs to the object that collected it.
 */
typedef struct rh_warnings rh_warnings;

/* What a plan computed, handed to every table writer (rhetor/plan.h). */
typedef struct rh_results rh_results;

RH_EXTERN(size_t) rh_warnings_count(const rh_warnings *w);
RH_EXTERN(const char *) rh_warnings_at(const rh_warnings *w, size_t i);

#ifdef __cplusplus
}
#endif

#endif
