/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "cli.h"
#include "cli_options.h"

#include <errno.h>
#include <getopt.h>

#include "endpoint_client.h"
#include "regular_file.h"
#include "results_writer.h"
#include "utf8.h"

#include <limits.h>
#include <stdint.h>
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
  case ILDKG_ERR_UNSUPPORTED: return EX_UNAVAILABLE;
  case ILDKG_ERR_LIMIT: return EX_TEMPFAIL;
  case ILDKG_ERR_REMOTE: return EX_PROTOCOL;
  }
  return EX_SOFTWARE;
}

void
cli_print_diag(const char *command, const ildkg_diag *d, ildkg_status st)
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
  } else if (st != ILDKG_OK && st != ILDKG_DONE) {
    /* a failure no message explains is still never silent */
    fprintf(stderr, "ildkg %s: %s\n", command, ildkg_status_string(st));
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
  /* the whole struct: a field left out here was stack garbage in `validate` */
  *in = (cli_inputs){
    .facts_dir = installed ? ILDKG_PKGDATADIR "/facts" : ILDKG_SRCDIR "/facts",
    .ontology_dir = installed ? ILDKG_PKGDATADIR "/ontology" : ILDKG_SRCDIR "/ontology",
    .web_dir = installed ? ILDKG_PKGDATADIR "/web" : ILDKG_SRCDIR "/web",
  };
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

enum { MAX_TEXT_BYTES = 16 << 20 };
/* An RDF file of --data: about 8 million N-Triples, more than a graph in memory here holds. */
static const size_t MAX_DATA_BYTES = (size_t)1 << 30;

/* Only regular files, and standard input for "-", are read (regular_file.h). */
static int
open_regular(const char *path, ildkg_diag *d)
{
  if (!strcmp(path, "-")) {
    return STDIN_FILENO;
  }
  const char *why = NULL;
  const int fd = regular_file_open(path, 0, &why);
  if (fd < 0) {
    ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "cannot read: %s", why);
  }
  return fd;
}

static ildkg_status
read_all(int fd, const char *path, size_t max, char **text, size_t *len, ildkg_diag *d)
{
  size_t n = 0, capacity = 0;
  char *buf = NULL;
  struct stat info;
  if (max && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && (size_t)info.st_size > max) {
    /* told at once, before a byte is read */
    ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "cannot read: larger than %zu MiB", max >> 20);
    return ILDKG_ERR_INPUT;
  }
  for (;;) {
    if (n + 1 >= capacity) {
      capacity = capacity ? capacity * 2 : 65536;
      char *grown = realloc(buf, capacity);
      if (!grown) {
        free(buf);
        return ILDKG_ERR_NOMEM;
      }
      buf = grown;
    }
    const ssize_t got = read(fd, buf + n, capacity - n - 1);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "cannot read: %s", strerror(errno));
      free(buf);
      return ILDKG_ERR_NOINPUT;
    }
    if (got == 0) {
      break;
    }
    n += (size_t)got;
    if (max && n > max) {
      ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "cannot read: larger than %zu MiB",
                       max >> 20);
      free(buf);
      return ILDKG_ERR_INPUT;
    }
  }
  buf[n] = '\0';
  *text = buf;
  *len = n;
  return ILDKG_OK;
}

ildkg_status
cli_read_file(const char *path, size_t max, char **text, size_t *len, ildkg_diag *d)
{
  *text = NULL;
  *len = 0;
  const int fd = open_regular(path, d);
  if (fd < 0) {
    return ILDKG_ERR_NOINPUT;
  }
  ildkg_status st = read_all(fd, path, max, text, len, d);
  if (fd != STDIN_FILENO) {
    close(fd);
  }
  const size_t bad = st == ILDKG_OK ? utf8_invalid_offset((unsigned char *)*text, *len) : 0;
  if (st == ILDKG_OK && bad < *len) {
    ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "not UTF-8: invalid byte at offset %zu",
                     bad);
    free(*text);
    *text = NULL;
    st = ILDKG_ERR_INPUT;
  }
  return st;
}

ildkg_status
cli_read_text(const char *path, char **text, size_t *len, ildkg_diag *d)
{
  return cli_read_file(path, MAX_TEXT_BYTES, text, len, d);
}

