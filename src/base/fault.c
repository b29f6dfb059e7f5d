/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "fault.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int
ildkg_fault_point(const char *what)
{
  static long chosen = -1; /* -1: not read yet; 0: no fault */
  static long step = 0;
  if (chosen < 0) {
    const char *at = getenv("ILDKG_FAULT_AT");
    chosen = at ? strtol(at, NULL, 10) : 0;
    chosen = chosen > 0 ? chosen : 0;
  }
  if (chosen == 0 || ++step != chosen) {
    return 0;
  }
  fprintf(stderr, "ildkg: injected fault at step %ld: %s\n", step, what);
  fflush(stderr);
  const char *kill_mode = getenv("ILDKG_FAULT_KILL");
  if (kill_mode && kill_mode[0] == '1') {
    raise(SIGKILL);
  }
  errno = EIO;
  return -1;
}
