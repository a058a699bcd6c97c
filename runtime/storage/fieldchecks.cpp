// SPDX-License-Identifier: GPL-3.0-or-later
// FieldChecks: the validation a field declares that the database cannot express, run before writing.
#include "fieldchecks.h"

#include <QLocale>
#include <QUrl>

namespace Runtime {

namespace {
QString bound(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString textProblem(const Field &field, const QString &text)
{
    const Validation &v = field.validation;
    if (v.minLength && text.size() < *v.minLength)
        return QStringLiteral("must be at least %1 characters long").arg(*v.minLength);
    if (v.maxLength && text.size() > *v.maxLength)
        return QStringLiteral("must be at most %1 characters long").arg(*v.maxLength);
    if (field.type == FieldType::Enum && !field.enumValues.isEmpty() && !field.enumValues.contains(text))
        return QStringLiteral("must be one of: %1").arg(field.enumValues.join(QStringLiteral(", ")));
    if (field.type == FieldType::Email) {
        static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
        if (!email.match(text).hasMatch())
            return QStringLiteral("must be an email address");
    }
    if (field.type == FieldType::Url) {
        const QUrl url(text, QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return QStringLiteral("must be an http or https URL");
    }
    return {};
}
} // namespace

const QRegularExpression &FieldChecks::pattern(const QString &source)
{
    // The same field's pattern again (the kept copy holds its text, so a new one cannot share it).
    if (m_last && source.isSharedWith(m_lastSource))
        return *m_last;
    auto it = m_patterns.find(source);
    if (it == m_patterns.end())
        it = m_patterns.insert(source, QRegularExpression(QRegularExpression::anchoredPattern(source)));
    m_lastSource = source;
    m_last = &*it;
    return *it;
}

QString FieldChecks::check(const Field &field, const QVariant &value)
{
    if (value.isNull())
        return {};
    const Validation &v = field.validation;
    if (isNumeric(field.type)) {
        const double number = value.toDouble();
        if (v.min && number < *v.min)
            return QStringLiteral("must be at least %1").arg(bound(*v.min));
        if (v.max && number > *v.max)
            return QStringLiteral("must be at most %1").arg(bound(*v.max));
        return {};
    }
    if (!isTextLike(field.type) || field.type == FieldType::Uuid)
        return {};
    const QString text = value.toString();
    const QString problem = textProblem(field, text);
    if (!problem.isEmpty())
        return problem;
    if (!v.pattern.isEmpty() && !pattern(v.pattern).match(text).hasMatch())
        return QStringLiteral("must match the pattern %1").arg(v.pattern);
    return {};
}

} // namespace Runtime
