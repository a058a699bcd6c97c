// SPDX-License-Identifier: GPL-3.0-or-later
// RowsModel: loading pages of rows (queries, requests in flight, time-outs, the cache of pages).
#include "rowsmodel.h"
#include "rowsmodel_p.h"

#include "columnfilter.h"

#include <QJsonArray>
#include <QNetworkReply>
#include <QTimer>

namespace Designer {

using RowsModelText::encoded;
using RowsModelText::errorText;

namespace {
constexpr int s_maxParallelRequests = 2;
// A page request without an answer after this long is given up with an error (a deep, counted page of a
// big PostgreSQL table may take seconds; the runtime's own request timeout is 30 s). Tests make sure no
// answer is ever lost (tst_apiclient), so a page is not sent again by itself.
constexpr int s_pageTimeoutMs = 30000;
constexpr int s_pageAttempts = 1;
// Pages asked for while scrolling past them are dropped once this many newer ones wait.
constexpr int s_maxWantedPages = 4;
} // namespace

// Starts the current query again. With \a keepCount the rows stay in the view (as "…") until the new
// count arrives, so the view keeps its scroll position; otherwise the model is emptied first.
void RowsModel::restart(bool keepCount)
{
    // Pages of the previous query are not wanted any more; a reply already on its way is ignored by its
    // generation.
    ++m_generation;
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_inFlight)) {
        if (reply)
            reply->abort();
    }
    m_inFlight.clear();
    m_attempts.clear();
    m_wanted.clear();
    m_loadError.clear();
    if (keepCount) {
        m_pages.clear();
        if (m_total > 0)
            emit dataChanged(index(0, 0), index(int(m_total) - 1, columnCount() - 1));
    } else {
        beginResetModel();
        m_pages.clear();
        m_total = 0;
        endResetModel();
    }
    m_counting = !m_fields.isEmpty() && m_client->target().isRunning();
    if (m_counting)
        requestPage(0);
}

QString RowsModel::recordsPath() const
{
    return QStringLiteral("/rest/v1/") + QString::fromUtf8(encoded(m_tableName));
}

QByteArray RowsModel::tableQuery() const
{
    QByteArray query = "select=" + encoded(columnNames().join(QLatin1Char(',')));
    if (const Runtime::Table *t = table(); t && t->primaryKey())
        query += "&order=" + encoded(t->primaryKey()->name + QStringLiteral(".asc"));
    return query;
}

QByteArray RowsModel::viewQuery() const
{
    QByteArray query = "select=" + encoded(columnNames().join(QLatin1Char(',')));
    QStringList order;
    if (const Runtime::Field *sorted = field(m_sortColumn))
        order << sorted->name + (m_sortOrder == Qt::AscendingOrder ? QStringLiteral(".asc") : QStringLiteral(".desc"));
    const Runtime::Table *t = table();
    if (t && t->primaryKey() && (!field(m_sortColumn) || !field(m_sortColumn)->isPrimaryKey()))
        order << t->primaryKey()->name + QStringLiteral(".asc");
    if (!order.isEmpty())
        query += "&order=" + encoded(order.join(QLatin1Char(',')));
    QList<int> columns = m_filters.keys();
    std::sort(columns.begin(), columns.end());
    for (int column : columns) {
        const Runtime::Field *f = field(column);
        const QString expression = f ? ColumnFilter::expression(*f, m_filters.value(column)) : QString();
        if (!expression.isEmpty())
            query += '&' + encoded(f->name) + '=' + encoded(expression);
    }
    return query;
}

void RowsModel::requestPage(int page) const
{
    if (m_pages.contains(page) || m_inFlight.contains(page))
        return;
    m_wanted.removeAll(page);
    m_wanted.prepend(page);
    while (m_wanted.size() > s_maxWantedPages)
        m_wanted.removeLast();
    // Not from inside data() (a paint): on the next turn of the event loop, once for all rows painted.
    if (!m_startScheduled) {
        m_startScheduled = true;
        QTimer::singleShot(0, const_cast<RowsModel *>(this), &RowsModel::startPendingRequests);
    }
}

