// SPDX-License-Identifier: GPL-3.0-or-later
// Semantic validation of fields: names, keys, enum values, validation options and defaults.
#include "formatnames.h"
#include "jsonobjectreader.h"
#include "jsonwriter.h"
#include "projectvalidator.h"
#include "projectvalidator_p.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Runtime {

namespace {
// The query words of the PostgREST-style API (and apikey, which clients may send in the query string),
// which would be ambiguous as column names.
const QStringList &reservedFieldNames()
{
    static const QStringList names
        = {QStringLiteral("select"), QStringLiteral("order"),       QStringLiteral("limit"),
           QStringLiteral("offset"), QStringLiteral("on_conflict"), QStringLiteral("columns"),
           QStringLiteral("and"),    QStringLiteral("or"),          QStringLiteral("not"),
           QStringLiteral("apikey")};
    return names;
}

// The context of one field's checks: where it is and what it belongs to.
struct FieldSite
{
    ProblemCollector &c;
    const Field &f;
    QString path;

    void error(const char *key, const QString &message) const
    {
        c.error(memberPath(path, key), f.id, message);
    }
};

void checkName(const FieldSite &s)
{
    if (const QString problem = identifierProblem(s.f.name); !problem.isEmpty()) {
        s.error("name", problem);
    } else if (reservedFieldNames().contains(s.f.name)) {
        s.error("name",
                QCoreApplication::translate("ProjectValidator", "\"%1\" is a reserved word of the API's "
                                                                "queries; choose another name")
                    .arg(s.f.name));
    }
}

void checkKeyAndTimestamp(const FieldSite &s)
{
    const Field &f = s.f;
    const QString type = fieldTypeName(f.type);
    if (f.primaryKey == PrimaryKeyKind::AutoIncrement && f.type != FieldType::Integer) {
        s.error("primaryKey",
                QCoreApplication::translate("ProjectValidator", "an autoIncrement primary key must "
                                                                "have the type integer, but \"%1\" is %2")
                    .arg(f.name, type));
    } else if (f.primaryKey == PrimaryKeyKind::Uuid && f.type != FieldType::Uuid) {
        s.error("primaryKey",
                QCoreApplication::translate("ProjectValidator", "a uuid primary key must have the "
                                                                "type uuid, but \"%1\" is %2")
                    .arg(f.name, type));
    } else if (f.isSuppliedKey() && f.type != FieldType::Text && f.type != FieldType::Integer
               && f.type != FieldType::Uuid) {
        s.error("primaryKey",
                QCoreApplication::translate("ProjectValidator", "a supplied primary key must have the "
                                                                "type text, integer or uuid, but \"%1\" is %2")
                    .arg(f.name, type));
    }
    if (f.isPrimaryKey() && f.defaultValue.kind == DefaultValue::Kind::Literal) {
        s.error("default",
                QCoreApplication::translate("ProjectValidator", "\"%1\" is a primary key, so it cannot "
                                                                "have a fixed default; remove the default")
                    .arg(f.name));
    }
    if (f.autoTimestamp != AutoTimestamp::None && f.type != FieldType::DateTime) {
        s.error("autoTimestamp",
                QCoreApplication::translate("ProjectValidator", "automatic timestamps need a "
                                                                "datetime field, but \"%1\" is %2")
                    .arg(f.name, type));
    }
}

void checkEnumValues(const FieldSite &s)
{
    const Field &f = s.f;
    if (f.type != FieldType::Enum) {
        if (!f.enumValues.isEmpty()) {
            s.error("enumValues", QCoreApplication::translate(
                                      "ProjectValidator", "only enum fields have values, but \"%1\" is %2; "
                                                          "remove them or change the type to enum")
                                      .arg(f.name, fieldTypeName(f.type)));
        }
        return;
    }
    if (f.enumValues.isEmpty()) {
        s.error("enumValues",
                QCoreApplication::translate("ProjectValidator", "the enum field \"%1\" has no values; "
                                                                "add the values it may take")
                    .arg(f.name));
    }
    for (qsizetype i = 0; i < f.enumValues.size(); ++i) {
        const QString &value = f.enumValues.at(i);
        const QString path = elementPath(memberPath(s.path, "enumValues"), i);
        if (value.isEmpty()) {
            s.c.error(path, f.id,
                      QCoreApplication::translate("ProjectValidator", "an enum value cannot be empty"));
        } else if (f.enumValues.indexOf(value) < i) {
            s.c.error(path, f.id,
                      QCoreApplication::translate("ProjectValidator",
                                                  "the value \"%1\" is listed twice; enum "
                                                  "values must be unique")
                          .arg(value));
        }
    }
}

// Returns true if minLength/maxLength fit \a type, pattern only if \a forPattern (docs/file-format.md).
bool takesLengths(FieldType type, bool forPattern)
{
    switch (type) {
    case FieldType::Text:
    case FieldType::Email:
    case FieldType::Url:
        return true;
    case FieldType::Enum:
    case FieldType::File:
        return !forPattern;
    default:
        return false;
    }
}

void checkValidationFits(const FieldSite &s, const QString &path)
{
    const Field &f = s.f;
    const Validation &v = f.validation;
    const QString type = fieldTypeName(f.type);
    if ((v.min || v.max) && !isNumeric(f.type)) {
        s.c.error(memberPath(path, v.min ? "min" : "max"), f.id,
                  QCoreApplication::translate("ProjectValidator",
                                              "min and max apply to integer and number fields "
                                              "only, but \"%1\" is %2; remove them")
                      .arg(f.name, type));
    }
    if ((v.minLength || v.maxLength) && !takesLengths(f.type, false)) {
        s.c.error(memberPath(path, v.minLength ? "minLength" : "maxLength"), f.id,
                  QCoreApplication::translate(
                      "ProjectValidator", "minLength and maxLength apply to text, email, url, enum and file "
                                          "fields only, but \"%1\" is %2; remove them")
                      .arg(f.name, type));
    }
    if (!v.pattern.isEmpty() && !takesLengths(f.type, true)) {
        s.c.error(memberPath(path, "pattern"), f.id,
                  QCoreApplication::translate("ProjectValidator",
                                              "a pattern applies to text, email and url fields "
                                              "only, but \"%1\" is %2; remove it")
                      .arg(f.name, type));
    }
}

void checkValidation(const FieldSite &s)
{
    const Field &f = s.f;
    const Validation &v = f.validation;
    const QString path = memberPath(s.path, "validation");
    checkValidationFits(s, path);
    if (v.min && v.max && *v.min > *v.max) {
        s.c.error(memberPath(path, "max"), f.id,
                  QCoreApplication::translate("ProjectValidator", "max (%1) is less than min (%2); swap them")
                      .arg(QString::fromLatin1(JsonWriter::formatNumber(*v.max)),
                           QString::fromLatin1(JsonWriter::formatNumber(*v.min))));
    }
    for (const auto &[length, key] :
         {std::pair {v.minLength, "minLength"}, std::pair {v.maxLength, "maxLength"}}) {
        if (length && *length < 0) {
            s.c.error(
                memberPath(path, key), f.id,
                QCoreApplication::translate("ProjectValidator", "a length cannot be negative (found %1)")
                    .arg(*length));
        }
    }
    if (v.minLength && v.maxLength && *v.minLength > *v.maxLength) {
        s.c.error(memberPath(path, "maxLength"), f.id,
                  QCoreApplication::translate("ProjectValidator",
                                              "maxLength (%1) is less than minLength (%2); "
                                              "swap them")
                      .arg(*v.maxLength)
                      .arg(*v.minLength));
    }
    const QRegularExpression pattern(v.pattern);
    if (!v.pattern.isEmpty() && !pattern.isValid()) {
        s.c.error(memberPath(path, "pattern"), f.id,
                  QCoreApplication::translate("ProjectValidator",
                                              "the pattern is not a valid regular expression: "
                                              "%1 at character %2")
                      .arg(pattern.errorString())
                      .arg(pattern.patternErrorOffset()));
    }
}

void checkDefaultFunction(const FieldSite &s)
{
    const Field &f = s.f;
    const QString type = fieldTypeName(f.type);
    if (f.defaultValue.kind == DefaultValue::Kind::Now && f.type != FieldType::Date
        && f.type != FieldType::DateTime) {
        s.error("defaultFunction", QCoreApplication::translate(
                                       "ProjectValidator", "the default function now fits date and datetime "
                                                           "fields only, but \"%1\" is %2")
                                       .arg(f.name, type));
    } else if (f.defaultValue.kind == DefaultValue::Kind::RandomUuid && f.type != FieldType::Uuid) {
        s.error("defaultFunction",
                QCoreApplication::translate("ProjectValidator", "the default function uuid fits "
                                                                "uuid fields only, but \"%1\" is %2")
                    .arg(f.name, type));
    }
}
} // namespace

void validateFields(ProblemCollector &c, size_t tableIndex)
{
    const Table &t = c.project().tables[tableIndex];
    const QString tablePath = arrayPath("tables", tableIndex);
    QHash<QString, QString> names;
    for (size_t i = 0; i < t.fields.size(); ++i) {
        const Field &f = t.fields[i];
        const FieldSite site {c, f, elementPath(memberPath(tablePath, "fields"), qsizetype(i))};
        checkName(site);
        if (isValidIdentifier(f.name) && names.contains(f.name)) {
            site.error("name",
                       QCoreApplication::translate("ProjectValidator", "the table \"%1\" already has a "
                                                                       "field named \"%2\" (%3); field names "
                                                                       "must be unique within a table")
                           .arg(t.name, f.name, names.value(f.name)));
        }
        if (!names.contains(f.name))
            names.insert(f.name, arrayPath("fields", i));
        checkKeyAndTimestamp(site);
        checkEnumValues(site);
        checkValidation(site);
        if (f.defaultValue.kind == DefaultValue::Kind::Literal) {
            if (const QString problem = defaultLiteralProblem(f); !problem.isEmpty())
                site.error("default", problem);
        } else {
            checkDefaultFunction(site);
        }
    }
}

} // namespace Runtime
