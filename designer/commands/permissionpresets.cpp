// SPDX-License-Identifier: GPL-3.0-or-later
// Pure functions for the permission presets: the rules each sets on a table, their names and undo texts.
#include "permissionpresets.h"

#include "tableedits.h"

#include <QCoreApplication>

namespace Designer::PermissionPresets {

namespace {
constexpr Runtime::Operation s_operations[] = {Runtime::Operation::Select, Runtime::Operation::Insert,
    Runtime::Operation::Update, Runtime::Operation::Delete};
} // namespace

QString name(Preset preset)
{
    switch (preset) {
    case Preset::PublicRead:
        return QCoreApplication::translate("Commands", "Public read");
    case Preset::OwnerOnly:
        return QCoreApplication::translate("Commands", "Owner only");
    case Preset::TenantScoped:
        return QCoreApplication::translate("Commands", "Tenant-scoped");
    }
    return {};
}

QString undoText(Preset preset, const Runtime::Table &table)
{
    return QCoreApplication::translate("Commands", "Apply preset %1 to %2").arg(name(preset), table.name);
}

QString ownerField(const Runtime::Table &table)
{
    // Column names of the model: never translated.
    for (const char *name : {"user_id", "owner_id", "author_id", "created_by", "customer_id"}) {
        const Runtime::Field *field = table.fieldByName(QLatin1String(name));
        if (field && field->type == Runtime::FieldType::Uuid)
            return field->name;
    }
    return {};
}

Runtime::Table apply(
    const Runtime::Project &project, Runtime::Table table, Preset preset, const QString &ownerField)
{
    const QString anon = QStringLiteral("anon");
    const QString authenticated = QStringLiteral("authenticated");
    switch (preset) {
    case Preset::PublicRead:
        table = setPermissionRule(project, table, anon, Runtime::Operation::Select, QString());
        table = setPermissionRule(project, table, authenticated, Runtime::Operation::Select, QString());
        break;
    case Preset::OwnerOnly:
        for (Runtime::Operation op : s_operations)
            table = setPermissionRule(
                project, table, authenticated, op, ownerField + QStringLiteral(" = auth.uid"));
        break;
    case Preset::TenantScoped:
        table = setTenantScoped(table, true);
        for (Runtime::Operation op : s_operations)
            table = setPermissionRule(project, table, authenticated, op, QString());
        break;
    }
    return table;
}

} // namespace Designer::PermissionPresets
