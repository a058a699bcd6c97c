// SPDX-License-Identifier: GPL-3.0-or-later
// SQL functions Basalt adds to its SQLite connections, for the filters SQLite has no operator for.
#include "sqlitefunctions.h"

#include "jsonfilters.h"
#include "textsearch.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlDriver>

#include <sqlite3.h>

#include <map>
#include <set>

namespace Runtime {

namespace {
/** How long the matches of one regular expression may take in one statement, in all: a pattern that
    backtracks catastrophically fails the request instead of holding a request thread. */
constexpr qint64 s_regexpBudgetNs = 2'000'000'000;

struct CompiledPattern
{
    QRegularExpression expression;
    qint64 spentNs = 0;
};

QString textOf(sqlite3_value *value)
{
    const auto *text = static_cast<const char16_t *>(sqlite3_value_text16(value));
    return text ? QString::fromUtf16(text, sqlite3_value_bytes16(value) / 2) : QString();
}

void fail(sqlite3_context *context, const QString &message)
{
    const QByteArray text = QByteArray(s_sqliteFunctionErrorPrefix) + message.toUtf8();
    sqlite3_result_error(context, text.constData(), int(text.size()));
}

void regexpFunction(sqlite3_context *context, int, sqlite3_value **args)
{
    auto *pattern = static_cast<CompiledPattern *>(sqlite3_get_auxdata(context, 0));
    if (!pattern) {
        const QString flags = textOf(args[1]);
        auto compiled = std::make_unique<CompiledPattern>();
        compiled->expression.setPattern(textOf(args[0]));
        if (flags.contains(QLatin1Char('i')))
            compiled->expression.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
        if (!compiled->expression.isValid()) {
            fail(context, QStringLiteral("invalid regular expression: %1 at position %2")
                              .arg(compiled->expression.errorString())
                              .arg(compiled->expression.patternErrorOffset() + 1));
            return;
        }
        compiled->expression.optimize();
        pattern = compiled.get();
        sqlite3_set_auxdata(context, 0, compiled.release(), [](void *p) { delete static_cast<CompiledPattern *>(p); });
        // SQLite may drop the auxiliary data at once (a pattern that is not constant): read it back.
        if (sqlite3_get_auxdata(context, 0) != pattern) {
            fail(context, QStringLiteral("the regular expression must be a constant"));
            return;
        }
    }
    if (sqlite3_value_type(args[2]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    if (pattern->spentNs > s_regexpBudgetNs) {
        fail(context, QStringLiteral("the regular expression takes too long to match; make it simpler"));
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const bool matched = pattern->expression.match(textOf(args[2])).hasMatch();
    pattern->spentNs += timer.nsecsElapsed();
    sqlite3_result_int(context, matched ? 1 : 0);
}

template<bool (*Test)(const QJsonValue &, const QJsonValue &)>
void jsonFunction(sqlite3_context *context, int, sqlite3_value **args)
{
    if (sqlite3_value_type(args[0]) == SQLITE_NULL || sqlite3_value_type(args[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    // The filter's value is the same for every row: parsed once per statement.
    auto *needle = static_cast<QJsonValue *>(sqlite3_get_auxdata(context, 1));
    std::unique_ptr<QJsonValue> parsed;
    if (!needle) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(args[1]));
        const std::optional<QJsonValue> value = parseJsonValue(QByteArray(text, sqlite3_value_bytes(args[1])));
        if (!value) {
            fail(context, QStringLiteral("the filter's value is not JSON"));
            return;
        }
        parsed = std::make_unique<QJsonValue>(*value);
        needle = parsed.get();
    }
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(args[0]));
    const std::optional<QJsonValue> haystack = parseJsonValue(QByteArray(text, sqlite3_value_bytes(args[0])));
    sqlite3_result_int(context, haystack && Test(*haystack, *needle) ? 1 : 0);
    if (parsed)
        sqlite3_set_auxdata(context, 1, parsed.release(), [](void *p) { delete static_cast<QJsonValue *>(p); });
}

bool contains(const QJsonValue &a, const QJsonValue &b)
{
    return jsonContains(a, b);
}

// PostgreSQL's english stop words (share/tsearch_data/english.stop, from Snowball).
const std::set<QString> &englishStopWords()
{
    static const std::set<QString> words = [] {
        const QString list = QStringLiteral(
            "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers "
            "herself it its itself they them their theirs themselves what which who whom this that these those am "
            "is are was were be been being have has had having do does did doing a an the and but if or because as "
            "until while of at by for with about against between into through during before after above below to "
            "from up down in out on off over under again further then once here there when where why how all any "
            "both each few more most other some such no nor not only own same so than too very s t can will just "
            "don should now");
        std::set<QString> set;
        for (const QString &word : list.split(QLatin1Char(' ')))
            set.insert(word);
        return set;
    }();
    return words;
}

/** A tokenizer of SQLite's FTS5 (unicode61: words of letters and digits, case folded). */
class Fts5Tokens
{
public:
    Fts5Tokens(fts5_api *api, const char *name, std::vector<const char *> arguments)
    {
        void *context = nullptr;
        if (api->xFindTokenizer(api, name, &context, &m_api) == SQLITE_OK
            && m_api.xCreate(context, arguments.data(), int(arguments.size()), &m_tokenizer) != SQLITE_OK)
            m_tokenizer = nullptr;
    }
    ~Fts5Tokens()
    {
        if (m_tokenizer)
            m_api.xDelete(m_tokenizer);
    }
    Fts5Tokens(const Fts5Tokens &) = delete;
    Fts5Tokens &operator=(const Fts5Tokens &) = delete;

    bool isValid() const { return m_tokenizer; }
    std::vector<QString> tokens(const QByteArray &utf8) const
    {
        std::vector<QString> out;
        m_api.xTokenize(m_tokenizer, &out, FTS5_TOKENIZE_DOCUMENT, utf8.constData(), int(utf8.size()),
            [](void *context, int, const char *token, int size, int, int) {
                static_cast<std::vector<QString> *>(context)->push_back(QString::fromUtf8(token, size));
                return SQLITE_OK;
            });
        return out;
    }

private:
    fts5_tokenizer m_api {};
    Fts5Tokenizer *m_tokenizer = nullptr;
};

/** A text search configuration: `simple` (lower-cased words) or `english` (stop words dropped, the rest
    reduced to their Porter stems). PostgreSQL's parser knows more kinds of tokens (e-mail addresses,
    hyphenated words, URLs); here every run of letters and digits is a word. */
class Fts5Lexer : public TextSearchLexer
{
public:
    Fts5Lexer(fts5_api *api, bool english)
        : m_words(api, "unicode61", {"remove_diacritics", "0"})
    {
        if (english)
            m_stems = std::make_unique<Fts5Tokens>(api, "porter", std::vector<const char *> {"unicode61", "remove_diacritics", "0"});
    }
    bool isValid() const { return m_words.isValid() && (!m_stems || m_stems->isValid()); }

    TextSearchLexemes lexemes(QStringView text) const override
    {
        const QByteArray utf8 = text.toUtf8();
        const std::vector<QString> words = m_words.tokens(utf8);
        const std::vector<QString> stems = m_stems ? m_stems->tokens(utf8) : std::vector<QString>();
        TextSearchLexemes out;
        for (size_t i = 0; i < words.size(); ++i) {
            if (m_stems && englishStopWords().count(words[i]))
                continue;
            out.push_back({i < stems.size() ? stems[i] : words[i], int(i) + 1});
        }
        return out;
    }

private:
    Fts5Tokens m_words;
    std::unique_ptr<Fts5Tokens> m_stems;
};

/** What basalt_text_search() keeps per connection: FTS5's API and a lexer per configuration. */
struct TextSearchContext
{
    fts5_api *api = nullptr;
    std::map<QString, std::unique_ptr<Fts5Lexer>> lexers;

    const Fts5Lexer *lexer(const QString &language)
    {
        auto it = lexers.find(language);
        if (it == lexers.end()) {
            if (!api || (language != u"english" && language != u"simple"))
                return nullptr;
            auto lexer = std::make_unique<Fts5Lexer>(api, language == u"english");
            if (!lexer->isValid())
                return nullptr;
            it = lexers.emplace(language, std::move(lexer)).first;
        }
        return it->second.get();
    }
};

fts5_api *fts5Api(sqlite3 *connection)
{
    fts5_api *api = nullptr;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(connection, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

struct ParsedTextSearch
{
    std::optional<TextSearchQuery> query;
    const Fts5Lexer *lexer = nullptr;
};

// basalt_text_search(form, language, query, document): tsvector @@ tsquery, see textsearch.h.
void textSearchFunction(sqlite3_context *context, int, sqlite3_value **args)
{
    auto *parsed = static_cast<ParsedTextSearch *>(sqlite3_get_auxdata(context, 2));
    std::unique_ptr<ParsedTextSearch> fresh;
    if (!parsed) {
        const QString language = textOf(args[1]).toLower();
        const std::optional<TextSearchForm> form = textSearchFormFromName(textOf(args[0]));
        const Fts5Lexer *lexer = static_cast<TextSearchContext *>(sqlite3_user_data(context))->lexer(language);
        if (!lexer || !form) {
            fail(context, QStringLiteral("text search configuration \"%1\" does not exist; use english or simple").arg(language));
            return;
        }
        Result<std::optional<TextSearchQuery>> query = parseTextSearchQuery(*form, textOf(args[2]), *lexer);
        if (!query) {
            fail(context, query.error().message);
            return;
        }
        fresh = std::make_unique<ParsedTextSearch>(ParsedTextSearch {std::move(*query), lexer});
        parsed = fresh.get();
    }
    if (sqlite3_value_type(args[3]) == SQLITE_NULL)
        sqlite3_result_null(context);
    else
        sqlite3_result_int(context, parsed->query && textSearchMatches(*parsed->query, parsed->lexer->lexemes(textOf(args[3]))));
    if (fresh)
        sqlite3_set_auxdata(context, 2, fresh.release(), [](void *p) { delete static_cast<ParsedTextSearch *>(p); });
}
} // namespace

Result<void> registerSqliteFunctions(QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return Error(ErrorCode::DatabaseOpenFailed, QStringLiteral("The SQLite driver gave no connection handle."));
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    const int results[] = {
        sqlite3_create_function_v2(connection, "basalt_regexp", 3, flags, nullptr, regexpFunction, nullptr, nullptr, nullptr),
        sqlite3_create_function_v2(connection, "basalt_json_contains", 2, flags, nullptr, jsonFunction<contains>, nullptr, nullptr, nullptr),
        sqlite3_create_function_v2(connection, "basalt_json_overlaps", 2, flags, nullptr, jsonFunction<jsonOverlaps>, nullptr, nullptr, nullptr),
        sqlite3_create_function_v2(connection, "basalt_text_search", 4, flags, new TextSearchContext {fts5Api(connection), {}},
            textSearchFunction, nullptr, nullptr, [](void *p) { delete static_cast<TextSearchContext *>(p); }),
    };
    for (const int result : results) {
        if (result != SQLITE_OK)
            return Error(ErrorCode::DatabaseOpenFailed, QStringLiteral("Could not add Basalt's SQL functions to SQLite."),
                QString::fromUtf8(sqlite3_errstr(result)));
    }
    return {};
}

} // namespace Runtime
