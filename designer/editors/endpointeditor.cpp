// SPDX-License-Identifier: GPL-3.0-or-later
// EndpointEditor: the editor of one custom endpoint: method, path, function, access, parameters, description.
#include "endpointeditor.h"

#include "console/endpointrequest.h"
#include "document/projectdocument.h"
#include "io/formatnames.h"
#include "parameterstable.h"
#include "widgets/callerswidget.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Designer {

EndpointEditor::EndpointEditor(ProjectDocument *document, QWidget *parent)
    : PartEditor(document, parent)
{
    setObjectName(QStringLiteral("endpointEditor"));
    nameEdit()->setToolTip(tr("How the endpoint is listed; clients call it by its method and path"));
    m_methodCombo = new QComboBox(this);
    m_methodCombo->setObjectName(QStringLiteral("endpointMethodCombo"));
    m_methodCombo->addItems(Runtime::endpointMethods());
    addField(tr("&Method:"), m_methodCombo, QStringLiteral("method"));

    auto *pathBox = new QWidget(this);
    auto *pathLayout = new QHBoxLayout(pathBox);
    pathLayout->setContentsMargins(0, 0, 0, 0);
    pathLayout->setSpacing(0);
    auto *prefix = new QLabel(QStringLiteral("/api/"), pathBox);
    pathLayout->addWidget(prefix);
    m_pathEdit = new QLineEdit(pathBox);
    m_pathEdit->setObjectName(QStringLiteral("endpointPathEdit"));
    m_pathEdit->setPlaceholderText(QStringLiteral("orders/:id/summary"));
    m_pathEdit->setToolTip(tr("A segment :name is a path parameter (orders/:id reads id from the path)"));
    pathLayout->addWidget(m_pathEdit, 1);
    addField(tr("&Path:"), pathBox, QStringLiteral("path"));
    addField(tr("&Function:"), functionCombo(), QStringLiteral("function"));
    m_callers = new CallersWidget(this);
    addField(tr("Who may call:"), m_callers, QStringLiteral("roles"));

    m_parameters = new ParametersTable(this);
    auto *parametersBox = new QWidget(this);
    auto *parametersLayout = new QVBoxLayout(parametersBox);
    parametersLayout->setContentsMargins(0, 0, 0, 0);
    parametersLayout->addWidget(m_parameters);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add Parameter"), parametersBox);
    add->setObjectName(QStringLiteral("addParameterButton"));
    auto *remove = new QPushButton(tr("&Remove Parameter"), parametersBox);
    remove->setObjectName(QStringLiteral("removeParameterButton"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    parametersLayout->addLayout(buttons);
    addField(tr("Parameters:"), parametersBox, QStringLiteral("parameters"));

    m_descriptionEdit = new QPlainTextEdit(this);
    m_descriptionEdit->setObjectName(QStringLiteral("endpointDescriptionEdit"));
    m_descriptionEdit->setPlaceholderText(tr("optional; shown in the OpenAPI document"));
    m_descriptionEdit->setTabChangesFocus(true);
    m_descriptionEdit->setFixedHeight(
        m_descriptionEdit->fontMetrics().lineSpacing() * 3 + 2 * m_descriptionEdit->frameWidth() + 8);
    addField(tr("&Description:"), m_descriptionEdit, QStringLiteral("description"));
    m_tryIt = new QPushButton(tr("&Try It in the API Console"), this);
    m_tryIt->setObjectName(QStringLiteral("tryItButton"));
    m_tryIt->setToolTip(tr("Opens this endpoint's request in the API console, with sample values"));
    form()->addRow(QString(), m_tryIt);

    connect(m_methodCombo, &QComboBox::activated, this, [this]() {
        Runtime::Endpoint after = *endpoint();
        after.method = m_methodCombo->currentText();
        change(after);
    });
    connect(m_pathEdit, &QLineEdit::textEdited, this, &EndpointEditor::pathEdited);
    connect(m_callers, &CallersWidget::edited, this, [this](const Runtime::CallPermission &callers) {
        Runtime::Endpoint after = *endpoint();
        after.callers = callers;
        change(after);
    });
    connect(m_parameters, &ParametersTable::edited, this,
        [this](const std::vector<Runtime::EndpointParameter> &list) {
            Runtime::Endpoint after = *endpoint();
            after.parameters = list;
            change(after);
        });
    connect(add, &QPushButton::clicked, m_parameters, &ParametersTable::addParameter);
    connect(remove, &QPushButton::clicked, m_parameters, &ParametersTable::removeCurrent);
    connect(m_descriptionEdit, &QPlainTextEdit::textChanged, this, [this]() {
        if (!endpoint() || m_descriptionEdit->toPlainText() == endpoint()->description)
            return;
        Runtime::Endpoint after = *endpoint();
        after.description = m_descriptionEdit->toPlainText();
        change(after, QStringLiteral("description"));
    });
    connect(m_tryIt, &QPushButton::clicked, this, [this]() {
        if (endpoint())
            emit tryItRequested(endpointRequest(*endpoint()));
    });
    refresh();
}

const Runtime::Endpoint *EndpointEditor::endpoint() const
{
    return document() ? document()->endpoint(partId()) : nullptr;
}

QString EndpointEditor::title() const
{
    return endpoint() ? tr("Endpoint %1").arg(endpoint()->name) : QString();
}

bool EndpointEditor::partExists() const
{
    return endpoint() != nullptr;
}

QString EndpointEditor::partName() const
{
    return endpoint()->name;
}

Runtime::ObjectId EndpointEditor::partFunctionId() const
{
    return endpoint()->functionId;
}

void EndpointEditor::refreshFields()
{
    const Runtime::Endpoint &shown = *endpoint();
    if (m_methodCombo->findText(shown.method) < 0)
        m_methodCombo->addItem(shown.method);
    m_methodCombo->setCurrentText(shown.method);
    if (!m_pathEdit->hasFocus() || m_pathEdit->text() != shown.path)
        m_pathEdit->setText(shown.path);
    m_callers->setPermission(document()->project(), shown.callers);
    m_parameters->setParameters(shown.parameters);
    if (m_descriptionEdit->toPlainText() != shown.description)
        m_descriptionEdit->setPlainText(shown.description);
}

void EndpointEditor::change(const Runtime::Endpoint &after, const QString &mergeKey)
{
    if (!isRefreshing())
        document()->changeEndpoint(after, mergeKey);
}

void EndpointEditor::renamePart(const QString &name)
{
    Runtime::Endpoint after = *endpoint();
    after.name = name;
    change(after, QStringLiteral("name"));
}

void EndpointEditor::setPartFunction(const Runtime::ObjectId &functionId)
{
    Runtime::Endpoint after = *endpoint();
    after.functionId = functionId;
    change(after);
}

void EndpointEditor::pathEdited(const QString &path)
{
    if (!endpoint())
        return;
    Runtime::Endpoint after = *endpoint();
    // A leading slash or /api/ is what the label already shows: typing it is harmless.
    QString below = path.trimmed();
    if (below.startsWith(QLatin1String("/api/")))
        below = below.mid(5);
    while (below.startsWith(QLatin1Char('/')))
        below = below.mid(1);
    after.path = below;
    after.parameters = withPathParameters(after.parameters, below);
    change(after, QStringLiteral("path"));
}

std::vector<Runtime::EndpointParameter> EndpointEditor::withPathParameters(
    std::vector<Runtime::EndpointParameter> parameters, const QString &path)
{
    QStringList segments;
    for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (segment.startsWith(QLatin1Char(':')) && segment.size() > 1)
            segments << segment.mid(1);
    }
    std::erase_if(parameters, [&segments](const Runtime::EndpointParameter &p) {
        return p.location == Runtime::ParameterLocation::Path && !segments.contains(p.name);
    });
    for (const QString &name : segments) {
        const auto it = std::find_if(
            parameters.begin(), parameters.end(), [&name](const auto &p) { return p.name == name; });
        if (it != parameters.end()) {
            it->location = Runtime::ParameterLocation::Path;
            it->required = true;
            continue;
        }
        Runtime::EndpointParameter parameter;
        parameter.name = name;
        parameter.location = Runtime::ParameterLocation::Path;
        parameter.required = true;
        parameters.push_back(parameter);
    }
    return parameters;
}

} // namespace Designer
