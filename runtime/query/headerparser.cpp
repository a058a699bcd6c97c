// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the Range, Range-Unit and Prefer headers of a data-API request.
#include "postgrestparser_p.h"

#include <QRegularExpression>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Runtime {

namespace {
Error headerError(ErrorCode code, const QString &header, const QString &problem)
{
    Error error(code, u"\"%1\": %2"_s.arg(header, problem));
    error.problems.append(Problem {Problem::Severity::Error, header, problem, {}});
    return error;
}

constexpr qint64 s_unbounded = std::numeric_limits<qint64>::max();

struct Bounds
{
    qint64 first = 0;
    qint64 last = s_unbounded; ///< inclusive; s_unbounded: open-ended
};

Result<Bounds> parseRangeHeader(const QString &text)
{
    static const QRegularExpression pattern(u"^([0-9]+)-([0-9]*)$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    bool firstOk = false;
    bool lastOk = true;
    Bounds bounds;
    if (match.hasMatch()) {
        bounds.first = match.captured(1).toLongLong(&firstOk);
        if (!match.captured(2).isEmpty())
            bounds.last = match.captured(2).toLongLong(&lastOk);
    }
    if (!firstOk || !lastOk) {
        return headerError(ErrorCode::InvalidRange, u"Range"_s,
            u"unexpected \"%1\" (expected first-last counted from 0, e.g. 0-19, or first-, e.g. 10-)"_s.arg(
                text));
    }
    if (bounds.last < bounds.first) {
        return headerError(ErrorCode::InvalidRange, u"Range"_s,
            u"the last item (%1) comes before the first (%2)"_s.arg(bounds.last).arg(bounds.first));
    }
    return bounds;
}

struct PreferenceName
{
    const char16_t *key;
    const char16_t *value;
};

constexpr PreferenceName s_known[] = {
    {u"return", u"minimal"},
    {u"return", u"representation"},
    {u"return", u"headers-only"},
    {u"count", u"exact"},
    {u"count", u"planned"},
    {u"count", u"estimated"},
    {u"resolution", u"merge-duplicates"},
    {u"resolution", u"ignore-duplicates"},
    {u"missing", u"default"},
    {u"missing", u"null"},
    {u"handling", u"strict"},
    {u"handling", u"lenient"},
    {u"tx", u"commit"},
    {u"tx", u"rollback"},
};

// `max-affected=N`: a non-negative integer.
std::optional<qint64> maxAffectedOf(const QString &key, const QString &value)
{
    if (key != u"max-affected")
        return std::nullopt;
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    return ok && n >= 0 && !value.startsWith(u'+') ? std::optional<qint64>(n) : std::nullopt;
}

bool isKnownPreference(const QString &key, const QString &value)
{
    return std::any_of(std::begin(s_known), std::end(s_known), [&](const PreferenceName &known) {
        return key == QStringView(known.key) && value == QStringView(known.value);
    });
}

void applyPreference(const QString &key, const QString &value, Preferences &prefer)
{
    if (key == u"return") {
        prefer.returnPreference = value == u"minimal" ? Preferences::Return::Minimal
            : value == u"representation"              ? Preferences::Return::Representation
                                                      : Preferences::Return::HeadersOnly;
    } else if (key == u"count") {
        prefer.count = value == u"exact" ? Preferences::Count::Exact
            : value == u"planned"        ? Preferences::Count::Planned
                                         : Preferences::Count::Estimated;
    } else if (key == u"resolution") {
        prefer.resolution = value == u"merge-duplicates" ? Preferences::Resolution::MergeDuplicates
                                                         : Preferences::Resolution::IgnoreDuplicates;
    } else if (key == u"missing") {
        prefer.missingDefault = value == u"default";
    } else if (key == u"handling") {
        prefer.strict = value == u"strict";
    } else if (key == u"tx") {
        prefer.transaction = value == u"rollback" ? Preferences::Transaction::Rollback : Preferences::Transaction::Commit;
    }
}
} // namespace

Result<void> applyRange(const ApiQueryHeaders &headers, QueryLevel &root)
{
    const QString unit = QString::fromLatin1(headers.rangeUnit).trimmed();
    if (!unit.isEmpty() && unit.compare(u"items"_s, Qt::CaseInsensitive) != 0)
        return headerError(
            ErrorCode::InvalidRange, u"Range-Unit"_s, u"unexpected \"%1\" (expected items)"_s.arg(unit));
    const QString text = QString::fromLatin1(headers.range).trimmed();
    if (text.isEmpty())
        return {};
    const Result<Bounds> header = parseRangeHeader(text);
    if (!header)
        return header.error();
    // The limit and offset parameters select a range too; the rows sent are those in both.
    Bounds params;
    params.first = root.offset.value_or(0);
    if (root.limit)
        params.last = *root.limit == 0 ? params.first - 1 : params.first + (*root.limit - 1);
    const qint64 first = std::max(header->first, params.first);
    const qint64 last = std::min(header->last, params.last);
    root.offset = first;
    if (last == s_unbounded)
        root.limit.reset();
    else
        root.limit = std::max<qint64>(0, last - first + 1);
    return {};
}

Result<void> parsePreferences(const QByteArray &header, Preferences &prefer)
{
    QStringList seen;
    QStringList invalid;
    const QStringList items = QString::fromLatin1(header).split(u',', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QString trimmed = item.trimmed();
        const qsizetype equals = trimmed.indexOf(u'=');
        const QString key = trimmed.left(equals).trimmed();
        const QString value = equals < 0 ? QString() : trimmed.mid(equals + 1).trimmed();
        if (trimmed.isEmpty())
            continue;
        const std::optional<qint64> maxAffected = maxAffectedOf(key, value);
        if (key == u"max-affected" && !maxAffected)
            continue; // as PostgREST: ignored, not counted as invalid under handling=strict
        if (!maxAffected && !isKnownPreference(key, value)) {
            invalid << trimmed;
            continue;
        }
        if (seen.contains(key))
            continue; // the first of repeated preferences wins
        seen << key;
        if (maxAffected)
            prefer.maxAffected = maxAffected;
        else
            applyPreference(key, value, prefer);
        prefer.applied << key + u'=' + value;
    }
    if (prefer.strict && !invalid.isEmpty()) {
        return headerError(ErrorCode::BadQuery, u"Prefer"_s,
            u"invalid preferences given with handling=strict: %1"_s.arg(invalid.join(u", "_s)));
    }
    return {};
}

} // namespace Runtime
