// SPDX-License-Identifier: GPL-3.0-or-later
// RecordAccess::checkReferences: the foreign keys a write sets must point at rows the caller may see.
#include "recordaccess.h"

#include "dberrors.h"
#include "sqldialect.h"
#include "writebuilder.h"

#include <algorithm>

namespace Runtime {

namespace {
/** A foreign key of a table: its field and the table whose primary key it holds. */
struct Reference
{
    const Field *field;
    const Table *target;
};

/** Returns the foreign keys of \a table: of its one-to-one and one-to-many relationships, and both
    sides of the many-to-many relationships it is the junction table of. */
std::vector<Reference> references(const Project &project, const Table &table)
{
    std::vector<Reference> found;
    const auto add = [&](const ObjectId &fieldId, const ObjectId &targetId) {
        const Field *field = table.field(fieldId);
        const Table *target = project.table(targetId);
        if (field && target)
            found.push_back({field, target});
    };
    for (const Relationship &relationship : project.relationships) {
        if (relationship.isManyToMany() && relationship.junctionTableId == table.id) {
            add(relationship.junctionFromFieldId, relationship.fromTableId);
            add(relationship.junctionToFieldId, relationship.toTableId);
        } else if (!relationship.isManyToMany() && relationship.toTableId == table.id) {
            add(relationship.foreignKeyFieldId, relationship.fromTableId);
        }
    }
    return found;
}
} // namespace

Result<void> RecordAccess::checkReferences(
    const Table &table, const std::vector<WriteRow> &rows, const QVariantList &keys)
{
    const Field *key = table.primaryKey();
    if (m_caller.isService() || keys.isEmpty() || !key)
        return {};
    const QString q = checkQualifier();
    const QString r = m_dialect.quoteIdentifier(QStringLiteral("r"));
    for (const Reference &reference : references(*m_project, table)) {
        const bool written = std::any_of(rows.begin(), rows.end(), [&reference](const WriteRow &row) {
            return std::any_of(row.values.begin(), row.values.end(),
                [&reference](const auto &value) { return value.first == reference.field && !value.second.isNull(); });
        });
        const Field *targetKey = reference.target->primaryKey();
        if (!written || !targetKey)
            continue;
        Result<Grant> visible = grant(*reference.target, Operation::Select, r);
        if (!visible)
            return visible.error();
        if (visible->kind == Grant::Kind::Unrestricted)
            continue;
        const QString column = q + QLatin1Char('.') + m_dialect.quoteIdentifier(reference.field->name);
        for (qsizetype i = 0; i < keys.size(); i += s_checkChunk) {
            SqlStatement check;
            check.sql = QStringLiteral("SELECT COUNT(*) FROM ") + m_dialect.quoteIdentifier(table.name)
                + QStringLiteral(" AS ") + q + QStringLiteral(" WHERE ") + q + QLatin1Char('.')
                + m_dialect.quoteIdentifier(key->name) + QStringLiteral(" IN (")
                + placeholders(keys.mid(i, s_checkChunk), check.params) + QStringLiteral(") AND ") + column
                + QStringLiteral(" IS NOT NULL");
            if (!visible->isDenied()) {
                check.sql += QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM ")
                    + m_dialect.quoteIdentifier(reference.target->name) + QStringLiteral(" AS ") + r
                    + QStringLiteral(" WHERE ") + r + QLatin1Char('.') + m_dialect.quoteIdentifier(targetKey->name)
                    + QStringLiteral(" = ") + column + QStringLiteral(" AND ") + visible->condition + QLatin1Char(')');
                check.params << visible->parameters;
            }
            Result<qint64> hidden = m_count(check, table);
            if (!hidden)
                return hidden.error();
            if (*hidden > 0)
                return foreignKeyViolation(WriteKind::Insert,
                    QStringLiteral("%1.%2 refers to a row of %3 that the caller may not select")
                        .arg(table.name, reference.field->name, reference.target->name));
        }
    }
    return {};
}

} // namespace Runtime
