// SPDX-License-Identifier: GPL-3.0-or-later
// PaletteWidget: the entries dragged onto the ER canvas: a new table and one per field type.
#pragma once

#include <QListWidget>

namespace Designer {

/** A list of what can be added to the ER diagram: "Table", "View" and each field type, with the glyphs the cards
    use. Entries are dragged onto an ErView (MIME type mimeType(), the entry's name as data: "table", "view"
    or "field:<type name>"), or activated with Enter or a double click, which emits entryActivated() (connect
    it to ErView::addPaletteEntry). Owned by its parent (a dock in the main window). */
class PaletteWidget : public QListWidget
{
    Q_OBJECT

public:
    explicit PaletteWidget(QWidget *parent = nullptr);

    /** The MIME type of a dragged palette entry. */
    static QString mimeType();
    /** Returns new MIME data for dragging \a entry; the caller owns it. */
    static QMimeData *mimeDataFor(const QString &entry);
    /** Returns the entry carried by \a data, or an empty string if it carries none. */
    static QString entryFrom(const QMimeData *data);
    /** Returns the entry name of a table ("table") and of a field of \a typeName ("field:<typeName>"). */
    static QString tableEntry();
    /** Returns the entry name of a view ("view"). */
    static QString viewEntry();
    static QString fieldEntry(const QString &typeName);

signals:
    /** \a entry was activated from the keyboard or with a double click. */
    void entryActivated(const QString &entry);

protected:
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    QStringList mimeTypes() const override;
    void changeEvent(QEvent *event) override;

private:
    void fillEntries();
};

} // namespace Designer
