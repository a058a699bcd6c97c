// SPDX-License-Identifier: GPL-3.0-or-later
// Semantic validation of a project: ids, tables and the order in which every check runs.
#include "projectvalidator.h"

#include "projectvalidator_p.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Runtime {

namespace {
const QStringList &reservedTablePrefixes()
{
    static const QStringList prefixes
        = {QStringLiteral("_basalt"), QStringLiteral("sqlite_"), QStringLiteral("pg_")};
    return prefixes;
}

// Every object's id and JSON path, in file order.
QList<QPair<ObjectId, QString>> allIds(const Project &p)
{
    QList<QPair<ObjectId, QString>> ids;
    const auto add = [&ids](const auto &items, const QString &path) {
        size_t i = 0;
        for (const auto &item : items)
            ids.append({item.id, path + QLatin1Char('[') + QString::number(i++) + QLatin1Char(']')});
    };
    add(p.roles, QStringLiteral("roles"));
    for (size_t t = 0; t < p.tables.size(); ++t) {
        const Table &table = p.tables[t];
        const QString path = arrayPath("tables", t);
        ids.append({table.id, path});
        add(table.fields, memberPath(path, "fields"));
        add(table.indexes, memberPath(path, "indexes"));
        add(table.permissions, memberPath(path, "permissions"));
    }
    for (size_t v = 0; v < p.views.size(); ++v) {
        const QString path = arrayPath("views", v);
        ids.append({p.views[v].id, path});
        add(p.views[v].permissions, memberPath(path, "permissions"));
    }
    add(p.relationships, QStringLiteral("relationships"));
    add(p.functions, QStringLiteral("functions"));
    add(p.endpoints, QStringLiteral("endpoints"));
    add(p.triggers, QStringLiteral("triggers"));
    add(p.integrations, QStringLiteral("integrations"));
    add(p.channelRules, QStringLiteral("channelRules"));
    return ids;
}

void validateIds(ProblemCollector &c)
{
    QHash<ObjectId, QString> firstUse;
    for (const auto &[id, path] : allIds(c.project())) {
        const QString idPath = memberPath(path, "id");
        if (id.isEmpty()) {
            c.error(idPath, id,
                    QCoreApplication::translate("ProjectValidator",
                                                "the id is empty; every object needs an id of "
                                                "1 to 64 letters, digits, \"_\" or \"-\""));
        } else if (!isValidObjectId(id)) {
            c.error(idPath, id,
                    QCoreApplication::translate(
                        "ProjectValidator",
                        "\"%1\" is not a valid id; use 1 to 64 letters, digits, \"_\" or \"-\"")
                        .arg(id));
        } else if (firstUse.contains(id)) {
            c.error(idPath, id,
                    QCoreApplication::translate("ProjectValidator",
                                                "the id \"%1\" is already used by %2; every id "
                                                "must be unique in the project")
                        .arg(id, firstUse.value(id)));
        } else {
            firstUse.insert(id, path);
        }
    }
}

void validateTableName(ProblemCollector &c, size_t index, QHash<QString, QString> &names)
{
    const Table &t = c.project().tables[index];
    const QString path = memberPath(arrayPath("tables", index), "name");
    if (const QString problem = identifierProblem(t.name); !problem.isEmpty()) {
        c.error(path, t.id, problem);
        return;
    }
    if (t.name == QLatin1String("rpc")) {
        c.error(path, t.id,
                QCoreApplication::translate("ProjectValidator",
                                            "\"rpc\" is reserved by the API; choose another name"));
        return;
    }
    for (const QString &prefix : reservedTablePrefixes()) {
        if (t.name.startsWith(prefix)) {
            c.error(path, t.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "\"%1\" starts with \"%2\", which is reserved "
                                                "for the database's own tables; choose another name")
                        .arg(t.name, prefix));
            return;
        }
    }
    if (names.contains(t.name)) {
        c.error(path, t.id,
                QCoreApplication::translate("ProjectValidator",
                                            "another table is already named \"%1\" (%2); table "
                                            "names must be unique")
                    .arg(t.name, names.value(t.name)));
        return;
    }
    names.insert(t.name, arrayPath("tables", index));
}

