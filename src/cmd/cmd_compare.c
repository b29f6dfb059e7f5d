/* SPDX-License-Identifier: MIT */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "graph_checks.h"
#include "ns.h"
#include "pipeline.h"
#include "results_writer.h"
#include "topics.h"
#include "triples_source.h"

static void
print_help(void)
{
  printf("Usage: ildkg compare [OPTION]... [TOPIC]...\n"
         "Compare COP and CTD-ILD: run the documented SPARQL query of each TOPIC\n"
         "(ONTOLOGY/queries/TOPIC.rq) over the graph built from the facts. One row a claim:\n"
         "feature | cop | ctd_ild | ctd (the connective tissue disease) | about (any\n"
         "other subject) | qualifiers | references. Without a TOPIC: the summary of all\n"
         "topics.\n\n"
         "  --list           list the topics\n"
         "  -f, --format F   table (default), csv, tsv, json, xml; with several topics, csv,\n"
         "                   tsv, json and xml give one document whose first column is topic\n"
         "  --data FILE      compare over an export (.ttl, .nt, .nq, .trig, .rdf) instead of\n"
         "                   the facts (repeatable; - is standard input, as Turtle); the\n"
         "                   topics that read the derived features (ildkg:claimedFor...) are\n"
         "                   refused where checks/claimed-features.rq fails on the data\n"
         "  --endpoint URL   send each topic's query to the SPARQL 1.1 endpoint URL (http or\n"
         "                   https; its ?default-graph-uri=... applies) instead\n"
         "  --timeout SECONDS  stop a query after this long (default %g; 0: never)\n"
         "  --max-rows N     refuse an answer of more than N rows (default %lu; 0: no limit)\n"
         "  --timing         print to stderr how long each topic's query took (its answer\n"
         "                   computed, before it is written), in ms; apart, how long checking\n"
         "                   the derived features of --data or an --endpoint took, and\n"
         "                   loading and indexing the graph\n"
         "  --facts DIR      facts directory (default: the source tree's or installed facts/)\n"
         "  --ontology DIR   ontology directory, with queries/ (default: likewise)\n"
         "  -h, --help       this help\n"
         "\nExit status: 0 (also for an empty answer), 64 usage (an unknown topic), 65 bad\n"
         "data or query, 66 missing input, 69 a query ildkg cannot answer correctly, 75 the\n"
         "time or row limit ended a query, 76 the endpoint failed (no connection, an HTTP\n"
         "error, an answer ildkg cannot read).\n",
         CLI_DEFAULT_TIMEOUT, (unsigned long)CLI_DEFAULT_MAX_ROWS);
}

static void
print_topics(FILE *out, const topic *topics, size_t count)
{
  int width = 0;
  for (size_t i = 0; i < count; ++i) {
    const int len = (int)strlen(topics[i].name);
    width = len > width ? len : width;
  }
  for (size_t i = 0; i < count; ++i) {
    fprintf(out, "  %-*s  %s\n", width, topics[i].name, topics[i].title);
  }
}

static const topic *
find_topic(const topic *topics, size_t count, const char *name)
{
  for (size_t i = 0; i < count; ++i) {
    if (!strcmp(topics[i].name, name)) {
      return &topics[i];
    }
  }
  return NULL;
}

/*
 * The topics that read the derived features (ildkg:claimedFor, ildkg:claimedForSubtypeOf)
 * instead of the claims are right only where the features say what the claims say. The
 * graph ildkg builds from the facts makes them so; data from elsewhere (an export of an
 * older ildkg, a store holding more than ildkg wrote) is checked first, once, with the
 * rule that says it: checks/claimed-features.rq.
 */
typedef struct {
  bool checked;
  size_t violations;
  char *first; /* the first violation's message, owned */
  double ms;   /* how long the check took: --timing says it apart from the topics' */
} features_check;

/* The first row of @p a as "?name=term ...", new (caller frees); NULL without rows or memory. */
static char *
first_row_text(const query_answer *a)
{
  char *text = NULL;
  size_t len = 0;
  FILE *f = a && a->nrows ? open_memstream(&text, &len) : NULL;
  for (size_t c = 0; f && c < a->nvariables; ++c) {
    raptor_term *t = query_answer_cell(a, 0, c);
    unsigned char *value = t ? raptor_term_to_string(t) : NULL;
    fprintf(f, "%s?%s=%s", c ? " " : "", a->variables[c], value ? (char *)value : "(unbound)");
    raptor_free_memory(value);
  }
  if (f && fclose(f) != 0) {
    free(text);
    text = NULL;
  }
  return text;
}

