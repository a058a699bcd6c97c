// SPDX-License-Identifier: GPL-3.0-or-later
// bench_canvas: times opening a 300-table project on the ER canvas, fitting it and zooming; measures how the
// diagrams read after Auto-Arrange (line crossings, lines under cards). Prints figures.
#include "canvas/diagramexport.h"
#include "canvas/diagrammeasures.h"
#include "canvas/erscene.h"
#include "canvas/erview.h"
#include "document/projectdocument.h"
#include "testsupport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>
#include <QTextStream>

#include <cstdio>

using namespace Designer;

namespace {

/** Paints the view synchronously (grab() renders even when no window system shows it). */
void paint(ErView &view)
{
    const QPixmap pixmap = view.viewport()->grab();
    Q_UNUSED(pixmap);
}

/** Auto-arranges \a document on a canvas and prints one row: the measures before it (the cards where the
    project has them), the measures after it and the time it takes. Saves the arranged diagram as
    \a shots/\a name.png unless \a shots is empty. */
void printArranged(QTextStream &out, const QString &name, ProjectDocument &document, const QString &shots)
{
    ErScene scene(&document);
    ErView view(&scene);
    const DiagramMeasures before = measureDiagram(scene);
    QElapsedTimer timer;
    timer.start();
    view.autoArrange();
    const double elapsed = double(timer.nsecsElapsed()) / 1e6;
    const DiagramMeasures measures = measureDiagram(scene);
    if (!shots.isEmpty())
        (void)exportPng(&scene, shots + QLatin1Char('/') + name + QStringLiteral(".png"));
    out << QStringLiteral("  %1 %2 tables %3 relationships: %4 → %5 crossings, %6 → %7 lines under cards, "
                          "%8 ms\n")
               .arg(name, -12)
               .arg(document.project().tables.size(), 3)
               .arg(document.project().relationships.size(), 3)
               .arg(before.crossings, 4)
               .arg(measures.crossings, 4)
               .arg(before.linesUnderCards, 3)
               .arg(measures.linesUnderCards, 3)
               .arg(elapsed, 0, 'f', 1);
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

    auto project = TestSupport::generatedProject(300);
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
    // bench_canvas --arranged DIR: saves each arranged diagram as a PNG in DIR, to look at it.
    const QStringList arguments = app.arguments();
    const qsizetype shotsAt = arguments.indexOf(QStringLiteral("--arranged"));
    const QString shots
        = shotsAt > 0 && shotsAt + 1 < arguments.size() ? arguments.at(shotsAt + 1) : QString();
    out << "before (cards as saved) → after auto-arrange: crossings and lines under cards as drawn; time of "
           "the arrange and routing:\n";
    for (const char *name : {"ecommerce", "saas", "social", "chat"}) {
        auto loaded = ProjectDocument::load(TestSupport::templatePath(QString::fromLatin1(name)));
        if (loaded)
            printArranged(out, QString::fromLatin1(name), *loaded.value(), shots);
    }
    // The largest diagram for which Auto-Arrange compares layouts (ErScene::SmallDiagram relationships).
    ProjectDocument small(TestSupport::generatedProject(41));
    printArranged(out, QStringLiteral("generated41"), small, shots);
    ProjectDocument generated(TestSupport::generatedProject(300));
    printArranged(out, QStringLiteral("generated"), generated, shots);
    out.flush();
    // bench_canvas --screenshot FILE: saves the arranged diagram as shown, to look at it.
    if (const qsizetype i = arguments.indexOf(QStringLiteral("--screenshot"));
        i > 0 && i + 1 < arguments.size())
        view.viewport()->grab().save(arguments.at(i + 1));
    return open < 1000 ? 0 : 1;
}
