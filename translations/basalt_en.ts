<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BasaltServer</name>
    <message numerus="yes">
        <source>Data API: %1 (%n request thread(s))</source>
        <translation>
            <numerusform>Data API: %1 (%n request thread)</numerusform>
            <numerusform>Data API: %1 (%n request threads)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message numerus="yes">
        <source>Add %n tables</source>
        <translation>
            <numerusform>Add %n table</numerusform>
            <numerusform>Add %n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n tables</source>
        <translation>
            <numerusform>Remove %n table</numerusform>
            <numerusform>Remove %n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n tables</source>
        <translation>
            <numerusform>Move %n table</numerusform>
            <numerusform>Move %n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n views</source>
        <translation>
            <numerusform>Remove %n view</numerusform>
            <numerusform>Remove %n views</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cron</name>
    <message numerus="yes">
        <source>a cron expression has 5 fields (minute hour day-of-month month day-of-week), &quot;%1&quot; has %n; write e.g. &quot;0 3 * * *&quot; (every day at 03:00)</source>
        <translation>
            <numerusform>a cron expression has 5 fields (minute hour day-of-month month day-of-week), &quot;%1&quot; has %n; write e.g. &quot;0 3 * * *&quot; (every day at 03:00)</numerusform>
            <numerusform>a cron expression has 5 fields (minute hour day-of-month month day-of-week), &quot;%1&quot; has %n; write e.g. &quot;0 3 * * *&quot; (every day at 03:00)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes</source>
        <translation>
            <numerusform>every %n minute</numerusform>
            <numerusform>every %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hours</source>
        <translation>
            <numerusform>every %n hour</numerusform>
            <numerusform>every %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hours at minute %1</source>
        <translation>
            <numerusform>every %n hour at minute %1</numerusform>
            <numerusform>every %n hours at minute %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::CanvasAccessibility</name>
    <message numerus="yes">
        <source>Table %1, %n field(s)</source>
        <translation>
            <numerusform>Table %1, %n field</numerusform>
            <numerusform>Table %1, %n fields</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Table %1, %n field(s), references %2</source>
        <translation>
            <numerusform>Table %1, %n field, references %2</numerusform>
            <numerusform>Table %1, %n fields, references %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Table %1, %n field(s), referenced by %2</source>
        <translation>
            <numerusform>Table %1, %n field, referenced by %2</numerusform>
            <numerusform>Table %1, %n fields, referenced by %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Table %1, %n field(s), references %2, referenced by %3</source>
        <translation>
            <numerusform>Table %1, %n field, references %2, referenced by %3</numerusform>
            <numerusform>Table %1, %n fields, references %2, referenced by %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::CsvImportPage</name>
    <message numerus="yes">
        <source>%Ln row(s) processed</source>
        <translation>
            <numerusform>%Ln row processed</numerusform>
            <numerusform>%Ln rows processed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) processed; building the table&apos;s indexes…</source>
        <translation>
            <numerusform>%Ln row processed; building the table&apos;s indexes…</numerusform>
            <numerusform>%Ln rows processed; building the table&apos;s indexes…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::CsvPreviewPage</name>
    <message numerus="yes">
        <source>The first %n rows are all valid.</source>
        <translation>
            <numerusform>%n row checked: it is valid.</numerusform>
            <numerusform>The first %n rows are all valid.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>has %n column(s), the file has %1</source>
        <translation>
            <numerusform>has %n column, the file has %1</numerusform>
            <numerusform>has %n columns, the file has %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::CsvReportPage</name>
    <message numerus="yes">
        <source>%Ln row(s) imported into %1 in %2 s.</source>
        <translation>
            <numerusform>%Ln row imported into %1 in %2 s.</numerusform>
            <numerusform>%Ln rows imported into %1 in %2 s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) rejected.</source>
        <translation>
            <numerusform>%Ln row rejected.</numerusform>
            <numerusform>%Ln rows rejected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::DataBrowser</name>
    <message numerus="yes">
        <source>Delete %n row(s) from %1? This cannot be undone.</source>
        <translation>
            <numerusform>Delete %n row from %1? This cannot be undone.</numerusform>
            <numerusform>Delete %n rows from %1? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>Exported %n row to %1.</numerusform>
            <numerusform>Exported %n rows to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::DeleteGuard</name>
    <message numerus="yes">
        <source>Delete table %1? The local database holds %n row(s) in it; they are dropped on the next run.</source>
        <translation>
            <numerusform>Delete table %1? The local database holds %n row in it; they are dropped on the next run.</numerusform>
            <numerusform>Delete table %1? The local database holds %n rows in it; they are dropped on the next run.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete tables %1? The local database holds %n row(s) in them; they are dropped on the next run.</source>
        <translation>
            <numerusform>Delete tables %1? The local database holds %n row in them; they are dropped on the next run.</numerusform>
            <numerusform>Delete tables %1? The local database holds %n rows in them; they are dropped on the next run.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n view(s) (%1) show rows of the tables to delete and are deleted with them.</source>
        <translation>
            <numerusform>%n view (%1) shows rows of the tables to delete and is deleted with them.</numerusform>
            <numerusform>%n views (%1) show rows of the tables to delete and are deleted with them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The function(s) %1 are called by %2. Delete them too?</source>
        <translation>
            <numerusform>The function %1 is called by %2. Delete them too?</numerusform>
            <numerusform>The functions %1 are called by %2. Delete them too?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::ErView</name>
    <message numerus="yes">
        <source>%n table(s) selected: %1</source>
        <translation>
            <numerusform>%n table selected: %1</numerusform>
            <numerusform>%n tables selected: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::FindBar</name>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>%n replaced</numerusform>
            <numerusform>%n replaced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::FunctionRunPanel</name>
    <message numerus="yes">
        <source>%1 %2 · %3 ms · %n console line(s)</source>
        <translation>
            <numerusform>%1 %2 · %3 ms · %n console line</numerusform>
            <numerusform>%1 %2 · %3 ms · %n console lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::MainWindow</name>
    <message numerus="yes">
        <source>the selected relationship(s)</source>
        <translation>
            <numerusform>the selected relationship</numerusform>
            <numerusform>the selected relationships</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the table(s) %1</source>
        <translation>
            <numerusform>the table %1</numerusform>
            <numerusform>the tables %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::ProblemsDock</name>
    <message numerus="yes">
        <source>Problems (%n)</source>
        <translation>
            <numerusform>Problems (%n)</numerusform>
            <numerusform>Problems (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::ProjectTree</name>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n field</numerusform>
            <numerusform>%n fields</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::PropertiesDock</name>
    <message numerus="yes">
        <source>%n objects selected.</source>
        <translation>
            <numerusform>%n object selected.</numerusform>
            <numerusform>%n objects selected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RealtimeClient</name>
    <message numerus="yes">
        <source>The backend did not answer a heartbeat for %n second(s).</source>
        <translation>
            <numerusform>The backend did not answer a heartbeat for %n second.</numerusform>
            <numerusform>The backend did not answer a heartbeat for %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RealtimeInspector</name>
    <message numerus="yes">
        <source>%1 received at %2, %n byte(s).</source>
        <translation>
            <numerusform>%1 received at %2, %n byte.</numerusform>
            <numerusform>%1 received at %2, %n bytes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RequestLogDock</name>
    <message numerus="yes">
        <source>%n socket(s)</source>
        <translation>
            <numerusform>%n socket</numerusform>
            <numerusform>%n sockets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%n channel</numerusform>
            <numerusform>%n channels</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RequestLogModel</name>
    <message numerus="yes">
        <source>Console (%n line(s))</source>
        <translation>
            <numerusform>Console (%n line)</numerusform>
            <numerusform>Console (%n lines)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RowsModel</name>
    <message numerus="yes">
        <source>The runtime did not answer within %n second(s). Press Refresh to try again.</source>
        <translation>
            <numerusform>The runtime did not answer within %n second. Press Refresh to try again.</numerusform>
            <numerusform>The runtime did not answer within %n seconds. Press Refresh to try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RunController</name>
    <message numerus="yes">
        <source>The project has %n problem(s); fix them in the Problems pane. The first: %1</source>
        <translation>
            <numerusform>The project has %n problem; fix it in the Problems pane: %1</numerusform>
            <numerusform>The project has %n problems; fix them in the Problems pane. The first: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RunStatusWidget</name>
    <message numerus="yes">
        <source>Would lose data: %1 (and %n more)</source>
        <translation>
            <numerusform>Would lose data: %1 (and %n more)</numerusform>
            <numerusform>Would lose data: %1 (and %n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::TableEditor</name>
    <message numerus="yes">
        <source>Add %n suggested index(es)</source>
        <translation>
            <numerusform>Add %n suggested index</numerusform>
            <numerusform>Add %n suggested indexes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::TableExport</name>
    <message numerus="yes">
        <source>Reading %1 failed after %n rows: %2</source>
        <translation>
            <numerusform>Reading %1 failed after %n row: %2</numerusform>
            <numerusform>Reading %1 failed after %n rows: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RuleUseQuestion</name>
    <message numerus="yes">
        <source>%n permission rule(s) use %1:</source>
        <translation>
            <numerusform>%n permission rule uses %1:</numerusform>
            <numerusform>%n permission rules use %1:</numerusform>
        </translation>
    </message>
</context>
</TS>