/* raptor's parser for a file name, by its extension; NULL when none fits. */
static const char *
syntax_for(const char *path)
{
  static const struct {
    const char *extension, *syntax;
  } known[] = {{".ttl", "turtle"}, {".nt", "ntriples"}, {".nq", "nquads"}, {".trig", "trig"},
               {".rdf", "rdfxml"}, {".owl", "rdfxml"},  {".xml", "rdfxml"}};
  if (!strcmp(path, "-")) {
    return "turtle"; /* standard input: Turtle, or N-Triples, its subset */
  }
  const char *dot = strrchr(path, '.');
  for (size_t i = 0; dot && i < sizeof known / sizeof *known; ++i) {
    if (!strcmp(dot, known[i].extension)) {
      return known[i].syntax;
    }
  }
  return NULL;
}

void
cli_default_query_options(cli_query_options *q)
{
  *q = (cli_query_options){.timeout_s = CLI_DEFAULT_TIMEOUT, .max_rows = CLI_DEFAULT_MAX_ROWS};
}

ildkg_status
cli_query_option(cli_query_options *q, const char *command, int option, const char *value)
{
  char *end = NULL;
  errno = 0;
  switch (option) {
  case 'd':
    if (q->endpoint) {
      return cli_usage_error(command, "%s", "give --data or --endpoint, not both");
    }
    if (q->ndata == CLI_MAX_DATA) {
      return cli_usage_error(command, "more than %d --data files", CLI_MAX_DATA);
    }
    q->data[q->ndata++] = value;
    return ILDKG_OK;
  case 'T':
    q->timeout_s = strtod(value, &end);
    if (errno || end == value || *end || !(q->timeout_s >= 0) || q->timeout_s > 1e6) {
      return cli_usage_error(command, "bad --timeout '%s' (seconds, 0 for none)", value);
    }
    return ILDKG_OK;
  case 'R': {
    const unsigned long long n = strtoull(value, &end, 10);
    if (errno || end == value || *end || value[0] == '-' || n > SIZE_MAX / 2) {
      return cli_usage_error(command, "bad --max-rows '%s' (a count, 0 for no limit)", value);
    }
    q->max_rows = (size_t)n;
    return ILDKG_OK;
  }
  case 'E':
    if (!endpoint_client_url_is_valid(value)) {
      return cli_usage_error(command, "bad --endpoint '%s' (an http:// or https:// URL)", value);
    }
    if (q->ndata) {
      return cli_usage_error(command, "%s", "give --data or --endpoint, not both");
    }
    q->endpoint = value;
    return ILDKG_OK;
  default: return cli_usage_error(command, "bad option");
  }
}

/* The IRI relative IRIs of a file resolve against: the file's own file: IRI. */
static char *
file_iri(const char *path)
{
  char *iri = NULL, *real = strcmp(path, "-") ? realpath(path, NULL) : NULL;
  if (asprintf(&iri, "%s%s", real ? "file://" : "urn:x-ildkg:", real ? real : "stdin") < 0) {
    iri = NULL;
  }
  free(real);
  return iri;
}

static ildkg_status
load_data_file(graph *g, const char *path, ildkg_diag *d)
{
  /* read first: a file that cannot be read is missing input (66) whatever its name */
  char *text = NULL, *base = NULL;
  size_t len = 0;
  ildkg_status st = cli_read_file(path, MAX_DATA_BYTES, &text, &len, d);
  const char *syntax = syntax_for(path);
  if (st == ILDKG_OK && !syntax) {
    free(text);
    return cli_usage_error("query", "cannot tell the syntax of '%s' (expected .ttl, .nt, .nq, "
                           ".trig, .rdf or .owl; raptor reads no JSON-LD)", path);
  }
  if (st == ILDKG_OK && !(base = file_iri(path))) {
    st = ILDKG_ERR_NOMEM;
  }
  if (st == ILDKG_OK && (st = graph_load_text(g, text, len, syntax, base)) != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "%s: %s", syntax,
                     *graph_last_error(g) ? graph_last_error(g) : "parse error");
  }
  free(base);
  free(text);
  return st;
}

