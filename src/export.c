/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "ns.h"

enum { MAX_FORMATS = 16 };

static const export_format FORMATS[] = {
  {"turtle", ".ttl", "turtle", "Turtle (RDF 1.1), with prefixes"},
  {"ntriples", ".nt", "ntriples", "N-Triples, one triple a line, sorted"},
  {"rdfxml", ".rdf", "rdfxml-abbrev", "RDF/XML"},
};

/* Prefixes written in the formats that abbreviate IRIs; "kg" is the data's base.
 * rdf: is missing because raptor declares it itself (declaring it again fails). */
static const struct {
  const char *prefix, *iri;
} PREFIXES[] = {
  {"rdfs", NS_RDFS},   {"owl", NS_OWL},         {"xsd", NS_XSD},
  {"skos", NS_SKOS},   {"dcterms", NS_DCTERMS}, {"prov", NS_PROV},   {"cito", NS_CITO},
  {"fabio", NS_FABIO}, {"oa", NS_OA},       {"obo", NS_OBO},         {"ildkg", NS_ILDKG},
};

size_t
export_format_count(void)
{
  return sizeof FORMATS / sizeof *FORMATS;
}

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

static ildkg_status
write_statements(raptor_world *world, const export_format *format, const export_options *options,
                 raptor_statement **statements, size_t count, FILE *out)
{
  raptor_serializer *s = raptor_new_serializer(world, format->raptor_name);
  int rc = s ? 0 : 1;
  for (size_t i = 0; !rc && i < sizeof PREFIXES / sizeof *PREFIXES; ++i) {
    rc = declare_prefix(world, s, PREFIXES[i].prefix, PREFIXES[i].iri);
  }
  if (!rc && options && options->base) {
    rc = declare_prefix(world, s, "kg", options->base);
  }
  /* raptor's Turtle writer needs a base URI, and makes IRIs under it relative whatever
   * RAPTOR_OPTION_RELATIVE_URIS says: a base no IRI shares keeps every IRI absolute. */
  raptor_uri *base = rc ? NULL : raptor_new_uri(world, (const unsigned char *)"urn:x-ildkg:none");
  rc = rc || !base || raptor_serializer_set_option(s, RAPTOR_OPTION_RELATIVE_URIS, NULL, 0) ||
       raptor_serializer_set_option(s, RAPTOR_OPTION_WRITE_BASE_URI, NULL, 0) ||
       raptor_serializer_start_to_file_handle(s, base, out);
  for (size_t i = 0; !rc && i < count; ++i) {
    rc = raptor_serializer_serialize_statement(s, statements[i]);
  }
  rc = rc || raptor_serializer_serialize_end(s);
  if (s) {
    raptor_free_serializer(s);
  }
  if (base) {
    raptor_free_uri(base);
  }
  if (rc) {
    return ILDKG_ERR_RDF;
  }
  /* raptor's writers can drop write errors: the stream's own state is the truth. */
  errno = 0;
  return fflush(out) == 0 && !ferror(out) ? ILDKG_OK : ILDKG_ERR_IO;
}

ildkg_status
export_write(graph *g, const export_format *format, const export_options *options, FILE *out)
{
  raptor_statement **statements = NULL;
  size_t count = 0;
  ildkg_status st = graph_sorted_statements(g, &statements, &count);
  if (st == ILDKG_OK) {
    st = write_statements(graph_raptor_world(g), format, options, statements, count, out);
  }
  graph_statements_free(statements, count);
  return st;
}

static ildkg_status
ensure_directory(const char *dir, ildkg_diag *d)
{
  struct stat info;
  if (stat(dir, &info) == 0 && S_ISDIR(info.st_mode)) {
    return ILDKG_OK;
  }
  if (mkdir(dir, 0777) != 0) {
    ildkg_diag_error(d, (ildkg_loc){dir, 0, NULL}, "cannot create output directory: %s",
                     strerror(errno));
    return ILDKG_ERR_CANTCREAT;
  }
  return ILDKG_OK;
}

static ildkg_status
write_one(graph *g, const export_format *format, const export_options *options,
          raptor_statement **statements, size_t count, atomic_file *af, const char *path,
          ildkg_diag *d)
{
  ildkg_status st = atomic_file_open(af, path);
  if (st != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "cannot create %s.tmp: %s", path,
                     strerror(errno));
    return st;
  }
  st = write_statements(graph_raptor_world(g), format, options, statements, count, af->file);
  if (st == ILDKG_OK) {
    st = atomic_file_finish(af);
  }
  if (st != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "writing %s failed: %s", format->name,
                     st == ILDKG_ERR_IO ? strerror(errno) : graph_last_error(g));
  }
  return st;
}

ildkg_status
export_write_all(graph *g, const export_format *const *formats, size_t nformats,
                 const export_options *options, const char *dir, const char *basename,
                 ildkg_diag *d, FILE *report)
{
  atomic_file files[MAX_FORMATS] = {{0}};
  char *paths[MAX_FORMATS] = {0};
  raptor_statement **statements = NULL;
  size_t count = 0, opened = 0;
  ildkg_status st = nformats <= MAX_FORMATS ? ensure_directory(dir, d) : ILDKG_ERR_USAGE;
  if (st == ILDKG_OK) {
    st = graph_sorted_statements(g, &statements, &count);
  }
  for (size_t i = 0; st == ILDKG_OK && i < nformats; ++i) {
    if (asprintf(&paths[i], "%s/%s%s", dir, basename, formats[i]->extension) < 0) {
      paths[i] = NULL;
      st = ILDKG_ERR_NOMEM;
      break;
    }
    st = write_one(g, formats[i], options, statements, count, &files[i], paths[i], d);
    opened = i + 1;
  }
  for (size_t i = 0; i < opened; ++i) {
    const ildkg_status rc = st == ILDKG_OK ? atomic_file_commit(&files[i]) : ILDKG_OK;
    if (st != ILDKG_OK) {
      atomic_file_abort(&files[i]);
    } else if (rc != ILDKG_OK) {
      ildkg_diag_error(d, (ildkg_loc){paths[i], 0, NULL}, "rename failed: %s", strerror(errno));
      st = rc;
    } else if (report) {
      fprintf(report, "wrote %s (%zu triples, %s)\n", paths[i], count, formats[i]->name);
    }
  }
  for (size_t i = 0; i < nformats && i < MAX_FORMATS; ++i) {
    free(paths[i]);
  }
  graph_statements_free(statements, count);
  return st;
}
