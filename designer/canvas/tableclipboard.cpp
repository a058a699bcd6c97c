// SPDX-License-Identifier: GPL-3.0-or-later
// Table clipboard: copying tables as .basalt JSON and pasting them back with new ids and names.
#include "tableclipboard.h"

#include "io/projectreader.h"
#include "io/projectwriter.h"

#include <QCoreApplication>
#include <QMimeData>
#include <QSet>

namespace Designer {

QString tablesMimeType()
{
    return QStringLiteral("application/x-basalt-tables+json");
}

QMimeData *copyTables(const Runtime::Project &project, const QList<Runtime::ObjectId> &tableIds)
{
    // A whole project (roles kept, so rules still validate) that holds only the copied tables.
    Runtime::Project copy = project;
    const QSet<Runtime::ObjectId> ids(tableIds.cbegin(), tableIds.cend());
    std::erase_if(copy.tables, [&](const Runtime::Table &t) { return !ids.contains(t.id); });
    std::erase_if(copy.relationships, [&](const Runtime::Relationship &r) {
        return !ids.contains(r.fromTableId) || !ids.contains(r.toTableId)
            || (r.isManyToMany() && !ids.contains(r.junctionTableId));
    });
    copy.endpoints.clear();
    copy.functions.clear();
    copy.triggers.clear();
    copy.schedules.clear(); // they call functions, which are not copied
    copy.integrations.clear();
    copy.settings = {}; // settings name tables (the users table) that may not be copied
    const QByteArray json = Runtime::writeProject(copy);
    auto *data = new QMimeData;
    data->setData(tablesMimeType(), json);
    data->setText(QString::fromUtf8(json));
    return data;
}

Runtime::Result<PastedTables> pasteTables(
    const Runtime::Project &project, const QMimeData *data, const QPointF &offset)
{
    if (!data || !data->hasFormat(tablesMimeType()))
        return Runtime::Error(Runtime::ErrorCode::InvalidArgument,
            QCoreApplication::translate("Designer::TableClipboard", "The clipboard holds no tables."));
    auto read = Runtime::readProject(data->data(tablesMimeType()));
    if (!read)
        return read.error();
    Runtime::Project &copied = **read;

    QHash<Runtime::ObjectId, Runtime::ObjectId> newIds;
    QSet<Runtime::ObjectId> used;
    auto renew = [&](const Runtime::ObjectId &id, const char *prefix) {
        if (id.isEmpty())
            return id;
        Runtime::ObjectId fresh;
        do {
            fresh = project.newId(QString::fromLatin1(prefix));
        } while (used.contains(fresh));
        used.insert(fresh);
        newIds.insert(id, fresh);
        return fresh;
    };
    auto mapped = [&](const Runtime::ObjectId &id) { return newIds.value(id, id); };

    PastedTables pasted;
    QSet<QString> names;
    for (const Runtime::Table &table : project.tables)
        names.insert(table.name);
    for (Runtime::Table table : copied.tables) {
        table.id = renew(table.id, "tbl");
        for (Runtime::Field &field : table.fields)
            field.id = renew(field.id, "fld");
        for (Runtime::Index &index : table.indexes) {
            index.id = renew(index.id, "idx");
            for (Runtime::ObjectId &fieldId : index.fieldIds)
                fieldId = mapped(fieldId);
        }
        for (Runtime::PermissionRule &rule : table.permissions)
            rule.id = renew(rule.id, "rule");
        QString name = table.name;
        for (int n = 1; names.contains(name); ++n)
            name = table.name + (n == 1 ? QStringLiteral("_copy") : QStringLiteral("_copy_%1").arg(n));
        names.insert(name);
        table.name = name;
        table.position += offset;
        pasted.tables.push_back(std::move(table));
    }
    for (Runtime::Relationship r : copied.relationships) {
        r.id = renew(r.id, "rel");
        for (Runtime::ObjectId *id : {&r.fromTableId, &r.toTableId, &r.foreignKeyFieldId, &r.junctionTableId,
                 &r.junctionFromFieldId, &r.junctionToFieldId})
            *id = mapped(*id);
        pasted.relationships.push_back(std::move(r));
    }
    if (pasted.tables.empty())
        return Runtime::Error(Runtime::ErrorCode::InvalidArgument,
            QCoreApplication::translate("Designer::TableClipboard", "The clipboard holds no tables."));
    return pasted;
}

} // namespace Designer