/* How many rows the rule @p rule has on the data (its first in @p first, caller frees). */
static ildkg_status
count_feature_violations(graph *g, raptor_world *remote, const compare_options *o,
                         const char *rule, ildkg_diag *d, size_t *n, char **first)
{
  ildkg_diag *rows = ildkg_diag_new(1);
  ildkg_status st = rows ? ILDKG_OK : ILDKG_ERR_NOMEM;
  *n = 0;
  *first = NULL;
  if (st == ILDKG_OK && !remote) {
    st = graph_check_file(g, rule, rows, n);
  } else if (st == ILDKG_OK) {
    char *text = NULL;
    size_t len = 0;
    query_answer *a = NULL;
    st = cli_read_text(rule, &text, &len, d);
    st = st == ILDKG_OK ? cli_answer_endpoint(&o->q, remote, rule, text, len, d, &a) : st;
    *n = a ? a->nrows : 0;
    *first = first_row_text(a);
    query_answer_free(a);
    free(text);
  }
  const char *message = !remote && rows && *n ? ildkg_diag_message(rows, 0) : NULL;
  *first = message ? strdup(message) : *first;
  if (st != ILDKG_OK && rows && ildkg_diag_message(rows, 0)) { /* the rule did not run: why */
    ildkg_diag_error(d, (ildkg_loc){rule, 0, NULL}, "%s", ildkg_diag_message(rows, 0));
  }
  ildkg_diag_free(rows);
  return st;
}

static ildkg_status
need_true_features(graph *g, raptor_world *remote, const compare_options *o, const topic *t,
                   features_check *c, ildkg_diag *d)
{
  if (!c->checked) {
    char *rule = NULL;
    if (asprintf(&rule, "%s/checks/claimed-features.rq", o->in.ontology_dir) < 0) {
      return ILDKG_ERR_NOMEM;
    }
    const double started = triples_source_now_ms();
    const ildkg_status st =
      count_feature_violations(g, remote, o, rule, d, &c->violations, &c->first);
    c->ms = triples_source_now_ms() - started;
    free(rule);
    if (st != ILDKG_OK) {
      return st;
    }
    c->checked = true;
  }
  if (c->violations) {
    ildkg_diag_error(d, (ildkg_loc){t->name, 0, NULL},
                     "refused: this topic reads the derived features (ildkg:claimedFor, "
                     "ildkg:claimedForSubtypeOf), and in this data they do not say what its "
                     "claims say: %zu violations of checks/claimed-features.rq, the first: %s "
                     "(an export of this ildkg, `ildkg build`, has them right)",
                     c->violations, c->first ? c->first : "(none kept)");
    return ILDKG_ERR_UNSUPPORTED;
  }
  return ILDKG_OK;
}

/* The answer of topic @p t: from @p g, or with --endpoint from the endpoint, its terms in
   @p remote. */
static ildkg_status
answer_topic(graph *g, raptor_world *remote, const char *dir, const topic *t,
             const compare_options *o, features_check *features, ildkg_diag *d,
             query_answer **out)
{
  char *path = NULL, *query = NULL;
  size_t len = 0;
  if (asprintf(&path, "%s/%s.rq", dir, t->name) < 0) {
    return ILDKG_ERR_NOMEM;
  }
  ildkg_status st = cli_read_text(path, &query, &len, d);
  if (st == ILDKG_OK && (remote || o->q.ndata) && strstr(query, "claimedFor")) {
    st = need_true_features(g, remote, o, t, features, d);
  }
  if (st == ILDKG_OK && remote) {
    st = cli_answer_endpoint(&o->q, remote, path, query, len, d, out);
  } else if (st == ILDKG_OK) {
    const query_limits limits = {o->q.timeout_s, o->q.max_rows, NULL};
    st = cli_answer_query(g, path, query, len, &limits, d, out);
  }
  free(query);
  free(path);
  return st;
}

/* Add @p a's rows to @p all, under @p topic_name in the first column and each value in
   the column of its variable (added to @p all when new). */
