// SPDX-License-Identifier: GPL-3.0-or-later
// Canvas accessibility: accessible interfaces for the ER view, its table cards and its relationship lines.
#pragma once

#include "model/project.h"

#include <QList>
#include <QString>

#include <functional>

class QAccessibleEvent;

namespace Designer {

class ErView;

/** Installs, once per process, the accessibility factory that gives every ErView an interface of role List
    whose children are its table cards (in model order) and then its relationship lines. Qt gives graphics
    items no interfaces of their own, so without it a screen reader sees an empty picture. ErView calls this
    in its constructor; calling it again does nothing. */
void installCanvasAccessibility();

/** Returns what a screen reader says about the card of \a table, e.g. "Table orders, 6 fields, references
    customers". */
QString tableAccessibleDescription(const Runtime::Project &project, const Runtime::Table &table);
/** Returns the accessible name of \a relationship, e.g. "customers to orders, one-to-many". */
QString relationshipAccessibleName(const Runtime::Project &project, const Runtime::Relationship &relationship);
/** Returns the accessible description of \a relationship: the foreign key or the junction table it uses. */
QString relationshipAccessibleDescription(
    const Runtime::Project &project, const Runtime::Relationship &relationship);

/** Tells assistive technology that the selection of \a view changed from \a before to \a after (ids of
    tables and relationships). Does nothing while no assistive technology is active. */
void notifyCanvasSelectionChanged(
    ErView *view, const QList<Runtime::ObjectId> &before, const QList<Runtime::ObjectId> &after);
/** Tells assistive technology that the keyboard focus of \a view is now on the card of \a tableId. */
void notifyCanvasFocusChanged(ErView *view, const Runtime::ObjectId &tableId);

/** Also passes every event the canvas sends to \a observer (none: stop). QAccessible drops events while
    no assistive technology is active (always so on the offscreen platform); tests watch them here. */
void setCanvasAccessibilityObserver(std::function<void(QAccessibleEvent *)> observer);

} // namespace Designer
