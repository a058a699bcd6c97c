// SPDX-License-Identifier: GPL-3.0-or-later
// Caller: who makes a request (anon, a signed-in user, or the service role), as permission rules see it.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Runtime {

/** The identity a request runs as, resolved from its apikey and Authorization headers (see
    runtime/http/middleware/apikey.h) or, for X-Basalt-Explain, from a user id. A plain value, made per
    request and read by RecordStore and the rules. The service role bypasses every rule.

    Access tokens that Basalt mints carry: sub, email, role ("authenticated" or the user's custom role),
    session_id, aud "authenticated", iss "basalt", iat, exp, and app_metadata {provider, providers, plus
    every settings.jwtClaimFields value of the user's profile row}; `auth.claims.<name>` in a rule reads
    app_metadata.<name>. */
struct Caller
{
    enum class Kind { Anon, Authenticated, Service };

    Kind kind = Kind::Anon;
    QString userId;    ///< the token's sub; empty unless Authenticated
    QString email;     ///< the token's email; empty unless Authenticated
    QString role;      ///< "anon", "authenticated", "service_role" or a custom role's name
    QString sessionId; ///< the token's session_id; empty unless Authenticated
    QJsonObject claims; ///< the project claims: app_metadata minus provider/providers
    bool explain = false; ///< the service key asked X-Basalt-Explain: as-user=<id>; results carry an explanation

    static Caller anon() { return Caller {Kind::Anon, {}, {}, QStringLiteral("anon"), {}, {}, false}; }
    static Caller service() { return Caller {Kind::Service, {}, {}, QStringLiteral("service_role"), {}, {}, false}; }

    bool isService() const { return kind == Kind::Service; }
    bool isAnon() const { return kind == Kind::Anon; }

    /** Returns the roles whose permission rules apply to this caller, in order: {"anon"} for anon;
        {"authenticated"} plus the custom role, if role names one, for a signed-in user; {} for the
        service role (it needs no rule). Rules of several roles are combined with "or". */
    QStringList ruleRoles() const
    {
        switch (kind) {
        case Kind::Anon: return {QStringLiteral("anon")};
        case Kind::Service: return {};
        case Kind::Authenticated: break;
        }
        QStringList roles {QStringLiteral("authenticated")};
        if (!role.isEmpty() && role != QLatin1String("authenticated"))
            roles << role;
        return roles;
    }
};

} // namespace Runtime
