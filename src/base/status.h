/* SPDX-License-Identifier: MIT */
/** @file status.h  One status type for every call that can fail. */
#ifndef ILDKG_STATUS_H
#define ILDKG_STATUS_H

/** Soft statuses come before hard ones, so ILDKG_FATAL() is one comparison. */
typedef enum {
  ILDKG_OK = 0,
  ILDKG_DONE,          /**< iterator exhausted: not an error */
  ILDKG_ERR_INPUT,     /**< bad data, already reported to the diag sink: keep going */
  ILDKG_ERR_USAGE,     /**< bad command line */
  ILDKG_ERR_NOINPUT,   /**< an input file or directory is missing or unreadable */
  ILDKG_ERR_CANTCREAT, /**< an output file or directory cannot be created */
  ILDKG_ERR_IO,        /**< a read or write failed; errno says why */
  ILDKG_ERR_RDF,       /**< a librdf / raptor / rasqal call failed */
  ILDKG_ERR_NOMEM,
  ILDKG_ERR_UNSUPPORTED, /**< a query ildkg cannot answer correctly: refused, never approximated */
  ILDKG_ERR_LIMIT,       /**< a query ran past its time or row limit */
  ILDKG_ERR_REMOTE,      /**< a remote SPARQL endpoint failed or answered with an error */
} ildkg_status;

#define ILDKG_FATAL(st) ((st) > ILDKG_ERR_INPUT)

/** Assign @p expr to @p st and return it from the caller unless it is ILDKG_OK. */
#define ILDKG_TRY(st, expr)                                                    \
  do {                                                                         \
    if (((st) = (expr)) != ILDKG_OK) {                                         \
      return (st);                                                             \
    }                                                                          \
  } while (0)

#if defined(__GNUC__)
#define ILDKG_PRINTF(fmt, arg) __attribute__((format(printf, fmt, arg)))
#else
#define ILDKG_PRINTF(fmt, arg)
#endif

/** A short English description of @p st (static string). */
const char *ildkg_status_string(ildkg_status st);

#endif
