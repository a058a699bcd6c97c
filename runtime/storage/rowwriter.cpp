// SPDX-License-Identifier: GPL-3.0-or-later
// RowWriter: serialises result rows straight into the response body (JSON array, object or CSV).
#include "rowwriter.h"

#include "valuecodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace Runtime {

namespace {
// Quoted as PostgreSQL's `COPY ... (FORMAT csv)` quotes (RFC 4180): NULL is nothing, the empty string
// `""`, a field with a comma, quote or line break is quoted with its quotes doubled. Lines end in '\n'
// as PostgREST's do.
void appendCsvField(QByteArray &out, const QString &text, bool isNull = false)
{
    if (isNull)
        return;
    const QByteArray utf8 = text.toUtf8();
    if (!utf8.isEmpty() && !utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r')) {
        out += utf8;
        return;
    }
    out += '"';
    for (const char c : utf8) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}
} // namespace

void RowWriter::begin(QByteArray &out) const
{
    if (m_format == ResultFormat::JsonArray) {
        out += '[';
    } else if (m_format == ResultFormat::Csv) {
        for (size_t i = 0; i < m_columns.size(); ++i) {
            if (i)
                out += ',';
            appendCsvField(out, m_columns[i].name);
        }
    }
}

void RowWriter::appendRow(QByteArray &out, const QSqlQuery &query, bool first) const
{
    if (m_format == ResultFormat::Csv) {
        out += '\n';
        for (size_t i = 0; i < m_columns.size(); ++i) {
            if (i)
                out += ',';
            const OutputColumn &c = m_columns[i];
            const QVariant value = query.value(int(i));
            if (c.embed) {
                QByteArray json;
                ValueCodec::appendJsonValue(json, FieldType::Json, value, m_compact);
                // A spread column is a JSON scalar: a string is written as its text.
                const QJsonValue scalar = json.startsWith('"') ? QJsonDocument::fromJson('[' + json + ']').array().at(0) : QJsonValue();
                appendCsvField(out, scalar.isString() ? scalar.toString() : QString::fromUtf8(json), value.isNull());
            } else {
                appendCsvField(out, ValueCodec::csvText(c.type, value, m_compact), value.isNull());
            }
        }
        return;
    }
    if (!first)
        out += ',';
    out += '{';
    for (size_t i = 0; i < m_columns.size(); ++i) {
        if (i)
            out += ',';
        const OutputColumn &c = m_columns[i];
        out += c.key;
        ValueCodec::appendJsonValue(out, c.embed ? FieldType::Json : c.type, query.value(int(i)), m_compact);
    }
    out += '}';
}

void RowWriter::end(QByteArray &out) const
{
    if (m_format == ResultFormat::JsonArray)
        out += ']';
}

} // namespace Runtime
