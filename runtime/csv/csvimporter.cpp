// SPDX-License-Identifier: GPL-3.0-or-later
// CsvImporter: the database side of a CSV import: batches, multi-row INSERTs and per-row errors.
#include "csvimporter_p.h"

#include "storage/database.h"
#include "storage/dberrors.h"
#include "storage/sqldialect.h"
#include "storage/valuecodec.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <cstring>

namespace Runtime {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CsvImporter)
};

constexpr qsizetype s_maxRowsPerStatement = 100;

bool isRowError(ErrorCode code)
{
    return code == ErrorCode::NotNullViolation || code == ErrorCode::UniqueViolation
        || code == ErrorCode::ForeignKeyViolation || code == ErrorCode::CheckViolation
        || code == ErrorCode::InvalidValue;
}

} // namespace

void CsvSqliteFinalizer::operator()(sqlite3_stmt *statement) const
{
    sqlite3_finalize(statement);
}

bool CsvImporter::Private::sqlite() const
{
    return database.engine() == DatabaseEngine::SQLite;
}

void CsvImporter::Private::clearStatements()
{
    statements.clear();
    sqliteStatements.clear();
}

int CsvImporter::Private::rowsPerStatement(const QByteArray &mask) const
{
    const qsizetype columns = mask.count('1');
    // 999 bound values: the limit of every SQLite version (newer ones allow 32766).
    return columns == 0 ? 1 : int(std::min<qsizetype>(s_maxRowsPerStatement, 999 / columns));
}

QByteArray CsvImporter::Private::maskOf(const QVariantList &values)
{
    QByteArray mask(values.size(), '0');
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (!values.at(i).isNull())
            mask[i] = '1';
    }
    return mask;
}

Result<void> CsvImporter::Private::exec(const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql))
        return Error(ErrorCode::DatabaseQueryFailed,
            Text::tr("The database refused the import: %1").arg(query.lastError().databaseText()),
            sql + QStringLiteral(": ") + query.lastError().text());
    return {};
}

QString CsvImporter::Private::insertSql(const QByteArray &mask, int rows) const
{
    const SqlDialect &dialect = database.dialect();
    QStringList columns;
    for (size_t i = 0; i < targets.size(); ++i) {
        if (targets[i] && mask.at(qsizetype(i)) == '1')
            columns << dialect.quoteIdentifier(targets[i]->name);
    }
    QStringList marks(columns.size(), QStringLiteral("?"));
    // The batch's time goes into the text (one statement per batch): fewer values to bind per row.
    for (const Field *field : stamped) {
        columns << dialect.quoteIdentifier(field->name);
        marks << dialect.quoteString(now);
    }
    QString sql = QStringLiteral("INSERT INTO ") + dialect.quoteIdentifier(table->name);
    if (columns.isEmpty())
        return sql + QStringLiteral(" DEFAULT VALUES");
    const QString row = QLatin1Char('(') + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    return sql + QStringLiteral(" (") + columns.join(QStringLiteral(", ")) + QStringLiteral(") VALUES ")
        + QStringList(rows, row).join(QLatin1Char(','));
}

Result<QSqlQuery *> CsvImporter::Private::statement(const QByteArray &mask, int rows)
{
    const QByteArray key = mask + '#' + QByteArray::number(rows);
    auto it = statements.find(key);
    if (it != statements.end())
        return &*it;
    const QString sql = insertSql(mask, rows);
    QSqlQuery query(database.connection());
    if (!query.prepare(sql))
        return Error(ErrorCode::DatabaseQueryFailed,
            Text::tr("The database refused the import into table %1: %2").arg(table->name, query.lastError().databaseText()),
            sql + QStringLiteral(": ") + query.lastError().text());
    return &*statements.insert(key, query);
}

Result<sqlite3_stmt *> CsvImporter::Private::sqliteStatement(const QByteArray &mask, int rows)
{
    const QByteArray key = mask + '#' + QByteArray::number(rows);
    auto it = sqliteStatements.find(key);
    if (it != sqliteStatements.end())
        return it->second.get();
    const QByteArray sql = insertSql(mask, rows).toUtf8();
    sqlite3_stmt *prepared = nullptr;
    if (sqlite3_prepare_v3(handle, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &prepared, nullptr)
        != SQLITE_OK) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(handle));
        sqlite3_finalize(prepared);
        return Error(ErrorCode::DatabaseQueryFailed,
            Text::tr("The database refused the import into table %1: %2").arg(table->name, message),
            QString::fromUtf8(sql) + QStringLiteral(": ") + message);
    }
    return sqliteStatements.emplace(key, CsvSqliteStatement(prepared)).first->second.get();
}

