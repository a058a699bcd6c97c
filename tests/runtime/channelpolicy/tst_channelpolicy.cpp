// SPDX-License-Identifier: GPL-3.0-or-later
// ChannelPolicy: channel name patterns and channel rules decided for callers, without a server.
#include "rules/channelpolicy.h"

#include <QtTest>

using namespace Runtime;
using namespace Qt::StringLiterals;

namespace {

Caller member(const QJsonValue &organization, const QString &role = u"authenticated"_s)
{
    return Caller {Caller::Kind::Authenticated, u"00000000-0000-4000-8000-000000000001"_s, u"ann@example.com"_s,
        role, u"s"_s, QJsonObject {{u"organization_id"_s, organization}}, false};
}

Caller callerNamed(const QString &name)
{
    if (name == u"anon"_s)
        return Caller::anon();
    if (name == u"service"_s)
        return Caller::service();
    if (name == u"org 7"_s)
        return member(7);
    if (name == u"org '7'"_s)
        return member(u"7"_s);
    if (name == u"org 8"_s)
        return member(8);
    if (name == u"editor of org 8"_s)
        return member(8, u"editor"_s);
    qFatal("unknown caller %s", qPrintable(name));
}

/** Rooms: anyone joins, signed-in users broadcast. Organizations: members join and broadcast; editors
    track (also in other organizations: the rules of two patterns are combined with "or"). */
Project project()
{
    Project p;
    p.name = u"channels"_s;
    p.settings.jwtClaimFields = {u"organization_id"_s};
    p.roles = {Role {u"role_editor"_s, u"editor"_s, {}}};
    p.channelRules = {
        ChannelRule {u"chr_rooms"_s, u"room:*"_s, u""_s, u"auth.role = 'authenticated'"_s, std::nullopt, {}},
        ChannelRule {u"chr_orgs"_s, u"org:{organization_id}:{room}"_s,
            u"organization_id = auth.claims.organization_id"_s,
            u"organization_id = auth.claims.organization_id and room != 'announcements'"_s, std::nullopt, {}},
        ChannelRule {u"chr_editors"_s, u"org:*"_s, std::nullopt, std::nullopt, u"auth.role = 'editor'"_s, {}},
    };
    return p;
}

} // namespace

class tst_ChannelPolicy : public QObject
{
    Q_OBJECT

private slots:
    void allows_data();
    void allows();
    void problems_data();
    void problems();
};

void tst_ChannelPolicy::allows_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("caller");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("no pattern matches") << u"join"_s << u"lobby"_s << u"org 7"_s << false;
    QTest::newRow("no pattern matches: service") << u"join"_s << u"lobby"_s << u"service"_s << true;
    QTest::newRow("empty rule: anon") << u"join"_s << u"room:1"_s << u"anon"_s << true;
    QTest::newRow("* spans colons") << u"join"_s << u"room:1:2"_s << u"anon"_s << true;
    QTest::newRow("* may be empty") << u"join"_s << u"room:"_s << u"anon"_s << true;
    QTest::newRow("the whole name matches") << u"join"_s << u"aroom:1"_s << u"anon"_s << false;
    QTest::newRow("rule on auth: anon") << u"broadcast"_s << u"room:1"_s << u"anon"_s << false;
    QTest::newRow("rule on auth: user") << u"broadcast"_s << u"room:1"_s << u"org 8"_s << true;
    QTest::newRow("no rule for the action") << u"track"_s << u"room:1"_s << u"org 7"_s << false;
    QTest::newRow("part equals a number claim") << u"join"_s << u"org:7:chat"_s << u"org 7"_s << true;
    QTest::newRow("part equals a text claim") << u"join"_s << u"org:7:chat"_s << u"org '7'"_s << true;
    QTest::newRow("part differs") << u"join"_s << u"org:7:chat"_s << u"org 8"_s << false;
    QTest::newRow("part without a claim") << u"join"_s << u"org:7:chat"_s << u"anon"_s << false;
    QTest::newRow("a part stops at a colon") << u"join"_s << u"org:7:chat:x"_s << u"org 7"_s << false;
    QTest::newRow("a part is not empty") << u"join"_s << u"org::chat"_s << u"org 7"_s << false;
    QTest::newRow("second part in the rule") << u"broadcast"_s << u"org:7:announcements"_s << u"org 7"_s
                                             << false;
    QTest::newRow("second part, other value") << u"broadcast"_s << u"org:7:chat"_s << u"org 7"_s << true;
    QTest::newRow("patterns or: editor") << u"track"_s << u"org:7:chat"_s << u"editor of org 8"_s << true;
    QTest::newRow("patterns or: member") << u"track"_s << u"org:7:chat"_s << u"org 7"_s << false;
}

void tst_ChannelPolicy::allows()
{
    QFETCH(QString, action);
    QFETCH(QString, name);
    QFETCH(QString, caller);
    QFETCH(bool, allowed);
    const Result<std::shared_ptr<const ChannelPolicy>> policy = ChannelPolicy::compile(project());
    QVERIFY2(policy.hasValue(), policy ? "" : qPrintable(policy.error().message));
    QCOMPARE((*policy)->allows(*channelActionFromName(action), name, callerNamed(caller)), allowed);
}

void tst_ChannelPolicy::problems_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("expected"); // "" when both are valid
    QTest::newRow("valid") << u"org:{organization_id}:*"_s << u"organization_id = auth.claims.organization_id"_s
                           << QString();
    QTest::newRow("empty rule") << u"room:*"_s << QString() << QString();
    QTest::newRow("literal compared with a part") << u"room:{n}"_s << u"n in ('1', '2') and n != 3"_s
                                                  << QString();
    QTest::newRow("empty pattern") << QString() << QString()
                                   << u"column 1: the pattern is empty; write a channel name such as room:lobby, "
                                      "or room:* for every name starting with room:"_s;
    QTest::newRow("unclosed part") << u"room:{id"_s << QString()
                                   << u"column 6: \"{\" is not closed; write a part as {name}"_s;
    QTest::newRow("unknown name") << u"room:{id}"_s << u"idd = auth.uid"_s
                                  << u"column 1: unknown name \"idd\"; a channel rule compares auth values with "
                                     "the pattern's parts (id)"_s;
    QTest::newRow("path") << u"room:*"_s << u"rooms.owner_id = auth.uid"_s
                          << u"column 1: rooms.owner_id: a channel rule has no table to follow; compare auth "
                             "values with the pattern's parts (the pattern has none; write {name} in it)"_s;
    QTest::newRow("unknown claim") << u"room:*"_s << u"auth.claims.team = 'x'"_s
                                   << u"column 13: auth.claims.team is not a claim; add \"team\" to "
                                      "settings.jwtClaimFields or use one of: organization_id"_s;
    QTest::newRow("syntax") << u"room:*"_s << u"auth.role ="_s
                            << u"column 12: expected a value after \"=\", found the end of the rule"_s;
}

void tst_ChannelPolicy::problems()
{
    QFETCH(QString, pattern);
    QFETCH(QString, rule);
    QFETCH(QString, expected);
    std::optional<RuleDiagnostic> problem = ChannelPolicy::checkPattern(pattern);
    if (!problem)
        problem = ChannelPolicy::checkRule(project(), pattern, rule);
    QCOMPARE(problem ? problem->toString() : QString(), expected);
}

QTEST_GUILESS_MAIN(tst_ChannelPolicy)
#include "tst_channelpolicy.moc"
