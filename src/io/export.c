/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "export_set.h"
#include "graph_builder.h"
#include "jsonld_writer.h"
#include "hpoa_writer.h"
#include "kgx_writer.h"
#include "sssom_writer.h"
#include "void_writer.h"
#include "ns.h"

static ildkg_status write_with_raptor(const export_format *self, const export_job *job, FILE *out);
static ildkg_status write_nquads(const export_format *self, const export_job *job, FILE *out);
static ildkg_status write_jsonld(const export_format *self, const export_job *job, FILE *out);
static ildkg_status write_rdfxml(const export_format *self, const export_job *job, FILE *out);
static ildkg_status write_void(const export_format *self, const export_job *job, FILE *out);
static ildkg_status write_sssom(const export_format *self, const export_job *job, FILE *out);
static ildkg_status write_hpoa(const export_format *self, const export_job *job, FILE *out);
static ildkg_status write_kgx(const export_format *self, const export_job *job, FILE *out);

static const export_format FORMATS[] = {
  {"turtle", ".ttl", "Turtle (RDF 1.1), with prefixes", "turtle", "triples",
   write_with_raptor, false},
  {"ntriples", ".nt", "N-Triples, one triple a line, sorted", "ntriples", "triples",
   write_with_raptor, false},
  {"nquads", ".nq", "N-Quads, the release's IRI as graph name, sorted", "nquads", "triples",
   write_nquads, false},
  {"jsonld", ".jsonld", "JSON-LD 1.1, compacted with ontology/context.jsonld", NULL, "triples",
   write_jsonld, false},
  {"rdfxml", ".rdf", "RDF/XML (refuses literals with characters XML 1.0 cannot hold)",
   "rdfxml-abbrev", "triples", write_rdfxml, false},
  {"void", ".void.ttl", "VoID statistics of the graph (Turtle): counts, class and property partitions",
   "turtle", "the VoID description of the graph's", write_void, false},
  {"sssom", ".sssom.tsv", "SSSOM mapping set: the entity mappings, where each was checked",
   NULL, "the mappings of the graph's", write_sssom, true},
  {"hpoa", ".hpoa", "HPO annotations (phenotype.hpoa): disease-phenotype claims for phenotype tools",
   NULL, "the phenotype claims of the graph's", write_hpoa, true},
  /* KGX: five files, chosen together by --format kgx */
  {"kgx-nodes", ".kgx_nodes.tsv", "KGX nodes (Biolink " KGX_BIOLINK_VERSION "), TSV", NULL,
   "the entities of the graph's", write_kgx, true},
  {"kgx-edges", ".kgx_edges.tsv", "KGX edges (Biolink " KGX_BIOLINK_VERSION "), TSV", NULL,
   "the plain claims of the graph's", write_kgx, true},
  {"kgx-nodes-jsonl", ".kgx_nodes.jsonl", "KGX nodes, JSON Lines", NULL,
   "the entities of the graph's", write_kgx, true},
  {"kgx-edges-jsonl", ".kgx_edges.jsonl", "KGX edges, JSON Lines", NULL,
   "the plain claims of the graph's", write_kgx, true},
  {"kgx-metadata", ".kgx_graph.json", "KGX graph metadata: Biolink version, counts", NULL,
   "what the KGX files hold of the graph's", write_kgx, true},
};

size_t
export_format_count(void)
{
  return sizeof FORMATS / sizeof *FORMATS;
}

_Static_assert(sizeof FORMATS / sizeof *FORMATS <= EXPORT_FORMAT_MAX, "raise EXPORT_FORMAT_MAX");

const export_format *
export_format_at(size_t i)
{
  return i < export_format_count() ? &FORMATS[i] : NULL;
}

const export_format *
export_format_find(const char *name)
{
  for (size_t i = 0; i < export_format_count(); ++i) {
    if (!strcmp(FORMATS[i].name, name)) {
      return &FORMATS[i];
    }
  }
  return NULL;
}

static int
declare_prefix(raptor_world *world, raptor_serializer *s, const char *prefix, const char *iri)
{
  raptor_uri *uri = raptor_new_uri(world, (const unsigned char *)iri);
  const int rc = uri ? raptor_serializer_set_namespace(s, uri, (const unsigned char *)prefix) : 1;
  if (uri) {
    raptor_free_uri(uri);
  }
  return rc;
}

