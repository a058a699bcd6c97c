// SPDX-License-Identifier: GPL-3.0-or-later
// ProductCsv: generates CSV files of ecommerce products with known bad rows, for the import tests.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace ProductCsv {

/** One generated row: the CSV values and, for a bad row, the field and error code name it must be
    rejected for ("" field: the row as a whole). */
struct Row
{
    QStringList values;
    qint64 line = 0;
    bool bad = false;
    QString badField;
    QString badCode; ///< Runtime::errorCodeName() of the expected rejection
};

/** A generated file: its bytes (UTF-8, CRLF, no newline after the last row) and its rows. */
struct File
{
    QByteArray bytes;
    QStringList header;
    QList<Row> rows;

    qsizetype badCount() const
    {
        qsizetype n = 0;
        for (const Row &r : rows)
            n += r.bad ? 1 : 0;
        return n;
    }
};

inline QString quoted(const QString &field)
{
    for (const QChar c : field) {
        if (c == QLatin1Char(',') || c == QLatin1Char('"') || c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            QString q = field;
            q.replace(QLatin1Char('"'), QLatin1String("\"\""));
            return QLatin1Char('"') + q + QLatin1Char('"');
        }
    }
    return field;
}

/** Returns the good values of row \a i: name, slug, price, stock, sku, active, category_id (1..5 or
    empty), description (row 100 spans two lines, row 200 holds quotes and a comma). */
inline QStringList goodValues(int i)
{
    QString description = QStringLiteral("Plain product %1").arg(i);
    if (i == 100)
        description = QStringLiteral("two\nlines");
    else if (i == 200)
        description = QStringLiteral("say \"hi\", ok");
    return {QStringLiteral("Product %1").arg(i), QStringLiteral("p-%1").arg(i),
        QString::number(1 + (i % 1000) / 10.0), QString::number(i % 50), QStringLiteral("SKU-%1").arg(i),
        i % 3 ? QStringLiteral("true") : QStringLiteral("false"),
        i % 7 ? QString::number(i % 5 + 1) : QString(), description};
}

/** Returns \a count product rows; when \a withBadRows, ten of them (spread over the file, the last row
    included when count is 50,000) are bad in ten different ways. */
inline File generate(int count, bool withBadRows)
{
    File file;
    file.header = {QStringLiteral("Name"), QStringLiteral("slug"), QStringLiteral("PRICE"), QStringLiteral("stock"),
        QStringLiteral("sku"), QStringLiteral("is active"), QStringLiteral("Category-ID"), QStringLiteral("description")};
    QMap<int, Row> bad;
    if (withBadRows) {
        const auto make = [](int i, int column, const QString &value, const QString &field, const QString &code) {
            Row r {goodValues(i), 0, true, field, code};
            if (column >= 0)
                r.values[column] = value;
            else
                r.values.removeLast();
            return r;
        };
        bad.insert(7, make(7, 2, QStringLiteral("abc"), QStringLiteral("price"), QStringLiteral("invalid-value")));
        bad.insert(1234, make(1234, 0, QString(), QStringLiteral("name"), QStringLiteral("not-null-violation")));
        bad.insert(count / 10, make(count / 10, 1, QStringLiteral("p-3"), QStringLiteral("slug"), QStringLiteral("unique-violation")));
        bad.insert(count / 4, make(count / 4, 6, QStringLiteral("999"), QStringLiteral("category_id"), QStringLiteral("foreign-key-violation")));
        bad.insert(count * 2 / 5, make(count * 2 / 5, 1, QStringLiteral("Bad Slug"), QStringLiteral("slug"), QStringLiteral("check-violation")));
        bad.insert(count / 2 + 1, make(count / 2 + 1, 2, QStringLiteral("-5"), QStringLiteral("price"), QStringLiteral("check-violation")));
        bad.insert(count * 2 / 3, make(count * 2 / 3, 3, QStringLiteral("1.5"), QStringLiteral("stock"), QStringLiteral("invalid-value")));
        bad.insert(count * 4 / 5, make(count * 4 / 5, 5, QStringLiteral("maybe"), QStringLiteral("active"), QStringLiteral("invalid-value")));
        bad.insert(count * 9 / 10, make(count * 9 / 10, 4, QStringLiteral("SKU-1"), QStringLiteral("sku"), QStringLiteral("unique-violation")));
        bad.insert(count - 1, make(count - 1, -1, {}, {}, QStringLiteral("invalid-argument")));
    }
    QStringList quotedHeader;
    for (const QString &h : file.header)
        quotedHeader << quoted(h);
    file.bytes = quotedHeader.join(QLatin1Char(',')).toUtf8();
    qint64 line = 2;
    file.rows.reserve(count);
    for (int i = 0; i < count; ++i) {
        Row row = bad.contains(i) ? bad.value(i) : Row {goodValues(i)};
        row.line = line;
        QString text;
        for (qsizetype c = 0; c < row.values.size(); ++c) {
            if (c > 0)
                text += QLatin1Char(',');
            text += quoted(row.values.at(c));
            line += row.values.at(c).count(QLatin1Char('\n'));
        }
        file.bytes += "\r\n";
        file.bytes += text.toUtf8();
        ++line;
        file.rows << row;
    }
    return file;
}

/** The mapping of the generated columns onto the products table. */
inline QStringList productFields()
{
    return {QStringLiteral("name"), QStringLiteral("slug"), QStringLiteral("price"), QStringLiteral("stock"),
        QStringLiteral("sku"), QStringLiteral("active"), QStringLiteral("category_id"), QStringLiteral("description")};
}

} // namespace ProductCsv
