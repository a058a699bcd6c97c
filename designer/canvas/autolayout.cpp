// SPDX-License-Identifier: GPL-3.0-or-later
// Auto-layout: places table cards in layers along their foreign keys.
#include "autolayout.h"

#include "tableitem.h"

#include <algorithm>
#include <cmath>

namespace Designer {

namespace {

constexpr qreal ColumnGap = 90;
constexpr qreal RowGap = 40;

/** Returns the layer (column) of each table index: the longest path from a table nobody references. */
std::vector<int> layers(const Runtime::Project &project)
{
    const size_t n = project.tables.size();
    QHash<Runtime::ObjectId, int> index;
    for (size_t i = 0; i < n; ++i)
        index.insert(project.tables[i].id, int(i));
    std::vector<std::vector<int>> successors(n);
    std::vector<int> inDegree(n, 0);
    auto edge = [&](const Runtime::ObjectId &from, const Runtime::ObjectId &to) {
        const int a = index.value(from, -1);
        const int b = index.value(to, -1);
        if (a < 0 || b < 0 || a == b)
            return;
        successors[size_t(a)].push_back(b);
        ++inDegree[size_t(b)];
    };
    for (const Runtime::Relationship &r : project.relationships) {
        if (r.isManyToMany()) {
            edge(r.fromTableId, r.junctionTableId);
            edge(r.toTableId, r.junctionTableId);
        } else {
            edge(r.fromTableId, r.toTableId);
        }
    }
    std::vector<int> layer(n, 0);
    std::vector<bool> done(n, false);
    std::vector<int> ready;
    for (size_t i = 0; i < n; ++i) {
        if (inDegree[i] == 0)
            ready.push_back(int(i));
    }
    size_t processed = 0;
    size_t nextCycleBreak = 0;
    while (processed < n) {
        if (ready.empty()) {
            // A cycle: take the first table not yet placed as if nothing referenced it any more.
            while (done[nextCycleBreak])
                ++nextCycleBreak;
            ready.push_back(int(nextCycleBreak));
            inDegree[nextCycleBreak] = 0;
        }
        std::sort(ready.begin(), ready.end(), std::greater<int>());
        const int current = ready.back();
        ready.pop_back();
        if (done[size_t(current)])
            continue;
        done[size_t(current)] = true;
        ++processed;
        for (int next : successors[size_t(current)]) {
            if (done[size_t(next)])
                continue;
            layer[size_t(next)] = std::max(layer[size_t(next)], layer[size_t(current)] + 1);
            if (--inDegree[size_t(next)] == 0)
                ready.push_back(next);
        }
    }
    return layer;
}

} // namespace

QHash<Runtime::ObjectId, QPointF> arrangeTables(const Runtime::Project &project)
{
    QHash<Runtime::ObjectId, QPointF> positions;
    const size_t n = project.tables.size();
    if (n == 0)
        return positions;
    const std::vector<int> layer = layers(project);
    std::vector<QSizeF> sizes(n);
    qreal area = 0;
    for (size_t i = 0; i < n; ++i) {
        sizes[i] = cardSize(project.tables[i]);
        area += (sizes[i].width() + ColumnGap) * (sizes[i].height() + RowGap);
    }
    // Wrap columns past a height that keeps the whole diagram roughly 16:10.
    const qreal maxHeight = std::max<qreal>(900, std::sqrt(area * 10 / 16));
    const int layerCount = *std::max_element(layer.begin(), layer.end()) + 1;
    qreal x = 0;
    for (int l = 0; l < layerCount; ++l) {
        qreal y = 0;
        qreal columnWidth = 0;
        for (size_t i = 0; i < n; ++i) {
            if (layer[i] != l)
                continue;
            if (y > 0 && y + sizes[i].height() > maxHeight) {
                x += columnWidth + ColumnGap;
                y = 0;
                columnWidth = 0;
            }
            positions.insert(project.tables[i].id, QPointF(x, y));
            y += sizes[i].height() + RowGap;
            columnWidth = std::max(columnWidth, sizes[i].width());
        }
        if (columnWidth > 0)
            x += columnWidth + ColumnGap;
    }
    return positions;
}

} // namespace Designer
