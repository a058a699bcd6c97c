// SPDX-License-Identifier: GPL-3.0-or-later
// ScheduleEditor: the editor of one schedule: cron expression (in words, next runs), time zone, function.
#include "scheduleeditor.h"

#include "document/projectdocument.h"
#include "scheduling/cronexpression.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Designer {

namespace {
constexpr int s_runsShown = 5;
}

ScheduleEditor::ScheduleEditor(ProjectDocument *document, QWidget *parent)
    : PartEditor(document, parent)
{
    setObjectName(QStringLiteral("scheduleEditor"));
    m_cronEdit = new QLineEdit(this);
    m_cronEdit->setObjectName(QStringLiteral("scheduleCronEdit"));
    m_cronEdit->setPlaceholderText(QStringLiteral("0 3 * * *"));
    m_cronEdit->setToolTip(tr("Five fields: minute hour day-of-month month day-of-week; or @hourly, @daily, "
                              "@weekly, @monthly, @yearly"));
    m_cronWords = new QLabel(this);
    m_cronWords->setObjectName(QStringLiteral("scheduleCronWords"));
    m_cronWords->setWordWrap(true);
    m_cronWords->setTextFormat(Qt::PlainText);
    m_nextRuns = new QLabel(this);
    m_nextRuns->setObjectName(QStringLiteral("scheduleNextRuns"));
    m_nextRuns->setTextFormat(Qt::PlainText);
    m_nextRuns->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *cronBox = new QWidget(this);
    auto *cronLayout = new QVBoxLayout(cronBox);
    cronLayout->setContentsMargins(0, 0, 0, 0);
    cronLayout->setSpacing(2);
    cronLayout->addWidget(m_cronEdit);
    cronLayout->addWidget(m_cronWords);
    addField(tr("&Cron expression:"), cronBox, QStringLiteral("cron"));

    m_timeZoneCombo = new QComboBox(this);
    m_timeZoneCombo->setObjectName(QStringLiteral("scheduleTimeZoneCombo"));
    m_timeZoneCombo->setEditable(true);
    m_timeZoneCombo->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray &zone : QTimeZone::availableTimeZoneIds())
        m_timeZoneCombo->addItem(QString::fromUtf8(zone));
    m_timeZoneCombo->completer()->setFilterMode(Qt::MatchContains);
    m_timeZoneCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_timeZoneCombo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    addField(tr("&Time zone:"), m_timeZoneCombo, QStringLiteral("timeZone"));
    addField(tr("Next runs:"), m_nextRuns, QStringLiteral("nextRuns"));
    addField(tr("&Function:"), functionCombo(), QStringLiteral("function"));
    m_enabledCheck = new QCheckBox(tr("&Enabled"), this);
    m_enabledCheck->setObjectName(QStringLiteral("scheduleEnabledCheck"));
    form()->addRow(QString(), m_enabledCheck);
    m_descriptionEdit = new QPlainTextEdit(this);
    m_descriptionEdit->setObjectName(QStringLiteral("scheduleDescriptionEdit"));
    m_descriptionEdit->setPlaceholderText(tr("optional; what the schedule is for"));
    m_descriptionEdit->setTabChangesFocus(true);
    m_descriptionEdit->setFixedHeight(
        m_descriptionEdit->fontMetrics().lineSpacing() * 3 + 2 * m_descriptionEdit->frameWidth() + 8);
    addField(tr("&Description:"), m_descriptionEdit, QStringLiteral("description"));

    connect(m_cronEdit, &QLineEdit::textEdited, this, [this](const QString &cron) {
        Runtime::Schedule after = *schedule();
        after.cron = cron.trimmed();
        change(after, QStringLiteral("cron"));
        explainCron(); // also when the trimmed text equals the model's
    });
    connect(m_timeZoneCombo, &QComboBox::textActivated, this, &ScheduleEditor::timeZoneChosen);
    connect(m_timeZoneCombo->lineEdit(), &QLineEdit::editingFinished, this,
        [this]() { timeZoneChosen(m_timeZoneCombo->currentText()); });
    connect(m_enabledCheck, &QCheckBox::toggled, this, [this](bool enabled) {
        Runtime::Schedule after = *schedule();
        after.enabled = enabled;
        change(after);
    });
    connect(m_descriptionEdit, &QPlainTextEdit::textChanged, this, [this]() {
        if (!schedule() || m_descriptionEdit->toPlainText() == schedule()->description)
            return;
        Runtime::Schedule after = *schedule();
        after.description = m_descriptionEdit->toPlainText();
        change(after, QStringLiteral("description"));
    });
    refresh();
}

