// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of triggers and schedules: the test class, its project and the helpers its files share.
#pragma once

#include "hookserver.h"
#include "serverprocess.h"
#include "testsupport.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace Runtime {
class Project;
}

/** The shop of these tests as .basalt JSON: a table `orders` (id, item text of at most 20 characters,
    qty, price, total read-only, status) that anyone may read and write, `jobs` (id, name); before triggers
    on orders (insert/update: total = qty * price, refuse a negative qty with HttpError 422 and the item
    "forbidden" with a plain Error; delete: refuse a "locked" order), after triggers on orders and jobs and
    on sign-up and sign-in that report to env HOOK_URL (sign-up also inserts a "welcome" order through db.asService(): the signed-up user may not),
    each function with a 1 s time limit. A before insert trigger on orders reserves the order's qty from
    `stock` (item, left) through `db`, or refuses when too few are left; the function place_order (anyone)
    logs a job, inserts an order and reads its stock; a before insert trigger on `loops` (n) inserts n + 1. */
QJsonObject triggerProject();
/** Returns triggerProject() read into the model (nullptr and a failure if it does not read). */
std::shared_ptr<const Runtime::Project> readTriggerProject();

/** A basalt-server of triggerProject() on a fresh database of one engine, in a temporary folder. */
class TriggerServer
{
public:
    /** Writes the project, picks the database, starts the server with HOOK_URL = \a hookUrl. Returns an
        empty string or why it failed; skipReason() is set instead when PostgreSQL is missing. */
    QString start(const QString &engine, const QUrl &hookUrl);
    /** Starts the server again on the same project and database. */
    QString restart();
    QString skipReason() const { return m_skipReason; }
    ServerProcess &process() { return *m_process; }
    QString databaseUrl() const { return m_databaseUrl; }
    QUrl url(const QString &path) const { return m_process->url().resolved(QUrl(path)); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestSupport::PostgresDatabase> m_postgres;
    std::unique_ptr<ServerProcess> m_process;
    QString m_databaseUrl;
    QString m_projectFile;
    QUrl m_hookUrl;
    QString m_skipReason;
};

class tst_Triggers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    // beforetriggertests.cpp
    void beforeTriggers_data();
    void beforeTriggers();
    void beforeTriggerDb_data();
    void beforeTriggerDb();
    // aftertriggertests.cpp
    void afterTriggers_data();
    void afterTriggers();
    void authEvents_data();
    void authEvents();
    void survivesKill_data();
    void survivesKill();
    void retries_data();
    void retries();
    // scheduletests.cpp
    void scheduleFires();
    void scheduleOnceAcrossServers();

private:
    QNetworkAccessManager m_manager;
};

/** Sends \a method \a url with the JSON \a body, \a key as apikey and bearer token and, if not empty, the
    Prefer header \a prefer; waits (at most 30 s) for the reply. */
HttpReply sendJson(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url, const QByteArray &body,
    const QByteArray &key, const QByteArray &prefer = {});

/** Adds the column "engine" with the rows sqlite and postgresql. */
void addEngines();

/** Skips (or fails under CI) when \a server could not start for want of PostgreSQL; fails if it did not. */
#define START_SERVER(server, engine, hook)                                                                   \
    do {                                                                                                     \
        const QString why = (server).start((engine), (hook));                                                \
        if (!(server).skipReason().isEmpty()) {                                                              \
            if (TestSupport::postgresRequired())                                                             \
                QFAIL(qPrintable((server).skipReason()));                                                    \
            QSKIP(qPrintable((server).skipReason()));                                                        \
        }                                                                                                    \
        QVERIFY2(why.isEmpty(), qPrintable(why));                                                            \
    } while (false)
