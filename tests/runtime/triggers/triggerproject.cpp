// SPDX-License-Identifier: GPL-3.0-or-later
// The project of the trigger tests and the basalt-server that serves it.
#include "tst_triggers.h"

#include "io/projectreader.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QtTest>

namespace {
const char *const s_project = R"({
  "formatVersion": 1,
  "name": "Triggers",
  "tables": [
    {"id": "tbl_orders", "name": "orders", "fields": [
      {"id": "fld_orders_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
      {"id": "fld_orders_item", "name": "item", "type": "text", "required": true, "validation": {"maxLength": 20}},
      {"id": "fld_orders_qty", "name": "qty", "type": "integer"},
      {"id": "fld_orders_price", "name": "price", "type": "number"},
      {"id": "fld_orders_total", "name": "total", "type": "number", "readOnly": true},
      {"id": "fld_orders_status", "name": "status", "type": "text"}],
     "permissions": [
      {"id": "perm_o_s", "role": "anon", "operation": "select"},
      {"id": "perm_o_i", "role": "anon", "operation": "insert"},
      {"id": "perm_o_u", "role": "anon", "operation": "update"},
      {"id": "perm_o_d", "role": "anon", "operation": "delete"}]},
    {"id": "tbl_jobs", "name": "jobs", "fields": [
      {"id": "fld_jobs_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
      {"id": "fld_jobs_name", "name": "name", "type": "text"}]},
    {"id": "tbl_stock", "name": "stock", "fields": [
      {"id": "fld_stock_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
      {"id": "fld_stock_item", "name": "item", "type": "text"},
      {"id": "fld_stock_left", "name": "left", "type": "integer"}],
     "permissions": [
      {"id": "perm_s_s", "role": "anon", "operation": "select"},
      {"id": "perm_s_i", "role": "anon", "operation": "insert"},
      {"id": "perm_s_u", "role": "anon", "operation": "update"}]},
    {"id": "tbl_loops", "name": "loops", "fields": [
      {"id": "fld_loops_id", "name": "id", "type": "integer", "primaryKey": "autoIncrement"},
      {"id": "fld_loops_n", "name": "n", "type": "integer"}],
     "permissions": [
      {"id": "perm_l_s", "role": "anon", "operation": "select"},
      {"id": "perm_l_i", "role": "anon", "operation": "insert"}]}
  ],
  "functions": [
    {"id": "fn_total", "name": "compute_total", "timeoutMs": 1000, "code": [
      "if (row.qty < 0) throw new HttpError(422, 'qty must not be negative');",
      "if (row.item === 'forbidden') throw new Error('Out of stock');",
      "if (row.item === 'stretch') row.item = 'x'.repeat(30);",
      "row.total = row.qty * row.price;",
      "if (old && !row.status) row.status = 'changed from ' + old.qty;",
      "return {};"]},
    {"id": "fn_keep", "name": "keep_locked", "timeoutMs": 1000, "code": [
      "if (old.status === 'locked') throw new HttpError(409, 'locked orders stay');",
      "return {};"]},
    {"id": "fn_report", "name": "report", "timeoutMs": 1000, "code": [
      "console.log('reporting ' + req.method);",
      "if (req.method === 'SIGNUP') db.asService().from('orders').insert({item: 'welcome', qty: 1, price: 0});",
      "http.fetch(env.get('HOOK_URL') + '/' + req.params.trigger + '/' + req.method, {method: 'POST',",
      "  body: JSON.stringify({row: row, old: old, path: req.path, user: req.user})});",
      "return {};"]},
    {"id": "fn_reserve", "name": "reserve_stock", "timeoutMs": 1000, "code": [
      "db.from('stock').select('left').eq('left', 'not a number');",
      "const stock = db.from('stock').select('left').eq('item', row.item).maybeSingle();",
      "if (stock.error) throw new Error(stock.error.message);",
      "if (!stock.data) return {};",
      "console.log('reserving ' + row.qty + ' ' + row.item);",
      "if (stock.data.left < row.qty) throw new HttpError(409, 'only ' + stock.data.left + ' ' + row.item + ' left');",
      "const taken = db.from('stock').update({left: stock.data.left - row.qty}).eq('item', row.item);",
      "if (taken.error) throw new Error(taken.error.message);",
      "return {};"]},
    {"id": "fn_place", "name": "place_order", "access": "anyone", "timeoutMs": 2000, "code": [
      "db.asService().from('jobs').insert({name: 'placed ' + req.body.item});",
      "const made = db.from('orders').insert({item: req.body.item, qty: req.body.qty, price: 1}).select().single();",
      "const stock = db.from('stock').select('left').eq('item', req.body.item).single();",
      "console.log('placed');",
      "return {order: made.data, error: made.error, left: stock.data.left};"]},
    {"id": "fn_loop", "name": "loop", "timeoutMs": 2000, "code": [
      "const more = db.from('loops').insert({n: row.n + 1});",
      "if (more.error) throw new Error(more.error.message);",
      "return {};"]},
    {"id": "fn_hold", "name": "hold", "timeoutMs": 1000, "code": [
      "http.fetch(env.get('HOOK_URL') + '/hold/' + row.id, {method: 'POST', body: JSON.stringify(row)});",
      "return {};"]}
  ],
  "triggers": [
    {"id": "trg_reserve", "name": "reserve", "table": "tbl_orders", "timing": "before", "event": "insert", "function": "fn_reserve"},
    {"id": "trg_loop", "name": "loop", "table": "tbl_loops", "timing": "before", "event": "insert", "function": "fn_loop"},
    {"id": "trg_total_i", "name": "total_on_insert", "table": "tbl_orders", "timing": "before", "event": "insert", "function": "fn_total"},
    {"id": "trg_total_u", "name": "total_on_update", "table": "tbl_orders", "timing": "before", "event": "update", "function": "fn_total"},
    {"id": "trg_keep", "name": "keep_locked", "table": "tbl_orders", "timing": "before", "event": "delete", "function": "fn_keep"},
    {"id": "trg_off", "name": "disabled", "table": "tbl_orders", "timing": "before", "event": "insert", "function": "fn_keep", "enabled": false},
    {"id": "trg_a_i", "name": "inserted", "table": "tbl_orders", "timing": "after", "event": "insert", "function": "fn_report"},
    {"id": "trg_a_u", "name": "updated", "table": "tbl_orders", "timing": "after", "event": "update", "function": "fn_report"},
    {"id": "trg_a_d", "name": "deleted", "table": "tbl_orders", "timing": "after", "event": "delete", "function": "fn_report"},
    {"id": "trg_hold", "name": "held", "table": "tbl_jobs", "timing": "after", "event": "insert", "function": "fn_hold"},
    {"id": "trg_up", "name": "signed_up", "timing": "after", "event": "signUp", "function": "fn_report"},
    {"id": "trg_in", "name": "signed_in", "timing": "after", "event": "signIn", "function": "fn_report"}
  ]
})";
} // namespace

QJsonObject triggerProject()
{
    return QJsonDocument::fromJson(s_project).object();
}

std::shared_ptr<const Runtime::Project> readTriggerProject()
{
    Runtime::Result<std::unique_ptr<Runtime::Project>> project = Runtime::readProject(QByteArray(s_project));
    if (!project) {
        qWarning().noquote() << project.error().toString();
        return nullptr;
    }
    return std::shared_ptr<const Runtime::Project>(std::move(project).value());
}

HttpReply sendJson(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url, const QByteArray &body,
    const QByteArray &key, const QByteArray &prefer)
{
    QNetworkRequest request(url);
    request.setRawHeader("apikey", key);
    request.setRawHeader("Authorization", "Bearer " + key);
    if (!prefer.isEmpty())
        request.setRawHeader("Prefer", prefer);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    reply->deleteLater();
    return result;
}

void addEngines()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

QString TriggerServer::start(const QString &engine, const QUrl &hookUrl)
{
    if (engine == QLatin1String("postgresql")) {
        m_postgres = std::make_unique<TestSupport::PostgresDatabase>(QStringLiteral("basalt_triggers"));
        if (!m_postgres->isValid()) {
            m_skipReason = QStringLiteral("no PostgreSQL test server: ") + m_postgres->error();
            return m_skipReason;
        }
        m_databaseUrl = m_postgres->url();
    } else {
        m_databaseUrl = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("triggers.sqlite"));
    }
    m_projectFile = m_dir.filePath(QStringLiteral("triggers.basalt"));
    QFile file(m_projectFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(triggerProject()).toJson()) < 0)
        return QStringLiteral("cannot write the project");
    file.close();
    m_hookUrl = hookUrl;
    return restart();
}

QString TriggerServer::restart()
{
    qputenv("HOOK_URL", m_hookUrl.toString().toUtf8()); // the server inherits it; env.get() reads it
    m_process = std::make_unique<ServerProcess>();
    if (!m_process->start({QStringLiteral("--project"), m_projectFile, QStringLiteral("--db"), m_databaseUrl,
            QStringLiteral("--port"), QStringLiteral("0")}))
        return QStringLiteral("basalt-server did not start: ") + m_process->standardError();
    return {};
}
