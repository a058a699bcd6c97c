// SPDX-License-Identifier: GPL-3.0-or-later
// ParametersTable: an endpoint's declared parameters (name, type, where, required, description) as a table.
#pragma once

#include "model/projectparts.h"

#include <QTableWidget>

#include <vector>

namespace Designer {

/** Shows and edits the parameters of an endpoint, one row each: name, type (combo), where it is read from
    (combo: path, query, body), required (check box; a path parameter always is) and description. Emits
    edited() with the whole new list on each user change; never edits the model (its editor passes the
    list to the document). Owned by the EndpointEditor. */
class ParametersTable : public QTableWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, TypeColumn, LocationColumn, RequiredColumn, DescriptionColumn };

    explicit ParametersTable(QWidget *parent = nullptr);

    /** Shows \a parameters. Emits nothing. */
    void setParameters(const std::vector<Runtime::EndpointParameter> &parameters);
    /** Returns the parameters shown. */
    std::vector<Runtime::EndpointParameter> parameters() const;

    /** Appends a query parameter named param_1, param_2, ... and emits edited(). */
    void addParameter();
    /** Removes the current row and emits edited(). */
    void removeCurrent();

signals:
    void edited(const std::vector<Runtime::EndpointParameter> &parameters);

private:
    void setRow(int row, const Runtime::EndpointParameter &parameter);
    void emitEdited();

    bool m_filling = false;
};

} // namespace Designer
