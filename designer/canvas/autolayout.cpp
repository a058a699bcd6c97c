// SPDX-License-Identifier: GPL-3.0-or-later
// Auto-layout: places table cards in layers along their foreign keys, with Graphviz's dot.
#include "autolayout.h"

#include "tableitem.h"

#include <graphviz/gvc.h>

#include <QByteArray>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

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

/** The input order dot sees: it starts its crossing minimisation from it, so another order can end in
    another (sometimes better) order of the cards within their layers. */
struct Variant
{
    std::vector<int> nodeOrder; ///< table indexes, in the order the nodes are made
    std::vector<size_t> edgeOrder; ///< edge indexes, in the order the edges are made
    bool mirrored = false; ///< left and right swapped
};

/** Returns \a values shuffled by \a random (Fisher–Yates, the same on every platform). */
template <typename T> std::vector<T> shuffled(std::vector<T> values, std::mt19937 &random)
{
    for (size_t i = values.size(); i > 1; --i)
        std::swap(values[i - 1], values[size_t(random() % i)]);
    return values;
}

/** The edges of \a project's layout: from the referenced table down to the table that holds the key (a
    junction below both), as table indexes. */
std::vector<std::pair<int, int>> layoutEdges(const Runtime::Project &project)
{
    QHash<Runtime::ObjectId, int> index;
    for (size_t i = 0; i < project.tables.size(); ++i)
        index.insert(project.tables[i].id, int(i));
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
    return edges;
}

QHash<Runtime::ObjectId, QPointF> arrange(
    const Runtime::Project &project, const std::vector<std::pair<int, int>> &edges, const Variant &variant)
{
    QHash<Runtime::ObjectId, QPointF> positions;
    const size_t n = project.tables.size();
    std::vector<bool> joined(n, false);
    for (const auto &[a, b] : edges)
        joined[size_t(a)] = joined[size_t(b)] = true;

    Layout layout;
    set(layout.graph, "rankdir", "TB");
    set(layout.graph, "nodesep", inches(CardGap));
    set(layout.graph, "ranksep", inches(LayerGap));
    set(layout.graph, "splines", "false"); // the canvas routes the lines itself
    std::vector<Agnode_t *> nodes(n, nullptr);
    for (const int t : variant.nodeOrder) {
        const size_t i = size_t(t);
        if (!joined[i])
            continue;
        const QSizeF size = cardSize(project.tables[i]);
        nodes[i] = agnode(layout.graph, QByteArray::number(qulonglong(i)).data(), 1);
        set(nodes[i], "shape", "box");
        set(nodes[i], "fixedsize", "true");
        set(nodes[i], "width", inches(size.width()));
        set(nodes[i], "height", inches(size.height()));
    }
    for (const size_t e : variant.edgeOrder)
        agedge(layout.graph, nodes[size_t(edges[e].first)], nodes[size_t(edges[e].second)], nullptr, 1);

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
                const qreal x = variant.mirrored ? box.UR.x - centre.x : centre.x - box.LL.x;
                positions.insert(project.tables[i].id,
                    QPointF(std::round(x - size.width() / 2),
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

} // namespace

QHash<Runtime::ObjectId, QPointF> arrangeTables(const Runtime::Project &project)
{
    return arrangeTableCandidates(project, 1).front();
}

std::vector<QHash<Runtime::ObjectId, QPointF>> arrangeTableCandidates(
    const Runtime::Project &project, int count)
{
    const std::vector<std::pair<int, int>> edges = layoutEdges(project);
    Variant variant;
    variant.nodeOrder.resize(project.tables.size());
    std::iota(variant.nodeOrder.begin(), variant.nodeOrder.end(), 0);
    variant.edgeOrder.resize(edges.size());
    std::iota(variant.edgeOrder.begin(), variant.edgeOrder.end(), size_t(0));
    std::vector<QHash<Runtime::ObjectId, QPointF>> candidates;
    std::mt19937 random(14);
    while (int(candidates.size()) < count) {
        candidates.push_back(arrange(project, edges, variant));
        if (int(candidates.size()) < count) {
            // The same layers, seen in a mirror: the cards of each layer in the other order.
            variant.mirrored = true;
            candidates.push_back(arrange(project, edges, variant));
        }
        variant.mirrored = false;
        variant.nodeOrder = shuffled(variant.nodeOrder, random);
        variant.edgeOrder = shuffled(variant.edgeOrder, random);
    }
    return candidates;
}

} // namespace Designer
