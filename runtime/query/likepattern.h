// SPDX-License-Identifier: GPL-3.0-or-later
// likePattern: a PostgREST like/ilike pattern as a regular expression, for filters applied in memory.
#pragma once

#include <QRegularExpression>
#include <QString>

namespace Runtime {

/** Returns the like pattern \a pattern (`%` or PostgREST's `*` any run, `_` one character, `\` escapes the
    next character) as an anchored regular expression, case-insensitive for ilike. */
QRegularExpression likePattern(const QString &pattern, bool caseInsensitive);

} // namespace Runtime
