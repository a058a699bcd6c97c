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
</context>
<context>
    <name>Designer::ErScene</name>
    <message numerus="yes">
        <source>Move %n table(s)</source>
        <translation>
            <numerusform>Move %n table</numerusform>
            <numerusform>Move %n tables</numerusform>
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
    <name>Designer::TableEditor</name>
    <message numerus="yes">
        <source>Add %n suggested index(es)</source>
        <translation>
            <numerusform>Add %n suggested index</numerusform>
            <numerusform>Add %n suggested indexes</numerusform>
        </translation>
    </message>
</context>
</TS>
