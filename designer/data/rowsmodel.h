// SPDX-License-Identifier: GPL-3.0-or-later
// RowsModel: the rows of one table, fetched page by page from the running runtime as the service role.
#pragma once

#include "model/table.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPointer>

class QNetworkReply;

namespace Designer {

class ApiClient;
struct ApiReply;

/** The rows of one table of the running runtime, as a table model for the data browser's grid. Owned by
    the DataBrowser; talks to the runtime only through the ApiClient it is given (asynchronously: nothing
    here blocks the GUI thread) with the service key, so permission rules do not apply.

    rowCount() is the total the runtime counts (`Prefer: count=exact`) for the current filters. Rows are
    fetched in pages of pageSize() rows when the view first asks for them (data() answers "…" meanwhile);
    at most maxCachedPages() pages are kept, the least recently used are dropped. Columns are the table's
    fields that the API returns (hidden fields never are). sort() and setFilter() change the query and
    fetch again. setData() PATCHes one cell by the table's primary key; when the runtime refuses, the cell
    keeps what was typed (shown and offered for the next edit; the database keeps its value) with the
    runtime's message (ErrorRole and Qt::ToolTipRole, in an error colour) until the next edit of that cell.
    Tables without a primary key are read-only. */
class RowsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        JsonValueRole = Qt::UserRole + 1, ///< the cell's value as the API sent it (a QJsonValue)
        IsNullRole,                      ///< true if the value is NULL
        ErrorRole,                       ///< the message of the last failed write to the cell, or empty
    };

    static constexpr int DefaultPageSize = 200;
    static constexpr int DefaultMaxCachedPages = 40;

    explicit RowsModel(ApiClient *client, QObject *parent = nullptr);
    ~RowsModel() override;

    /** Shows the table \a name of the client's target project (or nothing when it has no such table):
        clears sort, filters and errors and fetches the first page. */
    void setTable(const QString &name);
    QString tableName() const { return m_tableName; }
    /** Returns the shown table in the client's target project, or nullptr. */
    const Runtime::Table *table() const;
    /** Returns the field shown in \a column, or nullptr. */
    const Runtime::Field *field(int column) const;
    /** Returns the names of the shown columns, in order. */
    QStringList columnNames() const;

    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    void setMaxCachedPages(int pages);
    int maxCachedPages() const { return m_maxPages; }
    int cachedPageCount() const { return int(m_pages.size()); }
    /** Returns true if the page holding \a row is loaded. */
    bool isRowLoaded(int row) const;
    /** Returns true until the first page of the current query has arrived (or failed). */
    bool isLoading() const { return m_counting; }
    /** Returns the message of the last failed read, or empty. */
    QString loadError() const { return m_loadError; }

    /** Fetches everything again (keeping sort and filters), e.g. after others changed the data. */
    void refresh();

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /** Returns the sorted column, or -1 for the table's default order (by primary key). */
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /** Filters \a column by \a text as typed in the filter row (translated by ColumnFilter::expression());
        empty text removes the filter. Fetches again. */
    void setFilter(int column, const QString &text);
    QString filterText(int column) const { return m_filters.value(column); }
    void clearFilters();

    /** Returns the URL query of the current view without paging: select=, order= (ending with the
        primary key so pages are stable) and the filters, percent-encoded. */
    QByteArray viewQuery() const;
    /** Returns the query of the whole table in the default order (no filters). */
    QByteArray tableQuery() const;

    /** Inserts one row with \a values (field name → JSON value; fields left out get their defaults).
        Emits writeFinished(). */
    void addRow(const QJsonObject &values);
    /** Deletes the loaded rows \a rows (model rows) with one DELETE ...?key=in.(...). Emits
        writeFinished(). Returns false (and sends nothing) if a row is not loaded or the table has no key. */
    bool deleteRows(const QList<int> &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /** Sends the new value of a cell (see the class comment); returns true if a request was sent. The text
        of an edit is converted by the field's type (CellValues::fromText()): empty means NULL, `""` an
        empty text, JSON fields take JSON text. */
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

signals:
    /** A page arrived; the first page of a query also sets the row count. */
    void pageLoaded(int page);
    /** Reading the current query failed with the runtime's \a message. */
    void loadFailed(const QString &message);
    /** A write (edit, insert, delete) finished: \a ok, or the runtime's \a message. */
    void writeFinished(bool ok, const QString &message);

private:
    struct Page
    {
        QList<QList<QJsonValue>> rows;
        quint64 lastUse = 0;
    };

    void restart(bool keepCount);
    void requestPage(int page) const;
    void startPendingRequests();
    void pageArrived(int page, int generation, const ApiReply &reply);
    void pageTimedOut(int page, int generation, QNetworkReply *reply);
    void applyCount(qint64 total);
    void evictPages();
    const QList<QJsonValue> *rowValues(int row) const;
    QJsonValue primaryKeyOf(int row) const;
    QString cellKey(const QJsonValue &key, int column) const;
    void editArrived(const QString &errorKey, const QString &typed, int column, const QJsonValue &key,
        const ApiReply &reply);
    QString recordsPath() const;

    ApiClient *m_client;
    QString m_tableName;
    QList<const Runtime::Field *> m_fields; // valid while the client's project does not change
    int m_pageSize = DefaultPageSize;
    int m_maxPages = DefaultMaxCachedPages;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QHash<int, QString> m_filters;
    qint64 m_total = 0;
    bool m_counting = false;
    QString m_loadError;
    int m_generation = 0;
    mutable QHash<int, Page> m_pages;
    mutable quint64 m_useClock = 0;
    mutable QList<int> m_wanted;        // pages asked for and not requested yet, most recent first
    mutable QHash<int, QPointer<QNetworkReply>> m_inFlight;
    mutable bool m_startScheduled = false;
    QHash<int, int> m_attempts; // page → requests that timed out
    struct CellError
    {
        QString message;
        QString typed; ///< the text of the refused edit, kept in the cell
    };
    QHash<QString, CellError> m_cellErrors; // "<key>\x1f<column>" → the refused edit
};

} // namespace Designer
