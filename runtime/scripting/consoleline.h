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

/** Returns "log", "info", "warn" or "error": how logs and the Run answer name \a level. */
inline QLatin1String consoleLevelName(ConsoleLine::Level level)
{
    static const char *const names[] = {"log", "info", "warn", "error"};
    return QLatin1String(names[int(level)]);
}

} // namespace Runtime
