// SPDX-License-Identifier: GPL-3.0-or-later
// ColumnFilter: what text typed into a column's filter field means, as a PostgREST filter.
#include "columnfilter.h"

#include <utility>

namespace Designer {

namespace {
// Whether typed text without an operator searches inside the values (else it must equal them).
bool searchesText(const Runtime::Field &field)
{
    return Runtime::isTextLike(field.type) && field.type != Runtime::FieldType::Uuid;
}
} // namespace

QString ColumnFilter::expression(const Runtime::Field &field, const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    const QString lower = text.toLower();
    if (lower == QLatin1String("null"))
        return QStringLiteral("is.null");
    if (lower == QLatin1String("!null"))
        return QStringLiteral("not.is.null");
    static const std::pair<const char *, const char *> operators[] = {
        {">=", "gte."}, {"<=", "lte."}, {"!=", "neq."}, {"<>", "neq."}, {">", "gt."}, {"<", "lt."}, {"=", "eq."}};
    for (const auto &[typedOperator, apiOperator] : operators) {
        if (text.startsWith(QLatin1String(typedOperator)))
            return QLatin1String(apiOperator) + text.mid(qstrlen(typedOperator)).trimmed();
    }
    if (searchesText(field))
        return QStringLiteral("ilike.*") + text + QLatin1Char('*');
    return QStringLiteral("eq.") + text;
}

QString ColumnFilter::help(const Runtime::Field &field)
{
    const QString plain = searchesText(field)
        ? tr("text: rows whose %1 contains it (any case)").arg(field.name)
        : tr("a value: rows whose %1 equals it").arg(field.name);
    return tr("Filter %1 by typing\n• %2\n• >5, >=5, <5, <=5, =5, !=5: compare\n"
              "• null: no value, !null: any value\nEmpty: no filter.")
        .arg(field.name, plain);
}

} // namespace Designer