void validatePrimaryKeys(ProblemCollector &c, size_t index)
{
    const Table &t = c.project().tables[index];
    const QString path = arrayPath("tables", index);
    if (t.fields.empty()) {
        c.error(memberPath(path, "fields"), t.id,
                QCoreApplication::translate("ProjectValidator",
                                            "the table \"%1\" has no fields; add at least a "
                                            "primary key field")
                    .arg(t.name));
        return;
    }
    QString firstKey;
    for (size_t i = 0; i < t.fields.size(); ++i) {
        const Field &f = t.fields[i];
        if (!f.isPrimaryKey())
            continue;
        const QString fieldPath = arrayPath("fields", i);
        if (firstKey.isEmpty()) {
            firstKey = fieldPath;
            continue;
        }
        c.error(memberPath(path + QLatin1Char('.') + fieldPath, "primaryKey"), f.id,
                QCoreApplication::translate("ProjectValidator",
                                            "the table \"%1\" already has a primary key (%2); a "
                                            "table has exactly one primary key field")
                    .arg(t.name, firstKey));
    }
    if (firstKey.isEmpty()) {
        c.error(memberPath(path, "fields"), t.id,
                QCoreApplication::translate(
                    "ProjectValidator", "the table \"%1\" has no primary key; make one field its primary key "
                                        "(autoIncrement for an integer field, uuid for a uuid field)")
                    .arg(t.name));
    }
}

void validateTable(ProblemCollector &c, size_t index, QHash<QString, QString> &names)
{
    const Table &t = c.project().tables[index];
    const QString path = arrayPath("tables", index);
    validateTableName(c, index, names);
    static const QRegularExpression colour(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (!t.color.isEmpty() && !colour.match(t.color).hasMatch()) {
        c.error(memberPath(path, "color"), t.id,
                QCoreApplication::translate("ProjectValidator",
                                            "\"%1\" is not a colour; write it as #rrggbb, e.g. #4f86c6")
                    .arg(t.color));
    }
    if (t.tenantScoped && !t.fieldByName(QStringLiteral("organization_id"))) {
        c.warning(
            memberPath(path, "tenantScoped"), t.id,
            QCoreApplication::translate("ProjectValidator",
                                        "the table \"%1\" is tenant-scoped but has no organization_id field; "
                                        "add one that refers to the organizations table")
                .arg(t.name));
    }
    validatePrimaryKeys(c, index);
    validateFields(c, index);
    validatePermissions(c, index);
}
} // namespace

bool isValidIdentifier(const QString &name)
{
    if (name.isEmpty() || name.size() > 63)
        return false;
    const QChar first = name.front();
    if (!(first == u'_' || (first >= u'a' && first <= u'z')))
        return false;
    return std::all_of(name.begin(), name.end(), [](QChar ch) {
        return ch == u'_' || (ch >= u'a' && ch <= u'z') || (ch >= u'0' && ch <= u'9');
    });
}

QList<Problem> validateProject(const Project &project)
{
    ProblemCollector c(project);
    validateIds(c);
    QHash<QString, QString> tableNames;
    for (size_t i = 0; i < project.tables.size(); ++i)
        validateTable(c, i, tableNames);
    validateIndexes(c);
    validateRelationships(c);
    validateViews(c, tableNames);
    validateRolesAndFunctions(c);
    validateEndpoints(c);
    validateTriggersAndIntegrations(c);
    validateSettings(c);
    validateChannelRules(c);
    return c.problems();
}

QString arrayPath(const char *array, size_t index)
{
    return QLatin1String(array) + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString memberPath(const QString &path, const char *key)
{
    return path + QLatin1Char('.') + QLatin1String(key);
}

QString identifierProblem(const QString &name)
{
    if (name.isEmpty())
        return QCoreApplication::translate("ProjectValidator", "the name is empty; give it a name");
    if (isValidIdentifier(name))
        return {};
    return QCoreApplication::translate("ProjectValidator",
                                       "\"%1\" is not a valid name; use lowercase letters, digits and \"_\", "
                                       "starting with a letter or \"_\", at most 63 characters")
        .arg(name);
}

QString tableReferenceProblem(const Project &project, const ObjectId &tableId)
{
    if (tableId.isEmpty())
        return QCoreApplication::translate("ProjectValidator", "no table is set; choose a table");
    if (project.table(tableId))
        return {};
    return QCoreApplication::translate("ProjectValidator", "no table has the id \"%1\"").arg(tableId);
}

} // namespace Runtime
