// SPDX-License-Identifier: GPL-3.0-or-later
// PartEditor: what the endpoint, trigger and schedule editors share: name, function, problems at their
// fields.
#pragma once

#include "document/changeevent.h"
#include "model/ids.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace Designer {

class ProjectDocument;

/** The base of the editors of one endpoint, trigger or schedule (a "part"): a title, a name box, a function
    combo (the project's functions and "New function…", which adds one for the part through
    ProjectDocument::addFunctionFor()), and the project validator's messages, each shown under the field it
    is about (the member of its path: `endpoints[0].path` under the path) and the rest at the bottom. A
    subclass adds its fields with addField(), fills them in refreshFields() and makes every change through
    the document's edit API. Owned by the main window's logic tabs (or a test). */
class PartEditor : public QWidget
{
    Q_OBJECT

public:
    /** Edits the part \a id (empty or unknown: nothing; the editor is disabled). */
    void setPartId(const Runtime::ObjectId &id);
    Runtime::ObjectId partId() const { return m_partId; }
    /** Returns the title of the editor's tab ("Endpoint orders_summary"), empty when no part is shown. */
    virtual QString title() const = 0;

    QLineEdit *nameEdit() const { return m_nameEdit; }
    QComboBox *functionCombo() const { return m_functionCombo; }
    /** Returns the validator's messages shown at the field \a key ("name", "path", "cron", "function", ...,
        "" for those at the bottom), one a line; empty when it has none. */
    QString problemAt(const QString &key) const;

protected:
    PartEditor(ProjectDocument *document, QWidget *parent);

    ProjectDocument *document() const { return m_document; }
    QFormLayout *form() const { return m_form; }
    /** Returns true while the editor fills its widgets from the model: their signals are not edits. */
    bool isRefreshing() const { return m_refreshing; }
    /** Adds the row \a label with \a field to the form, with a label under it for the validator's messages
        about \a key (the member of the problem's path). */
    void addField(const QString &label, QWidget *field, const QString &key);
    /** Adds a label for the messages about \a key that shows under \a field (a widget of the form). */
    QLabel *addProblemLabel(const QString &key);
    /** Fills the editor from the model (and the problems); subclasses call it after building. */
    void refresh();

    /** Returns true if the part exists in the document. */
    virtual bool partExists() const = 0;
    /** Returns the part's name and the id of its function. */
    virtual QString partName() const = 0;
    virtual Runtime::ObjectId partFunctionId() const = 0;
    /** Fills the subclass's own fields from the part (called with isRefreshing() true). */
    virtual void refreshFields() = 0;
    /** Makes the edits of the name (typing merges under \a mergeKey "name") and of the function. */
    virtual void renamePart(const QString &name) = 0;
    virtual void setPartFunction(const Runtime::ObjectId &functionId) = 0;

private:
    void documentChanged(const ChangeEvent &event);
    void fillFunctions();
    void showProblems();
    void functionChosen(int index);

    QPointer<ProjectDocument> m_document;
    Runtime::ObjectId m_partId;
    QLabel *m_titleLabel = nullptr;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QComboBox *m_functionCombo = nullptr;
    QHash<QString, QLabel *> m_problemLabels; ///< by the key of the field they are under; "" at the bottom
    bool m_refreshing = false;
};

} // namespace Designer
