// SPDX-License-Identifier: GPL-3.0-or-later
// EndpointEditor: the editor of one custom endpoint: method, path, function, access, parameters, description.
#pragma once

#include "parteditor.h"

#include "console/consolerequest.h"

#include <vector>

class QPlainTextEdit;
class QPushButton;

namespace Runtime {
struct Endpoint;
struct EndpointParameter;
struct CallPermission;
} // namespace Runtime

namespace Designer {

class CallersWidget;
class ParametersTable;

/** Edits one endpoint of a document (Runtime::Endpoint): its method, its path below /api/, its function, who
    may call it (CallersWidget), its declared parameters (ParametersTable; the path's `:name` segments are
    path parameters, added and removed with them as the path is typed) and its description. Every change
    is a ChangeEndpoint through ProjectDocument::changeEndpoint(); typing in one box is one step. The
    validator's messages show under the field they are about. "Try it" emits tryItRequested() with the
    request endpointRequest() builds. Owned by the main window's endpoint tab (or a test). */
class EndpointEditor : public PartEditor
{
    Q_OBJECT

public:
    explicit EndpointEditor(ProjectDocument *document, QWidget *parent = nullptr);

    QString title() const override;

    QComboBox *methodCombo() const { return m_methodCombo; }
    QLineEdit *pathEdit() const { return m_pathEdit; }
    CallersWidget *callersWidget() const { return m_callers; }
    ParametersTable *parametersTable() const { return m_parameters; }
    QPlainTextEdit *descriptionEdit() const { return m_descriptionEdit; }
    QPushButton *tryItButton() const { return m_tryIt; }

    /** Returns \a parameters with the path parameters following the `:name` segments of \a path: one
        (text, required) added for each new segment, those whose segment is gone removed, a parameter named
        like a segment moved to the path. The others keep their order. */
    static std::vector<Runtime::EndpointParameter> withPathParameters(
        std::vector<Runtime::EndpointParameter> parameters, const QString &path);

signals:
    /** "Try it" was clicked: open \a request in the API console. */
    void tryItRequested(const Designer::ConsoleRequest &request);

protected:
    bool partExists() const override;
    QString partName() const override;
    Runtime::ObjectId partFunctionId() const override;
    void refreshFields() override;
    void renamePart(const QString &name) override;
    void setPartFunction(const Runtime::ObjectId &functionId) override;

private:
    const Runtime::Endpoint *endpoint() const;
    /** Pushes \a after as a change merged under \a mergeKey. */
    void change(const Runtime::Endpoint &after, const QString &mergeKey = {});
    void pathEdited(const QString &path);

    QComboBox *m_methodCombo = nullptr;
    QLineEdit *m_pathEdit = nullptr;
    CallersWidget *m_callers = nullptr;
    ParametersTable *m_parameters = nullptr;
    QPlainTextEdit *m_descriptionEdit = nullptr;
    QPushButton *m_tryIt = nullptr;
};

} // namespace Designer
