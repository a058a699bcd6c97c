// SPDX-License-Identifier: GPL-3.0-or-later
// FieldChecks: the validation a field declares that the database cannot express, run before writing.
#pragma once

#include "model/field.h"

#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <QVariant>

namespace Runtime {

/** Checks written values against their fields: pattern, email and url formats, enum values, lengths and
    numeric bounds (the last three are CHECK constraints too, but are reported here by field name first).
    Keeps the compiled patterns; one per RecordStore. */
class FieldChecks
{
public:
    /** Returns the problem with \a value (a converted, non-null parameter) for \a field, e.g.
        "must be at least 0", or an empty string if it passes. */
    QString check(const Field &field, const QVariant &value);

private:
    const QRegularExpression &pattern(const QString &source);

    QHash<QString, QRegularExpression> m_patterns;
    QString m_lastSource;                           ///< the pattern looked up last
    const QRegularExpression *m_last = nullptr;     ///< its expression in m_patterns
};

} // namespace Runtime
