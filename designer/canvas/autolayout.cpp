// SPDX-License-Identifier: GPL-3.0-or-later
// Auto-layout: places table cards in layers along their foreign keys, with Graphviz's dot.
#include "autolayout.h"

#include "tableitem.h"

#include <graphviz/gvc.h>

#include <QByteArray>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

namespace Designer {

namespace {

Q_LOGGING_CATEGORY(lcLayout, "basalt.designer.layout")

constexpr qreal PointsPerInch = 72; // Graphviz sizes nodes in inches and places them in points
constexpr qreal CardGap = 72; ///< between cards in one layer: room for the lines that pass between them
constexpr qreal LayerGap = 80; ///< between layers: room for the lines that run along them
constexpr qreal LooseGap = 40; ///< between tables that no relationship joins, in rows under the layers

/** Sets \a name to \a value on \a object (a graph, node or edge); Graphviz takes non-const strings. */
void set(void *object, const char *name, const QByteArray &value)
{
    agsafeset(
        object, const_cast<char *>(name), const_cast<char *>(value.constData()), const_cast<char *>(""));
}

QByteArray inches(qreal points)
{
    return QByteArray::number(points / PointsPerInch, 'f', 4);
}

/** A Graphviz context and graph, freed on every way out. */
struct Layout
{
    GVC_t *context = gvContext();
    Agraph_t *graph = agopen(const_cast<char *>("tables"), Agdirected, nullptr);
    bool laidOut = false;
    ~Layout()
    {
        if (laidOut)
            gvFreeLayout(context, graph);
        agclose(graph);
        gvFreeContext(context);
    }
};

/** Places the tables that no relationship joins in rows from \a top, wrapped at \a width. */
void placeLoose(const Runtime::Project &project, const std::vector<int> &loose, qreal top, qreal width,
    QHash<Runtime::ObjectId, QPointF> &positions)
{
    qreal x = 0;
    qreal y = top;
    qreal rowHeight = 0;
    for (const int i : loose) {
        const QSizeF size = cardSize(project.tables[size_t(i)]);
        if (x > 0 && x + size.width() > width) {
            x = 0;
            y += rowHeight + LooseGap;
            rowHeight = 0;
        }
        positions.insert(project.tables[size_t(i)].id, QPointF(x, y));
        x += size.width() + LooseGap;
        rowHeight = std::max(rowHeight, size.height());
    }
}

} // namespace

QHash<Runtime::ObjectId, QPointF> arrangeTables(const Runtime::Project &project)
{
    QHash<Runtime::ObjectId, QPointF> positions;
    const size_t n = project.tables.size();
    QHash<Runtime::ObjectId, int> index;
    for (size_t i = 0; i < n; ++i)
        index.insert(project.tables[i].id, int(i));
    // Edges run from the referenced table down to the table that holds the key (a junction below both).
    std::vector<std::pair<int, int>> edges;
    auto edge = [&](const Runtime::ObjectId &from, const Runtime::ObjectId &to) {
        const int a = index.value(from, -1);
        const int b = index.value(to, -1);
        if (a >= 0 && b >= 0 && a != b)
            edges.emplace_back(a, b);
    };
    for (const Runtime::Relationship &r : project.relationships) {
        if (r.isManyToMany()) {
            edge(r.fromTableId, r.junctionTableId);
            edge(r.toTableId, r.junctionTableId);
        } else {
            edge(r.fromTableId, r.toTableId);
        }
    }
    std::vector<bool> joined(n, false);
    for (const auto &[a, b] : edges)
        joined[size_t(a)] = joined[size_t(b)] = true;

    Layout layout;
    set(layout.graph, "rankdir", "TB");
    set(layout.graph, "nodesep", inches(CardGap));
    set(layout.graph, "ranksep", inches(LayerGap));
    set(layout.graph, "splines", "false"); // the canvas routes the lines itself
    std::vector<Agnode_t *> nodes(n, nullptr);
    for (size_t i = 0; i < n; ++i) {
        if (!joined[i])
            continue;
        const QSizeF size = cardSize(project.tables[i]);
        nodes[i] = agnode(layout.graph, QByteArray::number(qulonglong(i)).data(), 1);
        set(nodes[i], "shape", "box");
        set(nodes[i], "fixedsize", "true");
        set(nodes[i], "width", inches(size.width()));
        set(nodes[i], "height", inches(size.height()));
    }
    for (const auto &[a, b] : edges)
        agedge(layout.graph, nodes[size_t(a)], nodes[size_t(b)], nullptr, 1);

    qreal width = 0;
    qreal height = 0;
    if (!edges.empty()) {
        if (gvLayout(layout.context, layout.graph, "dot") != 0) {
            qCWarning(lcLayout) << "Graphviz could not lay out the tables (is its dot plugin installed?)";
            std::fill(joined.begin(), joined.end(), false);
        } else {
            layout.laidOut = true;
            const boxf box = GD_bb(layout.graph);
            width = box.UR.x - box.LL.x;
            height = box.UR.y - box.LL.y;
            for (size_t i = 0; i < n; ++i) {
                if (!nodes[i])
                    continue;
                const QSizeF size = cardSize(project.tables[i]);
                // Graphviz gives centres, with y growing upwards.
                const pointf centre = ND_coord(nodes[i]);
                positions.insert(project.tables[i].id,
                    QPointF(std::round(centre.x - box.LL.x - size.width() / 2),
                        std::round(box.UR.y - centre.y - size.height() / 2)));
            }
        }
    }
    std::vector<int> loose;
    for (size_t i = 0; i < n; ++i) {
        if (!joined[i])
            loose.push_back(int(i));
    }
    placeLoose(project, loose, height > 0 ? height + LayerGap : 0, std::max<qreal>(width, 1600), positions);
    return positions;
}

} // namespace Designer
