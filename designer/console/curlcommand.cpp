// SPDX-License-Identifier: GPL-3.0-or-later
// CurlCommand: a console request as a curl command line, and a curl command line read back into one.
#include "curlcommand.h"

#include <QRegularExpression>
#include <QStringList>

namespace Designer {

namespace {

// Splits \a command into shell words; returns false (and sets \a error) on an unterminated quote.
bool splitWords(const QString &command, QStringList *words, QString *error)
{
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (c == QLatin1Char('\\')) {
            if (i + 1 < command.size() && (command.at(i + 1) == QLatin1Char('\n') || command.at(i + 1) == QLatin1Char('\r'))) {
                // A line continuation: drop the backslash and the line break (\r\n too).
                ++i;
                if (command.at(i) == QLatin1Char('\r') && i + 1 < command.size() && command.at(i + 1) == QLatin1Char('\n'))
                    ++i;
                continue;
            }
            if (i + 1 < command.size())
                word += command.at(++i);
            inWord = true;
        } else if (c == QLatin1Char('\'')) {
            const qsizetype end = command.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0) {
                *error = CurlCommand::tr("The quote opened at character %1 is never closed.").arg(i + 1);
                return false;
            }
            word += command.mid(i + 1, end - i - 1);
            i = end;
            inWord = true;
        } else if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            for (; j < command.size() && command.at(j) != QLatin1Char('"'); ++j) {
                const QChar d = command.at(j);
                if (d == QLatin1Char('\\') && j + 1 < command.size()
                    && QStringLiteral("\"\\$`\n").contains(command.at(j + 1))) {
                    if (command.at(j + 1) != QLatin1Char('\n'))
                        word += command.at(j + 1);
                    ++j;
                } else {
                    word += d;
                }
            }
            if (j >= command.size()) {
                *error = CurlCommand::tr("The quote opened at character %1 is never closed.").arg(i + 1);
                return false;
            }
            i = j;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words->append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words->append(word);
    return true;
}

Runtime::Error invalid(const QString &message)
{
    return Runtime::Error(Runtime::ErrorCode::InvalidArgument, message);
}

bool isHarmless(const QString &option)
{
    static const QStringList flags {QStringLiteral("--compressed"), QStringLiteral("--silent"),
        QStringLiteral("--show-error"), QStringLiteral("--verbose"), QStringLiteral("--include"),
        QStringLiteral("--location"), QStringLiteral("--insecure"), QStringLiteral("--fail"),
        QStringLiteral("--globoff"), QStringLiteral("--no-progress-meter")};
    if (flags.contains(option))
        return true;
    // Combined short flags such as -sS or -sSL that only change curl's own output.
    static const QRegularExpression shortFlags(QStringLiteral("^-[sSvikLfg]+$"));
    return shortFlags.match(option).hasMatch();
}

// What the options of a curl command read so far say.
struct ParsedCurl
{
    ConsoleRequest request;
    QString method;
    QStringList data;
    bool get = false;
};

// Splits an option that carries its value in the same word (-XPOST, -H'Name: value', --data=x) into
// \a option and \a value; returns true if it did.
bool splitAttachedValue(QString *option, QString *value)
{
    if (option->size() > 2 && option->startsWith(QLatin1Char('-')) && !option->startsWith(QLatin1String("--"))
        && QStringLiteral("XHd").contains(option->at(1))) {
        *value = option->mid(2);
        *option = option->left(2);
        return true;
    }
    if (option->startsWith(QLatin1String("--")) && option->contains(QLatin1Char('='))) {
        *value = option->mid(option->indexOf(QLatin1Char('=')) + 1);
        *option = option->left(option->indexOf(QLatin1Char('=')));
        return true;
    }
    return false;
}

// Returns true if \a option takes a value.
bool takesValue(const QString &option)
{
    static const QStringList withValue {QStringLiteral("-X"), QStringLiteral("--request"),
        QStringLiteral("-H"), QStringLiteral("--header"), QStringLiteral("-d"), QStringLiteral("--data"),
        QStringLiteral("--data-raw"), QStringLiteral("--data-binary"), QStringLiteral("--data-ascii"),
        QStringLiteral("--json"), QStringLiteral("--url")};
    return withValue.contains(option);
}

// Applies the word \a option (an option with its \a value, or the URL) to \a parsed; returns why it
// cannot, or empty.
QString applyOption(const QString &option, const QString &value, ParsedCurl *parsed)
{
    ConsoleRequest &request = parsed->request;
    if (option == QLatin1String("-X") || option == QLatin1String("--request")) {
        parsed->method = value.toUpper();
    } else if (option == QLatin1String("-H") || option == QLatin1String("--header")) {
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return CurlCommand::tr("The header \"%1\" has no \"Name: value\" form.").arg(value);
        request.headers.append({value.left(colon).trimmed(), value.mid(colon + 1).trimmed()});
    } else if (option.startsWith(QLatin1String("--data")) || option == QLatin1String("-d")) {
        if (value.startsWith(QLatin1Char('@')) && option != QLatin1String("--data-raw"))
            return CurlCommand::tr("%1 %2 reads a file; paste the file's content instead.").arg(option, value);
        parsed->data << value;
    } else if (option == QLatin1String("--json")) {
        parsed->data << value;
        if (request.header(QStringLiteral("Content-Type")).isNull())
            request.headers.append({QStringLiteral("Content-Type"), QStringLiteral("application/json")});
        if (request.header(QStringLiteral("Accept")).isNull())
            request.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json")});
    } else if (option == QLatin1String("--url")) {
        request.url = value;
    } else if (option == QLatin1String("-G") || option == QLatin1String("--get")) {
        parsed->get = true;
    } else if (option.startsWith(QLatin1Char('-')) && option.size() > 1) {
        if (!isHarmless(option))
            return CurlCommand::tr("The curl option %1 is not supported by the console; remove it and paste again.").arg(option);
    } else if (request.url.isEmpty()) {
        request.url = option;
    } else {
        return CurlCommand::tr("The command names two URLs (\"%1\" and \"%2\").").arg(request.url, option);
    }
    return {};
}

// Returns the request \a parsed describes: its data in the query (with -G) or as the body, and the
// method given or implied (GET, or POST with data).
ConsoleRequest finishedRequest(const ParsedCurl &parsed)
{
    ConsoleRequest request = parsed.request;
    if (parsed.get) {
        if (!parsed.data.isEmpty())
            request.url += (request.url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + parsed.data.join(QLatin1Char('&'));
        request.method = parsed.method.isEmpty() ? QStringLiteral("GET") : parsed.method;
    } else {
        request.body = parsed.data.join(QLatin1Char('&'));
        request.method = !parsed.method.isEmpty() ? parsed.method : parsed.data.isEmpty() ? QStringLiteral("GET") : QStringLiteral("POST");
    }
    return request;
}

// Returns \a command without the shell comment lines before it (a copy may start with one).
QString withoutLeadingComments(const QString &command)
{
    QString rest = command.trimmed();
    while (rest.startsWith(QLatin1Char('#'))) {
        const qsizetype end = rest.indexOf(QLatin1Char('\n'));
        rest = end < 0 ? QString() : rest.mid(end + 1).trimmed();
    }
    return rest;
}

} // namespace

QString CurlCommand::shellQuote(const QString &argument)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(argument).hasMatch())
        return argument;
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString CurlCommand::toCurl(const ConsoleRequest &resolved)
{
    QStringList lines;
    QString first = QStringLiteral("curl");
    const QString method = resolved.method.toUpper();
    const bool defaultMethod = resolved.body.isEmpty() ? method == QLatin1String("GET") : method == QLatin1String("POST");
    if (!defaultMethod)
        first += QStringLiteral(" -X ") + shellQuote(method);
    first += QLatin1Char(' ') + shellQuote(resolved.url);
    lines << first;
    for (const auto &[name, value] : resolved.headers)
        lines << QStringLiteral("  -H ") + shellQuote(name + QStringLiteral(": ") + value);
    if (!resolved.body.isEmpty())
        lines << QStringLiteral("  --data-raw ") + shellQuote(resolved.body);
    return lines.join(QStringLiteral(" \\\n"));
}

