// SPDX-License-Identifier: GPL-3.0-or-later
// DataBrowser: browse, filter, edit and export the rows of the running runtime's tables.
#pragma once

#include "run/runtarget.h"
#include "tableexport.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace Designer {

class ApiClient;
class FilterHeader;
class RowsModel;

/** The data browser pane: a table picker, a paged grid of the chosen table's rows (RowsModel) with a
    filter field under each column header, the range of rows shown ("1–200 of 100,000") and buttons to
    add, delete and refresh rows, to import a CSV file (importRequested()) and to export. It reads and writes through the running runtime as the
    service role. The main window owns it (docked or tabbed) and calls setTarget() whenever the runtime
    starts, stops or follows a schema change. */
class DataBrowser : public QWidget
{
    Q_OBJECT

public:
    explicit DataBrowser(QWidget *parent = nullptr);
    ~DataBrowser() override;

    /** Follows \a target: its project's tables fill the picker (the shown table stays if it still
        exists); a target that is not running shows "Press Run to browse data". */
    void setTarget(const RunTarget &target);
    /** Shows the table \a name (if the target's project has it). */
    void setTable(const QString &name);
    QString currentTable() const;

    RowsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /** Returns the filter field of \a column, or nullptr. */
    QWidget *filterEditor(int column) const;
    /** Returns the text of the row-range label, e.g. "1–200 of 100,000". */
    QString rangeText() const;
    /** Returns the text of the status line (the last error, or empty). */
    QString statusText() const;

    /** Starts exporting to \a path (the format follows the extension: .json or CSV): the current view
        (filters and sort) if \a currentView, else the whole table. Returns the running export (owned by
        the browser, deleted after it finishes), or nullptr with the reason in the status line. */
    TableExport *exportTo(const QString &path, bool currentView);

public slots:
    /** Opens the form that adds a row. */
    void addRow();
    /** Asks for confirmation, then deletes the selected rows. */
    void deleteSelectedRows();
    void refresh();
    /** Asks for a file and what to export, then exports with a progress dialog. */
    void exportWithDialog();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    /** The user asked to import a CSV file into the table \a table (the main window runs the wizard and
        calls refresh() afterwards). */
    void importRequested(const QString &table);

private:
    void configureWidgets();
    void arrangeLayout();
    void connectSignals();
    void showTable(int pickerIndex);
    void updateRange();
    void updateActions();
    void setStatus(const QString &text, bool error);
    void rebuildFilters();

    ApiClient *m_client;
    RowsModel *m_model;
    QStackedWidget *m_pages;
    QLabel *m_message;
    QComboBox *m_picker;
    QTableView *m_view;
    FilterHeader *m_header;
    QLabel *m_range;
    QLabel *m_status;
    QPushButton *m_add;
    QPushButton *m_delete;
    QPushButton *m_refresh;
    QPushButton *m_import;
    QPushButton *m_export;
    bool m_showingLoadError = false;
    bool m_sized = false; // the columns were fitted to the first page of the shown table
};

} // namespace Designer
