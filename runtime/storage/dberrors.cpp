// SPDX-License-Identifier: GPL-3.0-or-later
// DbErrors: translates database errors into the data API's errors, naming fields instead of constraints.
#include "dberrors.h"

#include "sqlitefunctions.h"

#include "database.h"
#include "sqldialect.h"
#include "tableschema.h"
#include "valuecodec.h"

#include <QRegularExpression>

namespace Runtime {

namespace {
enum class Violation { None, NotNull, Unique, ForeignKey, Check };

struct Parsed
{
    Violation violation = Violation::None;
    QString constraintName; ///< PostgreSQL, and SQLite's named CHECK constraints
    QStringList columns;    ///< SQLite's UNIQUE / NOT NULL column list; PostgreSQL's not-null column
};

Parsed parseSqlite(const QString &text)
{
    Parsed p;
    static const QRegularExpression columnsRe(QStringLiteral("constraint failed: (.*)$"));
    const QString tail = columnsRe.match(text).captured(1).trimmed();
    if (text.contains(QLatin1String("UNIQUE constraint failed"))) {
        p.violation = Violation::Unique;
    } else if (text.contains(QLatin1String("NOT NULL constraint failed"))) {
        p.violation = Violation::NotNull;
    } else if (text.contains(QLatin1String("FOREIGN KEY constraint failed"))) {
        p.violation = Violation::ForeignKey;
    } else if (text.contains(QLatin1String("CHECK constraint failed"))) {
        p.violation = Violation::Check;
        p.constraintName = tail;
        return p;
    }
    for (const QString &qualified : tail.split(QStringLiteral(", "), Qt::SkipEmptyParts))
        p.columns << qualified.section(QLatin1Char('.'), -1);
    return p;
}

Parsed parsePostgres(const QString &code, const QString &text)
{
    Parsed p;
    if (code == QLatin1String("23502"))
        p.violation = Violation::NotNull;
    else if (code == QLatin1String("23505"))
        p.violation = Violation::Unique;
    else if (code == QLatin1String("23503"))
        p.violation = Violation::ForeignKey;
    else if (code == QLatin1String("23514"))
        p.violation = Violation::Check;
    static const QRegularExpression constraintRe(QStringLiteral("constraint \"([^\"]+)\""));
    static const QRegularExpression columnRe(QStringLiteral("in column \"([^\"]+)\""));
    p.constraintName = constraintRe.match(text).captured(1);
    const QString column = columnRe.match(text).captured(1);
    if (!column.isEmpty())
        p.columns << column;
    return p;
}

// Returns the column names behind the unique constraint or index \a name of \a schema.
QStringList uniqueColumns(const TableSchema &schema, const Table &table, const QString &name)
{
    if (const ConstraintSchema *c = schema.constraint(name)) {
        if (const Field *f = table.field(c->fieldId))
            return {f->name};
    }
    if (const IndexSchema *i = schema.index(name))
        return i->columns;
    if (const Field *pk = table.primaryKey(); pk && name == generatedObjectName(QStringLiteral("pk"), table.id))
        return {pk->name};
    return {};
}

Error uniqueError(const QStringList &columns, const QHash<QString, QVariant> &values)
{
    QStringList shown;
    for (const QString &c : columns)
        shown << ValueCodec::displayText(values.value(c));
    Error e(ErrorCode::UniqueViolation,
        QStringLiteral("duplicate key value violates unique constraint on (%1)").arg(columns.join(QStringLiteral(", "))));
    e.problems << Problem {Problem::Severity::Error, {},
        QStringLiteral("Key (%1)=(%2) already exists.").arg(columns.join(QStringLiteral(", ")), shown.join(QStringLiteral(", ")))};
    return e;
}
} // namespace

Error foreignKeyViolation(WriteKind kind, const QString &detail)
{
    return Error(ErrorCode::ForeignKeyViolation,
        kind == WriteKind::Delete
            ? QStringLiteral("delete violates a foreign key constraint: the row is still referenced")
            : QStringLiteral("insert or update violates a foreign key constraint: the referenced row does not exist"),
        detail);
}

Error translateDatabaseError(const QSqlError &error, const QString &sql, const Project &project,
    const Table &table, const SqlDialect &dialect, WriteKind kind, const QHash<QString, QVariant> &values)
{
    const QString text = error.databaseText();
    const Parsed p = dialect.engine() == DatabaseEngine::SQLite ? parseSqlite(text)
                                                                 : parsePostgres(error.nativeErrorCode(), text);
    const QString detail = text + QStringLiteral(" | ") + sql;
    const TableSchema schema = buildTableSchema(project, table, dialect);
    switch (p.violation) {
    case Violation::NotNull: {
        const QString column = p.columns.value(0);
        Error e(ErrorCode::NotNullViolation,
            QStringLiteral("null value in column \"%1\" violates not-null constraint").arg(column), detail);
        e.problems << Problem {Problem::Severity::Error, column, QStringLiteral("is required")};
        return e;
    }
    case Violation::Unique: {
        Error e = uniqueError(p.columns.isEmpty() ? uniqueColumns(schema, table, p.constraintName) : p.columns, values);
        e.detail = detail;
        return e;
    }
    case Violation::ForeignKey:
        return foreignKeyViolation(kind, detail);
    case Violation::Check: {
        const ConstraintSchema *c = schema.constraint(p.constraintName);
        const Field *f = c ? table.field(c->fieldId) : nullptr;
        const QString name = f ? f->name : QString();
        Error e(ErrorCode::CheckViolation,
            QStringLiteral("new row violates the check constraint of \"%1\"").arg(name), detail);
        e.problems << Problem {Problem::Severity::Error, name, QStringLiteral("fails its check")};
        return e;
    }
    case Violation::None:
        break;
    }
    if (error.nativeErrorCode() == QLatin1String("22P02") || error.nativeErrorCode() == QLatin1String("22007"))
        return Error(ErrorCode::InvalidValue, QStringLiteral("A value does not fit its column's type"), detail);
    // A filter's regular expression that does not compile or takes too long: the client's to fix.
    // SQLite: sqlitefunctions.cpp's functions; PostgreSQL: invalid_regular_expression.
    if (const qsizetype at = text.indexOf(QLatin1String(s_sqliteFunctionErrorPrefix)); at >= 0)
        return Error(ErrorCode::BadQuery, text.mid(at + qsizetype(qstrlen(s_sqliteFunctionErrorPrefix))), detail);
    // PostgreSQL: a regular expression or a text search query of the client's that does not parse, a text
    // search configuration that does not exist.
    const QString code = error.nativeErrorCode();
    const QString firstLine = text.section(QLatin1Char('\n'), 0, 0).remove(QStringLiteral("ERROR:")).trimmed();
    if (code == QLatin1String("2201B") || (code == QLatin1String("42601") && firstLine.contains(QLatin1String(" in tsquery: ")))
        || (code == QLatin1String("42704") && firstLine.startsWith(QLatin1String("text search configuration "))))
        return Error(ErrorCode::BadQuery, firstLine, detail);
    return connectionError(error, dialect.engine(), detail);
}

Error connectionError(const QSqlError &error, DatabaseEngine engine, const QString &detail)
{
    const QString code = error.nativeErrorCode();
    const bool sqlite = engine == DatabaseEngine::SQLite;
    // SQLite: the write lock stayed taken past the busy timeout (SQLITE_BUSY and its extended codes);
    // PostgreSQL: lock_not_available. Another connection is writing: a CSV import, a migration.
    if (sqlite ? (code.toInt() & 0xff) == 5 : code == QLatin1String("55P03"))
        return Error(ErrorCode::DatabaseBusy, QStringLiteral("The database is busy with another write"), detail);
    // SQLITE_FULL (the disk, or max_page_count); PostgreSQL's disk_full.
    if (sqlite ? (code.toInt() & 0xff) == 13 : code == QLatin1String("53100"))
        return Error(ErrorCode::DiskFull, QStringLiteral("The database's disk is full: nothing was written"), detail);
    return Error(ErrorCode::DatabaseQueryFailed, QStringLiteral("A database query failed"), detail);
}

} // namespace Runtime
