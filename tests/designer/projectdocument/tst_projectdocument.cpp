// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of ProjectDocument without windows: loading, saving, file name and modified state.
#include "document/projectdocument.h"
#include "io/projectreader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using Designer::ProjectDocument;

class tst_ProjectDocument : public QObject
{
    Q_OBJECT

private slots:
    void loadAndSaveAs();
    void modifiedFollowsUndoStack();
    void loadReportsProblems();
};

void tst_ProjectDocument::loadAndSaveAs()
{
    const QString source = QFINDTESTDATA("data/library.basalt");
    auto loaded = ProjectDocument::load(source);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    ProjectDocument &document = **loaded;
    QCOMPARE(document.fileName(), QFileInfo(source).absoluteFilePath());
    QCOMPARE(document.displayName(), QStringLiteral("Small Library"));
    QCOMPARE(document.project().tables.size(), size_t(2));
    QVERIFY(!document.isModified());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("copy.basalt"));
    QSignalSpy fileNameChanged(&document, &ProjectDocument::fileNameChanged);
    QVERIFY(document.saveAs(copy));
    QCOMPARE(document.fileName(), copy);
    QCOMPARE(fileNameChanged.size(), 1);

    auto reread = Runtime::readProjectFile(copy);
    QVERIFY(reread);
    QVERIFY(**reread == document.project());
}

void tst_ProjectDocument::modifiedFollowsUndoStack()
{
    auto loaded = ProjectDocument::load(QFINDTESTDATA("data/library.basalt"));
    QVERIFY(loaded);
    ProjectDocument &document = **loaded;
    QSignalSpy modifiedChanged(&document, &ProjectDocument::modifiedChanged);

    document.undoStack()->push(new QUndoCommand(QStringLiteral("edit")));
    QVERIFY(document.isModified());
    QCOMPARE(modifiedChanged.size(), 1);
    QCOMPARE(modifiedChanged.last().at(0).toBool(), true);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(document.saveAs(dir.filePath(QStringLiteral("saved.basalt"))));
    QVERIFY(!document.isModified());
    QCOMPARE(modifiedChanged.last().at(0).toBool(), false);

    document.undoStack()->undo();
    QVERIFY(document.isModified());
}

void tst_ProjectDocument::loadReportsProblems()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto missing = ProjectDocument::load(dir.filePath(QStringLiteral("missing.basalt")));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, Runtime::ErrorCode::FileNotFound);
}

QTEST_MAIN(tst_ProjectDocument)
#include "tst_projectdocument.moc"
