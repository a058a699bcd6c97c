// SPDX-License-Identifier: GPL-3.0-or-later
// The question before deleting what permission rules use: remove those rules, keep them, or cancel.
#pragma once

#include "commands/ruleedits.h"

#include <QString>

#include <functional>

class QWidget;

namespace Designer {

enum class RuleUseAnswer { RemoveRules, KeepRules, Cancel };

/** Asks what to do with the rules \a uses before deleting \a what ("the field orders.customer_id"): remove
    them in the same step, keep them (the Problems pane then lists them until they are fixed), or cancel.
    Returns RemoveRules at once when \a uses is empty. */
RuleUseAnswer askAboutRuleUses(QWidget *parent, const QString &what, const QList<RuleUse> &uses);

/** Tests: answers in place of the message box while set, given the question's text. */
void setRuleUseAnswerHook(std::function<RuleUseAnswer(const QString &text)> hook);

} // namespace Designer
