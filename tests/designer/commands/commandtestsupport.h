// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of tst_commands: templates, validation and the push / undo / redo check every command gets.
#pragma once

#include "document/projectdocument.h"
#include "io/projectvalidator.h"
#include "io/projectwriter.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QtTest>

#include <functional>

namespace CommandTests {

using Designer::ChangeEvent;
using Designer::ProjectDocument;
using Kind = ChangeEvent::Kind;
using Runtime::ObjectId;
inline const QStringList &templateNames()
{
    static const QStringList names = {QStringLiteral("ecommerce"), QStringLiteral("saas"),
        QStringLiteral("social"), QStringLiteral("chat")};
    return names;
}

inline std::unique_ptr<ProjectDocument> openTemplate(const QString &name)
{
    auto loaded = ProjectDocument::load(TestSupport::templatePath(name));
    if (!loaded)
        qFatal("cannot load template %s: %s", qPrintable(name), qPrintable(loaded.error().toString()));
    return std::move(loaded).value();
}

// Returns the errors (not warnings) of validateProject(), one per line.
inline QString validationErrors(const Runtime::Project &project)
{
    QStringList errors;
    for (const Runtime::Problem &problem : Runtime::validateProject(project)) {
        if (problem.severity == Runtime::Problem::Severity::Error)
            errors << problem.toString();
    }
    return errors.join(QLatin1Char('\n'));
}

inline QList<ChangeEvent> eventsOf(const QSignalSpy &spy)
{
    QList<ChangeEvent> events;
    for (const QList<QVariant> &arguments : spy)
        events << arguments.at(0).value<ChangeEvent>();
    return events;
}

inline bool hasEvent(const QList<ChangeEvent> &events, Kind kind, const ObjectId &id = {})
{
    return std::any_of(events.begin(), events.end(),
        [&](const ChangeEvent &e) { return e.kind == kind && (id.isEmpty() || e.ids.contains(id)); });
}

using Check = std::function<void(const Runtime::Project &, const QList<ChangeEvent> &)>;

/* Pushes \a command onto \a document's stack, checks that the result validates and passes \a check, undoes
   and compares the file with the original bytes, redoes and compares with the state after the first redo.
   \a validates false: the result is expected to have errors (the user is told to fix them). */
inline void pushUndoRedo(
    ProjectDocument &document, QUndoCommand *command, const Check &check = {}, bool validates = true)
{
    const QByteArray original = Runtime::writeProject(document.project());
    const Runtime::Project originalModel = document.project();
    QSignalSpy spy(&document, &ProjectDocument::changed);
    QVERIFY(!command->text().isEmpty());
    document.undoStack()->push(command);
    const QByteArray after = Runtime::writeProject(document.project());
    QVERIFY2(after != original, "the command changed nothing");
    const QString errors = validationErrors(document.project());
    if (validates)
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
    else
        QVERIFY(!errors.isEmpty());
    QVERIFY(!spy.isEmpty());
    if (check) {
        check(document.project(), eventsOf(spy));
        if (QTest::currentTestFailed())
            return;
    }
    spy.clear();
    document.undoStack()->undo();
    QCOMPARE(Runtime::writeProject(document.project()), original);
    QVERIFY(document.project() == originalModel);
    QVERIFY(!spy.isEmpty());
    spy.clear();
    document.undoStack()->redo();
    QCOMPARE(Runtime::writeProject(document.project()), after);
    QVERIFY(!spy.isEmpty());
}

inline Runtime::Table newTable(
    const Runtime::Project &project, const QString &name, Runtime::PrimaryKeyKind key)
{
    Runtime::Table table;
    table.id = project.newId(QStringLiteral("tbl"));
    table.name = name;
    table.position = QPointF(1000, 1000);
    Runtime::Field id;
    id.id = project.newId(QStringLiteral("fld"));
    id.name = QStringLiteral("id");
    id.primaryKey = key;
    id.type = key == Runtime::PrimaryKeyKind::Uuid ? Runtime::FieldType::Uuid : Runtime::FieldType::Integer;
    table.fields.push_back(id);
    return table;
}

// The first field of \a table that is neither its primary key nor a relationship's key.
inline const Runtime::Field *plainField(const Runtime::Project &project, const Runtime::Table &table)
{
    for (const Runtime::Field &f : table.fields) {
        if (!f.isPrimaryKey() && !project.relationshipForField(f.id))
            return &f;
    }
    return nullptr;
}
} // namespace CommandTests
