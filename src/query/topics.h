/* SPDX-License-Identifier: MIT */
/**
 * @file topics.h  The shipped compare topics: the query files ONTOLOGY/queries/NAME.rq,
 * each titled by its first line "# title: ...".
 */
#ifndef ILDKG_TOPICS_H
#define ILDKG_TOPICS_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

typedef struct {
  char *name;  /**< owned: the file name without .rq */
  char *title; /**< owned: the title line's text, or the name */
} topic;

/** The topics of a queries directory, in name order; as many as it holds. */
typedef struct {
  topic *items;
  size_t count;
} topic_list;

/**
 * The topics of @p dir into @p l (empty before; release with topic_list_clear).
 * @return ILDKG_OK; ILDKG_ERR_NOINPUT (reported to @p d); ILDKG_ERR_NOMEM.
 */
ildkg_status topics_list(const char *dir, topic_list *l, ildkg_diag *d);

void topic_list_clear(topic_list *l);

#endif
