// SPDX-License-Identifier: GPL-3.0-or-later
// TriggerEditor: the editor of one trigger: its table or auth event, timing, event, function, enabled.
#include "triggereditor.h"

#include "document/projectdocument.h"
#include "logictexts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace Designer {

namespace {
// The target combo's data of the auth events (no table id looks like it).
const QString s_authTarget = QStringLiteral("\u0001auth");

QList<Runtime::TriggerEvent> eventsOf(bool auth)
{
    if (auth)
        return {Runtime::TriggerEvent::SignUp, Runtime::TriggerEvent::SignIn};
    return {Runtime::TriggerEvent::Insert, Runtime::TriggerEvent::Update, Runtime::TriggerEvent::Delete};
}
} // namespace

TriggerEditor::TriggerEditor(ProjectDocument *document, QWidget *parent)
    : PartEditor(document, parent)
{
    setObjectName(QStringLiteral("triggerEditor"));
    m_targetCombo = new QComboBox(this);
    m_targetCombo->setObjectName(QStringLiteral("triggerTargetCombo"));
    addField(tr("&On:"), m_targetCombo, QStringLiteral("table"));
    m_timingCombo = new QComboBox(this);
    m_timingCombo->setObjectName(QStringLiteral("triggerTimingCombo"));
    addField(tr("&Timing:"), m_timingCombo, QStringLiteral("timing"));
    m_eventCombo = new QComboBox(this);
    m_eventCombo->setObjectName(QStringLiteral("triggerEventCombo"));
    addField(tr("&Event:"), m_eventCombo, QStringLiteral("event"));
    addField(tr("&Function:"), functionCombo(), QStringLiteral("function"));
    m_enabledCheck = new QCheckBox(tr("&Enabled"), this);
    m_enabledCheck->setObjectName(QStringLiteral("triggerEnabledCheck"));
    form()->addRow(QString(), m_enabledCheck);
    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("triggerExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    form()->addRow(m_explanation);

    connect(m_targetCombo, &QComboBox::activated, this, &TriggerEditor::targetChosen);
    connect(m_timingCombo, &QComboBox::activated, this, [this]() {
        Runtime::Trigger after = *trigger();
        after.timing = Runtime::TriggerTiming(m_timingCombo->currentData().toInt());
        change(after);
    });
    connect(m_eventCombo, &QComboBox::activated, this, [this]() {
        Runtime::Trigger after = *trigger();
        after.event = Runtime::TriggerEvent(m_eventCombo->currentData().toInt());
        change(after);
    });
    connect(m_enabledCheck, &QCheckBox::toggled, this, [this](bool enabled) {
        Runtime::Trigger after = *trigger();
        after.enabled = enabled;
        change(after);
    });
    refresh();
}

const Runtime::Trigger *TriggerEditor::trigger() const
{
    return document() ? document()->trigger(partId()) : nullptr;
}

QString TriggerEditor::title() const
{
    return trigger() ? tr("Trigger %1").arg(trigger()->name) : QString();
}

QString TriggerEditor::explanation() const
{
    return m_explanation->text();
}

bool TriggerEditor::partExists() const
{
    return trigger() != nullptr;
}

QString TriggerEditor::partName() const
{
    return trigger()->name;
}

Runtime::ObjectId TriggerEditor::partFunctionId() const
{
    return trigger()->functionId;
}

void TriggerEditor::refreshFields()
{
    const Runtime::Trigger &shown = *trigger();
    const bool auth = Runtime::isAuthEvent(shown.event);
    m_targetCombo->clear();
    for (const Runtime::Table &table : document()->project().tables)
        m_targetCombo->addItem(table.name, table.id);
    if (!auth && !document()->project().table(shown.tableId))
        m_targetCombo->insertItem(0, tr("(choose a table)"), shown.tableId);
    m_targetCombo->insertSeparator(m_targetCombo->count());
    m_targetCombo->addItem(tr("Users (sign-up and sign-in)"), s_authTarget);
    m_targetCombo->setCurrentIndex(
        auth ? m_targetCombo->count() - 1 : m_targetCombo->findData(shown.tableId));

    m_timingCombo->clear();
    if (!auth) // an auth event's trigger runs after it: before is not offered
        m_timingCombo->addItem(tr("before (inside the write, may change or refuse the row)"),
            int(Runtime::TriggerTiming::Before));
    m_timingCombo->addItem(auth ? tr("after the event") : tr("after (once the write is committed)"),
        int(Runtime::TriggerTiming::After));
    m_timingCombo->setCurrentIndex(m_timingCombo->findData(int(shown.timing)));
    m_eventCombo->clear();
    for (Runtime::TriggerEvent event : eventsOf(auth))
        m_eventCombo->addItem(LogicTexts::eventName(event), int(event));
    m_eventCombo->setCurrentIndex(m_eventCombo->findData(int(shown.event)));
    m_enabledCheck->setChecked(shown.enabled);

    if (auth)
        m_explanation->setText(tr("The function receives the user as row. It runs after the event, off the "
                                  "request; a failure is logged and retried."));
    else if (shown.timing == Runtime::TriggerTiming::Before)
        m_explanation->setText(
            tr("The function receives row (the new row) and old (the row before an update "
               "or delete). It runs inside the write: it may change row, or throw new "
               "Error('...') to refuse the write (400 with the message, nothing written)."));
    else
        m_explanation->setText(
            tr("The function receives row (the new row) and old (the row before an update "
               "or delete). It runs after the commit, off the request; a failure is logged "
               "and retried."));
}

void TriggerEditor::change(const Runtime::Trigger &after, const QString &mergeKey)
{
    if (!isRefreshing())
        document()->changeTrigger(after, mergeKey);
}

void TriggerEditor::renamePart(const QString &name)
{
    Runtime::Trigger after = *trigger();
    after.name = name;
    change(after, QStringLiteral("name"));
}

void TriggerEditor::setPartFunction(const Runtime::ObjectId &functionId)
{
    Runtime::Trigger after = *trigger();
    after.functionId = functionId;
    change(after);
}

void TriggerEditor::targetChosen(int index)
{
    if (!trigger())
        return;
    Runtime::Trigger after = *trigger();
    const QString data = m_targetCombo->itemData(index).toString();
    if (data != s_authTarget && !document()->project().table(data))
        return; // the placeholder of a missing table
    const Runtime::ObjectId tableId = data == s_authTarget ? Runtime::ObjectId() : data;
    const bool wasAuth = Runtime::isAuthEvent(after.event);
    after.tableId = tableId;
    if (tableId.isEmpty() && !wasAuth) { // to the auth events: sign-up, after
        after.event = Runtime::TriggerEvent::SignUp;
        after.timing = Runtime::TriggerTiming::After;
    } else if (!tableId.isEmpty() && wasAuth) {
        after.event = Runtime::TriggerEvent::Insert;
    }
    change(after);
}

} // namespace Designer