bool CurlCommand::looksLikeCurl(const QString &text)
{
    const QString trimmed = withoutLeadingComments(text);
    return trimmed.startsWith(QLatin1String("curl ")) || trimmed.startsWith(QLatin1String("curl\t"));
}

Runtime::Result<ConsoleRequest> CurlCommand::parse(const QString &command)
{
    QStringList words;
    QString error;
    if (!splitWords(withoutLeadingComments(command), &words, &error))
        return invalid(error);
    if (words.isEmpty() || words.first() != QLatin1String("curl"))
        return invalid(tr("A curl command starts with \"curl\"."));
    ParsedCurl parsed;
    parsed.request.auth = ConsoleAuth::None;
    for (qsizetype i = 1; i < words.size(); ++i) {
        QString option = words.at(i);
        QString value;
        const bool attached = splitAttachedValue(&option, &value);
        if (takesValue(option) && !attached) {
            if (i + 1 >= words.size())
                return invalid(tr("The option %1 needs a value after it.").arg(option));
            value = words.at(++i);
        }
        if (const QString problem = applyOption(option, value, &parsed); !problem.isEmpty())
            return invalid(problem);
    }
    if (parsed.request.url.isEmpty())
        return invalid(tr("The curl command has no URL."));
    return finishedRequest(parsed);
}

} // namespace Designer
