// SPDX-License-Identifier: GPL-3.0-or-later
// likePattern: a PostgREST like/ilike pattern as a regular expression, for filters applied in memory.
#include "likepattern.h"

namespace Runtime {

QRegularExpression likePattern(const QString &pattern, bool caseInsensitive)
{
    QString regex;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'\\' && i + 1 < pattern.size())
            regex += QRegularExpression::escape(QString(pattern.at(++i)));
        else if (c == u'*' || c == u'%')
            regex += QStringLiteral(".*");
        else if (c == u'_')
            regex += u'.';
        else
            regex += QRegularExpression::escape(QString(c));
    }
    QRegularExpression::PatternOptions options = QRegularExpression::DotMatchesEverythingOption;
    if (caseInsensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    return QRegularExpression(QRegularExpression::anchoredPattern(regex), options);
}

} // namespace Runtime
