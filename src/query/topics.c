/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "topics.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
compare_topics(const void *a, const void *b)
{
  return strcmp(((const topic *)a)->name, ((const topic *)b)->name);
}

void
topic_list_clear(topic_list *l)
{
  for (size_t i = 0; i < l->count; ++i) {
    free(l->items[i].name);
    free(l->items[i].title);
  }
  free(l->items);
  *l = (topic_list){NULL, 0};
}

/* The title of the query file @p path (its first line's "# title: ..."), or its name. */
static ildkg_status
read_title(const char *path, const char *name, char **title)
{
  static const char TAG[] = "# title: ";
  FILE *f = fopen(path, "r");
  char *line = NULL;
  size_t size = 0;
  const ssize_t len = f ? getline(&line, &size, f) : -1;
  if (f) {
    fclose(f);
  }
  if (len > 0 && !strncmp(line, TAG, sizeof TAG - 1)) {
    line[strcspn(line, "\r\n")] = '\0';
    *title = strdup(line + sizeof TAG - 1);
  } else {
    *title = strdup(name);
  }
  free(line);
  return *title ? ILDKG_OK : ILDKG_ERR_NOMEM;
}

static ildkg_status
add_topic(topic_list *l, const char *dir, const char *file)
{
  const size_t len = strlen(file);
  if (file[0] == '.' || len < 4 || strcmp(file + len - 3, ".rq")) {
    return ILDKG_OK;
  }
  topic *grown = realloc(l->items, (l->count + 1) * sizeof *grown);
  if (!grown) {
    return ILDKG_ERR_NOMEM;
  }
  l->items = grown;
  topic *t = &l->items[l->count];
  char *path = NULL;
  *t = (topic){strndup(file, len - 3), NULL};
  if (!t->name || asprintf(&path, "%s/%s", dir, file) < 0) {
    free(t->name);
    return ILDKG_ERR_NOMEM;
  }
  const ildkg_status st = read_title(path, t->name, &t->title);
  free(path);
  if (st != ILDKG_OK) {
    free(t->name);
    return st;
  }
  ++l->count;
  return ILDKG_OK;
}

/* The topics of DIR in name order. */
ildkg_status
topics_list(const char *dir, topic_list *l, ildkg_diag *d)
{
  DIR *dh = opendir(dir);
  if (!dh) {
    ildkg_diag_error(d, (ildkg_loc){dir, 0, NULL}, "cannot open queries: %s", strerror(errno));
    return ILDKG_ERR_NOINPUT;
  }
  ildkg_status st = ILDKG_OK;
  for (struct dirent *e; st == ILDKG_OK && (e = readdir(dh));) {
    st = add_topic(l, dir, e->d_name);
  }
  closedir(dh);
  if (l->count) {
    qsort(l->items, l->count, sizeof *l->items, compare_topics);
  }
  return st;
}
