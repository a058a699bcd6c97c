// SPDX-License-Identifier: GPL-3.0-or-later
// RowsModel: the rows of one table, fetched page by page from the running runtime as the service role.
#include "rowsmodel.h"

#include "cellvalues.h"
#include "columnfilter.h"
#include "run/apiclient.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QStyle>
#include <QTimer>

namespace Designer {

namespace {
constexpr int s_maxParallelRequests = 2;
// A page request without an answer after this long is given up with an error (a deep, counted page of a
// big PostgreSQL table may take seconds; the runtime's own request timeout is 30 s). Tests make sure no
// answer is ever lost (tst_apiclient), so a page is not sent again by itself.
constexpr int s_pageTimeoutMs = 30000;
constexpr int s_pageAttempts = 1;
// Pages asked for while scrolling past them are dropped once this many newer ones wait.
constexpr int s_maxWantedPages = 4;

QByteArray encoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

// Returns the runtime's error as one line for the user: its message, then its details.
QString errorText(const ApiReply &reply)
{
    if (!reply.networkError.isEmpty())
        return reply.networkError;
    const QJsonObject error = QJsonDocument::fromJson(reply.body).object();
    QString message = error.value(QLatin1String("message")).toString();
    const QString details = error.value(QLatin1String("details")).toString();
    if (message.isEmpty())
        message = QStringLiteral("HTTP %1 %2").arg(reply.status).arg(QString::fromUtf8(reply.reason));
    return details.isEmpty() ? message : message + QStringLiteral(" (") + details + QLatin1Char(')');
}

} // namespace

RowsModel::RowsModel(ApiClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{
}

RowsModel::~RowsModel() = default;

const Runtime::Table *RowsModel::table() const
{
    const auto &project = m_client->target().project;
    return project && !m_tableName.isEmpty() ? project->tableByName(m_tableName) : nullptr;
}

const Runtime::Field *RowsModel::field(int column) const
{
    return column >= 0 && column < m_fields.size() ? m_fields.at(column) : nullptr;
}

QStringList RowsModel::columnNames() const
{
    QStringList names;
    for (const Runtime::Field *f : m_fields)
        names << f->name;
    return names;
}

void RowsModel::setTable(const QString &name)
{
    m_tableName = name;
    m_fields.clear();
    if (const Runtime::Table *t = table()) {
        for (const Runtime::Field &f : t->fields) {
            if (!f.hidden)
                m_fields << &f;
        }
    }
    m_sortColumn = -1;
    m_sortOrder = Qt::AscendingOrder;
    m_filters.clear();
    m_cellErrors.clear();
    restart(false);
}

void RowsModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
    restart(false);
}

void RowsModel::setMaxCachedPages(int pages)
{
    m_maxPages = qMax(2, pages);
    evictPages();
}

bool RowsModel::isRowLoaded(int row) const
{
    return m_pages.contains(row / m_pageSize);
}

void RowsModel::refresh()
{
    restart(true);
}

void RowsModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column >= 0 && column < m_fields.size() ? column : -1;
    m_sortOrder = order;
    restart(false);
}

void RowsModel::setFilter(int column, const QString &text)
{
    if (text.trimmed().isEmpty())
        m_filters.remove(column);
    else
        m_filters.insert(column, text.trimmed());
    restart(false);
}

void RowsModel::clearFilters()
{
    m_filters.clear();
    restart(false);
}

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

const QList<QJsonValue> *RowsModel::rowValues(int row) const
{
    const auto it = m_pages.find(row / m_pageSize);
    if (it == m_pages.end())
        return nullptr;
    it->lastUse = ++m_useClock;
    const int inPage = row % m_pageSize;
    return inPage < it->rows.size() ? &it->rows.at(inPage) : nullptr;
}

int RowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_total);
}

int RowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

QVariant RowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    const Runtime::Field *f = field(section);
    if (!f)
        return {};
    if (role == Qt::DisplayRole)
        return f->name;
    if (role == Qt::ToolTipRole)
        return f->required ? tr("%1 (%2, required)").arg(f->name, Runtime::fieldTypeName(f->type))
                           : tr("%1 (%2)").arg(f->name, Runtime::fieldTypeName(f->type));
    return {};
}

