// SPDX-License-Identifier: GPL-3.0-or-later
// RecordChange and ChangeFeed: what a committed write changed, announced once the commit has succeeded.
#include "recordchange.h"

#include <QMetaMethod>

namespace Runtime {

QString recordOperationName(RecordOperation operation)
{
    switch (operation) {
    case RecordOperation::Insert: return QStringLiteral("INSERT");
    case RecordOperation::Update: return QStringLiteral("UPDATE");
    case RecordOperation::Delete: return QStringLiteral("DELETE");
    }
    return {};
}

bool ChangeFeed::isObserved() const
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&ChangeFeed::committed);
    return isSignalConnected(signal);
}

void ChangeFeed::publish(const QList<RecordChange> &changes)
{
    if (!changes.isEmpty())
        Q_EMIT committed(changes);
}

} // namespace Runtime