/* Serialize the job's statements with raptor; @p graph names their graph (N-Quads) or is NULL. */
static ildkg_status
serialize(const export_format *format, const export_job *job, raptor_term *graph_name, FILE *out)
{
  raptor_world *world = job->world;
  const export_options *options = job->options;
  raptor_statement **statements = job->statements;
  const size_t count = job->count;
  raptor_serializer *s = raptor_new_serializer(world, format->raptor_name);
  int rc = s ? 0 : 1;
  /* rdf: is not in NS_PREFIXES: raptor declares it itself, and declaring it again fails. */
  for (size_t i = 0; !rc && i < NS_PREFIX_COUNT; ++i) {
    rc = declare_prefix(world, s, NS_PREFIXES[i].prefix, NS_PREFIXES[i].iri);
  }
  if (!rc && options && options->base) {
    rc = declare_prefix(world, s, NS_DATA_PREFIX, options->base);
  }
  /* raptor's Turtle writer needs a base URI, and makes IRIs under it relative whatever
   * RAPTOR_OPTION_RELATIVE_URIS says: a base no IRI shares keeps every IRI absolute. */
  raptor_uri *base = rc ? NULL : raptor_new_uri(world, (const unsigned char *)"urn:x-ildkg:none");
  rc = rc || !base || raptor_serializer_set_option(s, RAPTOR_OPTION_RELATIVE_URIS, NULL, 0) ||
       raptor_serializer_set_option(s, RAPTOR_OPTION_WRITE_BASE_URI, NULL, 0) ||
       raptor_serializer_start_to_file_handle(s, base, out);
  for (size_t i = 0; !rc && i < count; ++i) {
    statements[i]->graph = graph_name; /* borrowed for the call only */
    rc = raptor_serializer_serialize_statement(s, statements[i]);
    statements[i]->graph = NULL;
  }
  rc = rc || raptor_serializer_serialize_end(s);
  if (s) {
    raptor_free_serializer(s);
  }
  if (base) {
    raptor_free_uri(base);
  }
  return rc ? ILDKG_ERR_RDF : ILDKG_OK;
}

static ildkg_status
write_with_raptor(const export_format *self, const export_job *job, FILE *out)
{
  return serialize(self, job, NULL, out);
}

/* Every triple in one named graph, the release's IRI, so several sources (and releases) can
 * share a store. */
static ildkg_status
write_nquads(const export_format *self, const export_job *job, FILE *out)
{
  char *iri = graph_builder_dataset_iri(job->options->base);
  raptor_term *name = iri ? raptor_new_term_from_uri_string(job->world, (unsigned char *)iri) : NULL;
  const ildkg_status st = name ? serialize(self, job, name, out) : ILDKG_ERR_NOMEM;
  if (name) {
    raptor_free_term(name);
  }
  free(iri);
  return st;
}

/* XML 1.0 has no way to write C0 controls other than tab, LF and CR, nor U+FFFE/U+FFFF;
 * raptor would silently write something else. Offset of the first one, or -1. */
static long
first_non_xml_char(const unsigned char *s)
{
  for (const unsigned char *p = s; *p; ++p) {
    const int c0 = *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r';
    const int nonchar = p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
    if (c0 || nonchar) {
      return (long)(p - s);
    }
  }
  return -1;
}

static ildkg_status
write_rdfxml(const export_format *self, const export_job *job, FILE *out)
{
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; i < job->count; ++i) {
    const raptor_term *o = job->statements[i]->object;
    const long at = o->type == RAPTOR_TERM_TYPE_LITERAL ? first_non_xml_char(o->value.literal.string) : -1;
    if (at >= 0) {
      st = ildkg_diag_error(job->diag, (ildkg_loc){job->path, 0, NULL},
                            "RDF/XML cannot hold the literal of <%s> <%s>: character U+%04X at "
                            "byte %ld is not allowed in XML 1.0",
                            raptor_uri_as_string(job->statements[i]->subject->value.uri),
                            raptor_uri_as_string(job->statements[i]->predicate->value.uri),
                            o->value.literal.string[at], at + 1);
    }
  }
  return st == ILDKG_OK ? serialize(self, job, NULL, out) : st;
}

static ildkg_status
write_jsonld(const export_format *self, const export_job *job, FILE *out)
{
  (void)self;
  return jsonld_write(job, out);
}

/* Not the graph but its description: the statements void_describe makes, in Turtle. */
static ildkg_status
write_void(const export_format *self, const export_job *job, FILE *out)
{
  raptor_statement **description = NULL;
  size_t n = 0;
  ildkg_status st = void_describe(job, &description, &n);
  if (st == ILDKG_OK) {
    export_job of_description = *job;
    of_description.statements = description;
    of_description.count = n;
    st = serialize(self, &of_description, NULL, out);
  }
  graph_statements_free(description, n);
  return st;
}

static ildkg_status
write_sssom(const export_format *self, const export_job *job, FILE *out)
{
  (void)self;
  return sssom_write(job, out);
}

static ildkg_status
write_hpoa(const export_format *self, const export_job *job, FILE *out)
{
  (void)self;
  return hpoa_write(job, out);
}

static ildkg_status
write_kgx(const export_format *self, const export_job *job, FILE *out)
{
  static const struct {
    const char *name;
    kgx_part part;
  } PARTS[] = {{"kgx-nodes", KGX_NODES_TSV},         {"kgx-edges", KGX_EDGES_TSV},
               {"kgx-nodes-jsonl", KGX_NODES_JSONL}, {"kgx-edges-jsonl", KGX_EDGES_JSONL},
               {"kgx-metadata", KGX_METADATA}};
  for (size_t i = 0; i < sizeof PARTS / sizeof *PARTS; ++i) {
    if (!strcmp(self->name, PARTS[i].name)) {
      return kgx_write(job, PARTS[i].part, out);
    }
  }
  return ILDKG_ERR_RDF;
}

