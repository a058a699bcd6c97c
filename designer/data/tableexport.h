// SPDX-License-Identifier: GPL-3.0-or-later
// TableExport: writes a table, or the data browser's current view of it, to a CSV or JSON file.
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QNetworkReply;
class QSaveFile;

namespace Designer {

class ApiClient;
struct ApiReply;

/** Exports rows of one table of the running runtime to a file, asynchronously: pages of pageSize() rows
    are read through the ApiClient as the service role, one after the other, and written to a QSaveFile
    that replaces the target only when everything was written (a failed or cancelled export leaves an
    existing file as it was). CSV has a header row of column names and is written by Runtime::CsvWriter
    (NULL is an empty field, JSON values compact); JSON is an array of objects in column order, values as
    the API sends them. Owned by whoever starts it (the DataBrowser); one export per object. */
class TableExport : public QObject
{
    Q_OBJECT

public:
    enum class Format { Csv, Json };

    explicit TableExport(ApiClient *client, QObject *parent = nullptr);
    ~TableExport() override;

    /** Returns the format a file name implies: JSON for ".json", CSV otherwise. */
    static Format formatForPath(const QString &path);

    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }

    /** Starts exporting the rows of \a table that the URL query \a query selects (select=, order= and
        filters, percent-encoded, without limit or offset; e.g. RowsModel::viewQuery()), with the columns
        \a columns, as \a format into \a path. Returns false and sets errorString() if the file cannot be
        opened or an export is running. */
    bool start(const QString &table, const QByteArray &query, const QStringList &columns, Format format,
        const QString &path);
    /** Stops a running export; the target file is left as it was. finished() follows. */
    void cancel();
    bool isRunning() const { return m_file != nullptr; }
    qint64 rowsWritten() const { return m_written; }
    QString errorString() const { return m_error; }

signals:
    /** \a written rows are in the file of \a total (-1 while not known yet). */
    void progressChanged(qint64 written, qint64 total);
    /** The export ended: \a ok, else \a message says why (empty when it was cancelled). */
    void finished(bool ok, const QString &message);

private:
    void requestNextPage();
    void pageArrived(const ApiReply &reply);
    bool writeRows(const QByteArray &body);
    void finish(bool ok, const QString &message);

    ApiClient *m_client;
    std::unique_ptr<QSaveFile> m_file;
    QPointer<QNetworkReply> m_reply;
    QString m_table;
    QByteArray m_query;
    QStringList m_columns;
    Format m_format = Format::Csv;
    int m_pageSize = 1000;
    qint64 m_written = 0;
    qint64 m_total = -1;
    QString m_error;
};

} // namespace Designer
