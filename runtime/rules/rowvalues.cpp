// SPDX-License-Identifier: GPL-3.0-or-later
// Row values: reads a row's JSON values by column type and compares them as each engine's SQL does.
#include "rowvalues_p.h"

#include "storage/database.h"

#include <cmath>

namespace Runtime::RowValues {

namespace {

int compareIntegerNumber(qint64 i, double d)
{
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    const double t = std::trunc(d);
    const qint64 ti = qint64(t);
    if (i != ti)
        return i < ti ? -1 : 1;
    return d > t ? -1 : (d < t ? 1 : 0);
}

// Compares two numeric values exactly (an integer against a double too); nothing if either is not numeric.
std::optional<int> compareNumbers(const Value &a, const Value &b)
{
    if (const qint64 *x = std::get_if<qint64>(&a)) {
        if (const qint64 *y = std::get_if<qint64>(&b))
            return *x == *y ? 0 : (*x < *y ? -1 : 1);
        if (const double *y = std::get_if<double>(&b))
            return compareIntegerNumber(*x, *y);
        return std::nullopt;
    }
    if (const double *x = std::get_if<double>(&a)) {
        if (const double *y = std::get_if<double>(&b))
            return *x == *y ? 0 : (*x < *y ? -1 : 1);
        if (const qint64 *y = std::get_if<qint64>(&b))
            return -compareIntegerNumber(*y, *x);
    }
    return std::nullopt;
}

// The text a value compares as with a text column: an integer claim against an enum column binds as its
// digits on both engines; a boolean or number claim binds differently on each (nothing).
std::optional<QString> textOf(const Value &v)
{
    if (const QString *s = std::get_if<QString>(&v))
        return *s;
    if (const qint64 *i = std::get_if<qint64>(&v))
        return QString::number(*i);
    return std::nullopt;
}

// Two bound values with no column to type them. SQLite compares by storage class (numbers below text,
// booleans bound as 0/1); PostgreSQL resolves two untyped parameters as text, and a boolean binds as
// "true"/"false" (a double's spelling is the driver's, left to the database).
std::optional<int> compareUntyped(const Value &a, const Value &b, DatabaseEngine engine)
{
    const QString *sa = std::get_if<QString>(&a);
    const QString *sb = std::get_if<QString>(&b);
    if (sa && sb)
        return compareText(*sa, *sb);
    if (engine == DatabaseEngine::SQLite) {
        const auto numeric = [](const Value &v) -> Value {
            if (const bool *b = std::get_if<bool>(&v))
                return qint64(*b ? 1 : 0);
            return v;
        };
        if (sa || sb)
            return sa ? 1 : -1;
        return compareNumbers(numeric(a), numeric(b));
    }
    const auto text = [](const Value &v) -> std::optional<QString> {
        if (const bool *b = std::get_if<bool>(&v))
            return *b ? QStringLiteral("true") : QStringLiteral("false");
        return textOf(v);
    };
    const std::optional<QString> ta = text(a);
    const std::optional<QString> tb = text(b);
    if (!ta || !tb)
        return std::nullopt;
    return compareText(*ta, *tb);
}

std::optional<int> compareInDomain(Domain domain, const Value &a, const Value &b, DatabaseEngine engine)
{
    switch (domain) {
    case Domain::Numeric:
        return compareNumbers(a, b);
    case Domain::Boolean: {
        const bool *x = std::get_if<bool>(&a);
        const bool *y = std::get_if<bool>(&b);
        if (!x || !y)
            return std::nullopt;
        return int(*x) - int(*y);
    }
    case Domain::Text:
    case Domain::Key: {
        const std::optional<QString> x = textOf(a);
        const std::optional<QString> y = textOf(b);
        if (!x || !y)
            return std::nullopt;
        return compareText(*x, *y);
    }
    case Domain::DateTime: {
        const QString *x = std::get_if<QString>(&a);
        const QString *y = std::get_if<QString>(&b);
        if (!x || !y)
            return std::nullopt;
        const int c = compareText(*x, *y);
        if (c == 0 && engine == DatabaseEngine::PostgreSQL)
            return std::nullopt; // equal to the millisecond: the column may hold more
        return c;
    }
    case Domain::Untyped:
        return compareUntyped(a, b, engine);
    case Domain::Query:
        break;
    }
    return std::nullopt;
}

enum class Category { Numeric, Boolean, Text, Uuid, Date, DateTime, Other };

Category categoryOf(FieldType type)
{
    switch (type) {
    case FieldType::Integer:
    case FieldType::Number:
        return Category::Numeric;
    case FieldType::Boolean:
        return Category::Boolean;
    case FieldType::Uuid:
        return Category::Uuid;
    case FieldType::Date:
        return Category::Date;
    case FieldType::DateTime:
        return Category::DateTime;
    case FieldType::Json:
    case FieldType::TextArray:
    case FieldType::IntegerArray:
        return Category::Other;
    default:
        return Category::Text;
    }
}

} // namespace

Op opFromSql(const QString &op)
{
    if (op == QLatin1String("<>"))
        return Op::Ne;
    if (op == QLatin1String("<"))
        return Op::Lt;
    if (op == QLatin1String("<="))
        return Op::Le;
    if (op == QLatin1String(">"))
        return Op::Gt;
    if (op == QLatin1String(">="))
        return Op::Ge;
    return Op::Eq;
}

Value fromVariant(const QVariant &v)
{
    if (v.isNull())
        return {};
    switch (v.typeId()) {
    case QMetaType::Bool:
        return v.toBool();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return v.toLongLong();
    case QMetaType::Double:
        return v.toDouble();
    default:
        break;
    }
    QString text = v.toString();
    if (text.isNull())
        return {}; // the drivers bind a null QString as NULL
    return text;
}

std::optional<Value> fromJson(FieldType type, const QJsonValue &json)
{
    if (json.isNull())
        return Value {};
    switch (type) {
    case FieldType::Integer: {
        const qint64 i = json.toInteger(0);
        if (!json.isDouble() || (i == 0 && json.toDouble() != 0))
            return std::nullopt;
        return i;
    }
    case FieldType::Number:
        return json.isDouble() ? std::optional<Value>(json.toDouble()) : std::nullopt;
    case FieldType::Boolean:
        return json.isBool() ? std::optional<Value>(json.toBool()) : std::nullopt;
    case FieldType::Json:
    case FieldType::TextArray:
    case FieldType::IntegerArray:
        return std::nullopt; // never compared in memory (Domain::Query)
    default:
        return json.isString() ? std::optional<Value>(json.toString()) : std::nullopt;
    }
}

// Returns <0, 0, >0 comparing UTF-16 texts in code point order (UTF-8 byte order): surrogates sort above
// U+E000..U+FFFF, unlike in QString::compare.
int compareText(QStringView a, QStringView b)
{
    const auto fixup = [](char16_t u) -> int {
        if (u < 0xD800)
            return u;
        return u < 0xE000 ? u + 0x2000 : u - 0x800;
    };
    const qsizetype n = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t x = a[i].unicode();
        const char16_t y = b[i].unicode();
        if (x != y)
            return fixup(x) < fixup(y) ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

Domain domainOf(std::optional<FieldType> a, std::optional<FieldType> b)
{
    if (!a && !b)
        return Domain::Untyped;
    const Category c = categoryOf(a ? *a : *b);
    if (a && b && categoryOf(*b) != c)
        return Domain::Query; // PostgreSQL refuses most mixes, SQLite converts by affinity
    switch (c) {
    case Category::Numeric:
        return Domain::Numeric;
    case Category::Boolean:
        return Domain::Boolean;
    case Category::DateTime:
        return Domain::DateTime;
    case Category::Other:
        return Domain::Query;
    case Category::Uuid:
    case Category::Date:
        return Domain::Key;
    default:
        return Domain::Text;
    }
}

Truth compare(Domain domain, Op op, const Value &a, const Value &b, const Target &target)
{
    if (std::holds_alternative<std::monostate>(a) || std::holds_alternative<std::monostate>(b))
        return Truth::Null;
    // Under a collation (deterministic, as every default one is) equal means the same code points, but
    // the order is the collation's.
    if (target.collatedText && op != Op::Eq && op != Op::Ne
        && (domain == Domain::Text
            || (domain == Domain::Untyped && target.engine == DatabaseEngine::PostgreSQL)))
        return Truth::Query;
    const std::optional<int> c = compareInDomain(domain, a, b, target.engine);
    if (!c)
        return Truth::Query;
    bool result = false;
    switch (op) {
    case Op::Eq:
        result = *c == 0;
        break;
    case Op::Ne:
        result = *c != 0;
        break;
    case Op::Lt:
        result = *c < 0;
        break;
    case Op::Le:
        result = *c <= 0;
        break;
    case Op::Gt:
        result = *c > 0;
        break;
    case Op::Ge:
        result = *c >= 0;
        break;
    }
    return result ? Truth::True : Truth::False;
}

Truth notOf(Truth t)
{
    switch (t) {
    case Truth::True:
        return Truth::False;
    case Truth::False:
        return Truth::True;
    default:
        return t;
    }
}

} // namespace Runtime::RowValues
