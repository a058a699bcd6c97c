// SPDX-License-Identifier: GPL-3.0-or-later
// RowsModel: the rows of one table, fetched page by page from the running runtime as the service role:
// the table, sorting, filters and what the view shows (pages: rowsmodelpages.cpp; writes: rowsmodelwrites.cpp).
#include "rowsmodel.h"

#include "cellvalues.h"
#include "columnfilter.h"
#include "run/apiclient.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QStyle>

namespace Designer {

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
    const CellError refused = m_cellErrors.isEmpty()
        ? CellError() : m_cellErrors.value(cellKey(primaryKeyOf(index.row()), index.column()));
    const QString &error = refused.message;
    // A refused edit stays in the cell as typed, so that it can be corrected rather than typed again.
    const bool keepsTyped = !error.isEmpty() && f->type != Runtime::FieldType::Boolean;
    switch (role) {
    case Qt::DisplayRole:
        if (keepsTyped)
            return refused.typed;
        return f->type == Runtime::FieldType::Boolean && !isNull ? QVariant() : QVariant(CellValues::displayText(*f, value));
    case Qt::EditRole:
        if (keepsTyped)
            return refused.typed;
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
        if (isNull && !keepsTyped) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        return Runtime::isNumeric(f->type) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::ToolTipRole:
        if (error.isEmpty())
            return {};
        return tr("Not saved: %1\nThe database keeps %2.").arg(error, CellValues::displayText(*f, value));
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

} // namespace Designer
