// SPDX-License-Identifier: GPL-3.0-or-later
// The pages of the CSV import wizard and the state they share (private to CsvImportWizard).
#pragma once

#include "csv/csvimporter.h"

#include <QTemporaryDir>
#include <QWizardPage>

#include <QElapsedTimer>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace Designer {

/** A running import, shared between the wizard and its worker thread. */
struct CsvImportJob
{
    std::atomic_bool cancel = false;
    std::mutex mutex;
    std::condition_variable finishedChanged;
    bool finished = false;

    /** Blocks until the worker is done. */
    void wait();
};

/** What the wizard's pages share; owned by the CsvImportWizard. */
struct CsvImportState
{
    std::shared_ptr<const Runtime::Project> project;
    const Runtime::Table *table = nullptr;
    QString tableName;
    QString databaseUrl;
    std::shared_ptr<Runtime::ChangeFeed> changeFeed; ///< the running server's: imports are announced there
    QString filePath;
    Runtime::CsvFormat format;
    Runtime::CsvFormat detected;
    bool headerRow = true;
    QStringList header;               ///< the header record, or "Column 1", ... without one
    QList<QStringList> sample;        ///< the first data records
    qint64 sampleFirstLine = 0;
    QString sampleError;              ///< why the file cannot be read, with the line
    QStringList columnFields;         ///< the mapping, one field name (or "") per CSV column
    std::optional<Runtime::CsvImportReport> report;
    std::optional<Runtime::Error> startError; ///< the import could not start
    std::shared_ptr<CsvImportJob> job;
    QTemporaryDir outputDir;

    static constexpr int s_sampleRows = 50;

    /** Reads the first records of the file with the current format into header and sample. */
    void loadSample();
};

class CsvFilePage : public QWizardPage
{
    Q_OBJECT

public:
    CsvFilePage(CsvImportState &state, QWidget *parent);
    void chooseFile(const QString &path);
    bool isComplete() const override;

private:
    void browse();
    void formatChanged();
    void showSample();

    CsvImportState &m_state;
    QLineEdit *m_path = nullptr;
    QComboBox *m_encoding = nullptr;
    QComboBox *m_delimiter = nullptr;
    QCheckBox *m_header = nullptr;
    QLabel *m_detected = nullptr;
    QLabel *m_error = nullptr;
    QTableWidget *m_table = nullptr;
    bool m_updating = false;
};

class CsvMappingPage : public QWizardPage
{
    Q_OBJECT

public:
    CsvMappingPage(CsvImportState &state, QWidget *parent);
    void initializePage() override;
    bool isComplete() const override;

private:
    void mappingChanged();

    CsvImportState &m_state;
    QTableWidget *m_table = nullptr;
    QList<QComboBox *> m_combos;
    QLabel *m_problem = nullptr;
};

class CsvPreviewPage : public QWizardPage
{
    Q_OBJECT

public:
    CsvPreviewPage(CsvImportState &state, QWidget *parent);
    void initializePage() override;

private:
    CsvImportState &m_state;
    QTableWidget *m_table = nullptr;
    QLabel *m_summary = nullptr;
};

class CsvImportPage : public QWizardPage
{
    Q_OBJECT

public:
    CsvImportPage(CsvImportState &state, QWidget *parent);
    void initializePage() override;
    bool isComplete() const override;
    /** Asks the running import to stop; the batch it is in is rolled back. */
    void cancelImport();
    bool isRunning() const;

private:
    void progressed(qint64 rows, qint64 bytesRead, qint64 bytesTotal, Runtime::CsvImportStage stage);
    void finished(const Runtime::Result<Runtime::CsvImportReport> &result);

    CsvImportState &m_state;
    QProgressBar *m_progress = nullptr;
    QLabel *m_rows = nullptr;
    QLabel *m_rate = nullptr;
    QPushButton *m_cancel = nullptr;
    QElapsedTimer m_timer;
    bool m_done = false;
};

class CsvReportPage : public QWizardPage
{
    Q_OBJECT

public:
    CsvReportPage(CsvImportState &state, QWidget *parent);
    void initializePage() override;

private:
    void save(bool rejected);

    CsvImportState &m_state;
    QLabel *m_summary = nullptr;
    QTableWidget *m_reasons = nullptr;
    QTableWidget *m_rows = nullptr;
    QPushButton *m_saveRejected = nullptr;
    QPushButton *m_saveNotImported = nullptr;
    QLabel *m_hint = nullptr;
};

/** Returns \a name lowercased without spaces, underscores and dashes, for matching columns to fields. */
QString normalizedColumnName(const QString &name);

} // namespace Designer