Qt::ItemFlags RowsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    const Runtime::Field *f = field(index.column());
    const Runtime::Table *t = table();
    if (!f || !t || !t->primaryKey() || f->isAutoManaged() || !rowValues(index.row()))
        return flags;
    if (f->type == Runtime::FieldType::Boolean)
        return flags | Qt::ItemIsUserCheckable;
    return flags | Qt::ItemIsEditable;
}

QString RowsModel::cellKey(const QJsonValue &key, int column) const
{
    return CellValues::displayText(*m_fields.at(column), key) + QChar(0x1f) + m_fields.at(column)->name;
}

QJsonValue RowsModel::primaryKeyOf(int row) const
{
    const Runtime::Table *t = table();
    const QList<QJsonValue> *values = rowValues(row);
    if (!t || !t->primaryKey() || !values)
        return QJsonValue::Undefined;
    for (int c = 0; c < m_fields.size(); ++c) {
        if (m_fields.at(c)->isPrimaryKey())
            return values->at(c);
    }
    return QJsonValue::Undefined;
}

QVariant RowsModel::data(const QModelIndex &index, int role) const
{
    const Runtime::Field *f = field(index.column());
    if (!f || index.row() < 0 || index.row() >= m_total)
        return {};
    const QList<QJsonValue> *values = rowValues(index.row());
    if (!values) {
        requestPage(index.row() / m_pageSize);
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
    }
    const QJsonValue value = values->at(index.column());
    const bool isNull = value.isNull() || value.isUndefined();
    const QString error = m_cellErrors.isEmpty()
        ? QString() : m_cellErrors.value(cellKey(primaryKeyOf(index.row()), index.column()));
    switch (role) {
    case Qt::DisplayRole:
        return f->type == Runtime::FieldType::Boolean && !isNull ? QVariant() : QVariant(CellValues::displayText(*f, value));
    case Qt::EditRole:
        return isNull ? QString() : CellValues::displayText(*f, value);
    case Qt::CheckStateRole:
        if (f->type != Runtime::FieldType::Boolean || isNull)
            return {};
        return value.toBool() ? Qt::Checked : Qt::Unchecked;
    case Qt::ForegroundRole:
        if (!error.isEmpty())
            return QBrush(QColor(0x9f, 0x1c, 0x1c));
        return isNull ? QVariant(QBrush(QColor(0x9a, 0x9a, 0x9a))) : QVariant();
    case Qt::BackgroundRole:
        return error.isEmpty() ? QVariant() : QVariant(QBrush(QColor(0xfd, 0xe2, 0xe2)));
    case Qt::FontRole:
        if (isNull) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        return Runtime::isNumeric(f->type) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::ToolTipRole:
        return error.isEmpty() ? QVariant() : QVariant(error);
    case Qt::DecorationRole: // still visible when the row is selected and the background is not
        return error.isEmpty() ? QVariant()
                               : QVariant(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning));
    case JsonValueRole:
        return QVariant::fromValue(value);
    case IsNullRole:
        return isNull;
    case ErrorRole:
        return error;
    default:
        return {};
    }
}

