// SPDX-License-Identifier: GPL-3.0-or-later
// Semantic validation of relationships (foreign keys, junction tables) and indexes.
#include "jsonobjectreader.h"
#include "projectvalidator_p.h"

#include <QCoreApplication>

namespace Runtime {

namespace {
// The context of one relationship's checks. \a keyOwners maps each field used as a foreign key (or
// junction field) so far to the path of the relationship using it.
struct RelationshipSite
{
    ProblemCollector &c;
    const Relationship &r;
    QString path;
    QHash<ObjectId, QString> &keyOwners;

    void error(const QString &memberPath, const QString &message) const
    {
        c.error(memberPath, r.id, message);
    }
};

// Checks that \a field of \a holder can hold the primary key of \a referenced: it has the key's type.
void checkKeyType(const RelationshipSite &s, const QString &path, const Table &holder, const Field &field,
                  const Table &referenced)
{
    const Field *key = referenced.primaryKey();
    if (!key || key->type == field.type)
        return; // a missing key is reported with the table
    s.error(path, QCoreApplication::translate("ProjectValidator",
                                              "%1.%2 is %3 but the key %4.%5 is %6; a foreign key must have "
                                              "the type of the key it references")
                      .arg(holder.name, field.name, fieldTypeName(field.type), referenced.name, key->name,
                           fieldTypeName(key->type)));
}

// Checks the primary key \a field of \a holder as a foreign key: only a oneToOne relationship may use
// one (the row extends the row it points at, as profiles.id → users.id), and only a supplied one.
void checkPrimaryKeyAsForeignKey(const RelationshipSite &s, const QString &path, const Table &holder,
                                 const Field &field, bool oneToOne)
{
    if (!oneToOne) {
        s.error(path,
                QCoreApplication::translate("ProjectValidator", "%1.%2 is the primary key of %1; a foreign "
                                                                "key needs a field of its own, or make the "
                                                                "relationship oneToOne")
                    .arg(holder.name, field.name));
    } else if (!field.isSuppliedKey()) {
        s.error(path,
                QCoreApplication::translate("ProjectValidator",
                                            "%1.%2 is a generated primary key; as a foreign key it takes "
                                            "the key of the row it points at, so set its primaryKey to "
                                            "supplied")
                    .arg(holder.name, field.name));
    }
}

// Checks the field \a fieldId of \a holder as a key pointing at \a referenced; returns it if it exists.
// \a oneToOne: the field is the foreign key of a oneToOne relationship, which may be the primary key.
const Field *checkKeyField(const RelationshipSite &s, const QString &path, const ObjectId &fieldId,
                           const Table &holder, const Table &referenced, bool oneToOne = false)
{
    const Field *field = holder.field(fieldId);
    if (!field) {
        s.error(path,
                fieldId.isEmpty()
                    ? QCoreApplication::translate("ProjectValidator", "no field is set; choose a field of %1")
                          .arg(holder.name)
                    : QCoreApplication::translate("ProjectValidator", "no field of %1 has the id \"%2\"")
                          .arg(holder.name, fieldId));
        return nullptr;
    }
    if (field->isPrimaryKey()) {
        checkPrimaryKeyAsForeignKey(s, path, holder, *field, oneToOne);
        if (!oneToOne || !field->isSuppliedKey())
            return field;
    }
    checkKeyType(s, path, holder, *field, referenced);
    if (s.keyOwners.contains(fieldId)) {
        s.error(path,
                QCoreApplication::translate("ProjectValidator", "%1.%2 is already the foreign key of %3; "
                                                                "each relationship needs its own field")
                    .arg(holder.name, field->name, s.keyOwners.value(fieldId)));
    } else {
        s.keyOwners.insert(fieldId, s.path);
    }
    return field;
}

void checkForeignKey(const RelationshipSite &s, const Table *from, const Table *to)
{
    const Relationship &r = s.r;
    if (!r.junctionTableId.isEmpty() || !r.junctionFromFieldId.isEmpty() || !r.junctionToFieldId.isEmpty()) {
        s.error(memberPath(s.path, "junction"),
                QCoreApplication::translate("ProjectValidator",
                                            "only manyToMany relationships have a junction "
                                            "table; remove it or change the kind to manyToMany"));
    }
    const QString path = memberPath(s.path, "foreignKey");
    if (r.foreignKeyFieldId.isEmpty()) {
        s.error(path,
                QCoreApplication::translate("ProjectValidator", "a %1 relationship needs a foreign key: the "
                                                                "field of the \"to\" table that holds the "
                                                                "key of the \"from\" row")
                    .arg(relationshipKindName(r.kind)));
        return;
    }
    if (!from || !to)
        return;
    if (!to->field(r.foreignKeyFieldId) && from->field(r.foreignKeyFieldId)) {
        s.error(path, QCoreApplication::translate("ProjectValidator",
                                                  "%1.%2 is a field of the \"from\" table; the "
                                                  "foreign key must be a field of %3, the \"to\" "
                                                  "table (swap from and to?)")
                          .arg(from->name, from->field(r.foreignKeyFieldId)->name, to->name));
        return;
    }
    const Field *key = checkKeyField(s, path, r.foreignKeyFieldId, *to, *from, r.kind == RelationshipKind::OneToOne);
    if (key && r.onDelete == DeleteAction::SetNull && key->isPrimaryKey()) {
        s.error(memberPath(s.path, "onDelete"),
                QCoreApplication::translate("ProjectValidator", "setNull cannot empty %1.%2, the primary key "
                                                                "of %1; choose cascade or restrict")
                    .arg(to->name, key->name));
    } else if (key && r.onDelete == DeleteAction::SetNull && key->required) {
        s.error(memberPath(s.path, "onDelete"),
                QCoreApplication::translate("ProjectValidator",
                                            "setNull needs %1.%2 to be optional, but it is "
                                            "required; make the field optional or choose "
                                            "cascade or restrict")
                    .arg(to->name, key->name));
    }
}

void checkJunction(const RelationshipSite &s, const Table *from, const Table *to)
{
    const Relationship &r = s.r;
    if (!r.foreignKeyFieldId.isEmpty()) {
        s.error(memberPath(s.path, "foreignKey"),
                QCoreApplication::translate("ProjectValidator",
                                            "a manyToMany relationship has no foreign key, its "
                                            "junction table holds the keys; remove it"));
    }
    const QString path = memberPath(s.path, "junction");
    if (r.junctionTableId.isEmpty()) {
        s.error(path,
                QCoreApplication::translate("ProjectValidator", "a manyToMany relationship needs a junction "
                                                                "table with a field for each side"));
        return;
    }
    const Table *junction = s.c.project().table(r.junctionTableId);
    if (!junction) {
        s.error(memberPath(path, "table"), tableReferenceProblem(s.c.project(), r.junctionTableId));
        return;
    }
    if (junction == from || junction == to) {
        s.error(memberPath(path, "table"),
                QCoreApplication::translate("ProjectValidator",
                                            "the junction table must be a table of its own, "
                                            "not %1, which is a side of the relationship")
                    .arg(junction->name));
        return;
    }
    if (!from || !to)
        return;
    checkKeyField(s, memberPath(path, "fromField"), r.junctionFromFieldId, *junction, *from);
    if (!r.junctionToFieldId.isEmpty() && r.junctionToFieldId == r.junctionFromFieldId) {
        s.error(memberPath(path, "toField"),
                QCoreApplication::translate("ProjectValidator",
                                            "fromField and toField are the same field; the "
                                            "junction table needs one field for each side"));
        return;
    }
    checkKeyField(s, memberPath(path, "toField"), r.junctionToFieldId, *junction, *to);
}

// Returns the table \a id refers to, reporting at \a key of the relationship if there is none.
const Table *referencedTable(const RelationshipSite &s, const char *key, const ObjectId &id)
{
    if (const QString problem = tableReferenceProblem(s.c.project(), id); !problem.isEmpty()) {
        s.error(memberPath(s.path, key), problem);
        return nullptr;
    }
    return s.c.project().table(id);
}

void checkIndexFields(ProblemCollector &c, const Table &t, const Index &index, const QString &path)
{
    if (index.fieldIds.isEmpty()) {
        c.error(memberPath(path, "fields"), index.id,
                QCoreApplication::translate("ProjectValidator",
                                            "the index has no fields; list at least one field "
                                            "of %1")
                    .arg(t.name));
    }
    for (qsizetype i = 0; i < index.fieldIds.size(); ++i) {
        const ObjectId &fieldId = index.fieldIds.at(i);
        const QString fieldPath = elementPath(memberPath(path, "fields"), i);
        if (!t.field(fieldId)) {
            c.error(fieldPath, index.id,
                    QCoreApplication::translate("ProjectValidator",
                                                "no field of %1 has the id \"%2\"; an index "
                                                "covers fields of its own table")
                        .arg(t.name, fieldId));
        } else if (index.fieldIds.indexOf(fieldId) < i) {
            c.error(
                fieldPath, index.id,
                QCoreApplication::translate("ProjectValidator", "%1.%2 is listed twice; list each field once")
                    .arg(t.name, t.field(fieldId)->name));
        }
    }
}
} // namespace

void validateRelationships(ProblemCollector &c)
{
    QHash<ObjectId, QString> keyOwners;
    const std::vector<Relationship> &relationships = c.project().relationships;
    for (size_t i = 0; i < relationships.size(); ++i) {
        const Relationship &r = relationships[i];
        const RelationshipSite s {c, r, arrayPath("relationships", i), keyOwners};
        if (!r.name.isEmpty()) {
            if (const QString problem = identifierProblem(r.name); !problem.isEmpty())
                s.error(memberPath(s.path, "name"), problem);
        }
        const Table *from = referencedTable(s, "from", r.fromTableId);
        const Table *to = referencedTable(s, "to", r.toTableId);
        if (r.isManyToMany())
            checkJunction(s, from, to);
        else
            checkForeignKey(s, from, to);
    }
}

void validateIndexes(ProblemCollector &c)
{
    // PostgreSQL keeps index and table names in one namespace per schema.
    QHash<QString, QString> names;
    for (const Table &t : c.project().tables)
        names.insert(t.name, QString());
    for (size_t ti = 0; ti < c.project().tables.size(); ++ti) {
        const Table &t = c.project().tables[ti];
        for (size_t i = 0; i < t.indexes.size(); ++i) {
            const Index &index = t.indexes[i];
            const QString path = elementPath(memberPath(arrayPath("tables", ti), "indexes"), qsizetype(i));
            checkIndexFields(c, t, index, path);
            if (index.name.isEmpty())
                continue;
            QString problem = identifierProblem(index.name);
            if (problem.isEmpty() && names.contains(index.name)) {
                const QString owner = names.value(index.name);
                problem = owner.isEmpty()
                              ? QCoreApplication::translate("ProjectValidator",
                                                            "a table is already named \"%1\"; indexes "
                                                            "and tables share names, choose another one")
                                    .arg(index.name)
                              : QCoreApplication::translate("ProjectValidator",
                                                            "another index is already named \"%1\" (%2); "
                                                            "index names must be unique in the project")
                                    .arg(index.name, owner);
            }
            if (!problem.isEmpty())
                c.error(memberPath(path, "name"), index.id, problem);
            else
                names.insert(index.name, path);
        }
    }
}

} // namespace Runtime