void RowsModel::startPendingRequests()
{
    m_startScheduled = false;
    while (m_inFlight.size() < s_maxParallelRequests && !m_wanted.isEmpty()) {
        const int page = m_wanted.takeFirst();
        if (m_pages.contains(page) || m_inFlight.contains(page))
            continue;
        ApiRequest request;
        request.url = QUrl(recordsPath() + QLatin1Char('?') + QString::fromLatin1(viewQuery())
            + QStringLiteral("&limit=%1&offset=%2").arg(m_pageSize).arg(qint64(page) * m_pageSize));
        request.headers = m_client->serviceHeaders();
        if (m_counting)
            request.headers.append({QByteArrayLiteral("Prefer"), QByteArrayLiteral("count=exact")});
        const int generation = m_generation;
        QNetworkReply *reply = m_client->send(request, this, [this, page, generation](const ApiReply &answer) {
            pageArrived(page, generation, answer);
        });
        m_inFlight.insert(page, reply);
        QTimer::singleShot(s_pageTimeoutMs, reply, [this, page, generation, reply] { pageTimedOut(page, generation, reply); });
    }
}

void RowsModel::pageTimedOut(int page, int generation, QNetworkReply *reply)
{
    if (generation != m_generation || m_inFlight.value(page) != reply)
        return;
    reply->abort(); // no answer comes for it now
    m_inFlight.remove(page);
    const int attempts = m_attempts.value(page) + 1;
    m_attempts.insert(page, attempts);
    if (attempts < s_pageAttempts) {
        requestPage(page);
        return;
    }
    m_counting = false;
    m_loadError = tr("The runtime did not answer within %n second(s). Press Refresh to try again.", nullptr,
        s_pageTimeoutMs * s_pageAttempts / 1000);
    emit loadFailed(m_loadError);
}

void RowsModel::pageArrived(int page, int generation, const ApiReply &reply)
{
    if (generation != m_generation)
        return;
    m_inFlight.remove(page);
    const bool ok = reply.status == 200 || reply.status == 206 || reply.status == 416;
    if (!ok) {
        m_loadError = errorText(reply);
        m_counting = false;
        emit loadFailed(m_loadError);
        return;
    }
    const QByteArray range = reply.header("Content-Range");
    const qsizetype slash = range.indexOf('/');
    if (m_counting && slash >= 0) {
        m_counting = false;
        applyCount(range.mid(slash + 1).toLongLong());
    }
    Page loaded;
    const QJsonArray rows = QJsonDocument::fromJson(reply.body).array();
    loaded.rows.reserve(rows.size());
    for (const QJsonValue &row : rows) {
        const QJsonObject object = row.toObject();
        QList<QJsonValue> values;
        values.reserve(m_fields.size());
        for (const Runtime::Field *f : std::as_const(m_fields))
            values << object.value(f->name);
        loaded.rows << std::move(values);
    }
    loaded.lastUse = ++m_useClock;
    m_pages.insert(page, std::move(loaded));
    evictPages();
    const int first = page * m_pageSize;
    const int last = qMin<qint64>(m_total, qint64(first) + m_pageSize) - 1;
    if (last >= first)
        emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    emit pageLoaded(page);
    startPendingRequests();
}

void RowsModel::applyCount(qint64 total)
{
    total = qBound<qint64>(0, total, qint64(std::numeric_limits<int>::max()));
    if (total > m_total) {
        beginInsertRows({}, int(m_total), int(total) - 1);
        m_total = total;
        endInsertRows();
    } else if (total < m_total) {
        beginRemoveRows({}, int(total), int(m_total) - 1);
        m_total = total;
        endRemoveRows();
    }
}

void RowsModel::evictPages()
{
    while (m_pages.size() > m_maxPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_pages.erase(oldest);
    }
}

} // namespace Designer
