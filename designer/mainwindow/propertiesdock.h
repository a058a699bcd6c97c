// SPDX-License-Identifier: GPL-3.0-or-later
// PropertiesDock: the editor of the selected object (a table or relationship editor, a summary otherwise).
#pragma once

#include "model/ids.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QScrollArea;
class QStackedWidget;

namespace Designer {

class ProjectDocument;
class ProjectEditor;
class RelationshipEditor;
class TableEditor;
class ViewEditor;

/** The right-hand dock of the main window. Follows the document's selection: one table shows a
    TableEditor, one relationship a RelationshipEditor, one view a
    ViewEditor, one other object a short read-only summary, nothing a ProjectEditor, several a count. Owned by the main
    window, which hands it the current document. */
class PropertiesDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit PropertiesDock(QWidget *parent = nullptr);

    /** Shows the selection of \a document; a new TableEditor is made for it. */
    void setDocument(ProjectDocument *document);
    TableEditor *tableEditor() const { return m_tableEditor; }
    RelationshipEditor *relationshipEditor() const { return m_relationshipEditor; }
    ProjectEditor *projectEditor() const { return m_projectEditor; }
    ViewEditor *viewEditor() const { return m_viewEditor; }

protected:
    /** A wheel over a combo box or spin box that does not have the focus scrolls the pane instead of
        changing the value (a user scrolling down the properties must not edit them on the way). */
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showSelection();
    QString summaryOf(const Runtime::ObjectId &id) const;

    QPointer<ProjectDocument> m_document;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_summary = nullptr;
    TableEditor *m_tableEditor = nullptr;
    RelationshipEditor *m_relationshipEditor = nullptr;
    ViewEditor *m_viewEditor = nullptr;
    QScrollArea *m_viewScroll = nullptr;
    ProjectEditor *m_projectEditor = nullptr;
    QScrollArea *m_projectScroll = nullptr;
};

} // namespace Designer
