// SPDX-License-Identifier: GPL-3.0-or-later
// FieldsModel: the fields of one table as an editable grid whose edits are undoable commands.
#include "fieldsmodel.h"

#include "commands/fieldoptions.h"
#include "commands/tableedits.h"
#include "document/projectdocument.h"

#include <QIODevice>
#include <QMimeData>

namespace Designer {

namespace {
const QString s_rowMimeType = QStringLiteral("application/x-basalt-field-row");

} // namespace

FieldsModel::FieldsModel(ProjectDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &ProjectDocument::changed, this, &FieldsModel::documentChanged);
}

void FieldsModel::setTableId(const Runtime::ObjectId &tableId)
{
    beginResetModel();
    m_tableId = tableId;
    const Runtime::Table *shown = table();
    m_rows = shown ? int(shown->fields.size()) : 0;
    endResetModel();
}

const Runtime::Table *FieldsModel::table() const
{
    return m_document && !m_tableId.isEmpty() ? m_document->project().table(m_tableId) : nullptr;
}

Runtime::ObjectId FieldsModel::fieldId(int row) const
{
    const Runtime::Table *shown = table();
    return shown && row >= 0 && row < int(shown->fields.size()) ? shown->fields[size_t(row)].id : QString();
}

void FieldsModel::documentChanged(const ChangeEvent &event)
{
    if (event.kind == ChangeEvent::Kind::TablesMoved || event.kind == ChangeEvent::Kind::ProjectChanged)
        return;
    if (event.kind == ChangeEvent::Kind::TableChanged && !event.ids.contains(m_tableId))
        return;
    const Runtime::Table *shown = table();
    const int rows = shown ? int(shown->fields.size()) : 0;
    if (rows != m_rows) {
        setTableId(shown ? m_tableId : QString());
        return;
    }
    // Same number of rows: refresh in place, so the view keeps its current cell while the user types.
    if (rows > 0)
        emit dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
}

int FieldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int FieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FieldsModel::defaultText(const Runtime::Field &field)
{
    switch (field.defaultValue.kind) {
    case Runtime::DefaultValue::Kind::None:
        return {};
    case Runtime::DefaultValue::Kind::Now:
        return QStringLiteral("now()");
    case Runtime::DefaultValue::Kind::RandomUuid:
        return QStringLiteral("uuid()");
    case Runtime::DefaultValue::Kind::Literal:
        break;
    }
    return FieldOptions::literalText(field.defaultValue.literal);
}

QVariant FieldsModel::data(const QModelIndex &index, int role) const
{
    const Runtime::Table *shown = table();
    if (!shown || !index.isValid() || index.row() >= int(shown->fields.size()))
        return {};
    const Runtime::Field &field = shown->fields[size_t(index.row())];
    const auto checkState = [](bool on) { return on ? Qt::Checked : Qt::Unchecked; };
    if (role == Qt::CheckStateRole) {
        switch (index.column()) {
        case RequiredColumn: return checkState(field.required);
        case UniqueColumn: return checkState(field.unique);
        case HiddenColumn: return checkState(field.hidden);
        case ReadOnlyColumn: return checkState(field.readOnly);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == NameColumn)
        return field.description;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case NameColumn: return field.name;
    case TypeColumn: return Runtime::fieldTypeName(field.type);
    case DefaultColumn: return defaultText(field);
    default: return {};
    }
}

QVariant FieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::ToolTipRole && section == DefaultColumn)
        return tr("The value of an insert that gives none: a literal, now() or uuid().");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case RequiredColumn: return tr("Required");
    case UniqueColumn: return tr("Unique");
    case DefaultColumn: return tr("Default");
    case HiddenColumn: return tr("Hidden");
    case ReadOnlyColumn: return tr("Read-only");
    default: return {};
    }
}

Qt::ItemFlags FieldsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    switch (index.column()) {
    case NameColumn:
    case TypeColumn:
    case DefaultColumn:
        return result | Qt::ItemIsEditable;
    default:
        return result | Qt::ItemIsUserCheckable;
    }
}

