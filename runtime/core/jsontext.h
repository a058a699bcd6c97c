// SPDX-License-Identifier: GPL-3.0-or-later
// jsonTextForParser: refuses JSON text whose strings the parser would alter or the databases cannot store.
#pragma once

#include "core/result.h"

#include <QByteArray>

namespace Runtime {

/** Returns the JSON text \a json (a request body) ready for Qt's parser, which would otherwise change
    some strings silently, or InvalidBody naming the byte offset and the fix for what the parser would
    alter or a database refuse: bytes that are not UTF-8 (the parser makes them U+FFFD), escapes JSON
    does not have (it drops their backslash), control characters not escaped, `\u` escapes of a lone UTF-16 surrogate (U+FFFD), and the
    NUL character (`\u0000`, which PostgreSQL's text cannot hold). A U+FEFF sent as UTF-8 inside a string
    (which the parser drops) is rewritten as the escape `\ufeff`, which it keeps; otherwise \a json is
    returned as it is. Says nothing about the rest of the JSON syntax (the parser does). */
Result<QByteArray> jsonTextForParser(const QByteArray &json);

} // namespace Runtime