bool RowsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Runtime::Field *f = field(index.column());
    const Runtime::Table *t = table();
    if (!f || !t || !(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable))
        || (role != Qt::EditRole && role != Qt::CheckStateRole))
        return false;
    const QJsonValue key = primaryKeyOf(index.row());
    const QString errorKey = cellKey(key, index.column());
    m_cellErrors.remove(errorKey);
    QString problem;
    const QJsonValue newValue = role == Qt::CheckStateRole
        ? QJsonValue(value.toInt() == Qt::Checked) : CellValues::fromText(*f, value.toString(), &problem);
    if (!problem.isEmpty()) {
        m_cellErrors.insert(errorKey, problem);
        emit dataChanged(index, index);
        emit writeFinished(false, problem);
        return false;
    }
    ApiRequest request;
    request.method = "PATCH";
    request.url = QUrl(recordsPath() + QLatin1Char('?') + QString::fromUtf8(encoded(t->primaryKey()->name))
        + QStringLiteral("=eq.") + QString::fromUtf8(encoded(CellValues::displayText(*t->primaryKey(), key)))
        + QStringLiteral("&select=") + QString::fromUtf8(encoded(columnNames().join(QLatin1Char(',')))));
    request.headers = m_client->serviceHeaders();
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    request.headers.append({QByteArrayLiteral("Prefer"), QByteArrayLiteral("return=representation")});
    request.body = QJsonDocument(QJsonObject {{f->name, newValue}}).toJson(QJsonDocument::Compact);
    const int column = index.column();
    m_client->send(request, this, [this, errorKey, column, key](const ApiReply &reply) {
        editArrived(errorKey, column, key, reply);
    });
    emit dataChanged(index, index);
    return true;
}

void RowsModel::editArrived(const QString &errorKey, int column, const QJsonValue &key, const ApiReply &reply)
{
    const bool ok = reply.status == 200;
    const QString message = ok ? QString() : errorText(reply);
    const QJsonObject row = QJsonDocument::fromJson(reply.body).array().at(0).toObject();
    if (!ok)
        m_cellErrors.insert(errorKey, message);
    // The row's place in the loaded pages, found by key: pages may have been reloaded meanwhile.
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        for (int r = 0; r < it->rows.size(); ++r) {
            if (primaryKeyOf(it.key() * m_pageSize + r) != key)
                continue;
            if (ok) {
                for (int c = 0; c < m_fields.size(); ++c)
                    it->rows[r][c] = row.value(m_fields.at(c)->name);
            }
            const int modelRow = it.key() * m_pageSize + r;
            emit dataChanged(index(modelRow, ok ? 0 : column), index(modelRow, ok ? columnCount() - 1 : column));
        }
    }
    emit writeFinished(ok, message);
}

void RowsModel::addRow(const QJsonObject &values)
{
    ApiRequest request;
    request.method = "POST";
    request.url = QUrl(recordsPath() + QStringLiteral("?select=")
        + QString::fromUtf8(encoded(columnNames().join(QLatin1Char(',')))));
    request.headers = m_client->serviceHeaders();
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    request.headers.append({QByteArrayLiteral("Prefer"), QByteArrayLiteral("return=representation")});
    request.body = QJsonDocument(values).toJson(QJsonDocument::Compact);
    m_client->send(request, this, [this](const ApiReply &reply) {
        const bool ok = reply.status == 201;
        if (ok)
            refresh();
        emit writeFinished(ok, ok ? QString() : errorText(reply));
    });
}

bool RowsModel::deleteRows(const QList<int> &rows)
{
    const Runtime::Table *t = table();
    if (!t || !t->primaryKey() || rows.isEmpty())
        return false;
    QStringList keys;
    for (int row : rows) {
        const QJsonValue key = primaryKeyOf(row);
        if (key.isUndefined() || key.isNull())
            return false;
        QString text = CellValues::displayText(*t->primaryKey(), key);
        text.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
        keys << QLatin1Char('"') + text + QLatin1Char('"');
    }
    ApiRequest request;
    request.method = "DELETE";
    request.url = QUrl(recordsPath() + QLatin1Char('?') + QString::fromUtf8(encoded(t->primaryKey()->name))
        + QLatin1Char('=') + QString::fromUtf8(encoded(QStringLiteral("in.(%1)").arg(keys.join(QLatin1Char(','))))));
    request.headers = m_client->serviceHeaders();
    m_client->send(request, this, [this](const ApiReply &reply) {
        const bool ok = reply.status == 204 || reply.status == 200;
        if (ok)
            refresh();
        emit writeFinished(ok, ok ? QString() : errorText(reply));
    });
    return true;
}

bool RowsModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || count <= 0)
        return false;
    QList<int> rows;
    for (int r = row; r < row + count; ++r)
        rows << r;
    return deleteRows(rows);
}

} // namespace Designer