static ildkg_status
merge_rows(query_answer *all, const char *topic_name, const query_answer *a)
{
  ildkg_status st = ILDKG_OK;
  for (size_t c = 0; st == ILDKG_OK && c < a->nvariables; ++c) {
    if (query_answer_find_variable(all, a->variables[c]) < 0) {
      st = all->nrows ? ILDKG_ERR_RDF : query_answer_add_variable(all, a->variables[c]);
    }
  }
  for (size_t r = 0; st == ILDKG_OK && r < a->nrows; ++r) {
    raptor_term **row = calloc(all->nvariables, sizeof *row);
    if (!row || !(row[0] = raptor_new_term_from_literal(all->world,
                                                        (const unsigned char *)topic_name,
                                                        NULL, NULL))) {
      free(row);
      return ILDKG_ERR_NOMEM;
    }
    for (size_t c = 0; c < a->nvariables; ++c) {
      raptor_term *t = query_answer_cell(a, r, c);
      row[query_answer_find_variable(all, a->variables[c])] = t ? raptor_term_copy(t) : NULL;
    }
    st = query_answer_add_row(all, row);
    free(row);
  }
  return st;
}

/*
 * One answer for all topics: a first column `topic`, then the variables of the topics in
 * the order they first appear. Every topic's variables are known before any row is added.
 */
static ildkg_status
merge_topics(query_answer **answers, const topic *const *chosen, size_t n, query_answer **out)
{
  query_answer *all = query_answer_new(ANSWER_BINDINGS, answers[0]->world);
  ildkg_status st = all ? query_answer_add_variable(all, "topic") : ILDKG_ERR_NOMEM;
  for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
    for (size_t c = 0; st == ILDKG_OK && c < answers[i]->nvariables; ++c) {
      if (query_answer_find_variable(all, answers[i]->variables[c]) < 0) {
        st = query_answer_add_variable(all, answers[i]->variables[c]);
      }
    }
  }
  for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
    st = merge_rows(all, chosen[i]->name, answers[i]);
  }
  if (st != ILDKG_OK) {
    query_answer_free(all);
    all = NULL;
  }
  *out = all;
  return st;
}

/* A table a topic, each under its heading; any other format: one document for all. */
static ildkg_status
write_topics(query_answer **answers, const topic *const *chosen, size_t n,
             const compare_options *o, ildkg_diag *d)
{
  const int table = !strcmp(o->format, "table");
  if (table || n == 1) {
    ildkg_status st = ILDKG_OK;
    for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
      if (n > 1) {
        printf("== %s (%s) ==\n", chosen[i]->title, chosen[i]->name);
      }
      st = cli_write_answer(answers[i], chosen[i]->name, o->format, ILDKG_DEFAULT_BASE, d, stdout);
      if (st == ILDKG_OK && n > 1) {
        putchar('\n');
      }
    }
    return st;
  }
  query_answer *all = NULL;
  ildkg_status st = merge_topics(answers, chosen, n, &all);
  if (st == ILDKG_OK) {
    st = cli_write_answer(all, "compare", o->format, ILDKG_DEFAULT_BASE, d, stdout);
  }
  query_answer_free(all);
  return st;
}

static ildkg_status
run_topics(graph *g, raptor_world *remote, const char *dir, const topic *const *chosen, size_t n,
           const compare_options *o, ildkg_diag *d)
{
  query_answer **answers = calloc(n ? n : 1, sizeof *answers);
  ildkg_status st = answers ? ILDKG_OK : ILDKG_ERR_NOMEM;
  features_check features = {false, 0, NULL, 0.0};
  for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
    const bool checked = features.checked;
    const double started = triples_source_now_ms();
    st = answer_topic(g, remote, dir, chosen[i], o, &features, d, &answers[i]);
    const double check_ms = features.checked && !checked ? features.ms : 0.0;
    if (st == ILDKG_OK && o->timing && check_ms > 0.0) {
      fprintf(stderr, "ildkg compare: timing: derived features checked: %.3f ms\n", check_ms);
    }
    if (st == ILDKG_OK && o->timing) {
      fprintf(stderr, "ildkg compare: timing: %s: query %.3f ms\n", chosen[i]->name,
              triples_source_now_ms() - started - check_ms);
    }
  }
  if (st == ILDKG_OK && n) {
    st = write_topics(answers, chosen, n, o, d);
  }
  for (size_t i = 0; answers && i < n; ++i) {
    query_answer_free(answers[i]);
  }
  free(answers);
  free(features.first);
  return st;
}

