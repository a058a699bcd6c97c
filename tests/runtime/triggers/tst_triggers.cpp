// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of triggers and schedules (the cases are in beforetriggertests.cpp, aftertriggertests.cpp and
// scheduletests.cpp).
#include "tst_triggers.h"

#include <QNetworkProxy>
#include <QtTest>

void tst_Triggers::initTestCase()
{
    m_manager.setProxy(QNetworkProxy::NoProxy);
    QVERIFY(readTriggerProject());
}

QTEST_GUILESS_MAIN(tst_Triggers)
