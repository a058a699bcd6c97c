// SPDX-License-Identifier: GPL-3.0-or-later
// ResponseView: the request console's answer pane: status, time, size, headers, body and explanation.
#include "responseview.h"

#include "jsoneditor.h"
#include "keyvaluetable.h"
#include "run/apiclient.h"
#include "widgets/palettecolors.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Designer {

namespace {

QColor statusColor(int status, bool dark)
{
    if (status >= 200 && status < 300)
        return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    if (status >= 300 && status < 400)
        return dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
    if (status >= 400 && status < 500)
        return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xc7, 0x5b, 0x00);
    return dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
}

QString count(const QJsonObject &entry, const char *key)
{
    const QJsonValue value = entry.value(QLatin1String(key));
    return value.isUndefined() ? QString() : QLocale().toString(value.toInteger());
}

} // namespace

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_time(new QLabel(this))
    , m_size(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_raw(new QCheckBox(tr("Raw"), this))
    , m_tabs(new QTabWidget(this))
    , m_body(new JsonEditor(this))
    , m_headers(new KeyValueTable(tr("Header"), tr("Value"), this))
    , m_explainPage(new QWidget(this))
    , m_explainSummary(new QLabel(m_explainPage))
    , m_explainTree(new QTreeWidget(m_explainPage))
{
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status);
    bar->addSpacing(12);
    bar->addWidget(m_time);
    bar->addSpacing(12);
    bar->addWidget(m_size);
    bar->addStretch(1);
    bar->addWidget(m_raw);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Messages (no response yet, a network error) wrap instead of widening the window.
    m_status->setWordWrap(true);
    bar->setStretch(0, 1);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_status->setObjectName(QStringLiteral("responseStatus"));
    m_raw->setToolTip(tr("Show the body exactly as it arrived"));
    m_hint->setObjectName(QStringLiteral("responseHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->hide();

    m_body->setReadOnly(true);
    m_headers->setReadOnly(true);
    m_explainSummary->setWordWrap(true);
    m_explainSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explainTree->setHeaderLabels({tr("Table"), tr("Operation"), tr("Access"), tr("Matched"), tr("Allowed"), tr("Excluded")});
    m_explainTree->setWordWrap(true);
    m_explainTree->header()->setStretchLastSection(false);
    m_explainTree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto *explainLayout = new QVBoxLayout(m_explainPage);
    explainLayout->setContentsMargins(4, 4, 4, 4);
    explainLayout->addWidget(m_explainSummary);
    explainLayout->addWidget(m_explainTree, 1);

    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_explainPage, tr("Explain"));
    m_tabs->setTabEnabled(2, false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_hint);
    layout->addWidget(m_tabs, 1);
    connect(m_raw, &QCheckBox::toggled, this, &ResponseView::showBody);
    showMessage(tr("No response yet: fill in a request and press Send (Ctrl+Return)."), false);
}

void ResponseView::showReply(const ApiReply &reply)
{
    showHint({});
    const bool dark = isDarkPalette(palette());
    QPalette statusPalette = m_status->palette();
    statusPalette.setColor(QPalette::WindowText, statusColor(reply.status, dark));
    m_status->setPalette(statusPalette);
    if (reply.status == 0) {
        m_status->setText(tr("No answer: %1").arg(reply.networkError));
    } else {
        m_status->setText(QStringLiteral("%1 %2").arg(reply.status).arg(QString::fromUtf8(reply.reason)));
    }
    m_time->setText(tr("%1 ms").arg(QLocale().toString(reply.elapsedMs, 'f', 1)));
    m_size->setText(QLocale().formattedDataSize(reply.body.size(), 1, QLocale::DataSizeTraditionalFormat));
    QList<QPair<QString, QString>> headers;
    for (const auto &[name, value] : reply.headers)
        headers.append({QString::fromLatin1(name), QString::fromUtf8(value)});
    m_headers->setPairs(headers);
    m_rawBody = reply.body;
    const QByteArray type = reply.header("Content-Type");
    m_isJson = type.contains("json") || (type.isEmpty() && !QJsonDocument::fromJson(reply.body).isNull());
    showBody();
    const QByteArray explain = reply.header("X-Basalt-Explain");
    m_explanation = explain.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(explain).object();
    showExplanation();
    m_tabs->setTabEnabled(2, !m_explanation.isEmpty());
    m_tabs->setCurrentIndex(m_explanation.isEmpty() ? 0 : 2);
}

void ResponseView::showMessage(const QString &message, bool error)
{
    const bool dark = isDarkPalette(palette());
    QPalette statusPalette = m_status->palette();
    statusPalette.setColor(QPalette::WindowText,
        error ? statusColor(500, dark) : palette().color(QPalette::PlaceholderText));
    m_status->setPalette(statusPalette);
    m_status->setText(message);
    showHint({});
    m_time->clear();
    m_size->clear();
    m_headers->setPairs({});
    m_rawBody.clear();
    m_isJson = false;
    showBody();
    m_explanation = {};
    showExplanation();
    m_tabs->setTabEnabled(2, false);
    m_tabs->setCurrentIndex(0);
}

void ResponseView::showPending()
{
    showMessage(tr("Sending…"), false);
}

void ResponseView::showHint(const QString &hint)
{
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

QString ResponseView::hintText() const
{
    return m_hint->text();
}

QString ResponseView::statusText() const
{
    return m_status->text();
}

QString ResponseView::bodyText() const
{
    return m_body->text();
}

void ResponseView::showBody()
{
    // A huge body would stall the editor; the first part is what a person reads anyway.
    constexpr qsizetype shownLimit = 4 * 1024 * 1024;
    const bool cut = m_rawBody.size() > shownLimit;
    const QByteArray shown = cut ? m_rawBody.left(shownLimit) : m_rawBody;
    const bool pretty = m_isJson && !m_raw->isChecked() && !cut;
    m_body->setHighlighting(m_isJson);
    m_body->setText(pretty ? JsonEditor::prettyPrinted(shown) : QString::fromUtf8(shown));
    if (cut)
        m_size->setText(tr("%1 (showing the first %2)")
                            .arg(QLocale().formattedDataSize(m_rawBody.size(), 1, QLocale::DataSizeTraditionalFormat),
                                QLocale().formattedDataSize(shownLimit, 0, QLocale::DataSizeTraditionalFormat)));
}

void ResponseView::showExplanation()
{
    m_explainTree->clear();
    if (m_explanation.isEmpty()) {
        m_explainSummary->clear();
        return;
    }
    const QString user = m_explanation.value(QStringLiteral("user")).toString();
    const QString role = m_explanation.value(QStringLiteral("role")).toString();
    const bool refused = m_explanation.value(QStringLiteral("decision")).toString() == QLatin1String("refused");
    QString summary = user.isEmpty() ? tr("Ran as role %1 (no user).").arg(role) : tr("Ran as user %1 with role %2.").arg(user, role);
    summary += QLatin1Char(' ') + (refused ? tr("Refused.") : tr("Allowed."));
    const QString reason = m_explanation.value(QStringLiteral("reason")).toString();
    if (!reason.isEmpty())
        summary += QLatin1Char(' ') + tr("Reason: %1").arg(reason);
    m_explainSummary->setText(summary);
    for (const QJsonValue &value : m_explanation.value(QStringLiteral("tables")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString grant = entry.value(QStringLiteral("grant")).toString();
        QString access = grant;
        if (grant == QLatin1String("denied"))
            access = tr("denied: no rule for this role");
        else if (grant == QLatin1String("unrestricted"))
            access = tr("every row");
        else if (grant == QLatin1String("conditional"))
            access = tr("rows matching the rules");
        auto *item = new QTreeWidgetItem(m_explainTree,
            {entry.value(QStringLiteral("table")).toString(), entry.value(QStringLiteral("operation")).toString(),
                access, count(entry, "matched"), count(entry, "allowed"), count(entry, "excluded")});
        for (const QJsonValue &rule : entry.value(QStringLiteral("rules")).toArray())
            new QTreeWidgetItem(item, {tr("rule: %1").arg(rule.toString())});
        const QString condition = entry.value(QStringLiteral("condition")).toString();
        if (!condition.isEmpty())
            new QTreeWidgetItem(item, {tr("SQL: %1").arg(condition)});
        for (int i = 0; i < item->childCount(); ++i)
            item->child(i)->setFirstColumnSpanned(true);
        item->setExpanded(true);
    }
    for (int column = 1; column < m_explainTree->columnCount(); ++column)
        m_explainTree->resizeColumnToContents(column);
}

QString ResponseView::explanationText() const
{
    QStringList lines {m_explainSummary->text()};
    for (int i = 0; i < m_explainTree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_explainTree->topLevelItem(i);
        QStringList columns;
        for (int c = 0; c < m_explainTree->columnCount(); ++c)
            columns << item->text(c);
        lines << columns.join(QStringLiteral(" | "));
        for (int k = 0; k < item->childCount(); ++k)
            lines << QStringLiteral("  ") + item->child(k)->text(0);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace Designer
