// SPDX-License-Identifier: GPL-3.0-or-later
// parseRequestHead(): the head of a GET request, parsed by http-parser without consuming the socket's bytes.
#include "requesthead.h"

#include <QUrl>

#include <http_parser.h>

namespace Runtime {

namespace {

/** Collects the target and headers of one request head for parseRequestHead(). */
struct HeadCollector
{
    QByteArray target;
    HttpRequest request;
    QByteArray name;
    QByteArray value;
    bool inValue = false;
    bool complete = false;

    static HeadCollector &of(http_parser *parser) { return *static_cast<HeadCollector *>(parser->data); }
    void commit()
    {
        if (!name.isEmpty())
            request.headers.append({name, value.trimmed()});
        name.clear();
        value.clear();
        inValue = false;
    }
};

} // namespace

std::optional<HttpRequest> parseRequestHead(const QByteArray &head)
{
    http_parser_settings settings;
    http_parser_settings_init(&settings);
    settings.on_url = [](http_parser *parser, const char *at, size_t length) {
        HeadCollector::of(parser).target.append(at, qsizetype(length));
        return 0;
    };
    settings.on_header_field = [](http_parser *parser, const char *at, size_t length) {
        HeadCollector &collector = HeadCollector::of(parser);
        if (collector.inValue)
            collector.commit();
        collector.name.append(at, qsizetype(length));
        return 0;
    };
    settings.on_header_value = [](http_parser *parser, const char *at, size_t length) {
        HeadCollector &collector = HeadCollector::of(parser);
        collector.inValue = true;
        collector.value.append(at, qsizetype(length));
        return 0;
    };
    settings.on_headers_complete = [](http_parser *parser) {
        HeadCollector &collector = HeadCollector::of(parser);
        collector.commit();
        collector.complete = true;
        return 0;
    };
    HeadCollector collector;
    http_parser parser;
    http_parser_init(&parser, HTTP_REQUEST);
    parser.data = &collector;
    http_parser_execute(&parser, &settings, head.constData(), size_t(head.size()));
    if (!collector.complete || http_errno(parser.http_errno) != HPE_OK || parser.method != HTTP_GET)
        return std::nullopt;
    HttpRequest &request = collector.request;
    request.method = QByteArrayLiteral("GET");
    const QUrl url = QUrl::fromEncoded(collector.target);
    request.path = url.path(QUrl::FullyEncoded);
    request.query = QUrlQuery(url);
    request.rawQuery = url.query(QUrl::FullyEncoded).toUtf8();
    return std::move(collector.request);
}

} // namespace Runtime