ildkg_status
compare_parse_options(compare_options *o, int argc, char **argv)
{
  static const struct option options[] = {
    {"list", no_argument, NULL, 'l'},           {"format", required_argument, NULL, 'f'},
    {"data", required_argument, NULL, 'd'},     {"facts", required_argument, NULL, 'F'},
    {"ontology", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'},
    {"timeout", required_argument, NULL, 'T'},  {"max-rows", required_argument, NULL, 'R'},
    {"endpoint", required_argument, NULL, 'E'}, {"timing", no_argument, NULL, 't'},
    {NULL, 0, NULL, 0}};
  *o = (compare_options){.format = "table"};
  cli_default_inputs(&o->in);
  cli_default_query_options(&o->q);
  optind = 0; /* GNU getopt: start afresh */
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "hf:", options, NULL)) != -1;) {
    ildkg_status st = ILDKG_OK;
    switch (c) {
    case 'l': o->list = 1; break;
    case 't': o->timing = 1; break;
    case 'f': o->format = optarg; break;
    case 'd':
    case 'T':
    case 'R':
    case 'E': st = cli_query_option(&o->q, "compare", c, optarg); break;
    case 'F': o->in.facts_dir = optarg; break;
    case 'o': o->in.ontology_dir = optarg; break;
    case 'h': print_help(); return ILDKG_DONE;
    default: return cli_usage_error("compare", "bad option '%s'", argv[optind - 1]);
    }
    if (st != ILDKG_OK) {
      return st;
    }
  }
  if (!results_format_known(o->format) || !strcmp(o->format, "turtle") ||
      !strcmp(o->format, "ntriples") || !strcmp(o->format, "jsonld") ||
      !strcmp(o->format, "rdfxml")) {
    return cli_usage_error("compare", "unknown format '%s' (see --help)", o->format);
  }
  o->topics = argv + optind;
  o->ntopics = (size_t)(argc - optind);
  return ILDKG_OK;
}

/* Each named topic must exist; none named means the summary. *chosen (caller frees) holds
   *nchosen topics, borrowed from @p l. */
static ildkg_status
choose_topics(const topic_list *l, char **names, size_t nnames, const topic ***chosen,
              size_t *nchosen)
{
  static char *const summary[] = {"summary"};
  if (nnames == 0) {
    names = (char **)summary;
    nnames = 1;
  }
  *nchosen = 0;
  if (!(*chosen = calloc(nnames, sizeof **chosen))) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < nnames; ++i) {
    const topic *t = find_topic(l->items, l->count, names[i]);
    if (!t) {
      fprintf(stderr, "ildkg compare: unknown topic '%s'; the topics are:\n", names[i]);
      print_topics(stderr, l->items, l->count);
      return ILDKG_ERR_USAGE;
    }
    (*chosen)[(*nchosen)++] = t;
  }
  return ILDKG_OK;
}

int
cmd_compare(int argc, char **argv)
{
  compare_options o;
  ildkg_status st = compare_parse_options(&o, argc, argv);
  if (st != ILDKG_OK) {
    return cli_exit_code(st == ILDKG_DONE ? ILDKG_OK : st);
  }
  char *dir = NULL;
  if (asprintf(&dir, "%s/queries", o.in.ontology_dir) < 0) {
    return cli_exit_code(ILDKG_ERR_NOMEM);
  }
  topic_list topics = {NULL, 0};
  const topic **chosen = NULL;
  size_t nchosen = 0;
  ildkg_diag *d = ildkg_diag_new(CLI_MAX_MESSAGES);
  pipeline p = {NULL, NULL, NULL};
  raptor_world *remote = NULL; /* with --endpoint: the world of the answers' terms */
  st = d ? topics_list(dir, &topics, d) : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK && o.list) {
    print_topics(stdout, topics.items, topics.count);
  } else if (st == ILDKG_OK) {
    st = choose_topics(&topics, o.topics, o.ntopics, &chosen, &nchosen);
    const double started = triples_source_now_ms();
    st = st != ILDKG_OK ? st
         : o.q.endpoint ? cli_open_raptor_world(&remote)
                        : cli_load_graph(&p, &o.in, o.q.data, o.q.ndata, ILDKG_DEFAULT_BASE, d);
    if (st == ILDKG_OK && o.timing && !o.q.endpoint) {
      /* reading, and the indexes made for the queries: what a store does when it loads */
      fprintf(stderr, "ildkg compare: timing: graph loaded and indexed: %.3f ms\n",
              triples_source_now_ms() - started);
    }
    st = st == ILDKG_OK ? run_topics(p.graph, remote, dir, chosen, nchosen, &o, d) : st;
  }
  if (d) {
    cli_print_diag("compare", d, st);
  }
  if (remote) {
    raptor_free_world(remote);
  }
  pipeline_clear(&p);
  ildkg_diag_free(d);
  free(chosen);
  topic_list_clear(&topics);
  free(dir);
  return cli_exit_code(st);
}
