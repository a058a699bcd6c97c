// SPDX-License-Identifier: GPL-3.0-or-later
// DeleteGuard: asks before deleting tables whose rows the local database still holds.
#include "deleteguard.h"

#include "document/projectdocument.h"
#include "storage/database.h"
#include "storage/sqldialect.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlQuery>
#include <QWidget>

namespace Designer {

DeleteGuard::DeleteGuard(QWidget *parent)
    : QObject(parent)
    , m_parentWidget(parent)
{
}

bool DeleteGuard::confirmFunctions(ProjectDocument *document, const QList<Runtime::ObjectId> &ids) const
{
    if (!document)
        return false;
    QStringList functions;
    QStringList users;
    for (const Runtime::ObjectId &id : ids) {
        const Runtime::ScriptFunction *function = document->function(id);
        if (!function)
            continue;
        bool used = false;
        for (const Runtime::ObjectId &user : document->functionUsers(id)) {
            if (ids.contains(user))
                continue;
            used = true;
            if (const Runtime::Endpoint *endpoint = document->endpoint(user))
                users << tr("endpoint %1").arg(endpoint->name);
            else if (const Runtime::Trigger *trigger = document->trigger(user))
                users << tr("trigger %1").arg(trigger->name);
            else if (const Runtime::Schedule *schedule = document->schedule(user))
                users << tr("schedule %1").arg(schedule->name);
        }
        if (used)
            functions << function->name;
    }
    if (users.isEmpty())
        return true;
    const QString text = tr("The function(s) %1 are called by %2. Delete them too?", nullptr, int(functions.size()))
                             .arg(QLocale().createSeparatedList(functions), QLocale().createSeparatedList(users));
    return ask(text, tr("Delete Functions")) == Decision::Delete;
}

QString DeleteGuard::localDatabasePath(const QString &projectFile)
{
    if (projectFile.isEmpty())
        return {};
    const QFileInfo file(projectFile);
    return file.absoluteDir().filePath(file.completeBaseName() + QStringLiteral(".sqlite"));
}

QHash<QString, qint64> DeleteGuard::countRows(const QString &path, const QStringList &tableNames)
{
    QHash<QString, qint64> counts;
    for (const QString &name : tableNames)
        counts.insert(name, 0);
    if (path.isEmpty() || !QFileInfo::exists(path))
        return counts;
    auto database = Runtime::Database::open(QStringLiteral("sqlite:") + path);
    if (!database)
        return counts;
    for (const QString &name : tableNames) {
        QSqlQuery query((*database)->connection());
        // A table that was never migrated is missing: the query fails and the count stays 0.
        if (query.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg((*database)->dialect().quoteIdentifier(name)))
            && query.next())
            counts.insert(name, query.value(0).toLongLong());
    }
    return counts;
}

bool DeleteGuard::confirm(ProjectDocument *document, const QList<Runtime::ObjectId> &ids) const
{
    if (!document)
        return false;
    // Views over the tables go with them (planRemoval()): say so before it happens.
    QStringList views;
    for (const Runtime::View &view : document->project().views) {
        if (ids.contains(view.baseTableId) && !ids.contains(view.id))
            views << view.name;
    }
    const QString viewsText = views.isEmpty()
        ? QString()
        : tr("%n view(s) (%1) show rows of the tables to delete and are deleted with them.", nullptr,
              int(views.size()))
              .arg(QLocale().createSeparatedList(views));
    const QString path = localDatabasePath(document->fileName());
    if (path.isEmpty() || !QFileInfo::exists(path))
        return viewsText.isEmpty() || ask(viewsText) == Decision::Delete;
    QStringList names;
    for (const Runtime::ObjectId &id : ids) {
        if (const Runtime::Table *table = document->project().table(id))
            names << table->name;
    }
    const QHash<QString, qint64> counts = countRows(path, names);
    QStringList full;
    qint64 total = 0;
    for (const QString &name : names) {
        if (counts.value(name) > 0)
            full << name;
        total += counts.value(name);
    }
    if (full.isEmpty())
        return viewsText.isEmpty() || ask(viewsText) == Decision::Delete;
    const QString text = full.size() == 1
        ? tr("Delete table %1? The local database holds %n row(s) in it; they are dropped on the next run.",
              nullptr, int(total)).arg(full.constFirst())
        : tr("Delete tables %1? The local database holds %n row(s) in them; they are dropped on the next run.",
              nullptr, int(total)).arg(QLocale().createSeparatedList(full));
    // Two whole paragraphs: the rows question, then what happens to the views.
    return ask(viewsText.isEmpty() ? text : text + QStringLiteral("\n\n") + viewsText) == Decision::Delete;
}

DeleteGuard::Decision DeleteGuard::ask(const QString &text, const QString &title) const
{
    if (m_hook)
        return m_hook(text);
    QMessageBox box(QMessageBox::Warning, title.isEmpty() ? tr("Delete Tables") : title, text, QMessageBox::Cancel, m_parentWidget);
    QPushButton *deleteButton = box.addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == deleteButton ? Decision::Delete : Decision::Cancel;
}

} // namespace Designer
