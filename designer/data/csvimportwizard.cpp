// SPDX-License-Identifier: GPL-3.0-or-later
// CsvImportWizard: imports a CSV file into one table: file, column mapping, preview, import, report.
#include "csvimportwizard.h"

#include "csvimportpages.h"

#include <QFile>

namespace Designer {

void CsvImportJob::wait()
{
    std::unique_lock lock(mutex);
    finishedChanged.wait(lock, [this] { return finished; });
}

QString normalizedColumnName(const QString &name)
{
    QString out;
    for (const QChar c : name) {
        if (c != QLatin1Char(' ') && c != QLatin1Char('_') && c != QLatin1Char('-'))
            out += c.toLower();
    }
    return out;
}

void CsvImportState::loadSample()
{
    header.clear();
    sample.clear();
    sampleError.clear();
    sampleFirstLine = 0;
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        sampleError = CsvImportWizard::tr("Could not open %1: %2").arg(filePath, file.errorString());
        return;
    }
    Runtime::CsvReader reader(&file, format);
    QStringList record;
    if (headerRow && reader.readRecord(record))
        header = record;
    while (sample.size() < s_sampleRows && reader.readRecord(record)) {
        if (sample.isEmpty())
            sampleFirstLine = reader.recordLine();
        sample << record;
    }
    if (reader.hasError()) {
        sampleError = reader.error().message;
        return;
    }
    if (!headerRow) {
        qsizetype columns = 0;
        for (const QStringList &r : sample)
            columns = std::max(columns, r.size());
        for (qsizetype i = 0; i < columns; ++i)
            header << CsvImportWizard::tr("Column %1").arg(i + 1);
    }
    if (header.isEmpty())
        sampleError = CsvImportWizard::tr("The file is empty: there is nothing to import.");
    else if (sample.isEmpty())
        sampleError = CsvImportWizard::tr("The file has a header but no rows to import.");
}

CsvImportWizard::CsvImportWizard(std::shared_ptr<const Runtime::Project> project, const QString &tableName,
    const QString &databasePath, QWidget *parent)
    : QWizard(parent), m_state(std::make_unique<CsvImportState>())
{
    m_state->project = std::move(project);
    m_state->tableName = tableName;
    m_state->table = m_state->project ? m_state->project->tableByName(tableName) : nullptr;
    const bool url = databasePath.startsWith(QLatin1String("sqlite:"))
        || databasePath.startsWith(QLatin1String("postgres"));
    m_state->databaseUrl = url ? databasePath : QStringLiteral("sqlite:") + databasePath;
    setWindowTitle(tr("Import CSV into %1").arg(tableName));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(FilePage, new CsvFilePage(*m_state, this));
    setPage(MappingPage, new CsvMappingPage(*m_state, this));
    setPage(PreviewPage, new CsvPreviewPage(*m_state, this));
    setPage(ImportPage, new CsvImportPage(*m_state, this));
    setPage(ReportPage, new CsvReportPage(*m_state, this));
    setButtonText(QWizard::CommitButton, tr("Import"));
    resize(820, 560);
}

void CsvImportWizard::setChangeFeed(std::shared_ptr<Runtime::ChangeFeed> feed)
{
    m_state->changeFeed = std::move(feed);
}

CsvImportWizard::~CsvImportWizard()
{
    // The worker posts to the import page: it has to be done before the pages go.
    if (m_state->job) {
        m_state->job->cancel = true;
        m_state->job->wait();
    }
}

void CsvImportWizard::setFilePath(const QString &path)
{
    static_cast<CsvFilePage *>(page(FilePage))->chooseFile(path);
}

const std::optional<Runtime::CsvImportReport> &CsvImportWizard::report() const
{
    return m_state->report;
}

namespace {
bool copyOver(const QString &from, const QString &to, QString *error)
{
    if (from.isEmpty()) {
        if (error)
            *error = CsvImportWizard::tr("There are no such rows to save.");
        return false;
    }
    if (QFile::exists(to) && !QFile::remove(to)) {
        if (error)
            *error = CsvImportWizard::tr("Could not replace %1.").arg(to);
        return false;
    }
    QFile source(from);
    if (!source.copy(to)) {
        if (error)
            *error = CsvImportWizard::tr("Could not save %1: %2").arg(to, source.errorString());
        return false;
    }
    return true;
}
} // namespace

bool CsvImportWizard::saveRejectedRows(const QString &path, QString *error)
{
    return copyOver(m_state->report ? m_state->report->rejectedRowsPath : QString(), path, error);
}

bool CsvImportWizard::saveNotImportedRows(const QString &path, QString *error)
{
    return copyOver(m_state->report ? m_state->report->notImportedRowsPath : QString(), path, error);
}

void CsvImportWizard::reject()
{
    // Closing while importing cancels the import instead; its report follows.
    auto *importing = qobject_cast<CsvImportPage *>(page(ImportPage));
    if (currentId() == ImportPage && importing && importing->isRunning()) {
        importing->cancelImport();
        return;
    }
    QWizard::reject();
}

} // namespace Designer
