// SPDX-License-Identifier: GPL-3.0-or-later
// RequestLogModel: the requests the running runtime answered, newest last, for the request log dock.
#pragma once

#include "http/requestlog.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

namespace Designer {

/** The request log: one row per request the runtime answered (time, user, method, path, status,
    duration, size), oldest first. Entries arrive through append() on the GUI thread (the RunController
    forwards the server's RequestObserver calls queued); they are shown in batches every
    s_batchIntervalMs, so a load test does not update the view thousands of times a second. Only the
    last capacity() entries are kept: older ones are dropped. Requests at or above slowThresholdMs()
    are shown bold with the duration in a warning colour; errors (4xx, 5xx) in an error colour. The
    tooltip of a row details it (headers, body excerpt). Owned by the RequestLogDock. */
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        UserColumn,
        MethodColumn,
        PathColumn,
        StatusColumn,
        DurationColumn,
        SizeColumn,
        ColumnCount
    };
    /** Data roles beyond Qt's: whether the row is slow (bool) or an error (bool). */
    enum Role { SlowRole = Qt::UserRole + 1, ErrorRole };

    static constexpr int s_defaultCapacity = 5000;
    static constexpr double s_defaultSlowThresholdMs = 200;
    static constexpr int s_batchIntervalMs = 100;

    explicit RequestLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Returns the entry shown in \a row (0 is the oldest). \a row must be valid. */
    const Runtime::RequestLogEntry &entry(int row) const { return m_entries.at(row); }
    /** Returns the text the User column shows for \a entry: the email, else the user id, else the role. */
    static QString userText(const Runtime::RequestLogEntry &entry);

    /** Returns how many entries are kept at most. */
    int capacity() const { return m_capacity; }
    /** Keeps at most \a capacity (at least 1) entries, dropping the oldest beyond that now. */
    void setCapacity(int capacity);
    double slowThresholdMs() const { return m_slowThresholdMs; }
    /** Marks requests taking \a milliseconds or more as slow. */
    void setSlowThresholdMs(double milliseconds);

    /** Adds \a entry; it is shown with the next batch (see flush()). */
    void append(const Runtime::RequestLogEntry &entry);
    /** Shows the entries appended since the last batch now. */
    void flush();
    /** Removes every entry, shown and pending. */
    void clear();

private:
    QVariant foreground(const Runtime::RequestLogEntry &entry, int column) const;
    void trim();

    QList<Runtime::RequestLogEntry> m_entries;
    QList<Runtime::RequestLogEntry> m_pending; ///< appended, not shown yet
    QTimer m_batchTimer;
    int m_capacity = s_defaultCapacity;
    double m_slowThresholdMs = s_defaultSlowThresholdMs;
};

} // namespace Designer
