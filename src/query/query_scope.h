/* SPDX-License-Identifier: MIT */
/**
 * @file query_scope.h  SPARQL's variable scope, checked on the query text, where rasqal
 * gets it wrong.
 *
 * In SPARQL a nested group, a UNION branch, the group of an OPTIONAL or a sub-SELECT is
 * evaluated on its own and then joined: a FILTER or BIND in it, or an OPTIONAL in it,
 * does not see a variable bound only outside it. rasqal 0.9.33 evaluates them with the
 * outer values in place (and merges nested groups before anything could be checked on
 * its parsed query), so such queries are refused from the text, before rasqal parses it.
 */
#ifndef ILDKG_QUERY_SCOPE_H
#define ILDKG_QUERY_SCOPE_H

#include <stddef.h>

#include "status.h"

/**
 * Check the scope of the variables of @p text.
 * @return ILDKG_OK; ILDKG_ERR_UNSUPPORTED (@p why, @p size bytes, starts "not supported: ")
 *   when rasqal would give such a variable its outer value, or when a sub-SELECT has a
 *   construct rasqal answers wrongly; ILDKG_ERR_INPUT when the query is not valid SPARQL
 *   (a variable assigned with AS that is already in scope); ILDKG_ERR_NOMEM.
 */
ildkg_status query_scope_check(const char *text, char *why, size_t size);

/**
 * The query @p text as an ASK of its WHERE clause (with its prologue and a VALUES after
 * it), to learn whether the WHERE clause has any solution. A new string in *out (caller
 * frees), or NULL when the text has no WHERE group.
 * @return ILDKG_OK or ILDKG_ERR_NOMEM.
 */
ildkg_status query_scope_where_as_ask(const char *text, char **out);

#endif
