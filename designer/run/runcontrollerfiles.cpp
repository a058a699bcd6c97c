// SPDX-License-Identifier: GPL-3.0-or-later
// RunController: following the project to a new file name while it runs.
#include "runcontroller.h"

#include "mainwindow/deleteguard.h"
#include "storage/database.h"
#include "storage/sqldialect.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace Designer {

namespace {
// Copies the SQLite database \a source into a new file \a target (consistent, without its WAL); returns
// the database's error, or an empty string.
QString copyDatabase(const QString &source, const QString &target)
{
    Runtime::DatabaseUrl url;
    url.path = source;
    Runtime::Result<std::unique_ptr<Runtime::Database>> database = Runtime::Database::open(url);
    if (!database)
        return database.error().message;
    QSqlQuery query((*database)->connection());
    if (!query.exec(QStringLiteral("VACUUM INTO ") + (*database)->dialect().quoteString(target)))
        return query.lastError().databaseText();
    return {};
}
} // namespace

// Saved under a new name while running: the runtime moves to that project's own database (shop.sqlite
// beside shop.basalt), taking the rows along when that database does not exist yet. An untitled project's
// test data would otherwise stay in its temporary folder and go with the next Run.
void RunController::fileNameChanged(const QString &fileName)
{
    if (fileName.isEmpty() || !m_server || m_state == State::Stopped || m_state == State::Failed)
        return;
    const QString target = DeleteGuard::localDatabasePath(fileName);
    const QString source = m_database.path;
    if (QFileInfo(target).absoluteFilePath() == QFileInfo(source).absoluteFilePath())
        return;
    // The untitled project's folder must outlive the copy; stop() would delete it.
    std::shared_ptr<QTemporaryDir> folder(m_temporaryFolder.release());
    stop();
    if (QFileInfo::exists(target)) {
        start();
        return;
    }
    m_busy = true;
    setState(State::Starting);
    const quint64 generation = m_generation;
    m_pool.start([this, generation, source, target, folder] {
        const QString error = copyDatabase(source, target);
        QMetaObject::invokeMethod(
            this,
            [this, generation, target, error] {
                if (generation != m_generation)
                    return; // stopped meanwhile
                m_busy = false;
                if (!error.isEmpty()) {
                    fail(tr("Could not copy the test data to %1: %2").arg(QDir::toNativeSeparators(target), error));
                    return;
                }
                setState(State::Stopped);
                start();
            },
            Qt::QueuedConnection);
    });
}

} // namespace Designer