bool CsvImporter::Private::bindSqlite(sqlite3_stmt *statement, int &index, const QByteArray &packed) const
{
    const char *at = packed.constData() + targets.size();
    const char *end = packed.constData() + packed.size();
    while (at < end) {
        const char type = *at++;
        int rc = SQLITE_OK;
        if (type == 'i' || type == 'd') {
            qint64 integer = 0;
            double number = 0;
            if (type == 'i')
                std::memcpy(&integer, at, sizeof integer);
            else
                std::memcpy(&number, at, sizeof number);
            at += 8;
            rc = type == 'i' ? sqlite3_bind_int64(statement, index, integer) : sqlite3_bind_double(statement, index, number);
        } else {
            qint32 size = 0;
            std::memcpy(&size, at, sizeof size);
            at += sizeof size;
            rc = type == 't' ? sqlite3_bind_text(statement, index, at, size, SQLITE_STATIC)
                             : sqlite3_bind_blob(statement, index, at, size, SQLITE_STATIC);
            at += size;
        }
        if (rc != SQLITE_OK)
            return false;
        ++index;
    }
    return true;
}

bool CsvImporter::Private::stepSqlite(sqlite3_stmt *statement, QSqlError &error, QString &sql) const
{
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        sqlite3_reset(statement);
        return true;
    }
    // The message the Qt SQLite driver would report (sqlite3_errmsg), for translateDatabaseError.
    error = QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(handle)), QSqlError::StatementError,
        QString::number(rc));
    sql = QString::fromUtf8(sqlite3_sql(statement));
    sqlite3_reset(statement);
    return false;
}

void CsvImporter::Private::bind(QSqlQuery &query, int &index, const QVariantList &values) const
{
    for (qsizetype i = 0; i < values.size(); ++i) {
        const Field *field = size_t(i) < targets.size() ? targets[size_t(i)] : nullptr;
        if (!values.at(i).isNull())
            query.bindValue(index++, field ? database.dialect().boundValue(field->type, values.at(i)) : values.at(i));
    }
}

Result<bool> CsvImporter::Private::run(QSqlQuery &query)
{
    // PostgreSQL aborts the whole transaction on an error, so statements run in a savepoint there;
    // SQLite undoes only the failing statement.
    if (!sqlite()) {
        if (Result<void> saved = exec(QStringLiteral("SAVEPOINT basalt_import")); !saved)
            return saved.error();
    }
    const bool ok = query.exec();
    if (!sqlite())
        (void)exec(ok ? QStringLiteral("RELEASE SAVEPOINT basalt_import") : QStringLiteral("ROLLBACK TO SAVEPOINT basalt_import"));
    return ok;
}

Result<bool> CsvImporter::Private::insertMany(const std::vector<CsvPendingRow> &rows, const QByteArray &mask)
{
    QSqlError sqlError;
    QString sql;
    if (handle) {
        Result<sqlite3_stmt *> prepared = sqliteStatement(mask, int(rows.size()));
        if (!prepared)
            return prepared.error();
        int index = 1;
        for (const CsvPendingRow &row : rows) {
            if (!bindSqlite(*prepared, index, row.packed))
                return sqliteFailure();
        }
        if (stepSqlite(*prepared, sqlError, sql))
            return true;
    } else {
        Result<QSqlQuery *> prepared = statement(mask, int(rows.size()));
        if (!prepared)
            return prepared.error();
        QSqlQuery &query = **prepared;
        int index = 0;
        for (const CsvPendingRow &row : rows)
            bind(query, index, row.values);
        Result<bool> ran = run(query);
        if (!ran || *ran)
            return ran;
        sqlError = query.lastError();
        sql = query.lastQuery();
        query.finish();
    }
    const Error error = translateDatabaseError(sqlError, sql, *project, *table, database.dialect(), WriteKind::Insert, {});
    if (!isRowError(error.code))
        return Error(error.code, Text::tr("The database refused the import: %1").arg(sqlError.databaseText()),
            error.detail);
    return false;
}

