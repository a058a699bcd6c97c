// SPDX-License-Identifier: GPL-3.0-or-later
// Error and Problem formatting.
#include "error.h"

namespace Runtime {

QString Problem::toString() const
{
    return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
}

QString Error::toString() const
{
    QString out = message;
    for (const Problem &p : problems)
        out += QLatin1Char('\n') + p.toString();
    return out;
}

} // namespace Runtime
