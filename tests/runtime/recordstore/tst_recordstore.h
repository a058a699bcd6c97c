// SPDX-License-Identifier: GPL-3.0-or-later
// The RecordStore test case: reads in tst_recordstore.cpp, writes in recordwrites.cpp.
#pragma once

#include "recordfixture.h"

#include <QObject>

class tst_RecordStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void read_data();
    void read();
    void count_data() { engines(); }
    void count();
    void hiddenFields_data() { engines(); }
    void hiddenFields();
    void insert_data() { engines(); }
    void insert();
    void insertErrors_data();
    void insertErrors();
    void bulkRollsBack_data() { engines(); }
    void bulkRollsBack();
    void batchIsolatesFailures_data() { engines(); }
    void batchIsolatesFailures();
    void upsert_data() { engines(); }
    void upsert();
    void updateAndDelete_data() { engines(); }
    void updateAndDelete();
    void datetimeNormalisation_data() { engines(); }
    void datetimeNormalisation();
    void databaseErrors_data();
    void databaseErrors();
    void diskFull();
    // Change events (changefeedtests.cpp)
    void changesAfterCommit_data() { engines(); }
    void changesAfterCommit();
    void nothingAnnouncedWithoutCommit_data() { engines(); }
    void nothingAnnouncedWithoutCommit();
    void changesReachOtherThreads_data() { engines(); }
    void changesReachOtherThreads();
    // A function's db requests (dataapicalltests.cpp)
    void dataApiCalls_data() { engines(); }
    void dataApiCalls();
    // Permission rules (accessrows.cpp)
    void accessReads_data();
    void accessReads();
    void accessWrites_data();
    void accessWrites();
    void accessExplain_data();
    void accessExplain();

private:
    static void engines();
    RecordTest::Fixture *shared(Runtime::DatabaseEngine engine);
    std::unique_ptr<RecordTest::Fixture> fresh(Runtime::DatabaseEngine engine);

    /** Returns the shared fixture of \a templateName ("ecommerce" or "saas"), made on first use. */
    RecordTest::Fixture *shared(Runtime::DatabaseEngine engine, const QString &templateName);

    std::unique_ptr<RecordTest::Fixture> m_shared[2];
    std::unique_ptr<RecordTest::Fixture> m_saas[2];
};

/** Declares \a var for the fixture \a fixtureExpr; skips (or fails under CI) when PostgreSQL is missing. */
#define FIXTURE(var, fixtureExpr)                                                                          \
    RecordTest::Fixture *var = (fixtureExpr);                                                                          \
    if (var->postgresMissing()) {                                                                          \
        TestSupport::PostgresDatabase probe;                                                               \
        BASALT_REQUIRE_POSTGRES(probe);                                                                    \
    }                                                                                                      \
    QVERIFY2(var->isValid(), qPrintable(var->why()))

