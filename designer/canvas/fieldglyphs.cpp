// SPDX-License-Identifier: GPL-3.0-or-later
// Field glyphs: the small vector pictures of field types, keys and badges on cards and in the palette.
#include "fieldglyphs.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>

namespace Designer {

void paintKeyGlyph(QPainter *painter, const QRectF &r, const QColor &color)
{
    painter->setPen(QPen(color, 1.5));
    painter->setBrush(Qt::NoBrush);
    const qreal d = r.height() * 0.45;
    const QRectF bow(r.left(), r.center().y() - d / 2, d, d);
    painter->drawEllipse(bow);
    const qreal y = r.center().y();
    painter->drawLine(QPointF(bow.right(), y), QPointF(r.right(), y));
    painter->drawLine(QPointF(r.right() - 1, y), QPointF(r.right() - 1, y + 3));
    painter->drawLine(QPointF(r.right() - 4, y), QPointF(r.right() - 4, y + 3));
}

void paintLinkGlyph(QPainter *painter, const QRectF &r, const QColor &color)
{
    painter->setPen(QPen(color, 1.5));
    const qreal y = r.center().y();
    painter->drawLine(QPointF(r.left() + 1, y), QPointF(r.right() - 1, y));
    painter->drawLine(QPointF(r.right() - 1, y), QPointF(r.right() - 5, y - 4));
    painter->drawLine(QPointF(r.right() - 1, y), QPointF(r.right() - 5, y + 4));
}

void paintEyeOffGlyph(QPainter *painter, const QRectF &r, const QColor &color)
{
    painter->setPen(QPen(color, 1.2));
    painter->setBrush(Qt::NoBrush);
    const QRectF eye = r.adjusted(1, r.height() * 0.28, -1, -r.height() * 0.28);
    painter->drawEllipse(eye);
    painter->drawEllipse(QRectF(eye.center() - QPointF(1.5, 1.5), QSizeF(3, 3)));
    painter->drawLine(r.bottomLeft() + QPointF(2, -2), r.topRight() + QPointF(-2, 2));
}

void paintEyeGlyph(QPainter *painter, const QRectF &r, const QColor &color)
{
    painter->setPen(QPen(color, 1.3));
    painter->setBrush(Qt::NoBrush);
    const QRectF eye = r.adjusted(0.5, r.height() * 0.25, -0.5, -r.height() * 0.25);
    QPainterPath lids;
    lids.moveTo(eye.left(), eye.center().y());
    lids.quadTo(eye.center().x(), eye.top() - eye.height() * 0.5, eye.right(), eye.center().y());
    lids.quadTo(eye.center().x(), eye.bottom() + eye.height() * 0.5, eye.left(), eye.center().y());
    painter->drawPath(lids);
    painter->setBrush(color);
    painter->drawEllipse(eye.center(), eye.height() * 0.28, eye.height() * 0.28);
}

void paintBoltGlyph(QPainter *painter, const QRectF &r, const QColor &color)
{
    const auto at = [&r](qreal x, qreal y) { return QPointF(r.left() + x * r.width(), r.top() + y * r.height()); };
    const QPointF bolt[] = {at(0.62, 0.0), at(0.18, 0.58), at(0.48, 0.58), at(0.36, 1.0), at(0.82, 0.40),
        at(0.52, 0.40)};
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(bolt, int(std::size(bolt)));
}

void paintLockGlyph(QPainter *painter, const QRectF &r, const QColor &color)
{
    painter->setPen(QPen(color, 1.2));
    painter->setBrush(Qt::NoBrush);
    const QRectF body(r.left() + 2, r.center().y() - 1, r.width() - 4, r.height() / 2 - 1);
    painter->drawRect(body);
    painter->drawArc(QRectF(body.left() + 2, r.top() + 2, body.width() - 4, body.height() + 2), 0, 180 * 16);
}

void paintFieldTypeGlyph(QPainter *painter, const QRectF &rect, Runtime::FieldType type, const QColor &color)
{
    using Runtime::FieldType;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF r = rect.adjusted(1, 1, -1, -1);
    painter->setPen(QPen(color, 1.2));
    painter->setBrush(Qt::NoBrush);
    auto letters = [&](const QString &text) {
        painter->drawRoundedRect(r, 2, 2);
        QFont font = QGuiApplication::font();
        font.setPixelSize(qMax(6, int(r.height() * 0.62)));
        font.setBold(true);
        painter->setFont(font);
        painter->drawText(r, Qt::AlignCenter, text);
    };
    switch (type) {
    case FieldType::Text:
        letters(QStringLiteral("T"));
        break;
    case FieldType::Integer:
        letters(QStringLiteral("#"));
        break;
    case FieldType::Number:
        letters(QStringLiteral(".5"));
        break;
    case FieldType::Json:
        letters(QStringLiteral("{}"));
        break;
    case FieldType::Uuid:
        letters(QStringLiteral("id"));
        break;
    case FieldType::Email:
        letters(QStringLiteral("@"));
        break;
    case FieldType::Boolean: {
        const QRectF track(r.left(), r.center().y() - r.height() / 4, r.width(), r.height() / 2);
        painter->drawRoundedRect(track, track.height() / 2, track.height() / 2);
        painter->setBrush(color);
        painter->drawEllipse(
            QRectF(track.right() - track.height(), track.top(), track.height(), track.height()));
        break;
    }
    case FieldType::Date:
    case FieldType::DateTime: {
        const QRectF cal = r.adjusted(0, 2, 0, 0);
        painter->drawRect(cal);
        painter->drawLine(QPointF(cal.left(), cal.top() + 3), QPointF(cal.right(), cal.top() + 3));
        painter->drawLine(QPointF(cal.left() + 3, r.top()), QPointF(cal.left() + 3, cal.top() + 1));
        painter->drawLine(QPointF(cal.right() - 3, r.top()), QPointF(cal.right() - 3, cal.top() + 1));
        if (type == FieldType::DateTime) {
            const QPointF c(cal.center().x(), cal.center().y() + 1.5);
            painter->drawLine(c, c + QPointF(0, -3));
            painter->drawLine(c, c + QPointF(2.5, 0));
        }
        break;
    }
    case FieldType::Url: {
        const qreal h = r.height() * 0.45;
        painter->drawRoundedRect(QRectF(r.left(), r.center().y() - h / 2, r.width() * 0.6, h), h / 2, h / 2);
        painter->drawRoundedRect(
            QRectF(r.left() + r.width() * 0.4, r.center().y() - h / 2, r.width() * 0.6, h), h / 2, h / 2);
        break;
    }
    case FieldType::Enum:
        for (int i = 0; i < 3; ++i) {
            const qreal y = r.top() + r.height() * (0.2 + 0.3 * i);
            painter->drawPoint(QPointF(r.left() + 2, y));
            painter->drawLine(QPointF(r.left() + 5, y), QPointF(r.right(), y));
        }
        break;
    case FieldType::TextArray:
    case FieldType::IntegerArray: {
        // Square brackets around a short list.
        const qreal inset = r.width() * 0.25;
        painter->drawLine(QPointF(r.left() + inset, r.top()), QPointF(r.left(), r.top()));
        painter->drawLine(QPointF(r.left(), r.top()), QPointF(r.left(), r.bottom()));
        painter->drawLine(QPointF(r.left(), r.bottom()), QPointF(r.left() + inset, r.bottom()));
        painter->drawLine(QPointF(r.right() - inset, r.top()), QPointF(r.right(), r.top()));
        painter->drawLine(QPointF(r.right(), r.top()), QPointF(r.right(), r.bottom()));
        painter->drawLine(QPointF(r.right(), r.bottom()), QPointF(r.right() - inset, r.bottom()));
        for (int i = 0; i < 3; ++i)
            painter->drawPoint(QPointF(r.left() + r.width() * (0.3 + 0.2 * i), r.center().y()));
        break;
    }
    case FieldType::File: {
        QPainterPath page;
        const qreal fold = r.width() * 0.35;
        page.moveTo(r.left() + 2, r.top());
        page.lineTo(r.right() - 2 - fold, r.top());
        page.lineTo(r.right() - 2, r.top() + fold);
        page.lineTo(r.right() - 2, r.bottom());
        page.lineTo(r.left() + 2, r.bottom());
        page.closeSubpath();
        painter->drawPath(page);
        painter->drawLine(
            QPointF(r.right() - 2 - fold, r.top()), QPointF(r.right() - 2 - fold, r.top() + fold));
        painter->drawLine(
            QPointF(r.right() - 2 - fold, r.top() + fold), QPointF(r.right() - 2, r.top() + fold));
        break;
    }
    }
    painter->restore();
}

} // namespace Designer
