// SPDX-License-Identifier: GPL-3.0-or-later
// SQL functions Basalt adds to its SQLite connections, for the filters SQLite has no operator for.
#include "sqlitefunctions.h"

#include "jsonfilters.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlDriver>

#include <sqlite3.h>

namespace Runtime {

namespace {
/** How long the matches of one regular expression may take in one statement, in all: a pattern that
    backtracks catastrophically fails the request instead of holding a request thread. */
constexpr qint64 s_regexpBudgetNs = 2'000'000'000;

struct CompiledPattern
{
    QRegularExpression expression;
    qint64 spentNs = 0;
};

QString textOf(sqlite3_value *value)
{
    const auto *text = static_cast<const char16_t *>(sqlite3_value_text16(value));
    return text ? QString::fromUtf16(text, sqlite3_value_bytes16(value) / 2) : QString();
}

void fail(sqlite3_context *context, const QString &message)
{
    const QByteArray text = QByteArray(s_sqliteFunctionErrorPrefix) + message.toUtf8();
    sqlite3_result_error(context, text.constData(), int(text.size()));
}

void regexpFunction(sqlite3_context *context, int, sqlite3_value **args)
{
    auto *pattern = static_cast<CompiledPattern *>(sqlite3_get_auxdata(context, 0));
    if (!pattern) {
        const QString flags = textOf(args[1]);
        auto compiled = std::make_unique<CompiledPattern>();
        compiled->expression.setPattern(textOf(args[0]));
        if (flags.contains(QLatin1Char('i')))
            compiled->expression.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
        if (!compiled->expression.isValid()) {
            fail(context, QStringLiteral("invalid regular expression: %1 at position %2")
                              .arg(compiled->expression.errorString())
                              .arg(compiled->expression.patternErrorOffset() + 1));
            return;
        }
        compiled->expression.optimize();
        pattern = compiled.get();
        sqlite3_set_auxdata(context, 0, compiled.release(), [](void *p) { delete static_cast<CompiledPattern *>(p); });
        // SQLite may drop the auxiliary data at once (a pattern that is not constant): read it back.
        if (sqlite3_get_auxdata(context, 0) != pattern) {
            fail(context, QStringLiteral("the regular expression must be a constant"));
            return;
        }
    }
    if (sqlite3_value_type(args[2]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    if (pattern->spentNs > s_regexpBudgetNs) {
        fail(context, QStringLiteral("the regular expression takes too long to match; make it simpler"));
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const bool matched = pattern->expression.match(textOf(args[2])).hasMatch();
    pattern->spentNs += timer.nsecsElapsed();
    sqlite3_result_int(context, matched ? 1 : 0);
}

template<bool (*Test)(const QJsonValue &, const QJsonValue &)>
void jsonFunction(sqlite3_context *context, int, sqlite3_value **args)
{
    if (sqlite3_value_type(args[0]) == SQLITE_NULL || sqlite3_value_type(args[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    // The filter's value is the same for every row: parsed once per statement.
    auto *needle = static_cast<QJsonValue *>(sqlite3_get_auxdata(context, 1));
    std::unique_ptr<QJsonValue> parsed;
    if (!needle) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(args[1]));
        const std::optional<QJsonValue> value = parseJsonValue(QByteArray(text, sqlite3_value_bytes(args[1])));
        if (!value) {
            fail(context, QStringLiteral("the filter's value is not JSON"));
            return;
        }
        parsed = std::make_unique<QJsonValue>(*value);
        needle = parsed.get();
    }
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(args[0]));
    const std::optional<QJsonValue> haystack = parseJsonValue(QByteArray(text, sqlite3_value_bytes(args[0])));
    sqlite3_result_int(context, haystack && Test(*haystack, *needle) ? 1 : 0);
    if (parsed)
        sqlite3_set_auxdata(context, 1, parsed.release(), [](void *p) { delete static_cast<QJsonValue *>(p); });
}

bool contains(const QJsonValue &a, const QJsonValue &b)
{
    return jsonContains(a, b);
}
} // namespace

Result<void> registerSqliteFunctions(QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return Error(ErrorCode::DatabaseOpenFailed, QStringLiteral("The SQLite driver gave no connection handle."));
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    const int results[] = {
        sqlite3_create_function_v2(connection, "basalt_regexp", 3, flags, nullptr, regexpFunction, nullptr, nullptr, nullptr),
        sqlite3_create_function_v2(connection, "basalt_json_contains", 2, flags, nullptr, jsonFunction<contains>, nullptr, nullptr, nullptr),
        sqlite3_create_function_v2(connection, "basalt_json_overlaps", 2, flags, nullptr, jsonFunction<jsonOverlaps>, nullptr, nullptr, nullptr),
    };
    for (const int result : results) {
        if (result != SQLITE_OK)
            return Error(ErrorCode::DatabaseOpenFailed, QStringLiteral("Could not add Basalt's SQL functions to SQLite."),
                QString::fromUtf8(sqlite3_errstr(result)));
    }
    return {};
}

} // namespace Runtime
