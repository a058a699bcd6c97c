// SPDX-License-Identifier: GPL-3.0-or-later
// SelectBuilder's select lists: columns, `*`, embeds, spreads (`...rel(cols)`) and aggregates (`count()`,
// `price.sum()`) with the GROUP BY they need.
#include "selectbuilder.h"

#include "sqldialect.h"
#include "valuecodec.h"

#include <utility>

namespace Runtime {

namespace {
QByteArray keyOf(const QString &name)
{
    QByteArray key;
    ValueCodec::appendJsonString(key, name);
    key += ':';
    return key;
}

QString aggregateFunction(Aggregate aggregate)
{
    return aggregateName(aggregate).toUpper();
}
} // namespace

Result<SelectBuilder::ColumnList> SelectBuilder::columnList(const Table &table, const QString &alias,
    const std::vector<SelectItem> &items, const QStringList &path, std::vector<OutputColumn> *columns)
{
    std::vector<Piece> pieces;
    if (Result<void> added = addPieces(table, alias, items, path, pieces); !added)
        return added.error();
    ColumnList list;
    QStringList parts;
    for (const Piece &piece : pieces) {
        // The root row takes plain expressions; a JSON object built in SQL takes 'key', value pairs.
        if (columns) {
            columns->push_back({piece.name, keyOf(piece.name), piece.type, piece.embed});
            parts << (piece.embed ? piece.sql : m_dialect.readExpression(piece.type, piece.sql));
        } else {
            parts << m_dialect.quoteString(piece.name) + QStringLiteral(", ")
                    + (piece.embed ? m_dialect.nestedJson(piece.sql) : m_dialect.jsonValueExpression(piece.type, piece.sql));
        }
        m_params << piece.params;
        list.aggregated = list.aggregated || piece.aggregated;
        if (!piece.aggregated && !list.groupBy.contains(piece.groupKey))
            list.groupBy << piece.groupKey;
    }
    list.sql = parts.join(QStringLiteral(", "));
    return list;
}

Result<void> SelectBuilder::addPieces(const Table &table, const QString &alias, const std::vector<SelectItem> &items,
    const QStringList &path, std::vector<Piece> &out)
{
    static const std::vector<SelectItem> star {SelectItem {SelectItem::Kind::Star}};
    for (const SelectItem &item : items.empty() ? star : items) {
        if (item.kind == SelectItem::Kind::Star) {
            for (const Field &f : table.fields) {
                if (f.hidden)
                    continue;
                const QString sql = alias + QLatin1Char('.') + m_dialect.quoteIdentifier(f.name);
                out.push_back({f.name, f.type, sql, false, false, sql, {}});
            }
        } else if (item.kind == SelectItem::Kind::Column && item.aggregate != Aggregate::None) {
            Result<Piece> piece = aggregatePiece(table, alias, item);
            if (!piece)
                return piece.error();
            out.push_back(std::move(*piece));
        } else if (item.kind == SelectItem::Kind::Column) {
            Result<Value> value = valueOf(table, alias, item.name, item.jsonPath, item.cast);
            if (!value)
                return value.error();
            out.push_back({item.outputName(), value->field.type, value->sql, false, false, value->sql, {}});
        } else if (item.spread) {
            if (Result<void> spread = addSpreadPieces(table, alias, item, path, out); !spread)
                return spread;
        } else {
            // The embed's parameters are its own: they go wherever its SQL goes.
            QVariantList outer = std::exchange(m_params, {});
            const Field *parentColumn = nullptr;
            Result<QString> e = embedExpression(table, alias, item, path, &parentColumn);
            QVariantList params = std::exchange(m_params, std::move(outer));
            if (!e)
                return e.error();
            const QString groupKey = alias + QLatin1Char('.') + m_dialect.quoteIdentifier(parentColumn->name);
            out.push_back({item.outputName(), FieldType::Json, *e, true, false, groupKey, std::move(params)});
        }
    }
    return {};
}

Result<SelectBuilder::Piece> SelectBuilder::aggregatePiece(const Table &table, const QString &alias, const SelectItem &item)
{
    Piece piece;
    piece.name = item.outputName();
    piece.aggregated = true;
    if (item.name.isEmpty()) { // count()
        piece.sql = QStringLiteral("COUNT(*)");
        piece.type = FieldType::Integer;
    } else {
        Result<Value> value = valueOf(table, alias, item.name, item.jsonPath, item.cast);
        if (!value)
            return value.error();
        piece.type = value->field.type;
        if (item.aggregate == Aggregate::Count) {
            piece.type = FieldType::Integer;
        } else if (item.aggregate == Aggregate::Sum || item.aggregate == Aggregate::Avg) {
            if (!isNumeric(piece.type)) {
                return Error(ErrorCode::InvalidAggregate,
                    QStringLiteral("\"%1.%2()\": %2 adds numbers, and %1 is %3; cast it first (%1::numeric.%2())")
                        .arg(item.name, aggregateName(item.aggregate), fieldTypeName(piece.type)));
            }
            piece.type = FieldType::Number;
        } else if (piece.type == FieldType::Json || piece.type == FieldType::TextArray || piece.type == FieldType::IntegerArray) {
            return Error(ErrorCode::InvalidAggregate,
                QStringLiteral("\"%1.%2()\": JSON values and arrays have no order; take a value with ->> or cast it")
                    .arg(item.name, aggregateName(item.aggregate)));
        }
        piece.sql = aggregateFunction(item.aggregate) + QLatin1Char('(') + value->sql + QLatin1Char(')');
    }
    if (!item.aggregateCast.isEmpty()) {
        Result<FieldType> cast = castType(item.outputName(), piece.type, item.aggregateCast);
        if (!cast)
            return cast.error();
        piece.sql = m_dialect.conversionExpression(piece.type, *cast, piece.sql);
        piece.type = *cast;
    }
    return piece;
}

Result<void> SelectBuilder::addSpreadPieces(const Table &parent, const QString &parentAlias, const SelectItem &item,
    const QStringList &path, std::vector<Piece> &out)
{
    Result<EmbedJoin> join = m_resolver.resolve(parent, item.name, item.hint);
    if (!join)
        return join.error();
    if (join->isArray()) {
        // PostgREST 12's answer; 13 returns arrays of each column instead.
        Error error(ErrorCode::SpreadNotPossible, QStringLiteral("A spread operation on '%1' is not possible").arg(item.name));
        error.problems.append(Problem {Problem::Severity::Error, {},
            QStringLiteral("'%1' and '%2' do not form a many-to-one or one-to-one relationship").arg(parent.name, item.name), {}});
        return error;
    }
    const Table &target = *join->target;
    const QString alias = nextAlias();
    const QStringList childPath = path + QStringList {item.name};
    m_embedPaths << childPath;
    std::vector<Piece> inner;
    if (Result<void> added = addPieces(target, alias, item.children, childPath, inner); !added)
        return added;
    // The row to read the spread columns from, with its own parameters (filters, rules) after each column's.
    QVariantList outer = std::exchange(m_params, {});
    Result<QString> where = embedCondition(*join, item, parentAlias, alias, childPath);
    QVariantList whereParams = std::exchange(m_params, std::move(outer));
    if (!where)
        return where.error();
    const QString from = QStringLiteral(" FROM ") + m_dialect.quoteIdentifier(target.name) + QStringLiteral(" AS ") + alias
        + QStringLiteral(" WHERE ") + *where + QLatin1Char(')');
    const QString groupKey = parentAlias + QLatin1Char('.') + m_dialect.quoteIdentifier(join->parentColumn->name);
    for (Piece &piece : inner) {
        if (piece.aggregated) {
            return Error(ErrorCode::InvalidAggregate,
                QStringLiteral("\"...%1\": aggregates inside a spread are not supported; aggregate the parent's columns")
                    .arg(item.name));
        }
        // Each column is read by its own subquery, as JSON text: one expression for the row and for a
        // JSON object alike, the subquery's SQL (and parameters) appearing once.
        const QString value = piece.embed ? m_dialect.nestedJson(piece.sql)
                                          : m_dialect.jsonText(m_dialect.jsonValueExpression(piece.type, piece.sql));
        piece.sql = QStringLiteral("(SELECT ") + value + from;
        piece.embed = true;
        piece.type = FieldType::Json;
        piece.groupKey = groupKey;
        piece.params << whereParams;
        out.push_back(std::move(piece));
    }
    return {};
}

} // namespace Runtime
