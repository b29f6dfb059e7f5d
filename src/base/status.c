/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "status.h"

const char *
ildkg_status_string(ildkg_status st)
{
  switch (st) {
  case ILDKG_OK: return "success";
  case ILDKG_DONE: return "end of input";
  case ILDKG_ERR_INPUT: return "invalid input data";
  case ILDKG_ERR_USAGE: return "usage error";
  case ILDKG_ERR_NOINPUT: return "missing input";
  case ILDKG_ERR_CANTCREAT: return "cannot create output";
  case ILDKG_ERR_IO: return "input/output error";
  case ILDKG_ERR_RDF: return "RDF library error";
  case ILDKG_ERR_NOMEM: return "out of memory";
  case ILDKG_ERR_UNSUPPORTED: return "not supported";
  case ILDKG_ERR_LIMIT: return "limit reached";
  case ILDKG_ERR_REMOTE: return "remote endpoint error";
  }
  return "unknown status";
}
