// SPDX-License-Identifier: GPL-3.0-or-later
// RequestLogModel: the requests the running runtime answered, newest last, for the request log dock.
#include "requestlogmodel.h"

#include "widgets/palettecolors.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace Designer {

namespace {
constexpr qsizetype s_tooltipBodyChars = 600;
constexpr qsizetype s_tooltipSecretChars = 12;
constexpr qsizetype s_tooltipConsoleLines = 20;

/** Returns true when the application's palette is dark, so the highlight colours stay readable. */
bool darkPalette()
{
    return isDarkPalette(QGuiApplication::palette());
}

/** Returns \a value shortened for a tooltip when \a name carries a key or token. */
QString headerValueText(const QByteArray &name, const QByteArray &value)
{
    const QByteArray lower = name.toLower();
    const bool secret = lower == "authorization" || lower == "apikey" || lower == "cookie";
    if (secret && value.size() > s_tooltipSecretChars)
        return QString::fromLatin1(value.left(s_tooltipSecretChars)) + QStringLiteral("…");
    return QString::fromLatin1(value);
}

QString tooltip(const Runtime::RequestLogEntry &entry, const QString &user)
{
    const QLocale locale;
    QString text = QStringLiteral("<b>%1 %2</b><br>")
                       .arg(QString::fromLatin1(entry.method).toHtmlEscaped(), entry.target.toHtmlEscaped());
    text += RequestLogModel::tr("Status %1 in %2 ms, %3 answered")
                .arg(entry.status)
                .arg(locale.toString(entry.durationMs, 'f', 1), locale.formattedDataSize(entry.responseBytes))
                .toHtmlEscaped();
    text += QStringLiteral("<br>");
    text += (entry.role.isEmpty() ? RequestLogModel::tr("No key accepted")
                                  : RequestLogModel::tr("Role %1, user %2").arg(entry.role, user))
                .toHtmlEscaped();
    text += QStringLiteral("<br>%1").arg(entry.time.toLocalTime().toString(Qt::ISODateWithMs));
    QString headers;
    for (const auto &[name, value] : entry.requestHeaders)
        headers += QString::fromLatin1(name) + QStringLiteral(": ") + headerValueText(name, value)
            + QLatin1Char('\n');
    if (!headers.isEmpty()) {
        text += QStringLiteral("<p><b>%1</b></p><pre>%2</pre>")
                    .arg(RequestLogModel::tr("Request headers").toHtmlEscaped(),
                        headers.trimmed().toHtmlEscaped());
    }
    if (!entry.requestBody.isEmpty()) {
        QString body
            = QString::fromUtf8(entry.requestBody.left(s_tooltipBodyChars * 4)).left(s_tooltipBodyChars);
        const bool cut
            = entry.requestBodyTruncated || body.size() < QString::fromUtf8(entry.requestBody).size();
        if (cut)
            body += QStringLiteral("…");
        text += QStringLiteral("<p><b>%1</b></p><pre>%2</pre>")
                    .arg(RequestLogModel::tr("Request body").toHtmlEscaped(), body.toHtmlEscaped());
    }
    if (!entry.console.isEmpty()) { // what a function printed while answering
        QString lines;
        for (qsizetype i = 0; i < entry.console.size() && i < s_tooltipConsoleLines; ++i) {
            const Runtime::ConsoleLine &line = entry.console.at(i);
            lines += QStringLiteral("[%1] %2\n").arg(consoleLevelName(line.level), line.text.left(s_tooltipBodyChars));
        }
        if (entry.console.size() > s_tooltipConsoleLines)
            lines += QStringLiteral("…\n");
        text += QStringLiteral("<p><b>%1</b></p><pre>%2</pre>")
                    .arg(RequestLogModel::tr("Console (%n line(s))", nullptr, int(entry.console.size())).toHtmlEscaped(),
                        lines.trimmed().toHtmlEscaped());
    }
    text += QStringLiteral("<p><i>%1</i></p>")
                .arg(RequestLogModel::tr("Double-click, or press Enter, to open it in the request console.")
                         .toHtmlEscaped());
    return text;
}
} // namespace

RequestLogModel::RequestLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(s_batchIntervalMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &RequestLogModel::flush);
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestLogModel::userText(const Runtime::RequestLogEntry &entry)
{
    if (!entry.userEmail.isEmpty())
        return entry.userEmail;
    return entry.userId.isEmpty() ? entry.role : entry.userId;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Runtime::RequestLogEntry &entry = m_entries.at(index.row());
    const bool slow = entry.durationMs >= m_slowThresholdMs;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return entry.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case UserColumn:
            return userText(entry);
        case MethodColumn:
            return QString::fromLatin1(entry.method);
        case PathColumn:
            return entry.target;
        case StatusColumn:
            return entry.status;
        case DurationColumn:
            return tr("%1 ms").arg(QLocale().toString(entry.durationMs, 'f', 1));
        case SizeColumn:
            return QLocale().formattedDataSize(entry.responseBytes);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == StatusColumn || index.column() == DurationColumn
            || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (slow) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        return foreground(entry, index.column());
    case Qt::ToolTipRole:
        return tooltip(entry, userText(entry));
    case SlowRole:
        return slow;
    case ErrorRole:
        return entry.status >= 400;
    }
    return {};
}

QVariant RequestLogModel::foreground(const Runtime::RequestLogEntry &entry, int column) const
{
    const bool dark = darkPalette();
    if (column == DurationColumn && entry.durationMs >= m_slowThresholdMs)
        return QColor(dark ? QStringLiteral("#ffca28") : QStringLiteral("#a15c00"));
    if (entry.status >= 500)
        return QColor(dark ? QStringLiteral("#ff7b72") : QStringLiteral("#c62828"));
    if (entry.status >= 400)
        return QColor(dark ? QStringLiteral("#ffa657") : QStringLiteral("#b34700"));
    return {};
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case SizeColumn:
        return tr("Size");
    }
    return {};
}

void RequestLogModel::setCapacity(int capacity)
{
    m_capacity = qMax(1, capacity);
    trim();
}

void RequestLogModel::setSlowThresholdMs(double milliseconds)
{
    if (qFuzzyCompare(milliseconds + 1, m_slowThresholdMs + 1))
        return;
    m_slowThresholdMs = milliseconds;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void RequestLogModel::append(const Runtime::RequestLogEntry &entry)
{
    m_pending.append(entry);
    // Only the newest capacity() pending entries can ever be shown.
    if (m_pending.size() > m_capacity)
        m_pending.removeFirst();
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void RequestLogModel::flush()
{
    m_batchTimer.stop();
    if (m_pending.isEmpty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + int(m_pending.size()) - 1);
    m_entries.append(std::move(m_pending));
    m_pending = {};
    endInsertRows();
    trim();
}

void RequestLogModel::clear()
{
    m_batchTimer.stop();
    m_pending.clear();
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

void RequestLogModel::trim()
{
    const int excess = rowCount() - m_capacity;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_entries.remove(0, excess);
    endRemoveRows();
}

} // namespace Designer
