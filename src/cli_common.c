/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "cli.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

int
cli_exit_code(ildkg_status st)
{
  switch (st) {
  case ILDKG_OK:
  case ILDKG_DONE: return EX_OK;
  case ILDKG_ERR_INPUT: return EX_DATAERR;
  case ILDKG_ERR_USAGE: return EX_USAGE;
  case ILDKG_ERR_NOINPUT: return EX_NOINPUT;
  case ILDKG_ERR_CANTCREAT: return EX_CANTCREAT;
  case ILDKG_ERR_IO: return EX_IOERR;
  case ILDKG_ERR_RDF: return EX_SOFTWARE;
  case ILDKG_ERR_NOMEM: return EX_OSERR;
  }
  return EX_SOFTWARE;
}

void
cli_print_diag(const char *command, const ildkg_diag *d)
{
  const size_t kept = ildkg_diag_kept(d), count = ildkg_diag_count(d);
  for (size_t i = 0; i < kept; ++i) {
    fprintf(stderr, "%s\n", ildkg_diag_message(d, i));
  }
  if (count > kept) {
    fprintf(stderr, "ildkg %s: %zu more problems not shown\n", command, count - kept);
  }
  if (count) {
    fprintf(stderr, "ildkg %s: %zu problem%s found\n", command, count, count == 1 ? "" : "s");
  }
}

static int
is_directory(const char *path)
{
  struct stat info;
  return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

/* The installed binary reads the installed data; any other copy reads the source tree. */
static int
running_installed_binary(void)
{
  char self[PATH_MAX], installed[PATH_MAX];
  return realpath("/proc/self/exe", self) && realpath(ILDKG_BINDIR "/ildkg", installed) &&
         !strcmp(self, installed);
}

void
cli_default_inputs(cli_inputs *in)
{
  const int installed = running_installed_binary() || !is_directory(ILDKG_SRCDIR "/facts");
  in->facts_dir = installed ? ILDKG_PKGDATADIR "/facts" : ILDKG_SRCDIR "/facts";
  in->ontology_dir = installed ? ILDKG_PKGDATADIR "/ontology" : ILDKG_SRCDIR "/ontology";
}

ildkg_status
cli_usage_error(const char *command, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  fprintf(stderr, "ildkg %s: ", command);
  vfprintf(stderr, fmt, args);
  va_end(args);
  fprintf(stderr, "\nTry 'ildkg %s --help'.\n", command);
  return ILDKG_ERR_USAGE;
}
