// SPDX-License-Identifier: GPL-3.0-or-later
// The test class of runtime/scripting's FunctionRunner and host API, shared by its two source files.
#pragma once

#include "scripting/functionrunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

/** The time limit of test functions that are not about time limits: generous, so that a slow or busy
    machine never turns a call into a timeout. */
inline constexpr int testTimeoutMs = 120000;

/** Returns a function named \a name with the body \a code. */
inline Runtime::ScriptFunction makeFunction(
    const QString &code, int timeoutMs = testTimeoutMs, const QString &name = QStringLiteral("f"))
{
    Runtime::ScriptFunction f;
    f.id = QStringLiteral("fn_") + name;
    f.name = name;
    f.code = code;
    f.timeoutMs = timeoutMs;
    return f;
}

/** Returns the JSON object of a result's body (empty if it is not one). */
inline QJsonObject bodyObject(const Runtime::FunctionResult &result)
{
    return QJsonDocument::fromJson(result.body).object();
}

class tst_FunctionRunner : public QObject
{
    Q_OBJECT

private slots:
    // tst_functionrunner.cpp
    void returnShapes_data();
    void returnShapes();
    void escapingBodyRunsNothing();
    void compilesOncePerCode();
    void unknownFunction();
    void infiniteLoopIsStopped();
    void deepRecursionOnAFunctionThread();
    void hugeStrings();
    void concurrentRunners();
    void requestObject();

    // hostapitests.cpp
    void consoleIsCaptured();
    void envGet();
    void environmentFromProcessAndSecretsFile();
    void secretsSavedAndReadBack();
    void cryptoAndBase64();
    void fetchAnswers();
    void fetchLimits_data();
    void fetchLimits();
    void fetchIsBoundedByTheFunctionsTimeLimit();
    void hostObjectsCanBeAdded();
};
