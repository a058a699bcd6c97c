// SPDX-License-Identifier: GPL-3.0-or-later
// The SQL of a view: its SELECT over the model, built with the data API's own parser and SelectBuilder.
#include "viewsql.h"

#include "query/postgrestparser.h"
#include "selectbuilder.h"
#include "sqldialect.h"
#include "sqlliterals.h"

namespace Runtime {

namespace {
Error badView(const QString &message)
{
    return Error(ErrorCode::BadQuery, message);
}

// Returns the SQL of column \a index of \a view over the base row t0.
Result<QString> columnSql(
    const Project &project, const View &view, const Table &base, size_t index, const SqlDialect &dialect)
{
    const ViewColumn &column = view.columns[index];
    const Field *field = view.sourceField(project, index);
    if (column.relationshipId.isEmpty()) {
        if (!field)
            return Error(ErrorCode::UnknownColumn,
                QStringLiteral("the table %1 has no field with the id \"%2\"")
                    .arg(base.name, column.fieldId));
        return QString(QStringLiteral("t0.") + dialect.quoteIdentifier(field->name));
    }
    const Relationship *r = project.relationship(column.relationshipId);
    if (!r || r->isManyToMany() || (r->toTableId != base.id && r->fromTableId != base.id))
        return Error(ErrorCode::UnknownRelationship,
            QStringLiteral("\"%1\" is not a many-to-one or one-to-one relationship of %2")
                .arg(column.relationshipId, base.name));
    const bool keyInBase = r->toTableId == base.id;
    if (!keyInBase && r->kind != RelationshipKind::OneToOne)
        return Error(ErrorCode::UnknownRelationship,
            QStringLiteral("\"%1\" leads to many rows of another table; a view column takes one value")
                .arg(column.relationshipId));
    const Table *target = project.table(keyInBase ? r->fromTableId : r->toTableId);
    if (!target || !field)
        return Error(ErrorCode::UnknownColumn,
            QStringLiteral("the related table has no field with the id \"%1\"").arg(column.fieldId));
    const Field *foreignKey = (keyInBase ? base : *target).field(r->foreignKeyFieldId);
    const Field *key = (keyInBase ? *target : base).primaryKey();
    if (!foreignKey || !key)
        return Error(ErrorCode::UnknownRelationship,
            QStringLiteral("the relationship \"%1\" has no usable key").arg(column.relationshipId));
    const QString alias = QStringLiteral("v") + QString::number(index);
    const QString targetColumn
        = alias + QLatin1Char('.') + dialect.quoteIdentifier((keyInBase ? key : foreignKey)->name);
    const QString baseColumn
        = QStringLiteral("t0.") + dialect.quoteIdentifier((keyInBase ? foreignKey : key)->name);
    return QString(QStringLiteral("(SELECT ") + alias + QLatin1Char('.')
        + dialect.quoteIdentifier(field->name) + QStringLiteral(" FROM ")
        + dialect.quoteIdentifier(target->name) + QStringLiteral(" AS ") + alias + QStringLiteral(" WHERE ")
        + targetColumn + QStringLiteral(" = ") + baseColumn + QLatin1Char(')'));
}
} // namespace

Result<ApiQuery> parseViewFilter(const Project &project, const View &view)
{
    const Table *base = project.table(view.baseTableId);
    Result<ApiQuery> query = parseApiQuery(base ? base->name : QString(), view.filter.toUtf8(), {});
    if (!query)
        return query;
    const QueryLevel *root = query->level({});
    const bool onlyFilters = query->select.empty() && query->levels.size() <= 1
        && (!root || (root->order.empty() && !root->limit && !root->offset));
    if (!onlyFilters)
        return badView(
            QStringLiteral("a view's filter holds filters only (column=op.value, or=(...), and=(...)); "
                           "select, order, limit, offset and filters on embedded rows are not part of it"));
    return query;
}

Result<QString> viewSelect(const Project &project, const View &view, const SqlDialect &dialect)
{
    const Table *base = project.table(view.baseTableId);
    if (!base)
        return Error(
            ErrorCode::UnknownTable, QStringLiteral("no table has the id \"%1\"").arg(view.baseTableId));
    if (view.columns.empty())
        return Error(ErrorCode::UnknownColumn, QStringLiteral("the view %1 has no columns").arg(view.name));
    QStringList columns;
    for (size_t i = 0; i < view.columns.size(); ++i) {
        Result<QString> sql = columnSql(project, view, *base, i, dialect);
        if (!sql)
            return sql;
        columns << *sql;
    }
    QString sql = QStringLiteral("SELECT ") + columns.join(QStringLiteral(", ")) + QStringLiteral(" FROM ")
        + dialect.quoteIdentifier(base->name) + QStringLiteral(" AS t0");
    if (view.filter.isEmpty())
        return sql;
    Result<ApiQuery> query = parseViewFilter(project, view);
    if (!query)
        return query.error();
    SelectBuilder builder(project, dialect, *query);
    QVariantList params;
    Result<QString> condition = builder.rootCondition(*base, QStringLiteral("t0"), params);
    if (!condition)
        return condition;
    const std::optional<QString> where = inlineParameters(*condition, params, dialect);
    if (!where)
        return badView(QStringLiteral("a value of the filter cannot be written into a view"));
    if (!where->isEmpty())
        sql += QStringLiteral(" WHERE ") + *where;
    return sql;
}

Result<QString> createViewStatement(const Project &project, const View &view, const SqlDialect &dialect)
{
    Result<QString> select = viewSelect(project, view, dialect);
    if (!select)
        return select;
    QStringList names;
    for (const ViewColumn &column : view.columns)
        names << column.name;
    return dialect.createView(view.name, names, *select);
}

std::shared_ptr<const Project> withViewTables(std::shared_ptr<const Project> project)
{
    if (!project || project->views.empty())
        return project;
    auto served = std::make_shared<Project>(*project);
    for (const View &view : project->views)
        served->tables.push_back(view.asTable(*project));
    return served;
}

} // namespace Runtime
