/* SPDX-License-Identifier: MIT */
/** @file cli.h  What the subcommands share: exit codes, diagnostics, default paths. */
#ifndef ILDKG_CLI_H
#define ILDKG_CLI_H

#include <stdio.h>

#include "diag.h"
#include "graph.h"
#include "pipeline.h"
#include "query_answer.h"
#include "query_runner.h"
#include "status.h"

/** Keep at most this many messages of a run; all are counted and the rest summarised. */
#define CLI_MAX_MESSAGES 100

/**
 * The sysexits.h code for @p st: 0, 64 usage, 65 data, 66 no input, 69 unsupported, 70
 * software, 73 can't create, 74 I/O, 75 limit, 76 the endpoint failed.
 */
int cli_exit_code(ildkg_status st);

/**
 * Print the kept messages of @p d to stderr, then "N more" and a count line; when there
 * is none and @p st is a failure, what @p st means, so that no failure is silent.
 */
void cli_print_diag(const char *command, const ildkg_diag *d, ildkg_status st);

/** Where facts/ and ontology/ are by default: the source tree, or the installed copies. */
typedef struct {
  const char *facts_dir;
  const char *ontology_dir;
  const char *web_dir; /**< the query page of `serve` */
  int sparql_checks;   /**< --sparql-checks: every graph check through rasqal */
} cli_inputs;

void cli_default_inputs(cli_inputs *in);

/** Print "ildkg CMD: message" to stderr with the usage hint; returns ILDKG_ERR_USAGE. */
ildkg_status cli_usage_error(const char *command, const char *fmt, ...) ILDKG_PRINTF(2, 3);

/**
 * Read the whole regular file @p path ("-": standard input), at most @p max bytes (0: no
 * limit), into *text (NUL-terminated, *len bytes; caller frees). It must be UTF-8.
 * Problems are reported.
 * @return ILDKG_OK; ILDKG_ERR_NOINPUT (missing, unreadable, a directory, a FIFO...);
 *   ILDKG_ERR_INPUT (not UTF-8, too large); ILDKG_ERR_NOMEM.
 */
ildkg_status cli_read_file(const char *path, size_t max, char **text, size_t *len,
                           ildkg_diag *d);
/** cli_read_file for a query: at most 16 MiB. */
ildkg_status cli_read_text(const char *path, char **text, size_t *len, ildkg_diag *d);

enum { CLI_MAX_DATA = 64 };
#define CLI_DEFAULT_TIMEOUT 60.0
#define CLI_DEFAULT_MAX_ROWS 1000000

/** What `query` and `compare` share: where the data is, and the limits of a query. */
typedef struct {
  const char *data[CLI_MAX_DATA]; /**< --data files, in order */
  size_t ndata;
  double timeout_s;  /**< --timeout */
  size_t max_rows;   /**< --max-rows */
  const char *endpoint; /**< --endpoint */
} cli_query_options;

void cli_default_query_options(cli_query_options *q);

/**
 * Take the value of a shared option: @p option is getopt's code, 'd' --data,
 * 'T' --timeout, 'R' --max-rows, 'E' --endpoint (an http(s) URL). ILDKG_ERR_USAGE
 * (reported) for a bad value, or for --data and --endpoint together.
 */
ildkg_status cli_query_option(cli_query_options *q, const char *command, int option,
                              const char *value);

/**
 * The graph to query: parsed from the @p ndata files @p data (syntax by extension) when
 * given, else built from the facts under @p base. Release @p p with pipeline_clear.
 */
ildkg_status cli_load_graph(pipeline *p, const cli_inputs *in, const char *const *data,
                            size_t ndata, const char *base, ildkg_diag *d);

/**
 * Answer the query @p text (@p len bytes; named @p name in messages) on @p g within
 * @p limits; *out is the complete answer (free with query_answer_free). Problems are
 * reported to @p d. Statuses as query_run.
 */
ildkg_status cli_answer_query(graph *g, const char *name, const char *text, size_t len,
                              const query_limits *limits, ildkg_diag *d, query_answer **out);

/** A new opened raptor world in *out (free with raptor_free_world); ILDKG_ERR_RDF. */
ildkg_status cli_open_raptor_world(raptor_world **out);

/**
 * Send the query @p text (@p len bytes; named @p name in messages) unchanged to the
 * SPARQL endpoint q->endpoint within q's limits; *out is its complete answer, its terms
 * in @p world (free with query_answer_free before the world). Problems are reported to
 * @p d. Statuses as endpoint_client_answer: ILDKG_ERR_REMOTE, ILDKG_ERR_LIMIT...
 */
ildkg_status cli_answer_endpoint(const cli_query_options *q, raptor_world *world,
                                 const char *name, const char *text, size_t len, ildkg_diag *d,
                                 query_answer **out);

/** Write @p a in @p format to @p out; problems reported to @p d. Statuses as results_write. */
ildkg_status cli_write_answer(const query_answer *a, const char *name, const char *format,
                              const char *base, ildkg_diag *d, FILE *out);

int cmd_build(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_context(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_load(int argc, char **argv);

#endif
