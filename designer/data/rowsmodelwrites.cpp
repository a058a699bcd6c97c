// SPDX-License-Identifier: GPL-3.0-or-later
// RowsModel: edits, added and deleted rows, sent to the runtime.
#include "rowsmodel.h"
#include "rowsmodel_p.h"

#include "cellvalues.h"

#include <QJsonArray>

namespace Designer {

using RowsModelText::encoded;
using RowsModelText::errorText;

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
    const QString typed = role == Qt::CheckStateRole ? QString() : value.toString();
    if (!problem.isEmpty()) {
        m_cellErrors.insert(errorKey, {problem, typed});
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
    m_client->send(request, this, [this, errorKey, typed, column, key](const ApiReply &reply) {
        editArrived(errorKey, typed, column, key, reply);
    });
    emit dataChanged(index, index);
    return true;
}

void RowsModel::editArrived(
    const QString &errorKey, const QString &typed, int column, const QJsonValue &key, const ApiReply &reply)
{
    const bool ok = reply.status == 200;
    const QString message = ok ? QString() : errorText(reply);
    const QJsonObject row = QJsonDocument::fromJson(reply.body).array().at(0).toObject();
    if (!ok)
        m_cellErrors.insert(errorKey, {message, typed});
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
