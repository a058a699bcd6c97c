// SPDX-License-Identifier: GPL-3.0-or-later
// CompiledRule: writes a compiled rule's SQL around a qualifier and binds its parameters for a caller.
#include "rulecompiler.h"

#include "storage/valuecodec.h"

#include <QJsonValue>

#include <cmath>

namespace Runtime {

namespace {

QVariant nullParameter()
{
    // A typed null: QPSQL writes an untyped invalid QVariant badly, a null QString binds as NULL everywhere.
    return QVariant(QMetaType::fromType<QString>());
}

QVariant claimParameter(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        const QString text = value.toString();
        return text.isNull() ? QStringLiteral("") : text; // empty text, not NULL
    }
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::trunc(d) == d && std::fabs(d) < 9.0e15)
            return QVariant(qint64(d));
        return QVariant(d);
    }
    default:
        return nullParameter();
    }
}

// Returns \a value converted to \a type (see RuleParameter::columnType), or NULL when it does not fit.
QVariant typedParameter(const QVariant &value, const std::optional<FieldType> &type)
{
    if (!type || value.isNull())
        return value;
    Field field;
    field.type = *type;
    Result<QVariant> converted = ValueCodec::fromText(field, value.toString());
    return converted ? *converted : nullParameter();
}

} // namespace

QString CompiledRule::sql(const QString &qualifier) const
{
    if (m_fragments.size() <= 1)
        return m_fragments.isEmpty() ? QString() : m_fragments.front();
    qsizetype size = qualifier.size() * (m_fragments.size() - 1);
    for (const QString &f : m_fragments)
        size += f.size();
    QString out;
    out.reserve(size);
    for (qsizetype i = 0; i < m_fragments.size(); ++i) {
        if (i > 0)
            out += qualifier;
        out += m_fragments.at(i);
    }
    return out;
}

QVariant RuleParameter::value(const Caller &caller) const
{
    switch (source) {
    case Source::Literal:
        return literal;
    case Source::Uid:
        return caller.userId.isEmpty() ? nullParameter() : typedParameter(caller.userId, columnType);
    case Source::Role:
        return typedParameter(caller.role, columnType);
    case Source::Email:
        return caller.email.isEmpty() ? nullParameter() : typedParameter(caller.email, columnType);
    case Source::Claim:
        return typedParameter(claimParameter(caller.claims.value(claim)), columnType);
    }
    return nullParameter();
}

QVariantList CompiledRule::parameters(const Caller &caller) const
{
    QVariantList values;
    values.reserve(qsizetype(m_parameters.size()));
    for (const RuleParameter &p : m_parameters)
        values << p.value(caller);
    return values;
}

} // namespace Runtime
