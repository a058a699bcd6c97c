// SPDX-License-Identifier: GPL-3.0-or-later
// ParametersTable: an endpoint's declared parameters (name, type, where, required, description) as a table.
#include "parameterstable.h"

#include "logictexts.h"

#include <QComboBox>
#include <QHeaderView>

namespace Designer {

namespace {
constexpr Runtime::ParameterType s_types[]
    = {Runtime::ParameterType::Text, Runtime::ParameterType::Integer, Runtime::ParameterType::Number,
        Runtime::ParameterType::Boolean, Runtime::ParameterType::Uuid, Runtime::ParameterType::Json};
constexpr Runtime::ParameterLocation s_locations[]
    = {Runtime::ParameterLocation::Path, Runtime::ParameterLocation::Query, Runtime::ParameterLocation::Body};
} // namespace

ParametersTable::ParametersTable(QWidget *parent)
    : QTableWidget(0, 5, parent)
{
    setObjectName(QStringLiteral("parametersTable"));
    setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("In"), tr("Required"), tr("Description")});
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setMinimumHeight(verticalHeader()->defaultSectionSize() * 4 + horizontalHeader()->sizeHint().height());
    connect(this, &QTableWidget::itemChanged, this, &ParametersTable::emitEdited);
}

void ParametersTable::setParameters(const std::vector<Runtime::EndpointParameter> &parameters)
{
    const bool wasFilling = std::exchange(m_filling, true);
    const int current = currentRow();
    setRowCount(int(parameters.size()));
    for (int row = 0; row < rowCount(); ++row)
        setRow(row, parameters[size_t(row)]);
    if (current >= 0 && current < rowCount())
        setCurrentCell(current, currentColumn());
    m_filling = wasFilling;
}

void ParametersTable::setRow(int row, const Runtime::EndpointParameter &parameter)
{
    const bool inPath = parameter.location == Runtime::ParameterLocation::Path;
    // Items are changed in place: this runs inside the itemChanged() of the item the user just edited.
    const auto itemAt = [this, row](int column) {
        if (!item(row, column))
            setItem(row, column, new QTableWidgetItem);
        return item(row, column);
    };
    QTableWidgetItem *name = itemAt(NameColumn);
    name->setText(parameter.name);
    // A path parameter is named by its :segment: rename it in the path.
    name->setFlags(inPath ? Qt::ItemIsEnabled | Qt::ItemIsSelectable
                          : Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
    auto *type = new QComboBox(this);
    for (Runtime::ParameterType t : s_types)
        type->addItem(LogicTexts::parameterTypeName(t), int(t));
    type->setCurrentIndex(type->findData(int(parameter.type)));
    setCellWidget(row, TypeColumn, type);
    auto *location = new QComboBox(this);
    for (Runtime::ParameterLocation l : s_locations) {
        if (l != Runtime::ParameterLocation::Path || inPath)
            location->addItem(LogicTexts::locationName(l), int(l));
    }
    location->setCurrentIndex(location->findData(int(parameter.location)));
    location->setEnabled(!inPath);
    setCellWidget(row, LocationColumn, location);
    for (QComboBox *combo : {type, location})
        connect(combo, &QComboBox::activated, this, &ParametersTable::emitEdited);
    QTableWidgetItem *required = itemAt(RequiredColumn);
    required->setFlags(
        inPath ? Qt::ItemIsSelectable : Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    required->setCheckState(parameter.required || inPath ? Qt::Checked : Qt::Unchecked);
    itemAt(DescriptionColumn)->setText(parameter.description);
}

std::vector<Runtime::EndpointParameter> ParametersTable::parameters() const
{
    std::vector<Runtime::EndpointParameter> parameters;
    for (int row = 0; row < rowCount(); ++row) {
        Runtime::EndpointParameter parameter;
        parameter.name = item(row, NameColumn)->text().trimmed();
        parameter.type = Runtime::ParameterType(
            static_cast<QComboBox *>(cellWidget(row, TypeColumn))->currentData().toInt());
        parameter.location = Runtime::ParameterLocation(
            static_cast<QComboBox *>(cellWidget(row, LocationColumn))->currentData().toInt());
        parameter.required = parameter.location == Runtime::ParameterLocation::Path
            || item(row, RequiredColumn)->checkState() == Qt::Checked;
        parameter.description = item(row, DescriptionColumn)->text();
        parameters.push_back(parameter);
    }
    return parameters;
}

void ParametersTable::addParameter()
{
    std::vector<Runtime::EndpointParameter> list = parameters();
    Runtime::EndpointParameter parameter;
    // Parameter names enter the model and the API, so they are not translated.
    for (int n = 1;; ++n) {
        parameter.name = QStringLiteral("param_") + QString::number(n);
        if (std::none_of(list.begin(), list.end(), [&](const auto &p) { return p.name == parameter.name; }))
            break;
    }
    list.push_back(parameter);
    emit edited(list);
}

void ParametersTable::removeCurrent()
{
    std::vector<Runtime::EndpointParameter> list = parameters();
    const int row = currentRow();
    if (row < 0 || row >= int(list.size()) || list[size_t(row)].location == Runtime::ParameterLocation::Path)
        return; // a path parameter goes when its :segment leaves the path
    list.erase(list.begin() + row);
    emit edited(list);
}

void ParametersTable::emitEdited()
{
    if (!m_filling)
        emit edited(parameters());
}

} // namespace Designer
