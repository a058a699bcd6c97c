// SPDX-License-Identifier: GPL-3.0-or-later
// dump(): a parsed ApiQuery as one line of canonical text, for comparing parser output in tests.
#pragma once

#include "query/apiquery.h"

#include <QString>

/** Returns \a query as compact text, parts separated by "; ", "-" when the query asks for nothing:
    `select=id,author:users!author_id!inner(name)`, one `root:` / `<embed.path>:` part per level with
    `where=and(id.eq."1",not.or(...)) order=a.desc.nullslast limit=10 offset=0`, then `on_conflict=`,
    `columns=` and `prefer=return:minimal,count:exact,resolution:merge,missing:default`. Filter values are
    shown in double quotes, without escaping. */
QString dump(const Runtime::ApiQuery &query);
