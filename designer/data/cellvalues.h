// SPDX-License-Identifier: GPL-3.0-or-later
// CellValues: how the data browser shows cell values, and the JSON value that edited text means.
#pragma once

#include "model/field.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QString>

namespace Designer {

/** Converts between a cell's value as the API sends it (JSON) and the text the data browser shows and
    edits, by the type of the cell's field. Used by RowsModel (grid cells, edits, keys in URLs) and the
    DataBrowser's new-row form. Stateless; all functions are static. */
class CellValues
{
    // The context the texts had when they were part of RowsModel, so their translations still apply.
    Q_DECLARE_TR_FUNCTIONS(Designer::RowsModel)

public:
    /** Returns \a value (a cell of \a field) as text: "NULL" for null or a missing value, "true" or
        "false", numbers of Integer fields as integers, other numbers in their shortest exact form, text
        as it is, arrays and objects as compact JSON. Not translated: it also writes keys into URLs. */
    static QString displayText(const Runtime::Field &field, const QJsonValue &value);

    /** Returns the JSON value that the edit \a text means for \a field: empty is NULL, `""` an empty
        text, numbers and booleans their JSON values, JSON fields the JSON written (else \a error is
        set); text the runtime must refuse is passed on as a string so that its message explains why. */
    static QJsonValue fromText(const Runtime::Field &field, const QString &text, QString *error);
};

} // namespace Designer
