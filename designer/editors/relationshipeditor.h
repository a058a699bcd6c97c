// SPDX-License-Identifier: GPL-3.0-or-later
// RelationshipEditor: the properties pane of one relationship: kind, foreign key, ON DELETE, name, junction.
#pragma once

#include "document/changeevent.h"
#include "model/project.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace Designer {

class ProjectDocument;

/** Edits one relationship of a document. Each change is one undo step with a translated text: a
    ChangeRelationship, or a macro of ChangeRelationship and ChangeTable when the foreign key's unique flag
    follows the kind (one-to-one ↔ one-to-many), or a ChangeTable renaming the junction table of a
    many-to-many relationship. Shows the validator's messages about the relationship. Owned by the
    properties dock. */
class RelationshipEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RelationshipEditor(ProjectDocument *document, QWidget *parent = nullptr);

    /** Edits the relationship \a relationshipId (empty: nothing). */
    void setRelationshipId(const Runtime::ObjectId &relationshipId);
    Runtime::ObjectId relationshipId() const { return m_relationshipId; }

    /** Returns the fields of \a relationship's "to" table that can hold the primary key of its "from"
        table: same type as that key, not a primary key themselves. */
    static QList<const Runtime::Field *> foreignKeyCandidates(
        const Runtime::Project &project, const Runtime::Relationship &relationship);

private:
    const Runtime::Relationship *relationship() const;
    QString displayName(const Runtime::Relationship &relationship) const;
    void documentChanged(const ChangeEvent &event);
    void refresh();
    void refreshForeignKeys(const Runtime::Relationship &shown);
    void refreshOnDelete(const Runtime::Relationship &shown);
    void kindActivated(int index);
    void foreignKeyActivated(int index);
    void onDeleteActivated(int index);
    void nameEdited();
    void junctionNameEdited(const QString &name);

    QPointer<ProjectDocument> m_document;
    Runtime::ObjectId m_relationshipId;
    QFormLayout *m_form = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QComboBox *m_kindCombo = nullptr;
    QLabel *m_kindHint = nullptr;
    QComboBox *m_foreignKeyCombo = nullptr;
    QComboBox *m_onDeleteCombo = nullptr;
    QLineEdit *m_junctionEdit = nullptr;
    QLabel *m_problemLabel = nullptr;
};

} // namespace Designer
