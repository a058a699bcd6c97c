// SPDX-License-Identifier: GPL-3.0-or-later
// bench_canvas: times opening a 300-table project on the ER canvas, fitting it and zooming. Prints figures.
#include "canvas/erscene.h"
#include "canvas/erview.h"
#include "document/projectdocument.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>
#include <QTextStream>

#include <cstdio>

using namespace Designer;

namespace {

/** A project of \a count tables with 6 to 10 fields each and one foreign key per table but the first. */
std::unique_ptr<Runtime::Project> generatedProject(int count)
{
    auto project = std::make_unique<Runtime::Project>();
    const Runtime::FieldType types[]
        = {Runtime::FieldType::Text, Runtime::FieldType::Integer, Runtime::FieldType::Boolean,
            Runtime::FieldType::DateTime, Runtime::FieldType::Json, Runtime::FieldType::Email};
    for (int i = 0; i < count; ++i) {
        Runtime::Table table;
        table.id = QStringLiteral("tbl_%1").arg(i);
        table.name = QStringLiteral("table_%1").arg(i);
        table.position = QPointF((i % 20) * 320, (i / 20) * 400);
        table.color = i % 3 ? QStringLiteral("#4f86c6") : QString();
        table.tenantScoped = i % 4 == 0;
        Runtime::Field id;
        id.id = QStringLiteral("fld_%1_id").arg(i);
        id.name = QStringLiteral("id");
        id.type = Runtime::FieldType::Integer;
        id.primaryKey = Runtime::PrimaryKeyKind::AutoIncrement;
        table.fields.push_back(id);
        for (int k = 0; k < 4 + i % 5; ++k) {
            Runtime::Field field;
            field.id = QStringLiteral("fld_%1_%2").arg(i).arg(k);
            field.name = QStringLiteral("field_%1").arg(k);
            field.type = types[(i + k) % 6];
            field.required = k % 3 == 0;
            field.unique = k % 4 == 1;
            table.fields.push_back(field);
        }
        if (i > 0) {
            const int from = (i * 7919) % i;
            Runtime::Field fk;
            fk.id = QStringLiteral("fld_%1_fk").arg(i);
            fk.name = QStringLiteral("table_%1_id").arg(from);
            fk.type = Runtime::FieldType::Integer;
            fk.required = i % 2 == 0;
            table.fields.push_back(fk);
            Runtime::Relationship r;
            r.id = QStringLiteral("rel_%1").arg(i);
            r.fromTableId = QStringLiteral("tbl_%1").arg(from);
            r.toTableId = table.id;
            r.foreignKeyFieldId = fk.id;
            project->relationships.push_back(r);
        }
        project->tables.push_back(table);
    }
    return project;
}

/** Paints the view synchronously (grab() renders even when no window system shows it). */
void paint(ErView &view)
{
    const QPixmap pixmap = view.viewport()->grab();
    Q_UNUSED(pixmap);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    out << "bench_canvas (" << BASALT_BENCH_BUILD_TYPE << " build, platform " << QApplication::platformName()
        << ")\n";

    auto project = generatedProject(300);
    const size_t tables = project->tables.size();
    const size_t relationships = project->relationships.size();
    ProjectDocument document(std::move(project));

    QElapsedTimer timer;
    timer.start();
    ErScene scene(&document);
    ErView view(&scene);
    view.resize(1600, 1000);
    view.show();
    view.fitToWindow();
    const qint64 build = timer.elapsed();
    paint(view);
    const qint64 open = timer.elapsed();

    timer.restart();
    for (int i = 0; i < 100; ++i)
        paint(view);
    const qint64 repaint = timer.elapsed();

    timer.restart();
    for (int i = 0; i < 100; ++i) {
        if (i % 20 < 10)
            view.zoomIn();
        else
            view.zoomOut();
        paint(view);
    }
    const qint64 zoom = timer.elapsed();

    timer.restart();
    view.autoArrange();
    view.fitToWindow();
    paint(view);
    const qint64 arrange = timer.elapsed();

    out << tables << " tables, " << relationships << " relationships\n"
        << "build scene + fit to window:  " << build << " ms\n"
        << "  + first paint (open):       " << open << " ms (target < 1000 ms)\n"
        << "100 repaints, same zoom:      " << repaint << " ms (the cost of painting the viewport)\n"
        << "100 zoom steps, each painted: " << zoom << " ms (" << double(zoom) / 100 << " ms per step)\n"
        << "auto-arrange + fit + paint:   " << arrange << " ms\n";
    out.flush();
    // bench_canvas --screenshot FILE: saves the arranged diagram as shown, to look at it.
    const QStringList arguments = app.arguments();
    if (const qsizetype i = arguments.indexOf(QStringLiteral("--screenshot"));
        i > 0 && i + 1 < arguments.size())
        view.viewport()->grab().save(arguments.at(i + 1));
    return open < 1000 ? 0 : 1;
}
