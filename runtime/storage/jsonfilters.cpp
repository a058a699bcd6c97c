// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON side of the cs / cd / ov filters: PostgreSQL's jsonb containment, for engines without it.
#include "jsonfilters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Runtime {

namespace {
bool sameScalar(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a.type() == b.type() && a == b;
}

} // namespace

std::optional<QJsonArray> arrayLiteral(const QString &text, bool asText)
{
    if (!text.startsWith(QLatin1Char('{')) || !text.endsWith(QLatin1Char('}')))
        return std::nullopt;
    QJsonArray out;
    const QString inner = text.mid(1, text.size() - 2);
    if (inner.isEmpty())
        return out;
    qsizetype i = 0;
    while (true) {
        QString element;
        bool quoted = false;
        if (i < inner.size() && inner.at(i) == QLatin1Char('"')) {
            quoted = true;
            ++i;
            while (i < inner.size() && inner.at(i) != QLatin1Char('"')) {
                if (inner.at(i) == QLatin1Char('\\') && i + 1 < inner.size())
                    ++i;
                element += inner.at(i++);
            }
            if (i >= inner.size())
                return std::nullopt;
            ++i;
        } else {
            while (i < inner.size() && inner.at(i) != QLatin1Char(','))
                element += inner.at(i++);
        }
        if (asText) {
            // As PostgreSQL reads text[] literals: unquoted elements are trimmed, and NULL is no value.
            const QString trimmed = element.trimmed();
            const bool null = !quoted && trimmed.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0;
            out.append(null ? QJsonValue() : QJsonValue(quoted ? element : trimmed));
        } else {
            const std::optional<QJsonValue> scalar = quoted ? std::nullopt : parseJsonValue(element.toUtf8());
            out.append(scalar && !scalar->isArray() && !scalar->isObject() ? *scalar : QJsonValue(element));
        }
        if (i >= inner.size())
            return out;
        if (inner.at(i) != QLatin1Char(','))
            return std::nullopt;
        ++i;
    }
}

bool jsonContains(const QJsonValue &container, const QJsonValue &contained, bool topLevel)
{
    if (container.isObject()) {
        if (!contained.isObject())
            return false;
        const QJsonObject a = container.toObject();
        const QJsonObject b = contained.toObject();
        for (auto it = b.begin(); it != b.end(); ++it) {
            const auto found = a.constFind(it.key());
            if (found == a.constEnd() || !jsonContains(*found, *it, false))
                return false;
        }
        return true;
    }
    if (container.isArray()) {
        const QJsonArray a = container.toArray();
        if (!contained.isArray()) {
            // Only at the top level may an array contain a bare scalar (PostgreSQL's special case).
            if (!topLevel || contained.isObject())
                return false;
            return std::any_of(a.begin(), a.end(), [&](const QJsonValue &e) { return sameScalar(e, contained); });
        }
        const QJsonArray b = contained.toArray();
        return std::all_of(b.begin(), b.end(), [&](const QJsonValue &needle) {
            return std::any_of(a.begin(), a.end(), [&](const QJsonValue &e) {
                return (e.isArray() || e.isObject()) ? jsonContains(e, needle, false) : sameScalar(e, needle);
            });
        });
    }
    return !contained.isArray() && !contained.isObject() && sameScalar(container, contained);
}

bool jsonOverlaps(const QJsonValue &a, const QJsonValue &b)
{
    if (!a.isArray() || !b.isArray())
        return false;
    const QJsonArray left = a.toArray();
    const QJsonArray right = b.toArray();
    return std::any_of(left.begin(), left.end(), [&](const QJsonValue &x) {
        return std::any_of(right.begin(), right.end(), [&](const QJsonValue &y) {
            return (x.isArray() || x.isObject()) ? jsonContains(x, y, false) && jsonContains(y, x, false) : sameScalar(x, y);
        });
    });
}

std::optional<QJsonValue> parseJsonValue(const QByteArray &text)
{
    // QJsonDocument reads arrays and objects only: a scalar is read as the one element of an array.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return std::nullopt;
    return document.array().at(0);
}

Result<QByteArray> jsonFilterValue(const QString &column, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    if (const std::optional<QJsonValue> json = parseJsonValue(utf8); json && (json->isArray() || json->isObject()))
        return json->isArray() ? QJsonDocument(json->toArray()).toJson(QJsonDocument::Compact)
                               : QJsonDocument(json->toObject()).toJson(QJsonDocument::Compact);
    if (const std::optional<QJsonArray> array = arrayLiteral(value))
        return QJsonDocument(*array).toJson(QJsonDocument::Compact);
    Error error(ErrorCode::InvalidValue,
        QStringLiteral("invalid value for column \"%1\": \"%2\" is neither JSON nor a list like {a,b}").arg(column, value));
    error.problems.append(Problem {Problem::Severity::Error, column,
        QStringLiteral("write a JSON object or array (cs.{\"a\":1}, cs.[1,2]) or a list (cs.{a,b})"), {}});
    return error;
}

} // namespace Runtime