/* What every writer of a run reads: the sorted statements and the lookups over them,
   built once. */
typedef struct {
  raptor_statement **statements;
  size_t count;
  statement_index *index;
  mapping_table *mappings;
} export_input;

static void
input_close(export_input *in)
{
  mapping_table_free(in->mappings);
  statement_index_free(in->index);
  graph_statements_free(in->statements, in->count);
  *in = (export_input){NULL, 0, NULL, NULL};
}

/* The sorted statements, and the lookups over them when @p lookups (a writer needs them). */
static ildkg_status
input_open(graph *g, bool lookups, export_input *in)
{
  *in = (export_input){NULL, 0, NULL, NULL};
  ildkg_status st = graph_sorted_statements(g, &in->statements, &in->count);
  if (st == ILDKG_OK && lookups) {
    st = statement_index_new(in->statements, in->count, &in->index);
  }
  if (st == ILDKG_OK && lookups) {
    st = mapping_table_new(in->statements, in->count, in->index, &in->mappings);
  }
  if (st != ILDKG_OK) {
    input_close(in);
  }
  return st;
}

static export_job
input_job(const export_input *in, graph *g, const export_options *options, ildkg_diag *d,
          const char *path)
{
  return (export_job){graph_raptor_world(g), in->statements, in->count, in->index,
                      in->mappings, options, d, path};
}

ildkg_status
export_write(graph *g, const export_format *format, const export_options *options, FILE *out,
             ildkg_diag *d)
{
  export_input in;
  ildkg_status st = input_open(g, format->needs_lookups, &in);
  if (st == ILDKG_OK) {
    const export_job job = input_job(&in, g, options, d, "-");
    st = format->write(format, &job, out);
  }
  /* Writers (raptor's too) can drop write errors: the stream's own state is the truth.
     An export set's files get the same check from export_set_finish_file. */
  if (st == ILDKG_OK) {
    errno = 0;
    st = fflush(out) == 0 && !ferror(out) ? ILDKG_OK : ILDKG_ERR_IO;
  }
  input_close(&in);
  return st;
}

static ildkg_status
write_one(graph *g, const export_format *format, const export_job *job, ildkg_diag *d)
{
  FILE *file = NULL;
  ildkg_status st = export_set_create_file(job->path, &file);
  if (st != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){job->path, 0, NULL}, "cannot create: %s", strerror(errno));
    return st;
  }
  st = format->write(format, job, file);
  const int saved = errno;
  const ildkg_status finished = export_set_finish_file(file);
  errno = st != ILDKG_OK ? saved : errno;
  st = st != ILDKG_OK ? st : finished;
  if (st != ILDKG_OK && st != ILDKG_ERR_INPUT) {
    ildkg_diag_error(d, (ildkg_loc){job->path, 0, NULL}, "writing %s failed: %s", format->name,
                     st == ILDKG_ERR_IO ? strerror(errno) : graph_last_error(g));
  }
  return st;
}

/* Write every format into the staging directory of @p set. */
static ildkg_status
write_staged(graph *g, const export_format *const *formats, size_t nformats,
             const export_options *options, const export_set *set, const char *basename,
             const export_input *in, ildkg_diag *d)
{
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; st == ILDKG_OK && i < nformats; ++i) {
    char *staged = export_set_staging_path(set, basename, formats[i]->extension);
    const export_job job = input_job(in, g, options, d, staged);
    st = staged ? write_one(g, formats[i], &job, d) : ILDKG_ERR_NOMEM;
    free(staged);
  }
  return st;
}

ildkg_status
export_write_all(graph *g, const export_format *const *formats, size_t nformats,
                 const export_options *options, const char *dir, const char *basename,
                 ildkg_diag *d, FILE *report)
{
  export_input in;
  export_set set;
  bool lookups = false;
  for (size_t i = 0; i < nformats; ++i) {
    lookups |= formats[i]->needs_lookups;
  }
  ildkg_status st = input_open(g, lookups, &in);
  const size_t count = in.count;
  if (st == ILDKG_OK) {
    st = export_set_open(&set, dir, basename, d);
    if (st == ILDKG_OK) {
      st = write_staged(g, formats, nformats, options, &set, basename, &in, d);
    }
    if (st == ILDKG_OK) {
      st = export_set_switch(&set, d);
    }
    export_set_close(&set);
  }
  for (size_t i = 0; st == ILDKG_OK && report && i < nformats; ++i) {
    if (!strcmp(formats[i]->holds, "triples")) {
      fprintf(report, "wrote %s/%s%s (%zu triples, %s)\n", dir, basename, formats[i]->extension,
              count, formats[i]->name);
    } else {
      fprintf(report, "wrote %s/%s%s (%s %zu triples, %s)\n", dir, basename,
              formats[i]->extension, formats[i]->holds, count, formats[i]->name);
    }
  }
  input_close(&in);
  return st;
}
