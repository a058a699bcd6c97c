// SPDX-License-Identifier: GPL-3.0-or-later
// Semantic validation of the channel rules: their patterns and each action's rule, by ChannelPolicy's code.
#include "jsonobjectreader.h"
#include "projectvalidator_p.h"
#include "rules/channelpolicy.h"

#include <QCoreApplication>

namespace Runtime {

void validateChannelRules(ProblemCollector &c)
{
    QHash<QString, QString> patterns; // pattern → path of its rule
    const std::vector<ChannelRule> &rules = c.project().channelRules;
    for (size_t i = 0; i < rules.size(); ++i) {
        const ChannelRule &rule = rules[i];
        const QString path = arrayPath("channelRules", i);
        if (const std::optional<RuleDiagnostic> problem = ChannelPolicy::checkPattern(rule.pattern)) {
            c.error(memberPath(path, "pattern"), rule.id, problem->toString());
            continue;
        }
        if (patterns.contains(rule.pattern)) {
            c.error(memberPath(path, "pattern"), rule.id,
                QCoreApplication::translate("ProjectValidator",
                    "the pattern \"%1\" already has rules (%2); put these rules there, combined with \"or\"")
                    .arg(rule.pattern, patterns.value(rule.pattern)));
            continue;
        }
        patterns.insert(rule.pattern, path);
        bool any = false;
        for (const ChannelAction action : {ChannelAction::Join, ChannelAction::Broadcast, ChannelAction::Track}) {
            const std::optional<QString> &expression = rule.rule(action);
            if (!expression)
                continue;
            any = true;
            const QByteArray key = channelActionName(action).toLatin1();
            if (const std::optional<RuleDiagnostic> problem
                = ChannelPolicy::checkRule(c.project(), rule.pattern, *expression))
                c.error(memberPath(path, key.constData()), rule.id, problem->toString());
        }
        if (!any)
            c.warning(path, rule.id,
                QCoreApplication::translate("ProjectValidator",
                    "the pattern \"%1\" has no rule for join, broadcast or track, so it lets nobody but the "
                    "service role; add a rule (empty lets everyone)")
                    .arg(rule.pattern));
    }
}

} // namespace Runtime
