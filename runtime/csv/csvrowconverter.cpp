// SPDX-License-Identifier: GPL-3.0-or-later
// CsvRowConverter: converts CSV records to INSERT values with the data API's conversions and checks.
#include "csvimporter.h"

#include "storage/valuecodec.h"

#include <QCoreApplication>
#include <QSet>

namespace Runtime {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CsvImporter)
};
} // namespace

QString CsvRowProblem::toString() const
{
    return field.isEmpty() ? message : field + QStringLiteral(": ") + message;
}

QString CsvRejectedRow::reason() const
{
    QStringList parts;
    for (const CsvRowProblem &p : problems)
        parts << p.toString();
    return parts.join(QStringLiteral("; "));
}

CsvRowConverter::CsvRowConverter(const Table &table, const QStringList &columnFields)
    : m_table(table), m_columnFields(columnFields)
{
    for (const QString &name : columnFields)
        m_targets.push_back(name.isEmpty() ? nullptr : table.fieldByName(name));
}

std::optional<Error> CsvRowConverter::mappingError() const
{
    QSet<QString> seen;
    for (int i = 0; i < m_columnFields.size(); ++i) {
        const QString &name = m_columnFields.at(i);
        if (name.isEmpty())
            continue;
        const Field *field = m_targets.at(size_t(i));
        if (!field)
            return Error(ErrorCode::UnknownColumn,
                Text::tr("Column %1 is mapped to \"%2\", which is not a field of table %3. Choose one of its "
                         "fields, or ignore the column.").arg(i + 1).arg(name, m_table.name));
        if (field->isAutoManaged())
            return Error(ErrorCode::AutoManagedField,
                Text::tr("Column %1 is mapped to \"%2\", which is set automatically and cannot be imported. "
                         "Ignore the column.").arg(i + 1).arg(name));
        if (seen.contains(name))
            return Error(ErrorCode::InvalidArgument,
                Text::tr("Two columns are mapped to the field \"%1\". Map each field from one column only.").arg(name));
        seen.insert(name);
    }
    for (const Field &field : m_table.fields) {
        if (field.required && field.defaultValue.isNone() && !field.isAutoManaged() && !seen.contains(field.name))
            return Error(ErrorCode::NotNullViolation,
                Text::tr("The field \"%1\" is required and has no default, but no column is mapped to it. Map a "
                         "column to it.").arg(field.name));
    }
    return std::nullopt;
}

QList<CsvRowProblem> CsvRowConverter::convert(const QStringList &record, QVariantList &values)
{
    QList<CsvRowProblem> problems;
    values.clear();
    values.reserve(qsizetype(m_targets.size()));
    static const QString missing;
    for (size_t i = 0; i < m_targets.size(); ++i) {
        const Field *field = m_targets[i];
        if (!field) {
            values << QVariant();
            continue;
        }
        const QString &cell = qsizetype(i) < record.size() ? record.at(qsizetype(i)) : missing;
        if (cell.isEmpty()) {
            // The same reason the database gives for a NULL in a NOT NULL column (see dberrors.cpp).
            if (field->required && field->defaultValue.isNone())
                problems << CsvRowProblem {int(i), field->name, ErrorCode::NotNullViolation, QStringLiteral("is required")};
            values << QVariant();
            continue;
        }
        Result<QVariant> value = ValueCodec::fromText(*field, cell);
        if (!value) {
            problems << CsvRowProblem {int(i), field->name, value.error().code, value.error().message};
            values << QVariant();
            continue;
        }
        const QString problem = m_checks.check(*field, *value);
        if (!problem.isEmpty())
            problems << CsvRowProblem {int(i), field->name, ErrorCode::CheckViolation, problem};
        values << std::move(value).value();
    }
    return problems;
}

} // namespace Runtime