Result<QList<CsvRowProblem>> CsvImporter::Private::insertOne(const CsvPendingRow &row)
{
    const QVariantList &values = row.values;
    QSqlError sqlError;
    QString sql;
    if (handle) {
        Result<sqlite3_stmt *> prepared = sqliteStatement(row.packed.first(qsizetype(targets.size())), 1);
        if (!prepared)
            return prepared.error();
        int index = 1;
        if (!bindSqlite(*prepared, index, row.packed))
            return sqliteFailure();
        if (stepSqlite(*prepared, sqlError, sql))
            return QList<CsvRowProblem>();
    } else {
        Result<QSqlQuery *> prepared = statement(maskOf(values), 1);
        if (!prepared)
            return prepared.error();
        QSqlQuery &query = **prepared;
        int index = 0;
        bind(query, index, values);
        Result<bool> ran = run(query);
        if (!ran)
            return ran.error();
        if (*ran)
            return QList<CsvRowProblem>();
        sqlError = query.lastError();
        sql = query.lastQuery();
        query.finish();
    }
    return rowProblems(sqlError, sql, values);
}

Error CsvImporter::Private::sqliteFailure() const
{
    const QString message = QString::fromUtf8(sqlite3_errmsg(handle));
    return Error(ErrorCode::DatabaseQueryFailed, Text::tr("The database refused the import: %1").arg(message), message);
}

QList<CsvRowProblem> CsvImporter::Private::foreignKeyProblems(const QVariantList &values)
{
    QList<CsvRowProblem> problems;
    const SqlDialect &dialect = database.dialect();
    for (size_t column = 0; column < targets.size(); ++column) {
        const Field *field = targets[column];
        const QVariant value = values.value(qsizetype(column));
        const Relationship *r = field ? project->relationshipForField(field->id) : nullptr;
        if (!r || value.isNull())
            continue;
        const ObjectId referencedId = r->isManyToMany() && r->junctionToFieldId == field->id ? r->toTableId : r->fromTableId;
        const Table *referenced = project->table(referencedId);
        if (!referenced || !referenced->primaryKey())
            continue;
        QSqlQuery query(database.connection());
        query.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE %2 = ?")
                          .arg(dialect.quoteIdentifier(referenced->name), dialect.quoteIdentifier(referenced->primaryKey()->name)));
        query.addBindValue(value);
        if (query.exec() && !query.next())
            problems << CsvRowProblem {int(column), field->name, ErrorCode::ForeignKeyViolation,
                QStringLiteral("Key (%1)=(%2) is not present in table \"%3\".")
                    .arg(field->name, ValueCodec::displayText(value), referenced->name)};
    }
    return problems;
}

QList<CsvRowProblem> CsvImporter::Private::rowProblems(
    const QSqlError &sqlError, const QString &sql, const QVariantList &values)
{
    QHash<QString, QVariant> byName;
    for (size_t i = 0; i < targets.size(); ++i) {
        if (targets[i])
            byName.insert(targets[i]->name, values.value(qsizetype(i)));
    }
    const Error error = translateDatabaseError(sqlError, sql, *project, *table, database.dialect(), WriteKind::Insert, byName);
    if (!isRowError(error.code))
        return {CsvRowProblem {-1, {}, ErrorCode::DatabaseQueryFailed,
            Text::tr("The database refused the import: %1").arg(sqlError.databaseText())}};
    if (error.code == ErrorCode::ForeignKeyViolation) {
        QList<CsvRowProblem> problems = foreignKeyProblems(values);
        if (!problems.isEmpty())
            return problems;
    }
    CsvRowProblem problem {-1, {}, error.code, error.message};
    if (!error.problems.isEmpty()) {
        problem.field = error.problems.front().path;
        problem.message = error.problems.front().message;
    }
    static const QRegularExpression keyRe(QStringLiteral("^Key \\(([^)]*)\\)="));
    if (problem.field.isEmpty())
        problem.field = keyRe.match(problem.message).captured(1);
    for (size_t i = 0; i < targets.size(); ++i) {
        if (targets[i] && targets[i]->name == problem.field)
            problem.column = int(i);
    }
    return {problem};
}

CsvImporter::CsvImporter(std::shared_ptr<const Project> project, Database &database)
    : d(std::make_unique<Private>(std::move(project), database))
{
}

CsvImporter::~CsvImporter() = default;

Result<CsvImportReport> CsvImporter::importFile(std::shared_ptr<const Project> project, const QString &databaseUrl,
    const QString &filePath, const CsvImportOptions &options, const std::atomic_bool *cancel, const Progress &progress)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, Text::tr("Could not open %1: %2").arg(filePath, file.errorString()));
    Result<std::unique_ptr<Database>> database = Database::open(databaseUrl);
    if (!database)
        return database.error();
    CsvImporter importer(std::move(project), **database);
    return importer.run(&file, options, cancel, progress);
}

} // namespace Runtime
