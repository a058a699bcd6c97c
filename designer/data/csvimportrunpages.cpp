// SPDX-License-Identifier: GPL-3.0-or-later
// The CSV import wizard's import page (runs the import on a thread-pool thread) and report page.
#include "csvimportpages.h"
#include "csvimportwizard.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

namespace Designer {

namespace {
constexpr int s_progressSteps = 1000;

QTableWidget *listTable(QWidget *parent, const QString &objectName, const QStringList &labels)
{
    auto *table = new QTableWidget(0, int(labels.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(labels);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}
// Returns the reason key "field: message" with a catalog message (ErrorCode) translated.
QString translatedReason(const QString &key)
{
    const qsizetype colon = key.indexOf(QLatin1String(": "));
    const QString message = colon < 0 ? key : key.mid(colon + 2);
    const QString translated = QCoreApplication::translate("ErrorCode", message.toUtf8().constData());
    return colon < 0 ? translated : key.left(colon + 2) + translated;
}
} // namespace

CsvImportPage::CsvImportPage(CsvImportState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state)
{
    setTitle(tr("Importing"));
    setSubTitle(tr("Rows are written in batches of 10,000, each all or nothing. Cancelling keeps the batches "
                   "already written and nothing of the current one."));
    auto *layout = new QVBoxLayout(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, s_progressSteps);
    layout->addWidget(m_progress);
    auto *row = new QHBoxLayout;
    m_rows = new QLabel(this);
    m_rows->setObjectName(QStringLiteral("rowsDone"));
    m_rate = new QLabel(this);
    m_rate->setObjectName(QStringLiteral("rate"));
    m_cancel = new QPushButton(tr("Cancel Import"), this);
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    row->addWidget(m_rows);
    row->addStretch();
    row->addWidget(m_rate);
    row->addWidget(m_cancel);
    layout->addLayout(row);
    layout->addStretch();
    connect(m_cancel, &QPushButton::clicked, this, &CsvImportPage::cancelImport);
}

void CsvImportPage::initializePage()
{
    m_done = false;
    m_state.report.reset();
    m_state.startError.reset();
    m_progress->setRange(0, s_progressSteps);
    m_progress->setValue(0);
    m_rows->setText(tr("Starting…"));
    m_rate->clear();
    m_cancel->setEnabled(true);
    Runtime::CsvImportOptions options;
    options.tableName = m_state.tableName;
    options.format = m_state.format;
    options.headerRow = m_state.headerRow;
    options.columnFields = m_state.columnFields;
    options.rejectedRowsPath = m_state.outputDir.filePath(QStringLiteral("rejected-rows.csv"));
    options.notImportedRowsPath = m_state.outputDir.filePath(QStringLiteral("rows-not-imported.csv"));
    options.changeFeed = m_state.changeFeed.get(); // the state, and so the feed, outlives the job
    auto job = std::make_shared<CsvImportJob>();
    m_state.job = job;
    m_timer.start();
    // The wizard waits for the job before it deletes this page, so the posts below find it alive.
    QThreadPool::globalInstance()->start([this, job, project = m_state.project, url = m_state.databaseUrl,
                                             file = m_state.filePath, options] {
        const auto progress = [this](qint64 rows, qint64 read, qint64 total, Runtime::CsvImportStage stage) {
            QMetaObject::invokeMethod(this, [this, rows, read, total, stage] { progressed(rows, read, total, stage); },
                Qt::QueuedConnection);
        };
        const Runtime::Result<Runtime::CsvImportReport> result
            = Runtime::CsvImporter::importFile(project, url, file, options, &job->cancel, progress);
        QMetaObject::invokeMethod(this, [this, result] { finished(result); }, Qt::QueuedConnection);
        {
            std::lock_guard lock(job->mutex);
            job->finished = true;
        }
        job->finishedChanged.notify_all();
    });
}

void CsvImportPage::progressed(qint64 rows, qint64 bytesRead, qint64 bytesTotal, Runtime::CsvImportStage stage)
{
    if (m_done)
        return;
    if (stage == Runtime::CsvImportStage::BuildingIndexes) {
        // A bulk import's last step: the bar goes back and forth until the report.
        m_progress->setRange(0, 0);
        m_rows->setText(tr("%Ln row(s) processed; building the table's indexes…", nullptr, int(rows)));
        m_cancel->setEnabled(false);
        return;
    }
    if (bytesTotal > 0)
        m_progress->setValue(int(bytesRead * s_progressSteps / bytesTotal));
    m_rows->setText(tr("%Ln row(s) processed", nullptr, int(rows)));
    const double seconds = m_timer.nsecsElapsed() / 1e9;
    if (seconds > 0)
        m_rate->setText(tr("%L1 rows/s").arg(qint64(rows / seconds)));
}

void CsvImportPage::finished(const Runtime::Result<Runtime::CsvImportReport> &result)
{
    m_done = true;
    m_cancel->setEnabled(false);
    m_progress->setRange(0, s_progressSteps);
    if (result) {
        m_state.report = result.value();
        m_progress->setValue(s_progressSteps);
    } else {
        m_state.startError = result.error();
    }
    emit completeChanged();
    auto *wizard = qobject_cast<CsvImportWizard *>(this->wizard());
    if (!wizard)
        return;
    emit wizard->importFinished(m_state.report ? m_state.report->imported : 0);
    if (wizard->currentPage() == this)
        wizard->next();
}

void CsvImportPage::cancelImport()
{
    if (!m_state.job || m_done)
        return;
    m_state.job->cancel = true;
    m_cancel->setEnabled(false);
    m_rows->setText(tr("Cancelling: the current batch is rolled back…"));
}

bool CsvImportPage::isRunning() const
{
    return m_state.job && !m_done;
}

bool CsvImportPage::isComplete() const
{
    return m_done;
}

CsvReportPage::CsvReportPage(CsvImportState &state, QWidget *parent)
    : QWizardPage(parent), m_state(state)
{
    setTitle(tr("Import Report"));
    setFinalPage(true);
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("reportSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_reasons = listTable(this, QStringLiteral("rejectedReasons"), {tr("Rows"), tr("Rejected because")});
    m_reasons->setAccessibleName(tr("Rejected rows by reason"));
    layout->addWidget(m_reasons, 1);
    m_rows = listTable(this, QStringLiteral("rejectedRows"), {tr("Line"), tr("Field"), tr("Reason")});
    m_rows->setAccessibleName(tr("Rejected rows"));
    layout->addWidget(m_rows, 2);
    m_hint = new QLabel(tr("To import the rejected rows, save them, fix them and import the file again: its last "
                           "column, basalt_error, says what is wrong with each row and is ignored when imported."),
        this);
    m_hint->setObjectName(QStringLiteral("reimportHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    auto *buttons = new QHBoxLayout;
    m_saveRejected = new QPushButton(tr("Save Rejected Rows…"), this);
    m_saveRejected->setObjectName(QStringLiteral("saveRejected"));
    m_saveNotImported = new QPushButton(tr("Save Rows Not Imported…"), this);
    m_saveNotImported->setObjectName(QStringLiteral("saveNotImported"));
    buttons->addWidget(m_saveRejected);
    buttons->addWidget(m_saveNotImported);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addStretch(); // takes the room of the tables when there is nothing to list
    connect(m_saveRejected, &QPushButton::clicked, this, [this] { save(true); });
    connect(m_saveNotImported, &QPushButton::clicked, this, [this] { save(false); });
}

void CsvReportPage::initializePage()
{
    QStringList lines;
    const std::optional<Runtime::CsvImportReport> &report = m_state.report;
    if (m_state.startError) {
        lines << tr("The import could not start: %1").arg(m_state.startError->message);
    } else if (report) {
        lines << tr("%Ln row(s) imported into %1 in %2 s.", nullptr, int(report->imported))
                     .arg(m_state.tableName)
                     .arg(report->seconds, 0, 'f', 1);
        if (report->rejected > 0)
            lines << tr("%Ln row(s) rejected.", nullptr, int(report->rejected));
        if (report->cancelled)
            lines << tr("The import was cancelled: the rows from line %1 on were not imported.")
                         .arg(report->notImportedFromLine);
        if (report->error)
            lines << tr("The import stopped: %1 The rows from line %2 on were not imported.")
                         .arg(report->error->message)
                         .arg(report->notImportedFromLine);
    }
    m_summary->setText(lines.join(QLatin1Char('\n')));
    m_reasons->setRowCount(0);
    m_rows->setRowCount(0);
    if (report) {
        for (auto it = report->rejectedByReason.begin(); it != report->rejectedByReason.end(); ++it) {
            const int r = m_reasons->rowCount();
            m_reasons->insertRow(r);
            m_reasons->setItem(r, 0, new QTableWidgetItem(QLocale().toString(it.value())));
            m_reasons->setItem(r, 1, new QTableWidgetItem(translatedReason(it.key())));
        }
        for (const Runtime::CsvRejectedRow &row : report->rejectedRows) {
            const int r = m_rows->rowCount();
            m_rows->insertRow(r);
            m_rows->setItem(r, 0, new QTableWidgetItem(QString::number(row.line)));
            m_rows->setItem(r, 1, new QTableWidgetItem(row.problems.value(0).field));
            m_rows->setItem(r, 2, new QTableWidgetItem(row.problems.size() == 1 ? row.problems.front().message : row.reason()));
        }
        m_reasons->resizeColumnToContents(0);
        m_rows->resizeColumnToContents(0);
        m_rows->resizeColumnToContents(1);
    }
    const bool rejected = report && !report->rejectedRowsPath.isEmpty();
    m_reasons->setVisible(rejected);
    m_rows->setVisible(rejected);
    m_hint->setVisible(rejected);
    m_saveRejected->setVisible(rejected);
    m_saveNotImported->setVisible(report && !report->notImportedRowsPath.isEmpty());
}

void CsvReportPage::save(bool rejected)
{
    auto *wizard = qobject_cast<CsvImportWizard *>(this->wizard());
    const QFileInfo source(m_state.filePath);
    const QString suggested = source.absoluteDir().filePath(source.completeBaseName()
        + (rejected ? QStringLiteral("-rejected.csv") : QStringLiteral("-not-imported.csv")));
    const QString path = QFileDialog::getSaveFileName(this,
        rejected ? tr("Save Rejected Rows") : tr("Save Rows Not Imported"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty() || !wizard)
        return;
    QString error;
    const bool saved = rejected ? wizard->saveRejectedRows(path, &error) : wizard->saveNotImportedRows(path, &error);
    if (!saved)
        QMessageBox::warning(this, tr("Save Rows"), error);
}

} // namespace Designer
