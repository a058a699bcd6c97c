// SPDX-License-Identifier: GPL-3.0-or-later
// PostgreSQL's full-text search (`@@ to_tsquery(...)`) for SQLite: parsing the four query forms of
// PostgREST's fts/plfts/phfts/wfts and matching them against a document's lexemes.
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

namespace Runtime {

/** The query forms of PostgREST's text search operators. */
enum class TextSearchForm {
    Tsquery,   ///< `fts`: to_tsquery, with & | ! <-> <N> ( ) and :* prefixes
    Plain,     ///< `plfts`: plainto_tsquery, every word
    Phrase,    ///< `phfts`: phraseto_tsquery, the words in this order
    WebSearch, ///< `wfts`: websearch_to_tsquery, "quoted phrases", or, -word
};

/** One lexeme of a text and its word position (1-based; a stop word takes a position, gives no lexeme). */
struct TextSearchLexeme
{
    QString text;
    int position = 0;
};
using TextSearchLexemes = std::vector<TextSearchLexeme>;

/** Turns text into lexemes as a text search configuration does (see sqlitefunctions.cpp). */
class TextSearchLexer
{
public:
    virtual ~TextSearchLexer() = default;
    virtual TextSearchLexemes lexemes(QStringView text) const = 0;
};

/** A parsed query: a lexeme, or an operator over its children (Not: one; And, Or, Phrase: two). */
struct TextSearchQuery
{
    enum class Kind { Lexeme, And, Or, Not, Phrase };

    Kind kind = Kind::Lexeme;
    QString lexeme;
    bool prefix = false; ///< `:*`: matches the lexemes starting with this one
    int distance = 1;    ///< Phrase: how many positions the right side follows the left
    std::vector<TextSearchQuery> children;
};

/** The most lexemes and operators a query may hold. */
inline constexpr int s_maxTextSearchNodes = 256;

/** Parses \a text in \a form, normalising its words with \a lexer. Returns nothing when the query holds
    only stop words (it matches no row, as in PostgreSQL). Errors use PostgreSQL's wording
    (`syntax error in tsquery: "..."`). */
Result<std::optional<TextSearchQuery>> parseTextSearchQuery(TextSearchForm form, QStringView text,
    const TextSearchLexer &lexer);

/** Returns true if \a document matches \a query, as tsvector @@ tsquery does. */
bool textSearchMatches(const TextSearchQuery &query, const TextSearchLexemes &document);

/** Returns the form named \a name (fts, plfts, phfts, wfts), or nothing. */
std::optional<TextSearchForm> textSearchFormFromName(QStringView name);

} // namespace Runtime
