// SPDX-License-Identifier: GPL-3.0-or-later
// RequestLogDock: the request log's contents: filters, the list of answered requests, open in the console.
#include "requestlogdock.h"

#include "requestlogmodel.h"

#include "realtime/realtimehub.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace Designer {

/** Filters a RequestLogModel by text (path, user, role, method) and status class. */
class RequestLogFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setText(const QString &text)
    {
        m_text = text.trimmed();
        invalidateFilter();
    }
    void setStatusFilter(RequestLogDock::StatusFilter filter)
    {
        m_status = filter;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &) const override
    {
        const auto *model = static_cast<const RequestLogModel *>(sourceModel());
        const Runtime::RequestLogEntry &entry = model->entry(sourceRow);
        if (m_status == RequestLogDock::StatusFilter::Errors && entry.status < 400)
            return false;
        if (m_status == RequestLogDock::StatusFilter::ServerErrors && entry.status < 500)
            return false;
        if (m_text.isEmpty())
            return true;
        const auto matches
            = [this](const QString &value) { return value.contains(m_text, Qt::CaseInsensitive); };
        return matches(entry.target) || matches(entry.role) || matches(entry.userId)
            || matches(entry.userEmail) || matches(QString::fromLatin1(entry.method));
    }

private:
    QString m_text;
    RequestLogDock::StatusFilter m_status = RequestLogDock::StatusFilter::All;
};

RequestLogDock::RequestLogDock(QWidget *parent)
    : QWidget(parent)
    , m_model(new RequestLogModel(this))
    , m_filter(new RequestLogFilter(this))
{
    setObjectName(QStringLiteral("requestLog"));
    m_filter->setSourceModel(m_model);

    m_filterLine = new QLineEdit(this);
    m_filterLine->setObjectName(QStringLiteral("requestLogFilter"));
    m_filterLine->setPlaceholderText(tr("Filter by path, user or method"));
    m_filterLine->setClearButtonEnabled(true);
    m_statusCombo = new QComboBox(this);
    m_statusCombo->setObjectName(QStringLiteral("requestLogStatus"));
    m_statusCombo->addItem(tr("All statuses"), int(StatusFilter::All));
    m_statusCombo->addItem(tr("Errors (4xx, 5xx)"), int(StatusFilter::Errors));
    m_statusCombo->addItem(tr("Server errors (5xx)"), int(StatusFilter::ServerErrors));
    m_slowSpin = new QSpinBox(this);
    m_slowSpin->setObjectName(QStringLiteral("requestLogSlow"));
    m_slowSpin->setRange(1, 600000);
    m_slowSpin->setValue(int(m_model->slowThresholdMs()));
    m_slowSpin->setSuffix(tr(" ms"));
    m_slowSpin->setToolTip(tr("Requests taking at least this long are shown in bold."));
    auto *slowLabel = new QLabel(tr("&Slow from:"), this);
    slowLabel->setBuddy(m_slowSpin);
    m_clearButton = new QPushButton(tr("&Clear"), this);
    m_clearButton->setObjectName(QStringLiteral("requestLogClear"));
    m_clearButton->setToolTip(tr("Removes every request from the log."));
    m_realtime = new QLabel(this);
    m_realtime->setObjectName(QStringLiteral("requestLogRealtime"));
    m_realtime->setToolTip(tr("Realtime WebSocket connections open now, and the channels joined on them"));
    m_realtime->hide();

    createView();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filterLine, 1);
    bar->addWidget(m_statusCombo);
    bar->addWidget(slowLabel);
    bar->addWidget(m_slowSpin);
    bar->addWidget(m_clearButton);
    bar->addWidget(m_realtime);
    bar->addSpacing(m_realtime->fontMetrics().averageCharWidth());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_filterLine, &QLineEdit::textChanged, this, &RequestLogDock::setFilterText);
    connect(m_statusCombo, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setStatusFilter(StatusFilter(m_statusCombo->currentData().toInt())); });
    connect(
        m_slowSpin, &QSpinBox::valueChanged, m_model, [this](int ms) { m_model->setSlowThresholdMs(ms); });
    connect(m_clearButton, &QPushButton::clicked, m_model, &RequestLogModel::clear);
    connect(m_view, &QAbstractItemView::activated, this, &RequestLogDock::activated);
    connect(
        m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, &RequestLogDock::rowsAboutToBeInserted);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &RequestLogDock::rowsInserted);
}

RequestLogDock::~RequestLogDock()
{
    QObject::disconnect(m_hubConnection);
}

void RequestLogDock::setRealtimeHub(std::shared_ptr<Runtime::RealtimeHub> hub)
{
    if (hub == m_hub)
        return;
    QObject::disconnect(m_hubConnection);
    m_hub = std::move(hub);
    if (m_hub) // emitted on request threads: queued to this one
        m_hubConnection = connect(m_hub.get(), &Runtime::RealtimeHub::countsChanged, this,
            &RequestLogDock::showRealtimeCounts, Qt::QueuedConnection);
    showRealtimeCounts();
}

QString RequestLogDock::realtimeText() const
{
    return m_hub ? m_realtime->text() : QString();
}

void RequestLogDock::showRealtimeCounts()
{
    m_realtime->setVisible(m_hub != nullptr);
    if (!m_hub)
        return;
    m_realtime->setText(tr("Realtime: %1, %2")
                            .arg(tr("%n socket(s)", nullptr, m_hub->socketCount()),
                                tr("%n channel(s)", nullptr, m_hub->channelCount())));
}

void RequestLogDock::createView()
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("requestLogView"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(RequestLogModel::PathColumn, QHeaderView::Stretch);
}

void RequestLogDock::setFilterText(const QString &text)
{
    if (m_filterLine->text() != text)
        m_filterLine->setText(text); // comes back here through textChanged
    else
        m_filter->setText(text);
}

void RequestLogDock::setStatusFilter(StatusFilter filter)
{
    m_statusCombo->setCurrentIndex(m_statusCombo->findData(int(filter)));
}

void RequestLogDock::activated(const QModelIndex &index)
{
    const QModelIndex source = m_filter->mapToSource(index);
    if (source.isValid())
        emit openInConsole(m_model->entry(source.row()));
}

void RequestLogDock::rowsAboutToBeInserted()
{
    const QScrollBar *scrollBar = m_view->verticalScrollBar();
    m_followNewest = scrollBar->value() >= scrollBar->maximum();
}

void RequestLogDock::rowsInserted()
{
    if (m_followNewest)
        m_view->scrollToBottom();
}

} // namespace Designer
