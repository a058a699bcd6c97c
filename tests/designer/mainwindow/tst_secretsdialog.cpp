// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the function secrets dialog: values masked, edits saved beside the project, bad input explained.
#include "mainwindow/secretsdialog.h"
#include "scripting/functionenvironment.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Designer;
using namespace Qt::StringLiterals;

class tst_SecretsDialog : public QObject
{
    Q_OBJECT

private slots:
    void showsSavedSecretsMasked();
    void addedSecretIsSaved();
    void badNameIsExplainedAndNothingWritten();
};

void tst_SecretsDialog::showsSavedSecretsMasked()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"shop.basalt"_s);
    QVERIFY(Runtime::saveFunctionSecrets(project, {{u"STRIPE_KEY"_s, u"sk_live_1"_s}}));
    SecretsDialog dialog(project);
    QCOMPARE(dialog.table()->rowCount(), 1);
    QCOMPARE(dialog.table()->item(0, 0)->text(), u"STRIPE_KEY"_s);
    QCOMPARE(dialog.table()->item(0, 1)->text(), QString(9, QChar(0x2022)));
    dialog.showValuesBox()->setChecked(true);
    QCOMPARE(dialog.table()->item(0, 1)->text(), u"sk_live_1"_s);
}

void tst_SecretsDialog::addedSecretIsSaved()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"shop.basalt"_s);
    SecretsDialog dialog(project);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.addSecret(); // editing the new name
    auto *nameEdit = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(nameEdit);
    QTest::keyClicks(nameEdit, u"MAIL_TOKEN"_s);
    QTest::keyClick(nameEdit, Qt::Key_Return);
    QTRY_COMPARE(dialog.table()->item(0, 0)->text(), u"MAIL_TOKEN"_s);
    QTest::qWait(0); // the name's editor closes
    dialog.table()->setCurrentCell(0, 1);
    QTest::keyClick(dialog.table(), Qt::Key_F2);
    QLineEdit *valueEdit = nullptr;
    QTRY_VERIFY((valueEdit = qobject_cast<QLineEdit *>(QApplication::focusWidget())) && valueEdit != nameEdit);
    QCOMPARE(valueEdit->echoMode(), QLineEdit::Password); // values are typed unseen too
    QTest::keyClicks(valueEdit, u"t0k en"_s);
    QTest::keyClick(valueEdit, Qt::Key_Return);
    QTRY_COMPARE(dialog.table()->item(0, 1)->text(), QString(6, QChar(0x2022)));
    QVERIFY(dialog.save());
    QCOMPARE(Runtime::readFunctionSecrets(project), Runtime::FunctionSecrets({{u"MAIL_TOKEN"_s, u"t0k en"_s}}));
}

void tst_SecretsDialog::badNameIsExplainedAndNothingWritten()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"shop.basalt"_s);
    QVERIFY(Runtime::saveFunctionSecrets(project, {{u"KEEP"_s, u"1"_s}}));
    SecretsDialog dialog(project);
    dialog.addSecret();
    dialog.table()->item(1, 0)->setText(u"2FA KEY"_s);
    QVERIFY(!dialog.save());
    QVERIFY(!dialog.problemLabel()->isHidden());
    QVERIFY2(dialog.problemLabel()->text().contains(u"2FA KEY"_s), qPrintable(dialog.problemLabel()->text()));
    QCOMPARE(Runtime::readFunctionSecrets(project), Runtime::FunctionSecrets({{u"KEEP"_s, u"1"_s}}));
}

QTEST_MAIN(tst_SecretsDialog)
#include "tst_secretsdialog.moc"
