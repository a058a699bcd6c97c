// SPDX-License-Identifier: GPL-3.0-or-later
// CsvImportWizard: imports a CSV file into one table: file, column mapping, preview, import, report.
#pragma once

#include "csv/csvimporter.h"

#include <QWizard>

#include <memory>

namespace Designer {

struct CsvImportState;

/** A wizard importing a CSV file into one table of the project's database: choose the file (encoding and
    delimiter detected, changeable; header row on or off), map the CSV columns to fields (matched by name
    first), preview the first rows converted (invalid cells marked), import (on a thread-pool thread with
    its own connection, with progress, rows per second and Cancel), then a report (imported, rejected by
    reason, the rejected rows to save, fix and import again). Made by whoever offers the import (the data
    browser, the canvas's table menu), modal, deleted by its maker; emits importFinished() so the maker
    can refresh what it shows. */
class CsvImportWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { FilePage, MappingPage, PreviewPage, ImportPage, ReportPage };

    /** \a databasePath: the project's SQLite file, or a database URL (`sqlite:...`, `postgresql://...`). */
    CsvImportWizard(std::shared_ptr<const Runtime::Project> project, const QString &tableName,
        const QString &databasePath, QWidget *parent = nullptr);
    ~CsvImportWizard() override;

    /** Chooses the file \a path on the file page, as the Browse button does, and detects its format. */
    void setFilePath(const QString &path);
    /** Announces the import's commits on \a feed (the running server's), so triggers and realtime see them. */
    void setChangeFeed(std::shared_ptr<Runtime::ChangeFeed> feed);

    /** Returns the report of the import; empty until one has run. */
    const std::optional<Runtime::CsvImportReport> &report() const;

    /** Copies the rejected rows of the import (original columns plus basalt_error) to \a path, replacing
        it. Returns false, with the reason in \a error, when there are none or the copy fails. */
    bool saveRejectedRows(const QString &path, QString *error = nullptr);
    /** As saveRejectedRows(), for the rows not imported after a cancel or failure. */
    bool saveNotImportedRows(const QString &path, QString *error = nullptr);

    void reject() override;

signals:
    /** Emitted when an import ends (finished, cancelled or failed) with the rows it imported. */
    void importFinished(qint64 imported);

private:
    std::unique_ptr<CsvImportState> m_state;
};

} // namespace Designer
