// SPDX-License-Identifier: GPL-3.0-or-later
// ChannelPolicy: a project's channel rules compiled once; answers who may join, broadcast on and track
// presence on a private realtime channel.
#pragma once

#include "auth/caller.h"
#include "core/result.h"
#include "model/project.h"
#include "rules/rowrule.h"
#include "rules/rulecompiler.h"

#include <QRegularExpression>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace Runtime {

/** The channel rules of a project (ChannelRule), compiled once: each pattern to an anchored regular
    expression, each rule to an in-memory RowRule over a row of the pattern's `{name}` parts (text values),
    so that a rule is written and checked in the permission rule language and decided exactly as a table
    rule on such a row would be. Channel rules name no table: a dotted name other than auth.* is refused.
    Immutable; shared by every request thread (RealtimeEndpoint) and the REST broadcast handler. */
class ChannelPolicy
{
public:
    /** Returns the problem of \a pattern (empty, an unclosed or misnamed `{name}`, a name used twice, two
        wildcards side by side), with its 1-based column, or nothing. */
    static std::optional<RuleDiagnostic> checkPattern(const QString &pattern);

    /** Returns the problem of \a expression as a rule of channels named by \a pattern in \a project (a
        name the pattern does not bind, a path, an unknown claim, ...), or nothing. An empty rule is valid
        (everyone may). Used by the project validator and the designer. */
    static std::optional<RuleDiagnostic> checkRule(
        const Project &project, const QString &pattern, const QString &expression);

    /** Returns the policy of \a project's channel rules, or InvalidRule naming the first pattern or rule
        that does not compile. */
    static Result<std::shared_ptr<const ChannelPolicy>> compile(const Project &project);

    /** Returns true if \a caller may do \a action on the private channel named \a name (the name the client
        gave, without `realtime:`): the service role always; anyone else when a rule for \a action of a
        pattern that matches \a name holds for them. */
    bool allows(ChannelAction action, const QString &name, const Caller &caller) const;

    /** Returns true when the project has no channel rules (every private channel is the service role's). */
    bool isEmpty() const { return m_entries.empty(); }

private:
    struct Entry
    {
        QRegularExpression expression;
        QStringList names; ///< the `{name}` parts, in capture order
        std::array<std::optional<RowRule>, 3> rules; ///< by ChannelAction; nullopt: no rule
    };
    std::vector<Entry> m_entries;
};

} // namespace Runtime
