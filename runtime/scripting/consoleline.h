// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleLine: one line a function printed with console.log/info/warn/error.
#pragma once

#include <QString>

namespace Runtime {

/** One line a function printed with console.log/info/warn/error; kept with the request or job that ran it. */
struct ConsoleLine
{
    enum class Level { Log, Info, Warn, Error };
    Level level = Level::Log;
    QString text;
    bool operator==(const ConsoleLine &) const = default;
};

} // namespace Runtime
