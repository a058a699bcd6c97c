// SPDX-License-Identifier: GPL-3.0-or-later
// Semantic validation of views: names, base table, columns, the filter (by the data API's parser) and rules.
#include "jsonobjectreader.h"
#include "projectvalidator_p.h"
#include "storage/sqlitedialect.h"
#include "storage/viewsql.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Runtime {

namespace {
// The message of \a error with its details, as the data API would give them.
QString errorText(const Error &error)
{
    QStringList parts {error.message};
    for (const Problem &p : error.problems) {
        if (!error.message.contains(p.message))
            parts << p.message;
    }
    return parts.join(QStringLiteral(": "));
}

void validateViewName(ProblemCollector &c, size_t index, const QHash<QString, QString> &tableNames,
    QHash<QString, QString> &viewNames)
{
    const View &v = c.project().views[index];
    const QString path = memberPath(arrayPath("views", index), "name");
    if (const QString problem = identifierProblem(v.name); !problem.isEmpty()) {
        c.error(path, v.id, problem);
    } else if (v.name == QLatin1String("rpc") || v.name.startsWith(QLatin1String("_basalt"))
        || v.name.startsWith(QLatin1String("sqlite_")) || v.name.startsWith(QLatin1String("pg_"))) {
        c.error(path, v.id,
            QCoreApplication::translate(
                "ProjectValidator", "\"%1\" is reserved by the API or the database; choose another name")
                .arg(v.name));
    } else if (tableNames.contains(v.name)) {
        c.error(path, v.id,
            QCoreApplication::translate("ProjectValidator",
                "the table %1 is already named \"%2\"; a view and a table cannot share a name, rename one of "
                "them")
                .arg(tableNames.value(v.name), v.name));
    } else if (viewNames.contains(v.name)) {
        c.error(path, v.id,
            QCoreApplication::translate(
                "ProjectValidator", "another view is already named \"%1\" (%2); view names must be unique")
                .arg(v.name, viewNames.value(v.name)));
    } else {
        viewNames.insert(v.name, arrayPath("views", index));
    }
}

// Returns true if every column of view \a index names a visible field it can reach.
bool validateViewColumns(ProblemCollector &c, size_t index, const Table &base)
{
    const View &v = c.project().views[index];
    const QString columnsPath = memberPath(arrayPath("views", index), "columns");
    if (v.columns.empty()) {
        c.error(columnsPath, v.id,
            QCoreApplication::translate(
                "ProjectValidator", "the view \"%1\" has no columns; add at least one")
                .arg(v.name));
        return false;
    }
    bool valid = true;
    QHash<QString, QString> names;
    for (size_t i = 0; i < v.columns.size(); ++i) {
        const ViewColumn &column = v.columns[i];
        const QString path = elementPath(columnsPath, qsizetype(i));
        if (const QString problem = identifierProblem(column.name); !problem.isEmpty()) {
            c.error(memberPath(path, "name"), v.id, problem);
            valid = false;
        } else if (names.contains(column.name)) {
            c.error(memberPath(path, "name"), v.id,
                QCoreApplication::translate("ProjectValidator",
                    "the column name \"%1\" is already used by %2; give this column another name (an alias)")
                    .arg(column.name, names.value(column.name)));
            valid = false;
        } else {
            names.insert(column.name, path);
        }
        const Relationship *r
            = column.relationshipId.isEmpty() ? nullptr : c.project().relationship(column.relationshipId);
        if (!column.relationshipId.isEmpty()
            && (!r || r->isManyToMany() || (r->toTableId != base.id && r->fromTableId != base.id)
                || (r->toTableId != base.id && r->kind != RelationshipKind::OneToOne))) {
            c.error(memberPath(path, "relationship"), v.id,
                QCoreApplication::translate("ProjectValidator",
                    "\"%1\" is not a many-to-one or one-to-one relationship of the table \"%2\"; a view "
                    "column "
                    "follows a foreign key of its table to one row")
                    .arg(column.relationshipId, base.name));
            valid = false;
            continue;
        }
        const Field *field = v.sourceField(c.project(), i);
        if (!field) {
            c.error(memberPath(path, "field"), v.id,
                r ? QCoreApplication::translate("ProjectValidator",
                    "no field with the id \"%1\" is in the table the relationship "
                    "leads to; choose a field of that table")
                        .arg(column.fieldId)
                  : QCoreApplication::translate("ProjectValidator",
                      "no field with the id \"%1\" is in the table \"%2\"; "
                      "choose one of its fields")
                        .arg(column.fieldId, base.name));
            valid = false;
        } else if (field->hidden) {
            c.error(memberPath(path, "field"), v.id,
                QCoreApplication::translate("ProjectValidator",
                    "the field \"%1\" is hidden and never leaves the server; remove this column")
                    .arg(field->name));
            valid = false;
        }
    }
    return valid;
}

void validateView(ProblemCollector &c, size_t index)
{
    const View &v = c.project().views[index];
    const QString path = arrayPath("views", index);
    static const QRegularExpression colour(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (!v.color.isEmpty() && !colour.match(v.color).hasMatch())
        c.error(memberPath(path, "color"), v.id,
            QCoreApplication::translate(
                "ProjectValidator", "\"%1\" is not a colour; write it as #rrggbb, e.g. #4f86c6")
                .arg(v.color));
    if (const QString problem = tableReferenceProblem(c.project(), v.baseTableId); !problem.isEmpty()) {
        c.error(memberPath(path, "table"), v.id, problem);
        return;
    }
    const Table &base = *c.project().table(v.baseTableId);
    if (!validateViewColumns(c, index, base))
        return;
    if (base.tenantScoped && !v.asTable(c.project()).fieldByName(QStringLiteral("organization_id"))) {
        c.error(memberPath(path, "columns"), v.id,
            QCoreApplication::translate("ProjectValidator",
                "the table \"%1\" is tenant-scoped: add its organization_id field as a column named "
                "organization_id, "
                "so that each caller sees only its organization's rows")
                .arg(base.name));
        return;
    }
    // The filter is parsed and compiled exactly as the data API does it for a request to the base table.
    if (Result<QString> sql = viewSelect(c.project(), v, SqliteDialect()); !sql) {
        c.error(memberPath(path, "filter"), v.id,
            QCoreApplication::translate("ProjectValidator",
                "the filter does not fit the table \"%1\": %2; write it as a data-API query string, e.g. "
                "status=eq.published&price=gt.0")
                .arg(base.name, errorText(sql.error())));
    }
    validateRules(c, v.asTable(c.project()), path, true);
}
} // namespace

void validateViews(ProblemCollector &c, const QHash<QString, QString> &tableNames)
{
    QHash<QString, QString> viewNames;
    for (size_t i = 0; i < c.project().views.size(); ++i) {
        validateViewName(c, i, tableNames, viewNames);
        validateView(c, i);
    }
}

} // namespace Runtime
