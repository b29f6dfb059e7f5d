/* SPDX-License-Identifier: MIT */
/** @file cli.h  What the subcommands share: exit codes, diagnostics, default paths. */
#ifndef ILDKG_CLI_H
#define ILDKG_CLI_H

#include <stdio.h>

#include "diag.h"
#include "graph.h"
#include "pipeline.h"
#include "status.h"

/** Keep at most this many messages of a run; all are counted and the rest summarised. */
#define CLI_MAX_MESSAGES 100

/** The sysexits.h code for @p st: 0, 64 usage, 65 data, 66 no input, 73 can't create, 74 I/O. */
int cli_exit_code(ildkg_status st);

/** Print the kept messages of @p d to stderr, then "N more" and a count line. */
void cli_print_diag(const char *command, const ildkg_diag *d);

/** Where facts/ and ontology/ are by default: the source tree, or the installed copies. */
typedef struct {
  const char *facts_dir;
  const char *ontology_dir;
} cli_inputs;

void cli_default_inputs(cli_inputs *in);

/** Print "ildkg CMD: message" to stderr with the usage hint; returns ILDKG_ERR_USAGE. */
ildkg_status cli_usage_error(const char *command, const char *fmt, ...) ILDKG_PRINTF(2, 3);

/** Read the whole file @p path (at most 1 MiB) into *text (caller frees). Reports problems. */
ildkg_status cli_read_text(const char *path, char **text, ildkg_diag *d);

/**
 * The graph to query: parsed from @p data (syntax by extension) when given, else built
 * from the facts under @p base. Release @p p with pipeline_clear.
 */
ildkg_status cli_load_graph(pipeline *p, const cli_inputs *in, const char *data,
                            const char *base, ildkg_diag *d);

/** Run @p query (named @p name in messages) and write the answer in @p format. */
ildkg_status cli_run_query(graph *g, const char *name, const char *query, const char *format,
                           const char *base, ildkg_diag *d, FILE *out);

int cmd_build(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_context(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_compare(int argc, char **argv);

#endif
