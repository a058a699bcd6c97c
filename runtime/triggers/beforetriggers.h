// SPDX-License-Identifier: GPL-3.0-or-later
// BeforeTriggers: the project's before triggers, run by a RecordStore inside each write's transaction.
#pragma once

#include "model/project.h"
#include "storage/beforewritehook.h"

#include <QHash>
#include <QList>

#include <memory>

namespace Runtime {

class FunctionRunner;
class RecordStore;
struct ServerConfig;

/**
    The enabled before triggers of one project, as a RecordStore's BeforeWriteHook: for each row written to
    a table with a before trigger of the operation, calls its function with `row` and `old` on the writing
    thread's FunctionRunner (inside the write's transaction) and takes the row as the function left it.
    A throw refuses the write (TriggerRefused: 400, or the status of an HttpError); a timeout or code that
    does not compile fails it (TriggerFailed, 500). Several triggers of one table and operation run in the
    project's order, each getting the row the one before left. Made per project by DatabaseSession, used
    on its thread only; the runner outlives it. The functions' `db` runs on the store that writes
    (setStore()), inside the write's transaction, with the writing caller's rules.
*/
class BeforeTriggers : public BeforeWriteHook
{
public:
    /** \a config: what the functions' `db` runs with. */
    BeforeTriggers(std::shared_ptr<const Project> project, FunctionRunner &runner, const ServerConfig &config);

    /** The store whose hook this is: the functions' `db` runs on it. Not owned. */
    void setStore(RecordStore *store) { m_store = store; }

    /** Returns whether \a project has an enabled before trigger on a table. */
    static bool needed(const Project &project);

    bool covers(const QString &table, RecordOperation operation) const override;
    Result<void> run(const QString &table, RecordOperation operation, QJsonObject *row, const QJsonObject &old,
        const Caller &caller) override;

private:
    std::shared_ptr<const Project> m_project;
    FunctionRunner &m_runner;
    const ServerConfig &m_config;
    RecordStore *m_store = nullptr;
    QHash<QString, QList<const Trigger *>> m_triggers; ///< by table name + '\n' + operation
};

} // namespace Runtime
