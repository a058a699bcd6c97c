// SPDX-License-Identifier: GPL-3.0-or-later
// LineRouter: orthogonal routes for relationship lines around the cards (channels: linerouterchannels.cpp).
#include "linerouter.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

namespace Designer {

namespace {

constexpr qreal BucketSize = 256;
constexpr qreal Epsilon = 0.01;
constexpr qreal WindowMargin = 4 * LineRouter::Clearance;

quint64 bucketKey(int x, int y)
{
    return (quint64(quint32(x)) << 32) | quint32(y);
}

int bucketOf(qreal coordinate)
{
    return int(std::floor(coordinate / BucketSize));
}

/** 0: +x, 1: +y, 2: -x, 3: -y. */
int directionIndex(const QPointF &direction)
{
    if (std::abs(direction.x()) >= std::abs(direction.y()))
        return direction.x() >= 0 ? 0 : 2;
    return direction.y() >= 0 ? 1 : 3;
}

/** Sorted coordinates without near-duplicates. */
std::vector<qreal> uniqueSorted(std::vector<qreal> values)
{
    std::sort(values.begin(), values.end());
    std::vector<qreal> unique;
    for (const qreal value : values) {
        if (unique.empty() || value - unique.back() > Epsilon)
            unique.push_back(value);
    }
    return unique;
}

int indexOf(const std::vector<qreal> &values, qreal value)
{
    const auto it = std::lower_bound(values.begin(), values.end(), value - Epsilon);
    return int(it - values.begin());
}

/** Drops points that lie on the straight line between their neighbours. */
QPolygonF simplified(const QPolygonF &polyline)
{
    QPolygonF out;
    for (const QPointF &point : polyline) {
        if (!out.isEmpty() && QLineF(out.last(), point).length() < Epsilon)
            continue;
        if (out.size() >= 2) {
            const QPointF &a = out[out.size() - 2];
            const QPointF &b = out.last();
            const bool sameX = std::abs(a.x() - b.x()) < Epsilon && std::abs(b.x() - point.x()) < Epsilon;
            const bool sameY = std::abs(a.y() - b.y()) < Epsilon && std::abs(b.y() - point.y()) < Epsilon;
            if (sameX || sameY)
                out.last() = point;
            else
                out.append(point);
        } else {
            out.append(point);
        }
    }
    return out;
}

} // namespace

bool segmentEntersRect(const QPointF &a, const QPointF &b, const QRectF &rect)
{
    // Liang–Barsky clipping of the segment against the rectangle.
    qreal t0 = 0;
    qreal t1 = 1;
    const qreal dx = b.x() - a.x();
    const qreal dy = b.y() - a.y();
    const qreal p[] = {-dx, dx, -dy, dy};
    const qreal q[] = {a.x() - rect.left(), rect.right() - a.x(), a.y() - rect.top(), rect.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (qFuzzyIsNull(p[i])) {
            if (q[i] <= 0)
                return false;
            continue;
        }
        const qreal t = q[i] / p[i];
        if (p[i] < 0)
            t0 = qMax(t0, t);
        else
            t1 = qMin(t1, t);
        if (t0 >= t1)
            return false;
    }
    return true;
}

LineRouter::LineRouter(const QList<QRectF> &cards)
{
    m_obstacles.reserve(size_t(cards.size()));
    for (const QRectF &card : cards) {
        const QRectF grown = card.adjusted(-Clearance, -Clearance, Clearance, Clearance);
        const int index = int(m_obstacles.size());
        m_obstacles.push_back(grown);
        m_all |= grown;
        for (int x = bucketOf(grown.left()); x <= bucketOf(grown.right()); ++x) {
            for (int y = bucketOf(grown.top()); y <= bucketOf(grown.bottom()); ++y)
                m_buckets[bucketKey(x, y)].push_back(index);
        }
    }
}

bool LineRouter::isInside(const QPointF &point) const
{
    const auto it = m_buckets.constFind(bucketKey(bucketOf(point.x()), bucketOf(point.y())));
    if (it == m_buckets.constEnd())
        return false;
    for (const int index : it.value()) {
        const QRectF &r = m_obstacles[size_t(index)];
        if (point.x() > r.left() + Epsilon && point.x() < r.right() - Epsilon && point.y() > r.top() + Epsilon
            && point.y() < r.bottom() - Epsilon)
            return true;
    }
    return false;
}

void LineRouter::addLine(const QPolygonF &route)
{
    for (qsizetype i = 1; i < route.size(); ++i) {
        const QLineF segment(route[i - 1], route[i]);
        const int index = int(m_lines.size());
        m_lines.append(segment);
        for (int x = bucketOf(std::min(segment.x1(), segment.x2()));
             x <= bucketOf(std::max(segment.x1(), segment.x2())); ++x) {
            for (int y = bucketOf(std::min(segment.y1(), segment.y2()));
                 y <= bucketOf(std::max(segment.y1(), segment.y2())); ++y)
                m_lineBuckets[bucketKey(x, y)].push_back(index);
        }
    }
}

int LineRouter::crossingsOf(const QPointF &a, const QPointF &b) const
{
    if (m_lines.isEmpty())
        return 0;
    const bool horizontal = std::abs(a.y() - b.y()) < Epsilon;
    const qreal low = horizontal ? std::min(a.x(), b.x()) : std::min(a.y(), b.y());
    const qreal high = horizontal ? std::max(a.x(), b.x()) : std::max(a.y(), b.y());
    const qreal at = horizontal ? a.y() : a.x();
    int count = 0;
    const int fixed = bucketOf(at);
    for (int cell = bucketOf(low); cell <= bucketOf(high); ++cell) {
        const auto it = m_lineBuckets.constFind(horizontal ? bucketKey(cell, fixed) : bucketKey(fixed, cell));
        if (it == m_lineBuckets.constEnd())
            continue;
        for (const int index : it.value()) {
            const QLineF &line = m_lines[index];
            // A crossing: the other segment runs across this step's inside. One that only ends on this step's
            // line counts too: once lines are moved apart in their channels, it crosses.
            const qreal across = horizontal ? line.x1() : line.y1();
            if (std::abs((horizontal ? line.x2() : line.y2()) - across) > Epsilon)
                continue; // parallel
            const qreal from = horizontal ? std::min(line.y1(), line.y2()) : std::min(line.x1(), line.x2());
            const qreal to = horizontal ? std::max(line.y1(), line.y2()) : std::max(line.x1(), line.x2());
            if (across > low + Epsilon && across < high - Epsilon && at > from - Epsilon && at < to + Epsilon
                && bucketOf(across) == cell)
                ++count;
        }
    }
    return count;
}

QList<int> LineRouter::obstaclesIn(const QRectF &window) const
{
    QList<int> found;
    if (window.contains(m_all)) {
        for (int i = 0; i < int(m_obstacles.size()); ++i)
            found.append(i);
        return found;
    }
    for (int x = bucketOf(window.left()); x <= bucketOf(window.right()); ++x) {
        for (int y = bucketOf(window.top()); y <= bucketOf(window.bottom()); ++y) {
            const auto it = m_buckets.constFind(bucketKey(x, y));
            if (it == m_buckets.constEnd())
                continue;
            for (const int index : it.value()) {
                if (m_obstacles[size_t(index)].intersects(window))
                    found.append(index);
            }
        }
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

QPolygonF LineRouter::route(const QList<LinePort> &starts, const QList<LinePort> &ends) const
{
    // Only ports whose stub ends in free space can be used.
    auto freePorts = [this](const QList<LinePort> &ports) {
        QList<LinePort> free;
        for (const LinePort &port : ports) {
            if (!isInside(port.point + port.direction * Stub))
                free.append(port);
        }
        return free;
    };
    const QList<LinePort> from = freePorts(starts);
    const QList<LinePort> to = freePorts(ends);
    if (from.isEmpty() || to.isEmpty())
        return {};
    QRectF around;
    for (const QList<LinePort> *ports : {&from, &to}) {
        for (const LinePort &port : *ports) {
            const QPointF stubEnd = port.point + port.direction * Stub;
            around |= QRectF(stubEnd, QSizeF(Epsilon, Epsilon));
        }
    }
    const QRectF window = around.adjusted(-WindowMargin, -WindowMargin, WindowMargin, WindowMargin);
    QPolygonF found = routeIn(window, from, to);
    if (found.isEmpty() && !window.contains(m_all))
        found = routeIn(
            window | m_all.adjusted(-WindowMargin, -WindowMargin, WindowMargin, WindowMargin), from, to);
    return found;
}

QPolygonF LineRouter::routeIn(
    const QRectF &window, const QList<LinePort> &starts, const QList<LinePort> &ends) const
{
    // The grid: every edge of a card near the window, the window's own edges and the ends of the stubs.
    std::vector<qreal> xValues {window.left(), window.right()};
    std::vector<qreal> yValues {window.top(), window.bottom()};
    for (const int index : obstaclesIn(window)) {
        const QRectF &r = m_obstacles[size_t(index)];
        for (const qreal x : {r.left(), r.right()}) {
            if (x > window.left() && x < window.right())
                xValues.push_back(x);
        }
        for (const qreal y : {r.top(), r.bottom()}) {
            if (y > window.top() && y < window.bottom())
                yValues.push_back(y);
        }
    }
    for (const QList<LinePort> *ports : {&starts, &ends}) {
        for (const LinePort &port : *ports) {
            const QPointF stubEnd = port.point + port.direction * Stub;
            xValues.push_back(stubEnd.x());
            yValues.push_back(stubEnd.y());
        }
    }
    const std::vector<qreal> xs = uniqueSorted(std::move(xValues));
    const std::vector<qreal> ys = uniqueSorted(std::move(yValues));
    const int nx = int(xs.size());
    const int ny = int(ys.size());
    const int dx[] = {1, 0, -1, 0};
    const int dy[] = {0, 1, 0, -1};

    // Whether the step from a node towards a direction passes under a card, found when first asked.
    std::vector<signed char> blocked(size_t(nx) * size_t(ny) * 2, -1);
    auto isBlocked = [&](int i, int j, int d) {
        if (d >= 2) { // a step back is the neighbour's step forward
            i += dx[d];
            j += dy[d];
            d -= 2;
        }
        signed char &known = blocked[(size_t(j) * size_t(nx) + size_t(i)) * 2 + size_t(d)];
        if (known < 0) {
            const QPointF middle = d == 0 ? QPointF((xs[size_t(i)] + xs[size_t(i) + 1]) / 2, ys[size_t(j)])
                                          : QPointF(xs[size_t(i)], (ys[size_t(j)] + ys[size_t(j) + 1]) / 2);
            known = isInside(middle) ? 1 : 0;
        }
        return known == 1;
    };
    std::vector<signed char> crossed(size_t(nx) * size_t(ny) * 2, -1);
    auto crossingsOfStep = [&](int i, int j, int d) {
        if (d >= 2) {
            i += dx[d];
            j += dy[d];
            d -= 2;
        }
        signed char &known = crossed[(size_t(j) * size_t(nx) + size_t(i)) * 2 + size_t(d)];
        if (known < 0) {
            const QPointF from(xs[size_t(i)], ys[size_t(j)]);
            const QPointF to = d == 0 ? QPointF(xs[size_t(i) + 1], ys[size_t(j)])
                                      : QPointF(xs[size_t(i)], ys[size_t(j) + 1]);
            known = static_cast<signed char>(std::min(100, crossingsOf(from, to)));
        }
        return int(known);
    };

    struct Target
    {
        int node;
        int outward; ///< the direction from the card out along the stub
    };
    std::vector<Target> targets;
    for (const LinePort &port : ends) {
        const QPointF stubEnd = port.point + port.direction * Stub;
        targets.push_back(
            {indexOf(ys, stubEnd.y()) * nx + indexOf(xs, stubEnd.x()), directionIndex(port.direction)});
    }
    auto heuristic = [&](int node) {
        const QPointF at(xs[size_t(node % nx)], ys[size_t(node / nx)]);
        qreal best = std::numeric_limits<qreal>::max();
        for (const LinePort &port : ends) {
            const QPointF stubEnd = port.point + port.direction * Stub;
            best = std::min(best, std::abs(stubEnd.x() - at.x()) + std::abs(stubEnd.y() - at.y()));
        }
        return best;
    };

    const size_t stateCount = size_t(nx) * size_t(ny) * 4;
    std::vector<qreal> cost(stateCount, std::numeric_limits<qreal>::max());
    std::vector<int> previous(stateCount, -1);
    using Entry = std::tuple<qreal, int, int>; // estimate, order of insertion, state
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> open;
    int order = 0;
    for (const LinePort &port : starts) {
        const QPointF stubEnd = port.point + port.direction * Stub;
        const int node = indexOf(ys, stubEnd.y()) * nx + indexOf(xs, stubEnd.x());
        const int state = node * 4 + directionIndex(port.direction);
        cost[size_t(state)] = 0;
        open.emplace(heuristic(node), order++, state);
    }
    qreal bestTotal = std::numeric_limits<qreal>::max();
    int bestState = -1;
    int bestTarget = -1;
    while (!open.empty()) {
        const auto [estimate, unused, state] = open.top();
        open.pop();
        Q_UNUSED(unused);
        if (estimate >= bestTotal)
            break;
        const qreal g = cost[size_t(state)];
        if (estimate > g + heuristic(state / 4) + Epsilon)
            continue; // a stale entry
        const int node = state / 4;
        const int d = state % 4;
        for (size_t t = 0; t < targets.size(); ++t) {
            // Arrive against the stub's direction (straight in) or across it (one more bend), never along it.
            if (targets[t].node != node || d == targets[t].outward)
                continue;
            const qreal total = g + (d == (targets[t].outward + 2) % 4 ? 0 : BendCost);
            if (total < bestTotal) {
                bestTotal = total;
                bestState = state;
                bestTarget = int(t);
            }
        }
        const int i = node % nx;
        const int j = node / nx;
        for (int nd = 0; nd < 4; ++nd) {
            if (nd == (d + 2) % 4)
                continue;
            const int ni = i + dx[nd];
            const int nj = j + dy[nd];
            if (ni < 0 || nj < 0 || ni >= nx || nj >= ny || isBlocked(i, j, nd))
                continue;
            const qreal step
                = std::abs(xs[size_t(ni)] - xs[size_t(i)]) + std::abs(ys[size_t(nj)] - ys[size_t(j)]);
            const qreal next = g + step + (nd == d ? 0 : BendCost) + CrossingCost * crossingsOfStep(i, j, nd);
            const int nextState = (nj * nx + ni) * 4 + nd;
            if (next + Epsilon < cost[size_t(nextState)]) {
                cost[size_t(nextState)] = next;
                previous[size_t(nextState)] = state;
                open.emplace(next + heuristic(nj * nx + ni), order++, nextState);
            }
        }
    }
    if (bestState < 0)
        return {};
    QPolygonF points;
    int state = bestState;
    while (state >= 0) {
        const int node = state / 4;
        points.prepend(QPointF(xs[size_t(node % nx)], ys[size_t(node / nx)]));
        if (previous[size_t(state)] < 0)
            break;
        state = previous[size_t(state)];
    }
    // The start port whose stub ends where the search began.
    const QPointF first = points.first();
    for (const LinePort &port : starts) {
        if (QLineF(port.point + port.direction * Stub, first).length() < 2 * Epsilon) {
            points.prepend(port.point);
            break;
        }
    }
    points.append(ends[bestTarget].point);
    return simplified(points);
}

} // namespace Designer
