// SPDX-License-Identifier: GPL-3.0-or-later
// spreadChannels(): lines that share a channel are moved apart, each into its own lane.
#include "linerouter.h"

#include <algorithm>
#include <cmath>

namespace Designer {

namespace {

constexpr qreal Lane = 8; ///< the distance between two lines in one channel, when there is room
constexpr qreal Reach = LineRouter::Clearance - 4;
constexpr qreal Tolerance = 0.5;

/** One middle segment of a route: the points index and index + 1 of route \a route. */
struct Piece
{
    int route;
    int index;
    bool vertical;
    qreal at; ///< x of a vertical piece, y of a horizontal one
    qreal low; ///< where it starts along the channel
    qreal high; ///< where it ends
    qreal least; ///< the farthest it may move back (negative) ...
    qreal most; ///< ... and forward
    int turns[2]; ///< where the neighbouring segments go at low and high: -1 back, +1 forward across
    qreal turnAt[2]; ///< low and high
};

qreal sign(qreal value)
{
    return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/** Limits \a piece next to a stub that reaches \a stub (signed, away from its card) from the card. */
void limitByStub(Piece &piece, qreal stub)
{
    const qreal slack = std::max<qreal>(0, std::abs(stub) - LineRouter::Stub);
    if (stub > 0)
        piece.least = std::max(piece.least, -slack);
    else
        piece.most = std::min(piece.most, slack);
}

Piece pieceOf(const QPolygonF &route, int r, int k)
{
    const QPointF &a = route[k];
    const QPointF &b = route[k + 1];
    Piece piece;
    piece.route = r;
    piece.index = k;
    piece.vertical = std::abs(a.x() - b.x()) < Tolerance;
    auto along = [&piece](const QPointF &p) { return piece.vertical ? p.y() : p.x(); };
    auto across = [&piece](const QPointF &p) { return piece.vertical ? p.x() : p.y(); };
    piece.at = across(a);
    // Where the segments before and after turn, seen from this one.
    const bool forward = along(b) >= along(a);
    const int before = int(sign(across(route[k - 1]) - across(a)));
    const int after = int(sign(across(route[k + 2]) - across(b)));
    piece.low = forward ? along(a) : along(b);
    piece.high = forward ? along(b) : along(a);
    piece.turns[0] = forward ? before : after;
    piece.turns[1] = forward ? after : before;
    piece.turnAt[0] = piece.low;
    piece.turnAt[1] = piece.high;
    piece.least = -Reach;
    piece.most = Reach;
    // A piece next to a stub may move towards the stub's card only as far as the stub stays a stub.
    const int last = int(route.size()) - 1;
    if (k == 1)
        limitByStub(piece, across(route[1]) - across(route[0]));
    if (k + 2 == last)
        limitByStub(piece, across(route[last - 1]) - across(route[last]));
    return piece;
}

/** Returns how often \a a and \a b cross when \a a lies before \a b (left of it, or above it). */
int crossings(const Piece &a, const Piece &b)
{
    int count = 0;
    for (int e = 0; e < 2; ++e) {
        if (a.turns[e] > 0 && a.turnAt[e] > b.low + Tolerance && a.turnAt[e] < b.high - Tolerance)
            ++count;
        if (b.turns[e] < 0 && b.turnAt[e] > a.low + Tolerance && b.turnAt[e] < a.high - Tolerance)
            ++count;
    }
    return count;
}

/** Orders the pieces of one channel: each is put where it adds the fewest crossings. */
std::vector<const Piece *> ordered(const std::vector<const Piece *> &group)
{
    std::vector<const Piece *> order;
    for (const Piece *piece : group) {
        size_t best = 0;
        int fewest = -1;
        for (size_t position = 0; position <= order.size(); ++position) {
            int count = 0;
            for (size_t q = 0; q < order.size(); ++q)
                count += q < position ? crossings(*order[q], *piece) : crossings(*piece, *order[q]);
            if (fewest < 0 || count < fewest) {
                fewest = count;
                best = position;
            }
        }
        order.insert(order.begin() + qsizetype(best), piece);
    }
    return order;
}

/** Returns the offsets of \a order's pieces: lanes as far apart as their limits allow (up to Lane),
    centred on the channel where they can be; \a spacing is set to the distance between two lanes. */
std::vector<qreal> lanes(const std::vector<const Piece *> &order, qreal *spacing)
{
    const size_t n = order.size();
    auto baseRange = [&](qreal spacing) {
        qreal low = -1e9;
        qreal high = 1e9;
        for (size_t i = 0; i < n; ++i) {
            low = std::max(low, order[i]->least - qreal(i) * spacing);
            high = std::min(high, order[i]->most - qreal(i) * spacing);
        }
        return std::pair {low, high};
    };
    *spacing = 0;
    if (baseRange(0).first > baseRange(0).second + Tolerance)
        return std::vector<qreal>(n, 0);
    qreal feasible = 0;
    qreal tried = Lane;
    for (int step = 0; step < 12; ++step) {
        const auto [low, high] = baseRange(tried);
        if (low <= high) {
            feasible = tried;
            break;
        }
        const qreal next = (feasible + tried) / 2;
        tried = next;
    }
    const auto [low, high] = baseRange(feasible);
    const qreal base = std::clamp(-qreal(n - 1) * feasible / 2, low, std::max(low, high));
    std::vector<qreal> offsets(n);
    for (size_t i = 0; i < n; ++i)
        offsets[i] = base + qreal(i) * feasible;
    *spacing = feasible;
    return offsets;
}

} // namespace

void spreadChannels(QList<QPolygonF> &routes)
{
    std::vector<Piece> pieces;
    for (int r = 0; r < int(routes.size()); ++r) {
        for (int k = 1; k + 2 < int(routes[r].size()); ++k)
            pieces.push_back(pieceOf(routes[r], r, k));
    }
    std::sort(pieces.begin(), pieces.end(), [](const Piece &a, const Piece &b) {
        if (a.vertical != b.vertical)
            return a.vertical < b.vertical;
        if (std::abs(a.at - b.at) >= Tolerance)
            return a.at < b.at;
        return std::tie(a.low, a.route, a.index) < std::tie(b.low, b.route, b.index);
    });
    struct Move
    {
        int route;
        int index;
        bool vertical;
        qreal offset;
    };
    std::vector<Move> moves;
    for (size_t first = 0; first < pieces.size();) {
        // A channel: pieces on one line whose extents overlap, one after another.
        size_t last = first + 1;
        qreal reach = pieces[first].high;
        while (last < pieces.size() && pieces[last].vertical == pieces[first].vertical
            && std::abs(pieces[last].at - pieces[first].at) < Tolerance
            && pieces[last].low < reach - Tolerance) {
            reach = std::max(reach, pieces[last].high);
            ++last;
        }
        if (last - first > 1) {
            std::vector<const Piece *> group;
            for (size_t i = first; i < last; ++i)
                group.push_back(&pieces[i]);
            // The order with the fewest crossings, unless the pieces' limits leave their lanes closer than
            // in the order of their limits.
            std::vector<const Piece *> order = ordered(group);
            qreal spacing = 0;
            std::vector<qreal> offsets = lanes(order, &spacing);
            if (spacing < Lane) {
                std::vector<const Piece *> byLimits = group;
                std::stable_sort(byLimits.begin(), byLimits.end(),
                    [](const Piece *a, const Piece *b) { return a->least + a->most < b->least + b->most; });
                qreal otherSpacing = 0;
                std::vector<qreal> otherOffsets = lanes(byLimits, &otherSpacing);
                if (otherSpacing > spacing + Tolerance) {
                    order = std::move(byLimits);
                    offsets = std::move(otherOffsets);
                }
            }
            for (size_t i = 0; i < order.size(); ++i)
                moves.push_back({order[i]->route, order[i]->index, order[i]->vertical, offsets[i]});
        }
        first = last;
    }
    for (const Move &move : moves) {
        QPolygonF &route = routes[move.route];
        for (const int k : {move.index, move.index + 1}) {
            if (move.vertical)
                route[k].rx() += move.offset;
            else
                route[k].ry() += move.offset;
        }
    }
}

} // namespace Designer
