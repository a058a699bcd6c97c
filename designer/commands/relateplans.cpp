// SPDX-License-Identifier: GPL-3.0-or-later
// Relating two tables as a builder says it: plans, sentences and previews.
#include "relateplans.h"

#include "fieldoptions.h"

#include <QCoreApplication>

namespace Designer {

namespace {

Runtime::Error invalid(const QString &message)
{
    return Runtime::Error(Runtime::ErrorCode::InvalidArgument, message);
}

/** Returns the referenced table and the holder of the foreign key of a one-to-* \a request. */
std::pair<Runtime::ObjectId, Runtime::ObjectId> direction(const Runtime::Project &project, const RelateRequest &request)
{
    const Runtime::ObjectId holder = keyHolderOf(project, request);
    return {holder == request.sourceTableId ? request.targetTableId : request.sourceTableId, holder};
}

} // namespace

Runtime::ObjectId keyHolderOf(const Runtime::Project &project, const RelateRequest &request)
{
    switch (request.choice) {
    case RelateChoice::ManyToOne:
        return request.sourceTableId;
    case RelateChoice::OneToMany:
        return request.targetTableId;
    case RelateChoice::OneToOne: {
        const Runtime::Table *source = project.table(request.sourceTableId);
        const bool sourceField = !request.keyFieldId.isEmpty() && source && source->field(request.keyFieldId);
        return sourceField ? request.sourceTableId : request.targetTableId;
    }
    case RelateChoice::ManyToMany:
        break;
    }
    return {};
}

bool canBecomeForeignKey(const Runtime::Project &project, const Runtime::Field &field)
{
    return !field.isPrimaryKey() && !project.relationshipForField(field.id) && !Runtime::isArray(field.type)
        && field.type != Runtime::FieldType::Json;
}

Runtime::Result<RelationshipPlan> planRelate(const Runtime::Project &project, const RelateRequest &request)
{
    if (request.choice == RelateChoice::ManyToMany)
        return planRelationship(
            project, Runtime::RelationshipKind::ManyToMany, request.sourceTableId, request.targetTableId);
    const auto [referencedId, holderId] = direction(project, request);
    const auto kind = request.choice == RelateChoice::OneToOne ? Runtime::RelationshipKind::OneToOne
                                                               : Runtime::RelationshipKind::OneToMany;
    Runtime::Result<RelationshipPlan> planned = planRelationship(project, kind, referencedId, holderId);
    if (!planned || request.keyFieldId.isEmpty())
        return planned;
    const Runtime::Table *holder = project.table(holderId);
    const Runtime::Field *field = holder->field(request.keyFieldId);
    if (!field)
        return invalid(QCoreApplication::translate("Commands", "%1 has no field with the id \"%2\".").arg(holder->name, request.keyFieldId));
    if (!canBecomeForeignKey(project, *field)) {
        return invalid(QCoreApplication::translate("Commands", "%1.%2 cannot be the foreign key: it is a primary key, a foreign key already, a "
                          "list or JSON. Choose another field or a new one.")
                           .arg(holder->name, field->name));
    }
    RelationshipPlan plan = std::move(planned).value();
    const Runtime::Field &referencedKey = *project.table(referencedId)->primaryKey();
    Runtime::Field reused = field->type == referencedKey.type ? *field
                                                              : FieldOptions::withType(*field, referencedKey.type);
    if (kind == Runtime::RelationshipKind::OneToOne)
        reused.unique = true;
    plan.foreignKey.reset();
    plan.relationship.foreignKeyFieldId = reused.id;
    plan.reusedField = std::move(reused);
    return plan;
}

QString relateSentence(const Runtime::Project &project, const RelateRequest &request)
{
    const Runtime::Table *source = project.table(request.sourceTableId);
    const Runtime::Table *target = project.table(request.targetTableId);
    if (!source || !target)
        return {};
    const QString one = singularName(source->name);
    const QString other = singularName(target->name);
    switch (request.choice) {
    case RelateChoice::ManyToOne:
        return QCoreApplication::translate("Commands", "Each %1 has one %2 · A %2 has many %3").arg(one, other, source->name);
    case RelateChoice::OneToMany:
        return QCoreApplication::translate("Commands", "A %1 has many %2 · Each %3 has one %1").arg(one, target->name, other);
    case RelateChoice::OneToOne:
        if (keyHolderOf(project, request) == source->id)
            return QCoreApplication::translate("Commands", "Each %1 has one %2 · A %2 has at most one %1").arg(one, other);
        return QCoreApplication::translate("Commands", "A %1 has at most one %2 · Each %2 has one %1").arg(one, other);
    case RelateChoice::ManyToMany:
        return QCoreApplication::translate("Commands", "A %1 has many %2 · A %3 has many %4").arg(one, target->name, other, source->name);
    }
    return {};
}

QString planEffect(const Runtime::Project &project, const RelationshipPlan &plan)
{
    const Runtime::Relationship &r = plan.relationship;
    const Runtime::Table *referenced = project.table(r.fromTableId);
    const Runtime::Table *holder = project.table(r.toTableId);
    if (!referenced || !holder)
        return {};
    if (plan.junction) {
        const Runtime::Field *fromKey = plan.junction->field(r.junctionFromFieldId);
        const Runtime::Field *toKey = plan.junction->field(r.junctionToFieldId);
        return QCoreApplication::translate("Commands", "Adds the junction table %1 with the foreign keys %2 and %3.")
            .arg(plan.junction->name, fromKey ? fromKey->name : QString(), toKey ? toKey->name : QString());
    }
    const bool unique = r.kind == Runtime::RelationshipKind::OneToOne;
    if (plan.reusedField) {
        const Runtime::Field &after = *plan.reusedField;
        QString text = unique ? QCoreApplication::translate("Commands", "Makes %1.%2 a unique foreign key referencing %3.")
                              : QCoreApplication::translate("Commands", "Makes %1.%2 the foreign key referencing %3.");
        text = text.arg(holder->name, after.name, referenced->name);
        const Runtime::Field *before = holder->field(after.id);
        if (before && before->type != after.type) {
            text += QLatin1Char(' ')
                + QCoreApplication::translate("Commands", "Its type changes from %1 to %2.")
                      .arg(Runtime::fieldTypeName(before->type), Runtime::fieldTypeName(after.type));
        }
        return text;
    }
    if (!plan.foreignKey)
        return {};
    const QString text = unique ? QCoreApplication::translate("Commands", "Adds the unique foreign key %1.%2 (%3) referencing %4.")
                                : QCoreApplication::translate("Commands", "Adds the foreign key %1.%2 (%3) referencing %4.");
    return text.arg(holder->name, plan.foreignKey->name, Runtime::fieldTypeName(plan.foreignKey->type),
        referenced->name);
}

QString planEffectBrief(const Runtime::Project &project, const RelationshipPlan &plan)
{
    const Runtime::Table *holder = project.table(plan.relationship.toTableId);
    if (plan.junction)
        return QCoreApplication::translate("Commands", "new table %1").arg(plan.junction->name);
    if (!holder)
        return {};
    if (plan.reusedField) {
        const Runtime::Field *before = holder->field(plan.reusedField->id);
        if (before && before->type != plan.reusedField->type)
            return QCoreApplication::translate("Commands", "uses %1.%2, as %3")
                .arg(holder->name, plan.reusedField->name, Runtime::fieldTypeName(plan.reusedField->type));
        return QCoreApplication::translate("Commands", "uses %1.%2").arg(holder->name, plan.reusedField->name);
    }
    if (plan.foreignKey)
        return QCoreApplication::translate("Commands", "new field %1.%2").arg(holder->name, plan.foreignKey->name);
    return {};
}

std::vector<RelateOption> relateOptions(const Runtime::Project &project, const Runtime::ObjectId &sourceTableId,
    const Runtime::ObjectId &sourceFieldId, const Runtime::ObjectId &targetTableId)
{
    const Runtime::Table *source = project.table(sourceTableId);
    const Runtime::Field *field = source && !sourceFieldId.isEmpty() ? source->field(sourceFieldId) : nullptr;
    const bool reuse = field && canBecomeForeignKey(project, *field);
    // From a plain field the builder points from the many side; from the key, from the one side.
    const bool fromMany = field && !field->isPrimaryKey();
    const Runtime::ObjectId key = reuse ? sourceFieldId : Runtime::ObjectId();
    std::vector<RelateRequest> requests;
    if (fromMany) {
        requests = {{RelateChoice::ManyToOne, sourceTableId, targetTableId, key},
            {RelateChoice::OneToOne, sourceTableId, targetTableId, key},
            {RelateChoice::OneToMany, sourceTableId, targetTableId, {}}};
    } else {
        requests = {{RelateChoice::OneToMany, sourceTableId, targetTableId, {}},
            {RelateChoice::ManyToOne, sourceTableId, targetTableId, {}},
            {RelateChoice::OneToOne, sourceTableId, targetTableId, {}}};
    }
    requests.push_back({RelateChoice::ManyToMany, sourceTableId, targetTableId, {}});

    std::vector<RelateOption> options;
    for (const RelateRequest &request : requests) {
        RelateOption option;
        option.request = request;
        option.sentence = relateSentence(project, request);
        Runtime::Result<RelationshipPlan> planned = planRelate(project, request);
        if (planned) {
            option.plan = std::move(planned).value();
            option.effect = planEffect(project, *option.plan);
            option.brief = planEffectBrief(project, *option.plan);
        } else {
            option.effect = planned.error().message;
        }
        options.push_back(std::move(option));
    }
    return options;
}

} // namespace Designer
