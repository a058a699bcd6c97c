// SPDX-License-Identifier: GPL-3.0-or-later
// SelectBuilder: turns an ApiQuery into one SELECT (embeds as JSON built by the database) and its COUNT.
#include "selectbuilder.h"

#include "sqldialect.h"
#include "valuecodec.h"

namespace Runtime {

namespace {
QString joinNonEmpty(const QStringList &parts, const QString &separator)
{
    QString out;
    for (const QString &p : parts) {
        if (p.isEmpty())
            continue;
        if (!out.isEmpty())
            out += separator;
        out += p;
    }
    return out;
}

} // namespace

QString SelectBuilder::groupByClause(const ColumnList &columns)
{
    if (!columns.aggregated || columns.groupBy.isEmpty())
        return {};
    return QStringLiteral(" GROUP BY ") + columns.groupBy.join(QStringLiteral(", "));
}

SelectBuilder::SelectBuilder(
    const Project &project, const SqlDialect &dialect, const ApiQuery &query, StarCache *starCache)
    : m_project(project), m_dialect(dialect), m_query(query), m_resolver(project), m_starCache(starCache)
{
}

Result<const Field *> SelectBuilder::visibleField(const Table &table, const QString &name)
{
    const Field *field = table.fieldByName(name);
    if (!field || field->hidden)
        return Error(ErrorCode::UnknownColumn,
            QStringLiteral("column %1.%2 does not exist").arg(table.name, name));
    return field;
}

QString SelectBuilder::nextAlias()
{
    return QStringLiteral("t") + QString::number(m_aliasCount++);
}

const QueryLevel *SelectBuilder::level(const QStringList &path) const
{
    for (const QueryLevel &l : m_query.levels) {
        if (l.embedPath == path)
            return &l;
    }
    return nullptr;
}

Result<SelectPlan> SelectBuilder::build(const Table &root, bool withCount, const QVariantList *keys)
{
    SelectPlan plan;
    m_params.clear();
    const QString alias = nextAlias();
    Result<ColumnList> columns = rootColumns(root, alias, plan);
    if (!columns)
        return columns.error();
    if (Result<void> levels = checkLevels(); !levels)
        return levels.error();
    if (keys && columns->aggregated)
        return Error(ErrorCode::InvalidAggregate,
            QStringLiteral("aggregates apply to reads: select the written rows' columns, then read the aggregate"));
    QString select = columns->sql;
    if (keys && root.primaryKey()) {
        plan.keyColumn = int(plan.columns.size());
        select += QStringLiteral(", ")
            + m_dialect.readExpression(root.primaryKey()->type,
                alias + QLatin1Char('.') + m_dialect.quoteIdentifier(root.primaryKey()->name));
    }
    Result<QString> where = rootWhere(root, keys);
    if (!where)
        return where.error();
    Result<QString> order = orderBy(root, alias, {}, &*columns);
    if (!order)
        return order.error();
    const QString groupBy = groupByClause(*columns);
    QString sql = QStringLiteral("SELECT ") + select + QStringLiteral(" FROM ")
        + m_dialect.quoteIdentifier(root.name) + QStringLiteral(" AS ") + alias;
    if (!where->isEmpty())
        sql += QStringLiteral(" WHERE ") + *where;
    sql += groupBy;
    if (!order->isEmpty())
        sql += QStringLiteral(" ORDER BY ") + *order;
    if (!keys)
        sql += limit({});
    plan.rows = {sql, m_params};
    if (withCount) {
        m_params.clear();
        m_aliasCount = 1; // the count reads the same root alias, t0
        Result<QString> countWhere = rootWhere(root, keys);
        if (!countWhere)
            return countWhere.error();
        QString from = QStringLiteral(" FROM ") + m_dialect.quoteIdentifier(root.name) + QStringLiteral(" AS ") + alias;
        if (!countWhere->isEmpty())
            from += QStringLiteral(" WHERE ") + *countWhere;
        // Grouped by aggregates: the count is of the groups.
        const QString counted = QStringLiteral("SELECT 1") + from + groupBy;
        const QString count = columns->aggregated
            ? QString(QStringLiteral("SELECT COUNT(*) FROM (") + counted + QStringLiteral(") AS g"))
            : QString(QStringLiteral("SELECT COUNT(*)") + from);
        plan.count = {count, m_params};
        plan.counted = {counted, m_params};
    }
    return plan;
}

Result<SelectBuilder::ColumnList> SelectBuilder::rootColumns(const Table &root, const QString &alias, SelectPlan &plan)
{
    const bool star = m_query.select.empty()
        || (m_query.select.size() == 1 && m_query.select.front().kind == SelectItem::Kind::Star);
    if (!star || !m_starCache)
        return columnList(root, alias, m_query.select, {}, &plan.columns);
    if (const auto cached = m_starCache->constFind(root.id); cached != m_starCache->constEnd()) {
        plan.columns = cached->columns;
        return ColumnList {cached->sql, {}};
    }
    Result<ColumnList> columns = columnList(root, alias, m_query.select, {}, &plan.columns);
    if (columns)
        m_starCache->insert(root.id, {columns->sql, plan.columns});
    return columns;
}

Result<void> SelectBuilder::checkLevels() const
{
    for (const QueryLevel &l : m_query.levels) {
        if (!l.embedPath.isEmpty() && !m_embedPaths.contains(l.embedPath))
            return Error(ErrorCode::EmbedNotSelected,
                QStringLiteral("'%1' is not an embedded resource of this request").arg(l.embedPath.join(QLatin1Char('.'))));
    }
    return {};
}

Result<QString> SelectBuilder::rootWhere(const Table &root, const QVariantList *keys)
{
    const QString alias = QStringLiteral("t0");
    // A write's representation shows the written rows, even those its filters no longer match.
    Result<QString> filters = keys ? Result<QString>(QString()) : levelCondition(root, alias, {});
    if (!filters)
        return filters;
    Result<QString> inner = innerConditions(root, alias, m_query.select, {});
    if (!inner)
        return inner;
    QString keyCondition;
    if (keys) {
        const Field *pk = root.primaryKey();
        if (!pk || keys->isEmpty()) {
            keyCondition = QStringLiteral("1 = 0");
        } else {
            QStringList marks;
            for (const QVariant &key : *keys) {
                marks << QStringLiteral("?");
                m_params << key;
            }
            keyCondition = alias + QLatin1Char('.') + m_dialect.quoteIdentifier(pk->name) + QStringLiteral(" IN (")
                + marks.join(QStringLiteral(", ")) + QLatin1Char(')');
        }
    }
    // Last in the text, so its parameters go last too.
    Result<QString> access = accessCondition(root, alias);
    if (!access)
        return access;
    return joinNonEmpty({*filters, *inner, keyCondition, *access}, QStringLiteral(" AND "));
}

Result<QString> SelectBuilder::accessCondition(const Table &table, const QString &alias)
{
    if (!m_access)
        return QString();
    Result<SqlStatement> access = m_access(table, alias);
    if (!access)
        return access.error();
    m_params << access->params;
    return access->sql;
}

Result<QString> SelectBuilder::rootCondition(const Table &root, const QString &qualifier, QVariantList &params)
{
    m_params.clear();
    const QueryLevel *l = level({});
    if (!l)
        return QString();
    Result<QString> c = condition(root, qualifier, l->where);
    params << m_params;
    return c;
}

Result<QString> SelectBuilder::embedExpression(const Table &parent, const QString &parentAlias, const SelectItem &item,
    const QStringList &path, const Field **parentColumn)
{
    Result<EmbedJoin> join = m_resolver.resolve(parent, item.name, item.hint);
    if (!join)
        return join.error();
    if (parentColumn)
        *parentColumn = join->parentColumn;
    const Table &target = *join->target;
    const QString alias = nextAlias();
    const QStringList childPath = path + QStringList {item.outputName()};
    m_embedPaths << childPath;
    Result<ColumnList> args = columnList(target, alias, item.children, childPath, nullptr);
    if (!args)
        return args.error();
    Result<QString> where = embedCondition(*join, item, parentAlias, alias, childPath);
    if (!where)
        return where;
    const QString object = m_dialect.jsonObjectFunction() + QLatin1Char('(') + args->sql + QLatin1Char(')');
    const QString from = QStringLiteral(" FROM ") + m_dialect.quoteIdentifier(target.name) + QStringLiteral(" AS ")
        + alias + QStringLiteral(" WHERE ") + *where + groupByClause(*args);
    if (!join->isArray()) {
        if (args->aggregated)
            return Error(ErrorCode::InvalidAggregate, QStringLiteral("\"%1\" is one row, not a list: aggregates apply to "
                                                                     "the root and to embedded lists").arg(item.name));
        return QString(QStringLiteral("(SELECT ") + object + from + QLatin1Char(')'));
    }
    Result<QString> order = orderBy(target, alias, childPath, &*args);
    if (!order)
        return order;
    const QString rows = alias + QStringLiteral("x");
    QString sql = QStringLiteral("(SELECT ") + m_dialect.jsonArrayAggregate(rows + QStringLiteral(".j"))
        + QStringLiteral(" FROM (SELECT ") + object + QStringLiteral(" AS j") + from;
    if (!order->isEmpty())
        sql += QStringLiteral(" ORDER BY ") + *order;
    sql += limit(childPath);
    return QString(sql + QStringLiteral(") AS ") + rows + QLatin1Char(')'));
}

Result<QString> SelectBuilder::embedCondition(const EmbedJoin &join, const SelectItem &item,
    const QString &parentAlias, const QString &alias, const QStringList &path)
{
    const QString parentColumn = parentAlias + QLatin1Char('.') + m_dialect.quoteIdentifier(join.parentColumn->name);
    const QString targetColumn = alias + QLatin1Char('.') + m_dialect.quoteIdentifier(join.targetColumn->name);
    QString on;
    if (join.junction) {
        const QString j = alias + QStringLiteral("j");
        Result<QString> junctionAccess = accessCondition(*join.junction, j);
        if (!junctionAccess)
            return junctionAccess;
        on = targetColumn + QStringLiteral(" IN (SELECT ") + j + QLatin1Char('.')
            + m_dialect.quoteIdentifier(join.junctionTarget->name) + QStringLiteral(" FROM ")
            + m_dialect.quoteIdentifier(join.junction->name) + QStringLiteral(" AS ") + j + QStringLiteral(" WHERE ")
            + j + QLatin1Char('.') + m_dialect.quoteIdentifier(join.junctionParent->name) + QStringLiteral(" = ")
            + parentColumn + (junctionAccess->isEmpty() ? QString() : QStringLiteral(" AND ") + *junctionAccess)
            + QLatin1Char(')');
    } else {
        on = targetColumn + QStringLiteral(" = ") + parentColumn;
    }
    Result<QString> filters = levelCondition(*join.target, alias, path);
    if (!filters)
        return filters;
    Result<QString> inner = innerConditions(*join.target, alias, item.children, path);
    if (!inner)
        return inner;
    Result<QString> access = accessCondition(*join.target, alias);
    if (!access)
        return access;
    return joinNonEmpty({on, *filters, *inner, *access}, QStringLiteral(" AND "));
}

Result<QString> SelectBuilder::innerConditions(
    const Table &table, const QString &alias, const std::vector<SelectItem> &items, const QStringList &path)
{
    QStringList parts;
    for (const SelectItem &item : items) {
        if (item.kind != SelectItem::Kind::Embed || !item.inner)
            continue;
        Result<EmbedJoin> join = m_resolver.resolve(table, item.name, item.hint);
        if (!join)
            return join.error();
        const QString child = nextAlias();
        Result<QString> where
            = embedCondition(*join, item, alias, child, path + QStringList {item.outputName()});
        if (!where)
            return where;
        parts << QStringLiteral("EXISTS (SELECT 1 FROM ") + m_dialect.quoteIdentifier(join->target->name)
                + QStringLiteral(" AS ") + child + QStringLiteral(" WHERE ") + *where + QLatin1Char(')');
    }
    return parts.join(QStringLiteral(" AND "));
}

Result<QString> SelectBuilder::levelCondition(const Table &table, const QString &alias, const QStringList &path)
{
    const QueryLevel *l = level(path);
    if (!l)
        return QString();
    return condition(table, alias, l->where);
}

} // namespace Runtime