ildkg_status
cli_load_graph(pipeline *p, const cli_inputs *in, const char *const *data, size_t ndata,
               const char *base, ildkg_diag *d)
{
  ildkg_status st = ILDKG_OK;
  if (!ndata) {
    st = pipeline_load(p, in->facts_dir, in->ontology_dir, d);
    st = st == ILDKG_OK ? pipeline_build_graph(p, base) : st;
  } else if (!(p->graph = graph_new())) {
    return ILDKG_ERR_RDF;
  }
  for (size_t i = 0; st == ILDKG_OK && i < ndata; ++i) {
    st = load_data_file(p->graph, data[i], d);
  }
  /* the graph is for queries (and serve's threads share it): indexed now, once */
  return st == ILDKG_OK ? graph_index_subjects(p->graph) : st;
}

ildkg_status
cli_answer_query(graph *g, const char *name, const char *text, size_t len,
                 const query_limits *limits, ildkg_diag *d, query_answer **out)
{
  char why[QUERY_WHY_SIZE];
  ildkg_status st = query_run(g, text, len, limits, out, why);
  if (st == ILDKG_ERR_INPUT) {
    ildkg_diag_error(d, (ildkg_loc){name, 0, NULL}, "SPARQL: %s", why);
  } else if (st == ILDKG_ERR_UNSUPPORTED || st == ILDKG_ERR_LIMIT) {
    ildkg_diag_error(d, (ildkg_loc){name, 0, NULL}, "%s", why);
  } else if (st != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){name, 0, NULL}, "%s%s%s", ildkg_status_string(st),
                     *why ? ": " : "", why);
  }
  return st;
}

ildkg_status
cli_open_raptor_world(raptor_world **out)
{
  *out = raptor_new_world();
  if (!*out || raptor_world_open(*out)) {
    if (*out) {
      raptor_free_world(*out);
    }
    *out = NULL;
    return ILDKG_ERR_RDF;
  }
  return ILDKG_OK;
}

ildkg_status
cli_answer_endpoint(const cli_query_options *q, raptor_world *world, const char *name,
                    const char *text, size_t len, ildkg_diag *d, query_answer **out)
{
  char why[ENDPOINT_WHY_SIZE] = "";
  const ildkg_status st = endpoint_client_answer(q->endpoint, text, len, q->timeout_s,
                                                 q->max_rows, world, out, why, sizeof why);
  if (st != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){name, 0, NULL}, "%s", *why ? why : ildkg_status_string(st));
  }
  return st;
}

ildkg_status
cli_write_answer(const query_answer *a, const char *name, const char *format, const char *base,
                 ildkg_diag *d, FILE *out)
{
  char why[RESULTS_WHY_SIZE];
  const ildkg_status st = results_write(a, format, base, out, why);
  if (st == ILDKG_ERR_USAGE) {
    cli_usage_error("query", "format '%s' does not fit this kind of query", format);
  } else if (st == ILDKG_ERR_UNSUPPORTED) {
    ildkg_diag_error(d, (ildkg_loc){name, 0, NULL}, "%s", why);
  } else if (st != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){name, 0, NULL}, "cannot write the answer: %s",
                     ildkg_status_string(st));
  }
  return st;
}

ildkg_status
cli_parse_inputs(const char *command, void (*print_help)(void), int argc, char **argv,
                 cli_inputs *in)
{
  static const struct option options[] = {{"facts", required_argument, NULL, 'f'},
                                          {"ontology", required_argument, NULL, 'o'},
                                          {"help", no_argument, NULL, 'h'},
                                          {"sparql-checks", no_argument, NULL, 'S'},
                                          {NULL, 0, NULL, 0}};
  cli_default_inputs(in);
  optind = 0; /* GNU getopt: start afresh */
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "+h", options, NULL)) != -1;) {
    switch (c) {
    case 'f': in->facts_dir = optarg; break;
    case 'o': in->ontology_dir = optarg; break;
    case 'h': print_help(); return ILDKG_DONE;
    case 'S':
      if (strcmp(command, "validate") != 0) { /* the one of these commands that checks */
        return cli_usage_error(command, "bad option '%s'", argv[optind - 1]);
      }
      in->sparql_checks = 1;
      break;
    default: return cli_usage_error(command, "bad option '%s'", argv[optind - 1]);
    }
  }
  return optind < argc ? cli_usage_error(command, "unexpected argument '%s'", argv[optind])
                       : ILDKG_OK;
}
