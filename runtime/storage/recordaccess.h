// SPDX-License-Identifier: GPL-3.0-or-later
// RecordAccess: applies the project's AccessPolicy to RecordStore calls and explains what it did.
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "model/project.h"
#include "rules/accesspolicy.h"
#include "storage/recordstore.h"
#include "storage/selectbuilder.h"

#include <QByteArray>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Runtime {

class SqlDialect;
struct WriteRow;

/** What one call did with the rules, for Caller::explain: per table and operation the grant, and when
    counted, how many rows the request's own filters matched and how many the rules let through. */
struct AccessExplanation
{
    struct Entry
    {
        QString table;
        Operation operation = Operation::Select;
        Grant grant;
        std::optional<qint64> matched;
        std::optional<qint64> allowed;
    };

    QString role;
    QString user;
    std::vector<Entry> tables;
    bool refused = false;
    QString reason;

    /** Returns the entry of \a table and \a operation, adding it (with \a grant) when missing. */
    Entry &entry(const Table &table, Operation operation, const Grant &grant);
    /** Returns the compact JSON object described at RecordResult::explain. */
    QByteArray toJson() const;
};

/** The access half of a RecordStore: compiles the AccessPolicy on first use, hands out grants (recording
    them when the caller asked for an explanation) and checks write bodies. Owned by its RecordStore, used
    on its thread; holds nothing per caller beyond the explanation of the current call. */
class RecordAccess
{
public:
    /** Runs a COUNT query of \a table and returns its value (the store's connection and statement cache). */
    using Counter = std::function<Result<qint64>(const SqlStatement &statement, const Table &table)>;

    /** \a viewRelationships (see viewRelationships()) must outlive the RecordAccess. */
    RecordAccess(std::shared_ptr<const Project> project, const std::vector<Relationship> &viewRelationships,
        const SqlDialect &dialect, Counter count);

    /** Starts a call as \a caller: clears the explanation. */
    void begin(const Caller &caller);
    /** The state of one call: what a nested call (a before trigger's `db`, inside the write that runs
        the trigger) sets aside and gives back. */
    struct Call
    {
        Caller caller;
        AccessExplanation explanation;
        QByteArray last;
    };
    /** Returns the current call's state, for resume() after a nested call. */
    Call suspend() const { return {m_caller, m_explanation, m_last}; }
    void resume(Call call)
    {
        m_caller = std::move(call.caller);
        m_explanation = std::move(call.explanation);
        m_last = std::move(call.last);
    }
    /** Ends the current call: fills \a result's explanation (or marks the explanation refused with the
        error's message) and keeps it for lastExplain(). Returns \a result. */
    Result<RecordResult> finish(Result<RecordResult> result);
    QByteArray lastExplain() const { return m_last; }
    bool explaining() const { return m_caller.explain; }
    const Caller &caller() const { return m_caller; }
    AccessExplanation &explanation() { return m_explanation; }

    /** Returns the grant of the current caller for \a table and \a operation over \a qualifier (recorded
        in the explanation), or Internal when the policy does not compile. Never Denied for the service role.
     */
    Result<Grant> grant(const Table &table, Operation operation, const QString &qualifier);
    /** Returns the filter SelectBuilder applies to every table a read touches: the select grant as a
        condition, or the refusal naming the table; none for the service role. */
    AccessFilter selectFilter();

    /** Returns NotAuthenticated (anon) or PermissionDenied with \a message, noting it as the reason. */
    Error refuse(const QString &message);
    /** Returns the refusal `permission denied for table <name>`. */
    Error denied(const Table &table)
    {
        return refuse(QStringLiteral("permission denied for table %1").arg(table.name));
    }
    /** Returns ReadOnlyField for the first read-only or hidden field that \a rows set (non-service callers),
        and the email of the users table (settings.usersTable) unless it is the caller's own account email:
        it follows the account's. */
    Result<void> checkWritable(const Table &table, const std::vector<WriteRow> &rows) const;
    /** Sets organization_id of each row of tenant-scoped \a table that lacks it to the caller's claim. */
    Result<void> fillTenant(const Table &table, std::vector<WriteRow> &rows);

    /** Explains a read of \a table: counts its root rows with the request's filters (\a query), then
        also with the select rule. Two extra queries; call only when explaining. */
    Result<void> explainRead(const Table &table, const ApiQuery &query);
    /** Explains an update or delete: counts the rows matching \a filters (over the table's name, with
        \a params), then also \a grant. */
    Result<void> explainFiltered(const Table &table, Operation operation, const QString &filters,
        const QVariantList &params, const Grant &grant);
    /** Returns the grant of \a operation on \a table over \a qualifier, or the refusal when it is Denied
        or when the write returns rows (\a returnsRows) the caller may not select: nothing is written then. */
    Result<Grant> authorize(
        const Table &table, Operation operation, const QString &qualifier, bool returnsRows);
    /** Checks the rows of \a table with primary keys \a keys, just written by \a operation, against the
        rules of \a operations: one COUNT query when any is conditional. Returns the refusal
        `new row violates row-level security policy` when any row breaks one. */
    Result<void> checkRows(const Table &table, Operation operation, const QVariantList &keys,
        const std::vector<Operation> &operations);

    /** Checks the foreign keys that \a rows of \a table (primary keys \a keys, just written) set: each must
        point at a row the caller may select (the target's select rule, tenant scope included). A reference
        to a row the caller may not see is answered as one to a missing row (ForeignKeyViolation), so a
        caller can neither point into another tenant's rows nor tell their ids from missing ones. */
    Result<void> checkReferences(const Table &table, const std::vector<WriteRow> &rows, const QVariantList &keys);

private:
    std::shared_ptr<const Project> m_project;
    const std::vector<Relationship> &m_viewRelationships;
    const SqlDialect &m_dialect;
    std::shared_ptr<const AccessPolicy> m_policy;
    SqlStatement checkStatement(
        const Table &table, const QVariantList &keys, const std::vector<Grant> &conditions) const;
    QString checkQualifier() const;
    static constexpr qsizetype s_checkChunk = 500; ///< keys per check query, under every engine's parameter limit
    /** Returns "?, ?, ..." for \a values, appending them to \a params. */
    static QString placeholders(const QVariantList &values, QVariantList &params);

    Counter m_count;
    Caller m_caller;
    AccessExplanation m_explanation;
    QByteArray m_last;
};

/** Returns \a condition AND \a grant's condition (either may be empty), appending the grant's parameters
    to \a params: the grant's text comes last, so must its parameters. */
QString andGrant(const QString &condition, const Grant &grant, QVariantList &params);

} // namespace Runtime
