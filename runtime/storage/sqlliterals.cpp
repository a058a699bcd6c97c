// SPDX-License-Identifier: GPL-3.0-or-later
// Bound values written into SQL text as literals, for the statements that cannot take parameters.
#include "sqlliterals.h"

#include "sqldialect.h"

#include <QDateTime>

namespace Runtime {

namespace {
// Returns \a value as an SQL literal, or nothing for a kind of value no filter binds.
std::optional<QString> literalOf(const QVariant &value, const SqlDialect &dialect)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    switch (value.typeId()) {
    case QMetaType::Bool:
        return dialect.booleanLiteral(value.toBool());
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return value.toString();
    case QMetaType::Double:
        return dialect.numberLiteral(value.toDouble());
    case QMetaType::QString:
        return dialect.quoteString(value.toString());
    case QMetaType::QByteArray:
        return dialect.quoteString(QString::fromUtf8(value.toByteArray()));
    case QMetaType::QDateTime:
        return dialect.quoteString(value.toDateTime().toUTC().toString(Qt::ISODateWithMs));
    case QMetaType::QDate:
        return dialect.quoteString(value.toDate().toString(Qt::ISODate));
    default:
        return std::nullopt;
    }
}
} // namespace

std::optional<QString> inlineParameters(const QString &sql, const QVariantList &params, const SqlDialect &dialect)
{
    QString out;
    out.reserve(sql.size());
    QChar quote;
    qsizetype next = 0;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'?') {
            const std::optional<QString> literal
                = next < params.size() ? literalOf(params.at(next++), dialect) : std::nullopt;
            if (!literal)
                return std::nullopt;
            out += *literal;
            continue;
        }
        out += c;
    }
    if (next != params.size())
        return std::nullopt;
    return out;
}

} // namespace Runtime
