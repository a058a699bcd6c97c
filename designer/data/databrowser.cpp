// SPDX-License-Identifier: GPL-3.0-or-later
// DataBrowser: browse, filter, edit and export the rows of the running runtime's tables.
#include "databrowser.h"

#include "addrowdialog.h"
#include "filterheader.h"
#include "rowsmodel.h"
#include "run/apiclient.h"
#include "widgets/palettecolors.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Designer {

DataBrowser::DataBrowser(QWidget *parent)
    : QWidget(parent)
    , m_client(new ApiClient(this))
    , m_model(new RowsModel(m_client, this))
    , m_pages(new QStackedWidget(this))
    , m_message(new QLabel(tr("Press Run to browse data."), this))
    , m_picker(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_header(new FilterHeader(m_view))
    , m_range(new QLabel(this))
    , m_status(new QLabel(this))
    , m_add(new QPushButton(tr("Add row…"), this))
    , m_delete(new QPushButton(tr("Delete rows"), this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_import(new QPushButton(tr("Import CSV…"), this))
    , m_export(new QPushButton(tr("Export…"), this))
{
    configureWidgets();
    arrangeLayout();
    connectSignals();
    m_view->viewport()->installEventFilter(this);
    setTarget(RunTarget());
}

void DataBrowser::configureWidgets()
{
    m_message->setAlignment(Qt::AlignCenter);
    m_picker->setToolTip(tr("The table whose rows are shown"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_view->setHorizontalHeader(m_header);
    // The view hides the arrow of a header it is given unless it sorts by itself; here the model sorts.
    m_header->setSortIndicatorShown(true);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->setWordWrap(false);
    m_view->setToolTip(tr("Double-click a cell to edit it. An empty value is NULL; type \"\" for empty text."));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_delete->setToolTip(tr("Delete the selected rows"));
    m_import->setToolTip(tr("Add rows to this table from a CSV file"));
    m_export->setToolTip(tr("Write the table, or the filtered view, to a CSV or JSON file"));
}

void DataBrowser::arrangeLayout()
{
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    bar->addWidget(new QLabel(tr("Table:"), this));
    // The table names are never cut short ("categorie" for categories in a narrow window).
    m_picker->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    bar->addWidget(m_picker);
    bar->addStretch(1);
    for (QPushButton *button : {m_add, m_delete, m_refresh, m_import, m_export})
        bar->addWidget(button);
    auto *grid = new QWidget(this);
    auto *gridLayout = new QVBoxLayout(grid);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->addLayout(bar);
    gridLayout->addWidget(m_view, 1);
    auto *statusLine = new QHBoxLayout;
    statusLine->setContentsMargins(6, 0, 6, 4);
    statusLine->addWidget(m_status, 1);
    // Below the grid, where "1–27 of 1,000,000" has room in any window.
    statusLine->addWidget(m_range, 0, Qt::AlignRight | Qt::AlignTop);
    gridLayout->addLayout(statusLine);
    m_pages->addWidget(m_message);
    m_pages->addWidget(grid);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
}

void DataBrowser::connectSignals()
{
    connect(m_picker, &QComboBox::currentIndexChanged, this, &DataBrowser::showTable);
    connect(m_header, &QHeaderView::sortIndicatorChanged, m_model, &RowsModel::sort);
    m_header->filterChanged = [this](int column, const QString &text) { m_model->setFilter(column, text); };
    connect(m_add, &QPushButton::clicked, this, &DataBrowser::addRow);
    connect(m_delete, &QPushButton::clicked, this, &DataBrowser::deleteSelectedRows);
    connect(m_refresh, &QPushButton::clicked, this, &DataBrowser::refresh);
    connect(m_export, &QPushButton::clicked, this, &DataBrowser::exportWithDialog);
    connect(m_import, &QPushButton::clicked, this, [this] {
        if (m_model->table())
            emit importRequested(m_model->tableName());
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &DataBrowser::updateRange);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DataBrowser::updateRange);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &DataBrowser::updateRange);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &DataBrowser::updateRange);
    connect(m_model, &RowsModel::pageLoaded, this, [this](int page) {
        // Repainting the rows in view asks again for any of their pages whose request was dropped (only the
        // newest few wanted pages are kept while scrolling); a page that failed is not asked for again.
        m_view->viewport()->update();
        if (page == 0 && !m_sized) {
            m_sized = true; // once per table, so the user's widths stay while scrolling and filtering
            m_view->resizeColumnsToContents(); // measures the rows in view only (see FilterHeader)
            for (int column = 0; column < m_model->columnCount(); ++column)
                m_view->setColumnWidth(column, qBound(70, m_view->columnWidth(column) + 12, 320));
        }
        if (m_showingLoadError)
            setStatus(QString(), false);
        updateRange();
    });
    connect(m_model, &RowsModel::loadFailed, this, [this](const QString &message) {
        setStatus(tr("Reading %1 failed: %2").arg(m_model->tableName(), message), true);
        m_showingLoadError = true;
        updateRange();
    });
    connect(m_model, &RowsModel::writeFinished, this, [this](bool ok, const QString &message) {
        setStatus(ok ? QString() : tr("Not saved: %1").arg(message), !ok);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DataBrowser::updateActions);
}

DataBrowser::~DataBrowser() = default;

bool DataBrowser::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        updateRange(); // more or fewer rows fit
    return QWidget::eventFilter(watched, event);
}

void DataBrowser::setTarget(const RunTarget &target)
{
    const QString shown = currentTable();
    m_client->setTarget(target);
    const QSignalBlocker blocker(m_picker);
    m_picker->clear();
    if (!target.isRunning()) {
        m_model->setTable(QString());
        m_pages->setCurrentWidget(m_message);
        return;
    }
    for (const Runtime::Table &table : target.project->tables)
        m_picker->addItem(table.name);
    m_pages->setCurrentIndex(1);
    const int index = m_picker->findText(shown);
    m_picker->setCurrentIndex(index >= 0 ? index : 0);
    showTable(m_picker->currentIndex());
}

void DataBrowser::setTable(const QString &name)
{
    const int index = m_picker->findText(name);
    if (index < 0)
        return;
    if (index == m_picker->currentIndex())
        showTable(index); // the picker does not signal an unchanged index; show it afresh anyway
    else
        m_picker->setCurrentIndex(index);
}

QString DataBrowser::currentTable() const
{
    return m_model->tableName();
}

void DataBrowser::showTable(int pickerIndex)
{
    m_sized = false;
    m_model->setTable(m_picker->itemText(pickerIndex));
    m_header->setSortIndicator(-1, Qt::AscendingOrder);
    m_header->setFilters(*m_model);
    setStatus(QString(), false);
    updateActions();
    updateRange();
}

QWidget *DataBrowser::filterEditor(int column) const
{
    return m_header->editor(column);
}

QString DataBrowser::rangeText() const
{
    return m_range->text();
}

QString DataBrowser::statusText() const
{
    return m_status->text();
}

void DataBrowser::updateRange()
{
    const int total = m_model->rowCount();
    const QLocale locale;
    if (m_model->isLoading()) {
        m_range->setText(tr("Loading…"));
    } else if (total == 0) {
        m_range->setText(m_model->filterText(0).isEmpty() && m_model->loadError().isEmpty() ? tr("No rows")
                                                                                           : tr("No matching rows"));
    } else {
        const int first = qMax(0, m_view->rowAt(0));
        int last = m_view->rowAt(m_view->viewport()->height() - 1);
        if (last < 0)
            last = total - 1;
        m_range->setText(tr("%1–%2 of %3").arg(locale.toString(first + 1), locale.toString(last + 1),
            locale.toString(total)));
    }
    updateActions();
}

void DataBrowser::updateActions()
{
    const Runtime::Table *table = m_model->table();
    const bool editable = table && table->primaryKey();
    m_add->setEnabled(table != nullptr);
    m_delete->setEnabled(editable && m_view->selectionModel()->hasSelection());
    m_refresh->setEnabled(table != nullptr);
    m_export->setEnabled(table != nullptr);
    m_import->setEnabled(table != nullptr);
    if (table && !editable)
        m_delete->setToolTip(tr("%1 has no primary key: its rows cannot be edited or deleted here").arg(table->name));
}

void DataBrowser::setStatus(const QString &text, bool error)
{
    m_showingLoadError = false;
    m_status->setText(text);
    QPalette statusPalette = palette();
    if (error)
        statusPalette.setColor(QPalette::WindowText, errorTextColor(palette()));
    m_status->setPalette(statusPalette);
    m_status->setVisible(!text.isEmpty());
}

void DataBrowser::addRow()
{
    if (!m_model->table())
        return;
    auto *dialog = new AddRowDialog(m_model, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void DataBrowser::deleteSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows << index.row();
    }
    if (rows.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Delete rows"),
        tr("Delete %n row(s) from %1? This cannot be undone.", nullptr, int(rows.size())).arg(m_model->tableName()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    if (!m_model->deleteRows(rows))
        setStatus(tr("Wait until the selected rows are loaded, then delete again."), true);
    m_view->clearSelection();
}

void DataBrowser::refresh()
{
    m_model->refresh();
}

TableExport *DataBrowser::exportTo(const QString &path, bool currentView)
{
    auto *job = new TableExport(m_client, this);
    const QByteArray query = currentView ? m_model->viewQuery() : m_model->tableQuery();
    if (!job->start(m_model->tableName(), query, m_model->columnNames(), TableExport::formatForPath(path), path)) {
        setStatus(job->errorString(), true);
        job->deleteLater();
        return nullptr;
    }
    connect(job, &TableExport::finished, this, [this, job, path](bool ok, const QString &message) {
        if (ok)
            setStatus(tr("Exported %n row(s) to %1.", nullptr, int(job->rowsWritten())).arg(path), false);
        else if (!message.isEmpty())
            setStatus(message, true);
        else
            setStatus(tr("Export cancelled; %1 was not changed.").arg(path), false);
        job->deleteLater();
    });
    return job;
}

void DataBrowser::exportWithDialog()
{
    if (!m_model->table())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(m_model->tableName()),
        m_model->tableName() + QStringLiteral(".csv"), tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    bool currentView = false;
    if (m_model->sortColumn() >= 0 || m_model->viewQuery() != m_model->tableQuery()) {
        QMessageBox box(QMessageBox::Question, tr("Export"), tr("Export the rows shown (filtered and sorted) or the whole table?"),
            QMessageBox::Cancel, this);
        QPushButton *view = box.addButton(tr("Rows shown"), QMessageBox::AcceptRole);
        box.addButton(tr("Whole table"), QMessageBox::AcceptRole);
        if (box.exec() == QMessageBox::Cancel)
            return;
        currentView = box.clickedButton() == view;
    }
    TableExport *job = exportTo(path, currentView);
    if (!job)
        return;
    auto *progress = new QProgressDialog(tr("Exporting %1…").arg(m_model->tableName()), tr("Cancel"), 0, 0, this);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(300);
    connect(progress, &QProgressDialog::canceled, job, &TableExport::cancel);
    connect(job, &TableExport::progressChanged, progress, [progress](qint64 written, qint64 total) {
        progress->setMaximum(int(qMin<qint64>(total, std::numeric_limits<int>::max())));
        progress->setValue(int(qMin<qint64>(written, std::numeric_limits<int>::max())));
    });
    connect(job, &TableExport::finished, progress, &QWidget::close);
}

} // namespace Designer