const Runtime::Schedule *ScheduleEditor::schedule() const
{
    return document() ? document()->schedule(partId()) : nullptr;
}

QString ScheduleEditor::title() const
{
    return schedule() ? tr("Schedule %1").arg(schedule()->name) : QString();
}

QString ScheduleEditor::cronText() const
{
    return m_cronWords->text();
}

QString ScheduleEditor::nextRunsText() const
{
    return m_nextRuns->text();
}

void ScheduleEditor::setReferenceTime(const QDateTime &time)
{
    m_referenceTime = time;
    if (schedule())
        explainCron();
}

bool ScheduleEditor::partExists() const
{
    return schedule() != nullptr;
}

QString ScheduleEditor::partName() const
{
    return schedule()->name;
}

Runtime::ObjectId ScheduleEditor::partFunctionId() const
{
    return schedule()->functionId;
}

void ScheduleEditor::refreshFields()
{
    const Runtime::Schedule &shown = *schedule();
    if (!m_cronEdit->hasFocus() || m_cronEdit->text().trimmed() != shown.cron)
        m_cronEdit->setText(shown.cron);
    if (!m_timeZoneCombo->hasFocus())
        m_timeZoneCombo->setCurrentText(shown.timeZone);
    m_enabledCheck->setChecked(shown.enabled);
    if (m_descriptionEdit->toPlainText() != shown.description)
        m_descriptionEdit->setPlainText(shown.description);
    explainCron();
}

void ScheduleEditor::explainCron()
{
    const Runtime::Result<Runtime::CronExpression> parsed
        = Runtime::CronExpression::parse(m_cronEdit->text().trimmed());
    if (!parsed) {
        // The validator reports parse()'s message under the field: said once, not twice.
        m_cronWords->clear();
        m_cronWords->hide();
        m_nextRuns->clear();
        return;
    }
    m_cronWords->show();
    m_cronWords->setText(parsed.value().describe());
    const QTimeZone zone(schedule()->timeZone.toUtf8());
    if (!zone.isValid()) {
        m_nextRuns->clear(); // the validator's message about the zone says why
        return;
    }
    QStringList runs;
    QDateTime time = m_referenceTime.isValid() ? m_referenceTime : QDateTime::currentDateTime();
    for (int i = 0; i < s_runsShown; ++i) {
        time = parsed.value().next(time, zone);
        if (!time.isValid())
            break;
        runs << QLocale().toString(time.toTimeZone(zone), QStringLiteral("ddd d MMM yyyy, HH:mm t"));
    }
    m_nextRuns->setText(runs.join(QLatin1Char('\n')));
}

void ScheduleEditor::change(const Runtime::Schedule &after, const QString &mergeKey)
{
    if (!isRefreshing())
        document()->changeSchedule(after, mergeKey);
}

void ScheduleEditor::renamePart(const QString &name)
{
    Runtime::Schedule after = *schedule();
    after.name = name;
    change(after, QStringLiteral("name"));
}

void ScheduleEditor::setPartFunction(const Runtime::ObjectId &functionId)
{
    Runtime::Schedule after = *schedule();
    after.functionId = functionId;
    change(after);
}

void ScheduleEditor::timeZoneChosen(const QString &zone)
{
    if (!schedule() || zone.trimmed() == schedule()->timeZone)
        return;
    Runtime::Schedule after = *schedule();
    after.timeZone = zone.trimmed();
    change(after);
}

} // namespace Designer
