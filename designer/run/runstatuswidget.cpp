// SPDX-License-Identifier: GPL-3.0-or-later
// RunStatusWidget: the status bar's view of the running runtime: state, URL, keys, waiting migrations.
#include "runstatuswidget.h"

#include "migrationdialog.h"
#include "runcontroller.h"
#include "widgets/elidedlabel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStatusBar>
#include <QToolButton>

namespace Designer {

namespace {
QString colorOf(RunController::State state, bool withError)
{
    switch (state) {
    case RunController::State::Running:
        return withError ? QStringLiteral("#e0a000") : QStringLiteral("#2e9d4b");
    case RunController::State::Starting:
    case RunController::State::Migrating:
        return QStringLiteral("#e0a000");
    case RunController::State::WaitingForConfirmation:
        return QStringLiteral("#e06c00");
    case RunController::State::Failed:
        return QStringLiteral("#d32f2f");
    case RunController::State::Stopped:
        break;
    }
    return QStringLiteral("#9e9e9e");
}

QPixmap dot(const QString &color, qreal ratio)
{
    const int size = 10;
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(color));
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return pixmap;
}
} // namespace

RunStatusWidget::RunStatusWidget(RunController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    m_dot = new QLabel(this);
    m_state = new QLabel(this);
    m_url = new QLabel(this);
    m_url->setTextFormat(Qt::RichText);
    m_url->setToolTip(tr("The running API's address. Click to copy it."));
    connect(m_url, &QLabel::linkActivated, this, &RunStatusWidget::copyUrl);
    m_copyAnon = new QToolButton(this);
    m_copyAnon->setText(tr("Copy anon key"));
    m_copyAnon->setToolTip(tr("Copies the anon key: the public key your app sends in its apikey header. "
                              "Requests with it follow the permission rules of the anon role."));
    connect(m_copyAnon, &QToolButton::clicked, this, &RunStatusWidget::copyAnonKey);
    m_copyService = new QToolButton(this);
    m_copyService->setText(tr("Copy service key"));
    m_copyService->setToolTip(tr("Copies the service key. It bypasses every permission rule: use it only "
                                 "in scripts and servers you control, never in an app you ship."));
    connect(m_copyService, &QToolButton::clicked, this, &RunStatusWidget::copyServiceKey);
    // A long failure ends at a word (the whole of it is the tooltip) instead of widening the window.
    m_message = new ElidedLabel(this);
    m_review = new QToolButton(this);
    m_review->setText(tr("Review…"));
    m_review->setToolTip(tr("Shows the schema changes that would lose data and lets you apply them."));
    connect(m_review, &QToolButton::clicked, this, &RunStatusWidget::review);
    for (QWidget *widget :
        {static_cast<QWidget *>(m_dot), static_cast<QWidget *>(m_state), static_cast<QWidget *>(m_url),
            static_cast<QWidget *>(m_copyAnon), static_cast<QWidget *>(m_copyService),
            static_cast<QWidget *>(m_message), static_cast<QWidget *>(m_review)})
        layout->addWidget(widget);
    connect(m_controller, &RunController::stateChanged, this, &RunStatusWidget::refresh);
    connect(m_controller, &RunController::targetChanged, this, &RunStatusWidget::refresh);
    connect(
        m_controller, &RunController::confirmationRequested, this, &RunStatusWidget::confirmationRequested);
    refresh();
}

QString RunStatusWidget::stateText() const
{
    return m_state->text();
}

void RunStatusWidget::refresh()
{
    const RunController::State state = m_controller->state();
    const QString error = m_controller->errorText();
    const bool serving = m_controller->target().isRunning();
    m_dotColor = colorOf(state, !error.isEmpty());
    m_dot->setPixmap(dot(m_dotColor, devicePixelRatioF()));
    const QString url = m_controller->target().baseUrl.toString();
    m_state->setText(
        serving && state == RunController::State::Running ? tr("Running") : m_controller->stateText());
    m_dot->setAccessibleName(m_controller->stateText());
    m_url->setText(serving ? QStringLiteral("<a href=\"%1\">%1</a>").arg(url.toHtmlEscaped()) : QString());
    m_url->setVisible(serving);
    m_copyAnon->setVisible(serving);
    m_copyService->setVisible(serving);
    const bool waiting = state == RunController::State::WaitingForConfirmation;
    QString message;
    if (waiting) {
        const QStringList losses = m_controller->pendingLosses();
        message = losses.size() > 1 ? tr("Would lose data: %1 (and %n more)", nullptr, int(losses.size() - 1))
                                          .arg(losses.constFirst())
                                    : tr("Would lose data: %1").arg(losses.value(0));
    } else if (!error.isEmpty())
        message = error.section(QLatin1Char('\n'), 0, 0);
    m_message->setText(message);
    m_message->setToolTip(waiting ? m_controller->pendingSummary() : error);
    m_message->setStyleSheet(
        state == RunController::State::Failed ? QStringLiteral("color: #d32f2f;") : QString());
    m_message->setVisible(!message.isEmpty());
    m_review->setVisible(waiting);
    if (!waiting && m_dialog)
        m_dialog->reject(); // answered elsewhere, or overtaken by later edits
}

void RunStatusWidget::confirmationRequested(const QString &summary)
{
    if (summary != m_declined)
        review();
}

void RunStatusWidget::review()
{
    const QString summary = m_controller->pendingSummary();
    if (summary.isEmpty())
        return;
    if (m_hook) {
        if (m_hook(summary))
            m_controller->confirmDestructive();
        else
            m_declined = summary;
        return;
    }
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new MigrationDialog(summary, window());
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::finished, this, [this, summary](int result) {
        // Applies only the migration that was shown: later edits may have replaced it meanwhile.
        if (result == QDialog::Accepted && m_controller->pendingSummary() == summary)
            m_controller->confirmDestructive();
        else
            m_declined = summary;
    });
    m_dialog->open();
}

void RunStatusWidget::copyUrl()
{
    QGuiApplication::clipboard()->setText(m_controller->target().baseUrl.toString());
    copied(tr("The API's URL is on the clipboard."));
}

void RunStatusWidget::copyAnonKey()
{
    QGuiApplication::clipboard()->setText(QString::fromLatin1(m_controller->target().anonKey));
    copied(tr("The anon key is on the clipboard."));
}

void RunStatusWidget::copyServiceKey()
{
    QGuiApplication::clipboard()->setText(QString::fromLatin1(m_controller->target().serviceKey));
    copied(tr("The service key is on the clipboard. It bypasses every permission rule: keep it secret."));
}

void RunStatusWidget::copied(const QString &message)
{
    if (auto *bar = qobject_cast<QStatusBar *>(parentWidget()))
        bar->showMessage(message, 4000);
}

} // namespace Designer
