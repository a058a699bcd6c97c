// SPDX-License-Identifier: GPL-3.0-or-later
// RequestLogDock: the request log's contents: filters, the list of answered requests, open in the console.
#pragma once

#include "http/requestlog.h"

#include <QMetaObject>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QSpinBox;
class QTableView;

namespace Runtime {
class RealtimeHub;
}

namespace Designer {

class RequestLogFilter;
class RequestLogModel;

/** The contents of the request log dock (the main window puts it into a QDockWidget): a filter line
    (path, user, method), a status filter (all, errors, server errors), the slow threshold, a Clear
    button, the realtime sockets and channels open now, and the table of requests, newest at the bottom.
    The table follows new requests while it is scrolled to the bottom and stays put otherwise. Activating
    a row (double-click, Enter) emits openInConsole() with its entry; its tooltip shows the headers and a
    body excerpt. Owns its model: connect the RunController's requestLogged() to model()->append(). */
class RequestLogDock : public QWidget
{
    Q_OBJECT

public:
    /** What the status filter lets through. */
    enum class StatusFilter { All, Errors, ServerErrors };

    explicit RequestLogDock(QWidget *parent = nullptr);
    ~RequestLogDock() override;

    RequestLogModel *model() const { return m_model; }
    /** Returns the table; its model is the filtered view of model(). */
    QTableView *view() const { return m_view; }

    /** Shows only requests whose path, user, role or method contain \a text (case-insensitive). */
    void setFilterText(const QString &text);
    void setStatusFilter(StatusFilter filter);
    /** Counts the open realtime sockets and channels of \a hub (the running server's), live; none: hidden. */
    void setRealtimeHub(std::shared_ptr<Runtime::RealtimeHub> hub);
    /** Returns the realtime figure as shown ("Realtime: 1 socket, 2 channels"), empty when not running. */
    QString realtimeText() const;

signals:
    /** The user asked to open \a entry in the request console. */
    void openInConsole(const Runtime::RequestLogEntry &entry);

private:
    void createView();
    void activated(const QModelIndex &index);
    void rowsAboutToBeInserted();
    void rowsInserted();
    void showRealtimeCounts();

    RequestLogModel *m_model;
    RequestLogFilter *m_filter;
    QLineEdit *m_filterLine;
    QComboBox *m_statusCombo;
    QSpinBox *m_slowSpin;
    QPushButton *m_clearButton;
    QTableView *m_view;
    QLabel *m_realtime;
    std::shared_ptr<Runtime::RealtimeHub> m_hub;
    QMetaObject::Connection m_hubConnection;
    bool m_followNewest = true;
};

} // namespace Designer