bool FieldsModel::setFieldValue(Runtime::Field &field, int column, const QVariant &value) const
{
    const bool on = value.toInt() == Qt::Checked;
    switch (column) {
    case NameColumn:
        field.name = value.toString().trimmed();
        return true;
    case TypeColumn: {
        const std::optional<Runtime::FieldType> type = Runtime::fieldTypeFromName(value.toString());
        if (!type)
            return false;
        field.type = *type;
        return true;
    }
    case DefaultColumn: {
        const QString text = value.toString().trimmed();
        Runtime::DefaultValue defaultValue;
        if (text == QLatin1String("now()"))
            defaultValue.kind = Runtime::DefaultValue::Kind::Now;
        else if (text == QLatin1String("uuid()"))
            defaultValue.kind = Runtime::DefaultValue::Kind::RandomUuid;
        else if (!text.isEmpty())
            defaultValue = {Runtime::DefaultValue::Kind::Literal, FieldOptions::literalDefault(field, text)};
        field.defaultValue = defaultValue;
        return true;
    }
    case RequiredColumn: field.required = on; return true;
    case UniqueColumn: field.unique = on; return true;
    case HiddenColumn: field.hidden = on; return true;
    case ReadOnlyColumn: field.readOnly = on; return true;
    default: return false;
    }
}

bool FieldsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Runtime::Table *shown = table();
    if (!shown || !index.isValid() || index.row() >= int(shown->fields.size()))
        return false;
    const bool checkColumn = !(flags(index) & Qt::ItemIsEditable);
    if (checkColumn != (role == Qt::CheckStateRole) || (!checkColumn && role != Qt::EditRole))
        return false;
    Runtime::Field field = shown->fields[size_t(index.row())];
    const Runtime::Field before = field;
    if (!setFieldValue(field, index.column(), value))
        return false;
    if (field == before)
        return true;
    static const char *const properties[] = {"name", "type", "required", "unique", "default", "hidden", "readOnly"};
    push(changeField(*shown, field), changeFieldText(*shown, field.id),
        fieldMergeKey(field.id, QLatin1String(properties[index.column()])));
    return true;
}

void FieldsModel::push(Runtime::Table after, const QString &text, const QString &mergeKey)
{
    m_document->changeTable(std::move(after), text, mergeKey);
}

bool FieldsModel::moveField(int from, int to)
{
    const Runtime::Table *shown = table();
    const int count = shown ? int(shown->fields.size()) : 0;
    if (from < 0 || to < 0 || from >= count || to >= count || from == to)
        return false;
    push(Designer::moveField(*shown, from, to), moveFieldText(*shown, from));
    return true;
}

int FieldsModel::addField()
{
    const Runtime::Table *shown = table();
    if (!shown)
        return -1;
    Runtime::Table after = Designer::addField(m_document->project(), *shown, Runtime::FieldType::Text);
    const QString name = after.fields.back().name;
    push(std::move(after), addFieldText(*shown, name));
    return m_rows - 1;
}

bool FieldsModel::removeField(int row, const QList<RuleUse> &rulesToRemove)
{
    const Runtime::Table *shown = table();
    if (!shown || row < 0 || row >= int(shown->fields.size()))
        return false;
    return m_document->removeField(shown->id, shown->fields[size_t(row)].id, rulesToRemove);
}

Qt::DropActions FieldsModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList FieldsModel::mimeTypes() const
{
    return {s_rowMimeType};
}

QMimeData *FieldsModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(s_rowMimeType, QByteArray::number(indexes.constFirst().row()));
    return data;
}

bool FieldsModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (action != Qt::MoveAction || !data || !data->hasFormat(s_rowMimeType))
        return false;
    bool ok = false;
    const int from = data->data(s_rowMimeType).toInt(&ok);
    if (!ok)
        return false;
    int to = m_rows - 1;
    if (row >= 0)
        to = row > from ? row - 1 : row; // between rows: the row is taken out before it is put back
    else if (parent.isValid())
        to = parent.row(); // onto a row: take its place
    moveField(from, std::min(to, m_rows - 1));
    // The move is done by the command; returning false keeps the view from removing the source row.
    return false;
}

} // namespace Designer
