// SPDX-License-Identifier: GPL-3.0-or-later
// The question before deleting what permission rules use.
#include "ruleusequestion.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace Designer {

namespace {
std::function<RuleUseAnswer(const QString &)> &answerHook()
{
    static std::function<RuleUseAnswer(const QString &)> hook;
    return hook;
}
} // namespace

void setRuleUseAnswerHook(std::function<RuleUseAnswer(const QString &text)> hook)
{
    answerHook() = std::move(hook);
}

RuleUseAnswer askAboutRuleUses(QWidget *parent, const QString &what, const QList<RuleUse> &uses)
{
    if (uses.isEmpty())
        return RuleUseAnswer::RemoveRules;
    QStringList lines;
    for (const RuleUse &use : uses)
        lines << QStringLiteral("• ") + use.text;
    const QString text = QCoreApplication::translate("RuleUseQuestion", "%n permission rule(s) use %1:", nullptr, int(uses.size())).arg(what) + QLatin1Char('\n')
        + lines.join(QLatin1Char('\n')) + QStringLiteral("\n\n")
        + QCoreApplication::translate("RuleUseQuestion", "Remove these rules with it, or keep them? Kept rules are listed under Problems until you "
             "change them.");
    if (answerHook())
        return answerHook()(text);
    QMessageBox box(QMessageBox::Warning, QCoreApplication::translate("RuleUseQuestion", "Rules Use This"), text, QMessageBox::Cancel, parent);
    QPushButton *remove = box.addButton(QCoreApplication::translate("RuleUseQuestion", "&Remove Rules"), QMessageBox::DestructiveRole);
    QPushButton *keep = box.addButton(QCoreApplication::translate("RuleUseQuestion", "&Keep Rules"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == remove)
        return RuleUseAnswer::RemoveRules;
    if (box.clickedButton() == keep)
        return RuleUseAnswer::KeepRules;
    return RuleUseAnswer::Cancel;
}

} // namespace Designer
