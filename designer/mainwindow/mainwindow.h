// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the designer's top-level window.
#pragma once

#include "core/error.h"

#include <QMainWindow>

#include <memory>

class QTreeWidget;
class QTreeWidgetItem;

namespace Designer {

class ProjectDocument;

/** The designer's top-level window: shows the open project's tables (with their field counts) on the
    left and the fields of the selected table on the right, and offers File > Open and Quit. Owns the
    open ProjectDocument. Lives on the stack in main(). */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Opens the project file \a fileName in place of the current one. If it cannot be read or is not
        valid, shows the reader's messages (each `path: message`) in a message box, keeps the current
        project and returns false. */
    bool openFile(const QString &fileName);

    /** Returns the open document, or nullptr when no project is open. */
    ProjectDocument *document() const { return m_document.get(); }

private:
    void createMenus();
    void openRequested();
    void showOpenError(const QString &fileName, const Runtime::Error &error);
    void setDocument(std::unique_ptr<ProjectDocument> document);
    void updateTitle();
    void fillTableList();
    void showFields(QTreeWidgetItem *tableItem);

    std::unique_ptr<ProjectDocument> m_document;
    QTreeWidget *m_tableList = nullptr;
    QTreeWidget *m_fieldList = nullptr;
};

} // namespace Designer
