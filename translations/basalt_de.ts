<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BasaltServer</name>
    <message>
        <source>basalt-server: %1: %2</source>
        <translation>basalt-server: %1: %2</translation>
    </message>
    <message>
        <source>  (%1)</source>
        <translation>  (%1)</translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation>%1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>database %1</source>
        <translation>Datenbank %1</translation>
    </message>
    <message>
        <source>cannot serve</source>
        <translation>Dienst kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>Stopping.</source>
        <translation>Wird beendet.</translation>
    </message>
    <message>
        <source>Serving &quot;%1&quot; at %2 (database: %3, schema version %4)</source>
        <translation>„%1“ wird unter %2 bereitgestellt (Datenbank: %3, Schemaversion %4)</translation>
    </message>
    <message>
        <source>JWT secret</source>
        <translation>JWT-Geheimnis</translation>
    </message>
    <message numerus="yes">
        <source>Data API: %1 (%n request thread(s))</source>
        <translation>
            <numerusform>Daten-API: %1 (%n Anfrage-Thread)</numerusform>
            <numerusform>Daten-API: %1 (%n Anfrage-Threads)</numerusform>
        </translation>
    </message>
    <message>
        <source>Auth API: %1</source>
        <translation>Auth-API: %1</translation>
    </message>
    <message>
        <source>The service_role key: basalt-server keys --project %1</source>
        <translation>Der service_role-Schlüssel: basalt-server keys --project %1</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>%1 has no primary key; give it one first</source>
        <translation>%1 hat keinen Primärschlüssel; legen Sie zuerst einen fest</translation>
    </message>
    <message>
        <source>Add relationship from %1 to %2</source>
        <translation>Beziehung von %1 zu %2 hinzufügen</translation>
    </message>
    <message>
        <source>Remove relationship from %1 to %2</source>
        <translation>Beziehung von %1 zu %2 entfernen</translation>
    </message>
    <message>
        <source>No table has the id &quot;%1&quot;.</source>
        <translation>Keine Tabelle hat die ID „%1“.</translation>
    </message>
    <message>
        <source>Add table %1</source>
        <translation>Tabelle %1 hinzufügen</translation>
    </message>
    <message numerus="yes">
        <source>Add %n tables</source>
        <translation>
            <numerusform>%n Tabelle hinzufügen</numerusform>
            <numerusform>%n Tabellen hinzufügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n tables</source>
        <translation>
            <numerusform>%n Tabelle entfernen</numerusform>
            <numerusform>%n Tabellen entfernen</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove table %1</source>
        <translation>Tabelle %1 entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Move %n tables</source>
        <translation>
            <numerusform>%n Tabelle verschieben</numerusform>
            <numerusform>%n Tabellen verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Move table %1</source>
        <translation>Tabelle %1 verschieben</translation>
    </message>
    <message>
        <source>Rename table %1</source>
        <translation>Tabelle %1 umbenennen</translation>
    </message>
    <message>
        <source>Change the colour of %1</source>
        <translation>Farbe von %1 ändern</translation>
    </message>
    <message>
        <source>Make %1 tenant-scoped</source>
        <translation>%1 mandantenbezogen machen</translation>
    </message>
    <message>
        <source>Make %1 shared by all tenants</source>
        <translation>%1 für alle Mandanten freigeben</translation>
    </message>
    <message>
        <source>Add field %1 to %2</source>
        <translation>Feld %1 zu %2 hinzufügen</translation>
    </message>
    <message>
        <source>Remove field %1 from %2</source>
        <translation>Feld %1 aus %2 entfernen</translation>
    </message>
    <message>
        <source>Change field %1 of %2</source>
        <translation>Feld %1 von %2 ändern</translation>
    </message>
    <message>
        <source>Move field %1 of %2</source>
        <translation>Feld %1 von %2 verschieben</translation>
    </message>
    <message>
        <source>Remove the %1 rule of %2 for %3</source>
        <translation>%1-Regel von %2 für %3 entfernen</translation>
    </message>
    <message>
        <source>Set the %1 rule of %2 for %3</source>
        <translation>%1-Regel von %2 für %3 festlegen</translation>
    </message>
    <message>
        <source>Add an index to %1</source>
        <translation>Index zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove an index from %1</source>
        <translation>Index aus %1 entfernen</translation>
    </message>
    <message>
        <source>Public read</source>
        <translation>Öffentlich lesbar</translation>
    </message>
    <message>
        <source>Owner only</source>
        <translation>Nur Eigentümer</translation>
    </message>
    <message>
        <source>Tenant-scoped</source>
        <translation>Mandantenbezogen</translation>
    </message>
    <message>
        <source>Apply preset %1 to %2</source>
        <translation>Vorlage %1 auf %2 anwenden</translation>
    </message>
    <message>
        <source>Rename Project</source>
        <translation>Projekt umbenennen</translation>
    </message>
    <message>
        <source>Change Project Description</source>
        <translation>Projektbeschreibung ändern</translation>
    </message>
    <message>
        <source>Change Users Table</source>
        <translation>Benutzertabelle ändern</translation>
    </message>
    <message>
        <source>Change Role Field</source>
        <translation>Rollenfeld ändern</translation>
    </message>
    <message>
        <source>Add Token Claim</source>
        <translation>Token-Claim hinzufügen</translation>
    </message>
    <message>
        <source>Remove Token Claim</source>
        <translation>Token-Claim entfernen</translation>
    </message>
    <message>
        <source>Change Access Token Lifetime</source>
        <translation>Gültigkeit der Zugriffstoken ändern</translation>
    </message>
    <message>
        <source>Change Minimum Password Length</source>
        <translation>Mindestlänge für Passwörter ändern</translation>
    </message>
    <message>
        <source>Rename Role</source>
        <translation>Rolle umbenennen</translation>
    </message>
    <message>
        <source>Add Role</source>
        <translation>Rolle hinzufügen</translation>
    </message>
    <message>
        <source>Remove Role</source>
        <translation>Rolle entfernen</translation>
    </message>
    <message>
        <source>Move view %1</source>
        <translation>Sicht %1 verschieben</translation>
    </message>
    <message>
        <source>Add view %1</source>
        <translation>Sicht %1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove view %1</source>
        <translation>Sicht %1 entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n views</source>
        <translation>
            <numerusform>%n Sicht entfernen</numerusform>
            <numerusform>%n Sichten entfernen</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename view %1</source>
        <translation>Sicht %1 umbenennen</translation>
    </message>
    <message>
        <source>Change the description of view %1</source>
        <translation>Beschreibung der Sicht %1 ändern</translation>
    </message>
    <message>
        <source>Change the table of view %1</source>
        <translation>Tabelle der Sicht %1 ändern</translation>
    </message>
    <message>
        <source>Change the columns of view %1</source>
        <translation>Spalten der Sicht %1 ändern</translation>
    </message>
    <message>
        <source>Change the filter of view %1</source>
        <translation>Filter der Sicht %1 ändern</translation>
    </message>
    <message>
        <source>Change the colour of view %1</source>
        <translation>Farbe der Sicht %1 ändern</translation>
    </message>
    <message>
        <source>Remove the select rule of view %1 for %2</source>
        <translation>select-Regel der Sicht %1 für %2 entfernen</translation>
    </message>
    <message>
        <source>Set the select rule of view %1 for %2</source>
        <translation>select-Regel der Sicht %1 für %2 festlegen</translation>
    </message>
    <message>
        <source>%1 has no field with the id &quot;%2&quot;.</source>
        <translation>%1 hat kein Feld mit der ID „%2“.</translation>
    </message>
    <message>
        <source>%1.%2 cannot be the foreign key: it is a primary key, a foreign key already, a list or JSON. Choose another field or a new one.</source>
        <translation>%1.%2 kann nicht der Fremdschlüssel sein: Es ist ein Primärschlüssel, bereits ein Fremdschlüssel, eine Liste oder JSON. Wählen Sie ein anderes oder ein neues Feld.</translation>
    </message>
    <message>
        <source>Each %1 has one %2 · A %2 has many %3</source>
        <translation>Jedes %1 hat ein %2 · Ein %2 hat viele %3</translation>
    </message>
    <message>
        <source>A %1 has many %2 · Each %3 has one %1</source>
        <translation>Ein %1 hat viele %2 · Jedes %3 hat ein %1</translation>
    </message>
    <message>
        <source>Each %1 has one %2 · A %2 has at most one %1</source>
        <translation>Jedes %1 hat ein %2 · Ein %2 hat höchstens ein %1</translation>
    </message>
    <message>
        <source>A %1 has at most one %2 · Each %2 has one %1</source>
        <translation>Ein %1 hat höchstens ein %2 · Jedes %2 hat ein %1</translation>
    </message>
    <message>
        <source>A %1 has many %2 · A %3 has many %4</source>
        <translation>Ein %1 hat viele %2 · Ein %3 hat viele %4</translation>
    </message>
    <message>
        <source>Adds the junction table %1 with the foreign keys %2 and %3.</source>
        <translation>Legt die Verknüpfungstabelle %1 mit den Fremdschlüsseln %2 und %3 an.</translation>
    </message>
    <message>
        <source>Makes %1.%2 a unique foreign key referencing %3.</source>
        <translation>Macht %1.%2 zu einem eindeutigen Fremdschlüssel auf %3.</translation>
    </message>
    <message>
        <source>Makes %1.%2 the foreign key referencing %3.</source>
        <translation>Macht %1.%2 zum Fremdschlüssel auf %3.</translation>
    </message>
    <message>
        <source>Its type changes from %1 to %2.</source>
        <translation>Sein Typ ändert sich von %1 zu %2.</translation>
    </message>
    <message>
        <source>Adds the unique foreign key %1.%2 (%3) referencing %4.</source>
        <translation>Fügt den eindeutigen Fremdschlüssel %1.%2 (%3) auf %4 hinzu.</translation>
    </message>
    <message>
        <source>Adds the foreign key %1.%2 (%3) referencing %4.</source>
        <translation>Fügt den Fremdschlüssel %1.%2 (%3) auf %4 hinzu.</translation>
    </message>
    <message>
        <source>new table %1</source>
        <translation>neue Tabelle %1</translation>
    </message>
    <message>
        <source>uses %1.%2</source>
        <translation>verwendet %1.%2</translation>
    </message>
    <message>
        <source>new field %1.%2</source>
        <translation>neues Feld %1.%2</translation>
    </message>
    <message>
        <source>Remove rules of %1</source>
        <translation>Regeln von %1 entfernen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>uses %1.%2, as %3</source>
        <translation>verwendet %1.%2, als %3</translation>
    </message>
    <message>
        <source>Rename field %1 to %2 in %3</source>
        <translation>Feld %1 von %3 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Change the type of %1 in %2 to %3</source>
        <translation>Typ von %1 in %2 auf %3 ändern</translation>
    </message>
    <message>
        <source>Make %1 required in %2</source>
        <translation>%1 in %2 zur Pflicht machen</translation>
    </message>
    <message>
        <source>Make %1 optional in %2</source>
        <translation>%1 in %2 optional machen</translation>
    </message>
    <message>
        <source>Make %1 unique in %2</source>
        <translation>%1 in %2 eindeutig machen</translation>
    </message>
    <message>
        <source>Allow repeated values of %1 in %2</source>
        <translation>Wiederholte Werte von %1 in %2 erlauben</translation>
    </message>
    <message>
        <source>Change the description of %1 in %2</source>
        <translation>Beschreibung von %1 in %2 ändern</translation>
    </message>
    <message>
        <source>Change the default of %1 in %2</source>
        <translation>Standardwert von %1 in %2 ändern</translation>
    </message>
    <message>
        <source>Change the validation of %1 in %2</source>
        <translation>Prüfung von %1 in %2 ändern</translation>
    </message>
    <message>
        <source>Rename table %1 to %2</source>
        <translation>Tabelle %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Rename view %1 to %2</source>
        <translation>Sicht %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>%1, %2 for %3: %4</source>
        <translation>%1, %2 für %3: %4</translation>
    </message>
    <message>
        <source>Add function %1</source>
        <translation>Funktion %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete function %1</source>
        <translation>Funktion %1 löschen</translation>
    </message>
    <message>
        <source>Rename function %1 to %2</source>
        <translation>Funktion %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Edit code of function %1</source>
        <translation>Code der Funktion %1 bearbeiten</translation>
    </message>
    <message>
        <source>Change description of function %1</source>
        <translation>Beschreibung der Funktion %1 ändern</translation>
    </message>
    <message>
        <source>Change time limit of function %1</source>
        <translation>Zeitlimit der Funktion %1 ändern</translation>
    </message>
    <message>
        <source>Change function %1</source>
        <translation>Funktion %1 ändern</translation>
    </message>
    <message>
        <source>Add endpoint %1</source>
        <translation>Endpunkt %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete endpoint %1</source>
        <translation>Endpunkt %1 löschen</translation>
    </message>
    <message>
        <source>Change endpoint %1</source>
        <translation>Endpunkt %1 ändern</translation>
    </message>
    <message>
        <source>Rename endpoint %1 to %2</source>
        <translation>Endpunkt %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Add trigger %1</source>
        <translation>Trigger %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete trigger %1</source>
        <translation>Trigger %1 löschen</translation>
    </message>
    <message>
        <source>Change trigger %1</source>
        <translation>Trigger %1 ändern</translation>
    </message>
    <message>
        <source>Rename trigger %1 to %2</source>
        <translation>Trigger %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Add schedule %1</source>
        <translation>Zeitplan %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete schedule %1</source>
        <translation>Zeitplan %1 löschen</translation>
    </message>
    <message>
        <source>Change schedule %1</source>
        <translation>Zeitplan %1 ändern</translation>
    </message>
    <message>
        <source>Rename schedule %1 to %2</source>
        <translation>Zeitplan %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Turn on realtime for %1</source>
        <translation>Echtzeit für %1 einschalten</translation>
    </message>
    <message>
        <source>Turn off realtime for %1</source>
        <translation>Echtzeit für %1 ausschalten</translation>
    </message>
    <message>
        <source>Add channel rule %1</source>
        <translation>Kanalregel %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete channel rule %1</source>
        <translation>Kanalregel %1 löschen</translation>
    </message>
    <message>
        <source>Change channel rule %1</source>
        <translation>Kanalregel %1 ändern</translation>
    </message>
    <message>
        <source>Change the pattern of channel rule %1 to %2</source>
        <translation>Muster der Kanalregel %1 in %2 ändern</translation>
    </message>
</context>
<context>
    <name>Cron</name>
    <message>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <source>January</source>
        <translation>Januar</translation>
    </message>
    <message>
        <source>February</source>
        <translation>Februar</translation>
    </message>
    <message>
        <source>March</source>
        <translation>März</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>June</source>
        <translation>Juni</translation>
    </message>
    <message>
        <source>July</source>
        <translation>Juli</translation>
    </message>
    <message>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>October</source>
        <translation>Oktober</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>Dezember</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>Minute</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>day-of-month</source>
        <translation>Tag-des-Monats</translation>
    </message>
    <message>
        <source>month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>day-of-week</source>
        <translation>Wochentag</translation>
    </message>
    <message>
        <source>the %1 field: &quot;%2&quot; %3; write e.g. &quot;%4&quot;</source>
        <translation>das Feld %1: „%2“ %3; schreiben Sie z. B. „%4“</translation>
    </message>
    <message>
        <source>is out of range %1-%2</source>
        <translation>liegt außerhalb des Bereichs %1-%2</translation>
    </message>
    <message>
        <source>is not a value, range or step</source>
        <translation>ist weder ein Wert noch ein Bereich noch eine Schrittweite</translation>
    </message>
    <message>
        <source>has a bad step</source>
        <translation>hat eine ungültige Schrittweite</translation>
    </message>
    <message>
        <source>is a range that runs backwards</source>
        <translation>ist ein Bereich, der rückwärts läuft</translation>
    </message>
    <message>
        <source>unknown shortcut &quot;%1&quot;; use @hourly, @daily, @weekly, @monthly or @yearly</source>
        <translation>unbekannte Abkürzung „%1“; verwenden Sie @hourly, @daily, @weekly, @monthly oder @yearly</translation>
    </message>
    <message numerus="yes">
        <source>a cron expression has 5 fields (minute hour day-of-month month day-of-week), &quot;%1&quot; has %n; write e.g. &quot;0 3 * * *&quot; (every day at 03:00)</source>
        <translation>
            <numerusform>ein Cron-Ausdruck hat 5 Felder (Minute Stunde Tag-des-Monats Monat Wochentag), „%1“ hat %n; schreiben Sie z. B. „0 3 * * *“ (jeden Tag um 03:00)</numerusform>
            <numerusform>ein Cron-Ausdruck hat 5 Felder (Minute Stunde Tag-des-Monats Monat Wochentag), „%1“ hat %n; schreiben Sie z. B. „0 3 * * *“ (jeden Tag um 03:00)</numerusform>
        </translation>
    </message>
    <message>
        <source>never occurs in the months given</source>
        <translation>kommt in den angegebenen Monaten nie vor</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>jede Minute</translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes</source>
        <translation>
            <numerusform>im Abstand von %n Minute</numerusform>
            <numerusform>alle %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>jede Stunde</translation>
    </message>
    <message>
        <source>every hour at minute %1</source>
        <translation>jede Stunde in Minute %1</translation>
    </message>
    <message numerus="yes">
        <source>every %n hours</source>
        <translation>
            <numerusform>im Abstand von %n Stunde</numerusform>
            <numerusform>alle %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hours at minute %1</source>
        <translation>
            <numerusform>im Abstand von %n Stunde, in Minute %1</numerusform>
            <numerusform>alle %n Stunden, in Minute %1</numerusform>
        </translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>um %1</translation>
    </message>
    <message>
        <source>at minute %1</source>
        <translation>in Minute %1</translation>
    </message>
    <message>
        <source>%1 in the hours %2</source>
        <comment>minutes, then the hours they run in</comment>
        <translation>%1 in den Stunden %2</translation>
    </message>
    <message>
        <source>on day %1 of the month or on %2</source>
        <translation>am Tag %1 des Monats oder am %2</translation>
    </message>
    <message>
        <source>on day %1 of the month</source>
        <translation>am Tag %1 des Monats</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>am %1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>im %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>days, then months</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>every day %1</source>
        <comment>a time such as &quot;at 03:00&quot;</comment>
        <translation>jeden Tag %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a time, then the days</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>CsvImporter</name>
    <message>
        <source>The database refused the import: %1</source>
        <translation>Die Datenbank hat den Import abgelehnt: %1</translation>
    </message>
    <message>
        <source>The database refused the import into table %1: %2</source>
        <translation>Die Datenbank hat den Import in die Tabelle %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The project has no table &quot;%1&quot;.</source>
        <translation>Das Projekt hat keine Tabelle „%1“.</translation>
    </message>
    <message>
        <source>The CSV file is not open for reading.</source>
        <translation>Die CSV-Datei ist nicht zum Lesen geöffnet.</translation>
    </message>
    <message>
        <source>Column %1 is mapped to &quot;%2&quot;, which is not a field of table %3. Choose one of its fields, or ignore the column.</source>
        <translation>Spalte %1 ist „%2“ zugeordnet, das kein Feld der Tabelle %3 ist. Wählen Sie eines ihrer Felder oder ignorieren Sie die Spalte.</translation>
    </message>
    <message>
        <source>Column %1 is mapped to &quot;%2&quot;, which is set automatically and cannot be imported. Ignore the column.</source>
        <translation>Spalte %1 ist „%2“ zugeordnet, das automatisch gesetzt wird und nicht importiert werden kann. Ignorieren Sie die Spalte.</translation>
    </message>
    <message>
        <source>Two columns are mapped to the field &quot;%1&quot;. Map each field from one column only.</source>
        <translation>Zwei Spalten sind dem Feld „%1“ zugeordnet. Ordnen Sie jedes Feld nur einer Spalte zu.</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is required and has no default, but no column is mapped to it. Map a column to it.</source>
        <translation>Das Feld „%1“ ist ein Pflichtfeld ohne Standardwert, aber ihm ist keine Spalte zugeordnet. Ordnen Sie ihm eine Spalte zu.</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>Line %1: the file is not valid %2 text. Choose the encoding it was saved in.</source>
        <translation>Zeile %1: Die Datei ist kein gültiger %2-Text. Wählen Sie die Kodierung, in der sie gespeichert wurde.</translation>
    </message>
    <message>
        <source>Line %1: a quoted field starts here but its closing quote is missing before the end of the file. Close the quote, or double any quote inside the field (&quot;&quot;).</source>
        <translation>Zeile %1: Hier beginnt ein Feld in Anführungszeichen, aber vor dem Dateiende fehlt das schließende Anführungszeichen. Schließen Sie das Anführungszeichen oder verdoppeln Sie jedes Anführungszeichen innerhalb des Feldes (&quot;&quot;).</translation>
    </message>
    <message>
        <source>Line %1, column %2: a quote inside an unquoted field. Put the whole field in quotes and double the quotes inside it (&quot;a &quot;&quot;b&quot;&quot; c&quot;).</source>
        <translation>Zeile %1, Spalte %2: ein Anführungszeichen in einem Feld ohne Anführungszeichen. Setzen Sie das ganze Feld in Anführungszeichen und verdoppeln Sie die Anführungszeichen darin (&quot;a &quot;&quot;b&quot;&quot; c&quot;).</translation>
    </message>
    <message>
        <source>Line %1, column %2: text after the closing quote of a quoted field. Put the whole field in quotes and double the quotes inside it.</source>
        <translation>Zeile %1, Spalte %2: Text nach dem schließenden Anführungszeichen eines Feldes in Anführungszeichen. Setzen Sie das ganze Feld in Anführungszeichen und verdoppeln Sie die Anführungszeichen darin.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>&quot;%1&quot; is not a database URL: %2. Use sqlite:PATH or postgresql://user:password@host:port/dbname.</source>
        <translation>„%1“ ist keine Datenbank-URL: %2. Verwenden Sie sqlite:PFAD oder postgresql://benutzer:passwort@host:port/dbname.</translation>
    </message>
    <message>
        <source>the SQLite file path is missing</source>
        <translation>der Pfad der SQLite-Datei fehlt</translation>
    </message>
    <message>
        <source>the database name is missing</source>
        <translation>der Datenbankname fehlt</translation>
    </message>
    <message>
        <source>unknown scheme</source>
        <translation>unbekanntes Schema</translation>
    </message>
    <message>
        <source>Could not open the SQLite database %1.</source>
        <translation>Die SQLite-Datenbank %1 konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Could not connect to the PostgreSQL database %1. Check that the server is running and that the user name, password and database name are right.</source>
        <translation>Keine Verbindung zur PostgreSQL-Datenbank %1. Prüfen Sie, ob der Server läuft und ob Benutzername, Passwort und Datenbankname stimmen.</translation>
    </message>
    <message>
        <source>The Qt SQL driver %1 is not installed.</source>
        <translation>Der Qt-SQL-Treiber %1 ist nicht installiert.</translation>
    </message>
</context>
<context>
    <name>DatabaseSetup</name>
    <message>
        <source>The database cannot be brought to this project&apos;s schema. Nothing was changed.</source>
        <translation>Die Datenbank kann nicht an das Schema dieses Projekts angepasst werden. Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>Designer::CallersWidget</name>
    <message>
        <source>Only server-side code and the designer: clients cannot call it</source>
        <translation>Nur serverseitiger Code und der Designer: Clients können es nicht aufrufen</translation>
    </message>
</context>
<context>
    <name>Designer::CanvasAccessibility</name>
    <message numerus="yes">
        <source>Table %1, %n field(s)</source>
        <translation>
            <numerusform>Tabelle %1, %n Feld</numerusform>
            <numerusform>Tabelle %1, %n Felder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Table %1, %n field(s), references %2</source>
        <translation>
            <numerusform>Tabelle %1, %n Feld, verweist auf %2</numerusform>
            <numerusform>Tabelle %1, %n Felder, verweist auf %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Table %1, %n field(s), referenced by %2</source>
        <translation>
            <numerusform>Tabelle %1, %n Feld, referenziert von %2</numerusform>
            <numerusform>Tabelle %1, %n Felder, referenziert von %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Table %1, %n field(s), references %2, referenced by %3</source>
        <translation>
            <numerusform>Tabelle %1, %n Feld, verweist auf %2, referenziert von %3</numerusform>
            <numerusform>Tabelle %1, %n Felder, verweist auf %2, referenziert von %3</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to %2, one-to-one</source>
        <translation>%1 zu %2, eins zu eins</translation>
    </message>
    <message>
        <source>%1 to %2, one-to-many</source>
        <translation>%1 zu %2, eins zu viele</translation>
    </message>
    <message>
        <source>%1 to %2, many-to-many</source>
        <translation>%1 zu %2, viele zu viele</translation>
    </message>
    <message>
        <source>Through the junction table %1</source>
        <translation>Über die Verknüpfungstabelle %1</translation>
    </message>
    <message>
        <source>Foreign key %1.%2 references %3</source>
        <translation>Fremdschlüssel %1.%2 verweist auf %3</translation>
    </message>
</context>
<context>
    <name>Designer::ConsoleSessions</name>
    <message>
        <source>Signing up %1 failed: %2</source>
        <translation>Registrierung von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The console does not know the password of %1; create the user with &quot;New test user…&quot;.</source>
        <translation>Die Konsole kennt das Passwort von %1 nicht; legen Sie den Benutzer mit „Neuer Testbenutzer …“ an.</translation>
    </message>
    <message>
        <source>Signing in %1 failed: %2</source>
        <translation>Anmeldung von %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>Designer::ConsoleSidebar</name>
    <message>
        <source>Clear History</source>
        <translation>Verlauf leeren</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>%1, %2 ms</source>
        <translation>%1, %2 ms</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Remove from Collection</source>
        <translation>Aus Sammlung entfernen</translation>
    </message>
    <message>
        <source>Remove Request</source>
        <translation>Anfrage entfernen</translation>
    </message>
</context>
<context>
    <name>Designer::ConsoleStore</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a JSON object (%2 at byte %3); it is left as it is until you fix or move it.</source>
        <translation>%1 ist kein JSON-Objekt (%2 bei Byte %3); die Datei bleibt unverändert, bis Sie sie korrigieren oder verschieben.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>Der Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 could not be read when the project was opened; fix or move it, then reopen the project. Your change is kept until the console is closed.</source>
        <translation>%1 konnte beim Öffnen des Projekts nicht gelesen werden; korrigieren oder verschieben Sie die Datei und öffnen Sie das Projekt dann erneut. Ihre Änderung bleibt erhalten, bis die Konsole geschlossen wird.</translation>
    </message>
</context>
<context>
    <name>Designer::CsvFilePage</name>
    <message>
        <source>Choose a CSV File</source>
        <translation>CSV-Datei auswählen</translation>
    </message>
    <message>
        <source>The rows will be imported into the table %1.</source>
        <translation>Die Zeilen werden in die Tabelle %1 importiert.</translation>
    </message>
    <message>
        <source>Path of a .csv file</source>
        <translation>Pfad einer .csv-Datei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Kodierung:</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <source>The first row holds the column &amp;names</source>
        <translation>Die erste Zeile enthält die Spalten&amp;namen</translation>
    </message>
    <message>
        <source>First rows of the file</source>
        <translation>Erste Zeilen der Datei</translation>
    </message>
    <message>
        <source>The project has no table %1 any more.</source>
        <translation>Das Projekt hat keine Tabelle %1 mehr.</translation>
    </message>
    <message>
        <source>Import CSV File</source>
        <translation>CSV-Datei importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.tsv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Detected: %1, %2.</source>
        <translation>Erkannt: %1, %2.</translation>
    </message>
</context>
<context>
    <name>Designer::CsvImportPage</name>
    <message>
        <source>Importing</source>
        <translation>Import läuft</translation>
    </message>
    <message>
        <source>Rows are written in batches of 10,000, each all or nothing. Cancelling keeps the batches already written and nothing of the current one.</source>
        <translation>Zeilen werden in Blöcken zu 10.000 geschrieben, jeder ganz oder gar nicht. Beim Abbrechen bleiben die bereits geschriebenen Blöcke erhalten, vom aktuellen Block nichts.</translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>%L1 rows/s</source>
        <translation>%L1 Zeilen/s</translation>
    </message>
    <message>
        <source>Cancelling: the current batch is rolled back…</source>
        <translation>Wird abgebrochen: Der aktuelle Block wird zurückgesetzt …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) processed</source>
        <translation>
            <numerusform>%Ln Zeile verarbeitet</numerusform>
            <numerusform>%Ln Zeilen verarbeitet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) processed; building the table&apos;s indexes…</source>
        <translation>
            <numerusform>%Ln Zeile verarbeitet; die Indizes der Tabelle werden aufgebaut…</numerusform>
            <numerusform>%Ln Zeilen verarbeitet; die Indizes der Tabelle werden aufgebaut…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::CsvImportWizard</name>
    <message>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>The file is empty: there is nothing to import.</source>
        <translation>Die Datei ist leer: Es gibt nichts zu importieren.</translation>
    </message>
    <message>
        <source>The file has a header but no rows to import.</source>
        <translation>Die Datei hat eine Kopfzeile, aber keine Zeilen zum Importieren.</translation>
    </message>
    <message>
        <source>Import CSV into %1</source>
        <translation>CSV in %1 importieren</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>There are no such rows to save.</source>
        <translation>Es gibt keine solchen Zeilen zum Speichern.</translation>
    </message>
    <message>
        <source>Could not replace %1.</source>
        <translation>%1 konnte nicht ersetzt werden.</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>Designer::CsvMappingPage</name>
    <message>
        <source>Map Columns to Fields</source>
        <translation>Spalten den Feldern zuordnen</translation>
    </message>
    <message>
        <source>Choose the field each column goes into. Fields no column goes into get their default value.</source>
        <translation>Wählen Sie für jede Spalte das Feld, in das sie übernommen wird. Felder ohne zugeordnete Spalte erhalten ihren Standardwert.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>Erster Wert</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>Spaltenzuordnung</translation>
    </message>
    <message>
        <source>Field for column %1</source>
        <translation>Feld für Spalte %1</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(ignorieren)</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1 (Pflicht)</translation>
    </message>
    <message>
        <source>Required fields without a column and without a default: %1. Choose a column for each.</source>
        <translation>Pflichtfelder ohne Spalte und ohne Standardwert: %1. Wählen Sie für jedes eine Spalte.</translation>
    </message>
</context>
<context>
    <name>Designer::CsvPreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>The first rows as they will be imported. Marked cells would be rejected; unique values and references to other tables are checked during the import.</source>
        <translation>Die ersten Zeilen, wie sie importiert werden. Markierte Zellen würden abgelehnt; eindeutige Werte und Verweise auf andere Tabellen werden beim Import geprüft.</translation>
    </message>
    <message>
        <source>Preview of the converted rows</source>
        <translation>Vorschau der umgewandelten Zeilen</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(fehlt)</translation>
    </message>
    <message numerus="yes">
        <source>The first %n rows are all valid.</source>
        <translation>
            <numerusform>%n Zeile geprüft: Sie ist gültig.</numerusform>
            <numerusform>Die ersten %n Zeilen sind alle gültig.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of the first %2 rows would be rejected (hover a marked cell for the reason). Rejected rows are listed after the import and can be saved, fixed and imported again.</source>
        <translation>%1 der ersten %2 Zeilen würden abgelehnt (zeigen Sie auf eine markierte Zelle, um den Grund zu sehen). Abgelehnte Zeilen werden nach dem Import aufgelistet und können gespeichert, korrigiert und erneut importiert werden.</translation>
    </message>
    <message numerus="yes">
        <source>has %n column(s), the file has %1</source>
        <translation>
            <numerusform>hat %n Spalte, die Datei hat %1</numerusform>
            <numerusform>hat %n Spalten, die Datei hat %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::CsvReportPage</name>
    <message>
        <source>Import Report</source>
        <translation>Importbericht</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Rejected because</source>
        <translation>Abgelehnt, weil</translation>
    </message>
    <message>
        <source>Rejected rows by reason</source>
        <translation>Abgelehnte Zeilen nach Grund</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>Abgelehnte Zeilen</translation>
    </message>
    <message>
        <source>To import the rejected rows, save them, fix them and import the file again: its last column, basalt_error, says what is wrong with each row and is ignored when imported.</source>
        <translation>Um die abgelehnten Zeilen zu importieren, speichern Sie sie, korrigieren Sie sie und importieren Sie die Datei erneut: Ihre letzte Spalte, basalt_error, gibt an, was an jeder Zeile falsch ist, und wird beim Import ignoriert.</translation>
    </message>
    <message>
        <source>Save Rejected Rows…</source>
        <translation>Abgelehnte Zeilen speichern …</translation>
    </message>
    <message>
        <source>Save Rows Not Imported…</source>
        <translation>Nicht importierte Zeilen speichern …</translation>
    </message>
    <message>
        <source>The import could not start: %1</source>
        <translation>Der Import konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>The import was cancelled: the rows from line %1 on were not imported.</source>
        <translation>Der Import wurde abgebrochen: Die Zeilen ab Zeile %1 wurden nicht importiert.</translation>
    </message>
    <message>
        <source>The import stopped: %1 The rows from line %2 on were not imported.</source>
        <translation>Der Import wurde beendet: %1 Die Zeilen ab Zeile %2 wurden nicht importiert.</translation>
    </message>
    <message>
        <source>Save Rejected Rows</source>
        <translation>Abgelehnte Zeilen speichern</translation>
    </message>
    <message>
        <source>Save Rows Not Imported</source>
        <translation>Nicht importierte Zeilen speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Save Rows</source>
        <translation>Zeilen speichern</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) imported into %1 in %2 s.</source>
        <translation>
            <numerusform>%Ln Zeile in %2 s in %1 importiert.</numerusform>
            <numerusform>%Ln Zeilen in %2 s in %1 importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) rejected.</source>
        <translation>
            <numerusform>%Ln Zeile abgelehnt.</numerusform>
            <numerusform>%Ln Zeilen abgelehnt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::CurlCommand</name>
    <message>
        <source>The quote opened at character %1 is never closed.</source>
        <translation>Das bei Zeichen %1 geöffnete Anführungszeichen wird nie geschlossen.</translation>
    </message>
    <message>
        <source>A curl command starts with &quot;curl&quot;.</source>
        <translation>Ein curl-Befehl beginnt mit „curl“.</translation>
    </message>
    <message>
        <source>The option %1 needs a value after it.</source>
        <translation>Die Option %1 braucht einen Wert danach.</translation>
    </message>
    <message>
        <source>The header &quot;%1&quot; has no &quot;Name: value&quot; form.</source>
        <translation>Die Kopfzeile „%1“ hat nicht die Form „Name: Wert“.</translation>
    </message>
    <message>
        <source>%1 %2 reads a file; paste the file&apos;s content instead.</source>
        <translation>%1 %2 liest eine Datei; fügen Sie stattdessen den Inhalt der Datei ein.</translation>
    </message>
    <message>
        <source>The curl option %1 is not supported by the console; remove it and paste again.</source>
        <translation>Die curl-Option %1 wird von der Konsole nicht unterstützt; entfernen Sie sie und fügen Sie den Befehl erneut ein.</translation>
    </message>
    <message>
        <source>The command names two URLs (&quot;%1&quot; and &quot;%2&quot;).</source>
        <translation>Der Befehl nennt zwei URLs („%1“ und „%2“).</translation>
    </message>
    <message>
        <source>The curl command has no URL.</source>
        <translation>Der curl-Befehl hat keine URL.</translation>
    </message>
</context>
<context>
    <name>Designer::DataBrowser</name>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Add a row to %1</source>
        <translation>Zeile zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>%1, required</source>
        <translation>%1, Pflicht</translation>
    </message>
    <message>
        <source>%1, empty for the default</source>
        <translation>%1, leer für den Standardwert</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Press Run to browse data.</source>
        <translation>Klicken Sie auf „Ausführen“, um Daten anzuzeigen.</translation>
    </message>
    <message>
        <source>Add row…</source>
        <translation>Zeile hinzufügen …</translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation>Zeilen löschen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV importieren …</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>The table whose rows are shown</source>
        <translation>Die Tabelle, deren Zeilen angezeigt werden</translation>
    </message>
    <message>
        <source>Double-click a cell to edit it. An empty value is NULL; type &quot;&quot; for empty text.</source>
        <translation>Doppelklicken Sie auf eine Zelle, um sie zu bearbeiten. Ein leerer Wert ist NULL; geben Sie &quot;&quot; für leeren Text ein.</translation>
    </message>
    <message>
        <source>Delete the selected rows</source>
        <translation>Die ausgewählten Zeilen löschen</translation>
    </message>
    <message>
        <source>Add rows to this table from a CSV file</source>
        <translation>Zeilen aus einer CSV-Datei zu dieser Tabelle hinzufügen</translation>
    </message>
    <message>
        <source>Write the table, or the filtered view, to a CSV or JSON file</source>
        <translation>Die Tabelle oder die gefilterte Ansicht in eine CSV- oder JSON-Datei schreiben</translation>
    </message>
    <message>
        <source>Table:</source>
        <translation>Tabelle:</translation>
    </message>
    <message>
        <source>Reading %1 failed: %2</source>
        <translation>Lesen von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No rows</source>
        <translation>Keine Zeilen</translation>
    </message>
    <message>
        <source>No matching rows</source>
        <translation>Keine passenden Zeilen</translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation>%1–%2 von %3</translation>
    </message>
    <message>
        <source>%1 has no primary key: its rows cannot be edited or deleted here</source>
        <translation>%1 hat keinen Primärschlüssel: Seine Zeilen können hier weder bearbeitet noch gelöscht werden</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n row(s) from %1? This cannot be undone.</source>
        <translation>
            <numerusform>%n Zeile aus %1 löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%n Zeilen aus %1 löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wait until the selected rows are loaded, then delete again.</source>
        <translation>Warten Sie, bis die ausgewählten Zeilen geladen sind, und löschen Sie dann erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>%n Zeile nach %1 exportiert.</numerusform>
            <numerusform>%n Zeilen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; %1 was not changed.</source>
        <translation>Export abgebrochen; %1 wurde nicht geändert.</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export the rows shown (filtered and sorted) or the whole table?</source>
        <translation>Die angezeigten Zeilen (gefiltert und sortiert) oder die ganze Tabelle exportieren?</translation>
    </message>
    <message>
        <source>Rows shown</source>
        <translation>Angezeigte Zeilen</translation>
    </message>
    <message>
        <source>Whole table</source>
        <translation>Ganze Tabelle</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>%1 wird exportiert …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
</context>
<context>
    <name>Designer::DeleteGuard</name>
    <message numerus="yes">
        <source>Delete table %1? The local database holds %n row(s) in it; they are dropped on the next run.</source>
        <translation>
            <numerusform>Tabelle %1 löschen? Sie enthält in der lokalen Datenbank %n Zeile; diese wird beim nächsten Ausführen gelöscht.</numerusform>
            <numerusform>Tabelle %1 löschen? Sie enthält in der lokalen Datenbank %n Zeilen; diese werden beim nächsten Ausführen gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete tables %1? The local database holds %n row(s) in them; they are dropped on the next run.</source>
        <translation>
            <numerusform>Tabellen %1 löschen? Sie enthalten in der lokalen Datenbank %n Zeile; diese wird beim nächsten Ausführen gelöscht.</numerusform>
            <numerusform>Tabellen %1 löschen? Sie enthalten in der lokalen Datenbank %n Zeilen; diese werden beim nächsten Ausführen gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Tables</source>
        <translation>Tabellen löschen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message numerus="yes">
        <source>%n view(s) (%1) show rows of the tables to delete and are deleted with them.</source>
        <translation>
            <numerusform>%n Sicht (%1) zeigt Zeilen der zu löschenden Tabellen und wird mit ihnen gelöscht.</numerusform>
            <numerusform>%n Sichten (%1) zeigen Zeilen der zu löschenden Tabellen und werden mit ihnen gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>endpoint %1</source>
        <translation>Endpunkt %1</translation>
    </message>
    <message>
        <source>trigger %1</source>
        <translation>Trigger %1</translation>
    </message>
    <message>
        <source>schedule %1</source>
        <translation>Zeitplan %1</translation>
    </message>
    <message numerus="yes">
        <source>The function(s) %1 are called by %2. Delete them too?</source>
        <translation>
            <numerusform>Die Funktion %1 wird von %2 aufgerufen. Diese ebenfalls löschen?</numerusform>
            <numerusform>Die Funktionen %1 werden von %2 aufgerufen. Diese ebenfalls löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Functions</source>
        <translation>Funktionen löschen</translation>
    </message>
</context>
<context>
    <name>Designer::DiagramExport</name>
    <message>
        <source>Could not export the diagram to %1: %2</source>
        <translation>Das Diagramm konnte nicht nach %1 exportiert werden: %2</translation>
    </message>
    <message>
        <source>the diagram is too large for an image</source>
        <translation>das Diagramm ist für ein Bild zu groß</translation>
    </message>
    <message>
        <source>not enough memory for the image</source>
        <translation>nicht genug Speicher für das Bild</translation>
    </message>
    <message>
        <source>ER diagram</source>
        <translation>ER-Diagramm</translation>
    </message>
</context>
<context>
    <name>Designer::EndpointEditor</name>
    <message>
        <source>How the endpoint is listed; clients call it by its method and path</source>
        <translation>Wie der Endpunkt aufgeführt wird; Clients rufen ihn über Methode und Pfad auf</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>A segment :name is a path parameter (orders/:id reads id from the path)</source>
        <translation>Ein Segment :name ist ein Pfadparameter (orders/:id liest id aus dem Pfad)</translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation>&amp;Pfad:</translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation>&amp;Funktion:</translation>
    </message>
    <message>
        <source>Who may call:</source>
        <translation>Wer aufrufen darf:</translation>
    </message>
    <message>
        <source>&amp;Add Parameter</source>
        <translation>Parameter &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove Parameter</source>
        <translation>Parameter &amp;entfernen</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>optional; shown in the OpenAPI document</source>
        <translation>optional; erscheint im OpenAPI-Dokument</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Try It in the API Console</source>
        <translation>In der API-Konsole &amp;ausprobieren</translation>
    </message>
    <message>
        <source>Opens this endpoint&apos;s request in the API console, with sample values</source>
        <translation>Öffnet die Anfrage dieses Endpunkts mit Beispielwerten in der API-Konsole</translation>
    </message>
    <message>
        <source>Endpoint %1</source>
        <translation>Endpunkt %1</translation>
    </message>
</context>
<context>
    <name>Designer::EnvironmentDialog</name>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Environments</source>
        <translation>Umgebungen</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>New Environment</source>
        <translation>Neue Umgebung</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>local</source>
        <translation>lokal</translation>
    </message>
    <message>
        <source>Write {{name}} in the URL, headers or body. Always defined: {{baseUrl}}, {{anonKey}}, {{serviceKey}}, and {{user.id}}: the id of the test user chosen under Auth. Environments are saved with the collections, beside the project: keep secrets out of them.</source>
        <translation>Schreiben Sie {{name}} in die URL, die Kopfzeilen oder den Inhalt. Immer definiert: {{baseUrl}}, {{anonKey}}, {{serviceKey}} und {{user.id}}: die ID des unter „Authentifizierung“ gewählten Testbenutzers. Umgebungen werden mit den Sammlungen neben dem Projekt gespeichert: Legen Sie keine Geheimnisse darin ab.</translation>
    </message>
</context>
<context>
    <name>Designer::ErView</name>
    <message>
        <source>ER diagram</source>
        <translation>ER-Diagramm</translation>
    </message>
    <message>
        <source>No table selected</source>
        <translation>Keine Tabelle ausgewählt</translation>
    </message>
    <message>
        <source>Table %1 selected</source>
        <translation>Tabelle %1 ausgewählt</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) selected: %1</source>
        <translation>
            <numerusform>%n Tabelle ausgewählt: %1</numerusform>
            <numerusform>%n Tabellen ausgewählt: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>This project has no tables yet.
Drag a Table from the Palette or press Ctrl+T.</source>
        <translation>Dieses Projekt hat noch keine Tabellen.
Ziehen Sie eine Tabelle aus der Palette oder drücken Sie Strg+T.</translation>
    </message>
</context>
<context>
    <name>Designer::FieldEditor</name>
    <message>
        <source>Re&amp;quired</source>
        <translation>&amp;Pflichtfeld</translation>
    </message>
    <message>
        <source>&amp;Unique</source>
        <translation>&amp;Eindeutig</translation>
    </message>
    <message>
        <source>&amp;Hidden from the API</source>
        <translation>In der API &amp;verborgen</translation>
    </message>
    <message>
        <source>Read-&amp;only for clients</source>
        <translation>Für Clients &amp;schreibgeschützt</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Auto-increment integer</source>
        <translation>Fortlaufende Ganzzahl</translation>
    </message>
    <message>
        <source>Random UUID</source>
        <translation>Zufällige UUID</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>Set when the row is created</source>
        <translation>Beim Anlegen der Zeile setzen</translation>
    </message>
    <message>
        <source>Set whenever the row changes</source>
        <translation>Bei jeder Änderung der Zeile setzen</translation>
    </message>
    <message>
        <source>false</source>
        <translation>false</translation>
    </message>
    <message>
        <source>true</source>
        <translation>true</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>A regular expression the whole value must match.</source>
        <translation>Ein regulärer Ausdruck, auf den der ganze Wert passen muss.</translation>
    </message>
    <message>
        <source>Add &amp;Value</source>
        <translation>Wert &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Remove V&amp;alue</source>
        <translation>Wert entfe&amp;rnen</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>Descri&amp;ption:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Primary &amp;key:</source>
        <translation>Pr&amp;imärschlüssel:</translation>
    </message>
    <message>
        <source>Timestam&amp;p:</source>
        <translation>&amp;Zeitstempel:</translation>
    </message>
    <message>
        <source>De&amp;fault:</source>
        <translation>Stan&amp;dardwert:</translation>
    </message>
    <message>
        <source>Mi&amp;nimum:</source>
        <translation>Mi&amp;nimum:</translation>
    </message>
    <message>
        <source>Ma&amp;ximum:</source>
        <translation>Ma&amp;ximum:</translation>
    </message>
    <message>
        <source>Minimum &amp;length:</source>
        <translation>Minimale &amp;Länge:</translation>
    </message>
    <message>
        <source>Maximum len&amp;gth:</source>
        <translation>Maximale Län&amp;ge:</translation>
    </message>
    <message>
        <source>Patter&amp;n:</source>
        <translation>M&amp;uster:</translation>
    </message>
    <message>
        <source>&amp;Values:</source>
        <translation>&amp;Werte:</translation>
    </message>
    <message>
        <source>Field %1</source>
        <translation>Feld %1</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Select a field in the grid to edit all of its options.</source>
        <translation>Wählen Sie ein Feld im Raster aus, um alle seine Optionen zu bearbeiten.</translation>
    </message>
    <message>
        <source>Supplied on insert</source>
        <translation>Beim Einfügen angegeben</translation>
    </message>
    <message>
        <source>The insert gives the key: a username, a slug, or the id of the row this one extends (text, integer or uuid)</source>
        <translation>Das Einfügen gibt den Schlüssel an: einen Benutzernamen, einen Slug oder die ID der Zeile, die diese erweitert (text, integer oder uuid)</translation>
    </message>
    <message>
        <source>a list, e.g. [] or {a,b}</source>
        <translation>eine Liste, z. B. [] oder {a,b}</translation>
    </message>
</context>
<context>
    <name>Designer::FieldsModel</name>
    <message>
        <source>The value of an insert that gives none: a literal, now() or uuid().</source>
        <translation>Der Wert, den ein Einfügen ohne Angabe erhält: ein Literal, now() oder uuid().</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>Eindeutig</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Verborgen</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Schreibschutz</translation>
    </message>
</context>
<context>
    <name>Designer::FileActions</name>
    <message>
        <source>&amp;New...</source>
        <translation>&amp;Neu …</translation>
    </message>
    <message>
        <source>New project, blank or from a template</source>
        <translation>Neues Projekt, leer oder aus einer Vorlage</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>Speichern &amp;unter …</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Zuletzt &amp;geöffnet</translation>
    </message>
    <message>
        <source>Cannot Create Project</source>
        <translation>Projekt kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>The template %1 cannot be read.</source>
        <translation>Die Vorlage %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Basalt projects (%1);;All files (*)</source>
        <translation>Basalt-Projekte (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>More problems: %1 (see Show Details).</source>
        <translation>Weitere Probleme: %1 (siehe „Details einblenden“).</translation>
    </message>
    <message>
        <source>Cannot Open Project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Basalt could not open %1.</source>
        <translation>Basalt konnte %1 nicht öffnen.</translation>
    </message>
    <message>
        <source>Cannot Save Project</source>
        <translation>Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>Projekt speichern unter</translation>
    </message>
    <message>
        <source>Basalt projects (%1)</source>
        <translation>Basalt-Projekte (%1)</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Do you want to save them?</source>
        <translation>%1 hat ungespeicherte Änderungen. Möchten Sie sie speichern?</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>Cannot Restore Project</source>
        <translation>Projekt kann nicht wiederhergestellt werden</translation>
    </message>
    <message>
        <source>Restore Unsaved Work</source>
        <translation>Ungespeicherte Arbeit wiederherstellen</translation>
    </message>
    <message>
        <source>Basalt was closed with unsaved changes. Restore the project saved on %1?</source>
        <translation>Basalt wurde mit ungespeicherten Änderungen beendet. Das am %1 gesicherte Projekt wiederherstellen?</translation>
    </message>
</context>
<context>
    <name>Designer::FindBar</name>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation>&amp;Groß-/Kleinschreibung</translation>
    </message>
    <message>
        <source>&amp;Whole words</source>
        <translation>Nur ganze &amp;Wörter</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>&amp;Vorheriges</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Nächstes</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Ersetzen</translation>
    </message>
    <message>
        <source>Replace &amp;All</source>
        <translation>&amp;Alle ersetzen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>%n ersetzt</numerusform>
            <numerusform>%n ersetzt</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
</context>
<context>
    <name>Designer::FunctionEditor</name>
    <message>
        <source>Endpoints, triggers and schedules call the function by this name</source>
        <translation>Endpunkte, Trigger und Zeitpläne rufen die Funktion unter diesem Namen auf</translation>
    </message>
    <message>
        <source>optional; what the function does</source>
        <translation>optional; was die Funktion tut</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>A call that runs longer is stopped and answers 500</source>
        <translation>Ein Aufruf, der länger läuft, wird abgebrochen und antwortet mit 500</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Time limit:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>// The body of function (req, row, old). The request: req.method, req.body,
// req.params, req.query, req.headers, req.user, req.role.
// return { ... } answers 200 with it as JSON; { status, headers, body } too.
// throw new HttpError(400, &apos;Out of stock&apos;) answers with that status.</source>
        <translation>// Der Rumpf von function (req, row, old). Die Anfrage: req.method, req.body,
// req.params, req.query, req.headers, req.user, req.role.
// return { ... } antwortet mit 200 und dem Objekt als JSON; auch { status, headers, body }.
// throw new HttpError(400, &apos;Nicht vorrätig&apos;) antwortet mit diesem Status.</translation>
    </message>
    <message>
        <source>No function is selected.</source>
        <translation>Keine Funktion ausgewählt.</translation>
    </message>
    <message>
        <source>Function %1</source>
        <translation>Funktion %1</translation>
    </message>
    <message>
        <source>Who may call it as POST /functions/v1/&lt;name&gt; and /rest/v1/rpc/&lt;name&gt;; endpoints, triggers and schedules call it whatever this says</source>
        <translation>Wer sie als POST /functions/v1/&lt;name&gt; und /rest/v1/rpc/&lt;name&gt; aufrufen darf; Endpunkte, Trigger und Zeitpläne rufen sie unabhängig davon auf</translation>
    </message>
    <message>
        <source>&amp;Read-only (callable with GET; its db refuses writes)</source>
        <translation>Nur &amp;lesend (mit GET aufrufbar; ihr db verweigert Schreibzugriffe)</translation>
    </message>
    <message>
        <source>The req of a test run, as JSON: {&quot;body&quot;: {...}, &quot;query&quot;: {...}}</source>
        <translation>Das req eines Testlaufs als JSON: {&quot;body&quot;: {...}, &quot;query&quot;: {...}}</translation>
    </message>
    <message>
        <source>Who may call:</source>
        <translation>Wer aufrufen darf:</translation>
    </message>
    <message>
        <source>&amp;Sample input:</source>
        <translation>&amp;Beispieleingabe:</translation>
    </message>
</context>
<context>
    <name>Designer::FunctionPanels</name>
    <message>
        <source>Add &amp;Function</source>
        <translation>&amp;Funktion hinzufügen</translation>
    </message>
    <message>
        <source>Add a JavaScript function, for endpoints, triggers and schedules</source>
        <translation>Eine JavaScript-Funktion für Endpunkte, Trigger und Zeitpläne hinzufügen</translation>
    </message>
    <message>
        <source>Function %1</source>
        <translation>Funktion %1</translation>
    </message>
    <message>
        <source>The code of the function selected in the project tree</source>
        <translation>Der Code der im Projektbaum ausgewählten Funktion</translation>
    </message>
</context>
<context>
    <name>Designer::FunctionRunPanel</name>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Call the function on the running backend with its sample input</source>
        <translation>Die Funktion im laufenden Backend mit ihrer Beispieleingabe aufrufen</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Start the backend (Run in the toolbar) to try this function with its sample input.</source>
        <translation>Starten Sie das Backend (Ausführen in der Werkzeugleiste), um diese Funktion mit ihrer Beispieleingabe zu testen.</translation>
    </message>
    <message>
        <source>Runs %1 on the running backend with the sample input, as the service role.</source>
        <translation>Führt %1 im laufenden Backend mit der Beispieleingabe aus, als Service-Rolle.</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>%1 läuft …</translation>
    </message>
    <message>
        <source>The backend did not answer: %1</source>
        <translation>Das Backend hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>Not run: %1</source>
        <translation>Nicht ausgeführt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 · %3 ms · %n console line(s)</source>
        <translation>
            <numerusform>%1 %2 · %3 ms · %n Konsolenzeile</numerusform>
            <numerusform>%1 %2 · %3 ms · %n Konsolenzeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>answered</source>
        <translation>beantwortet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Console (%1)</source>
        <translation>Konsole (%1)</translation>
    </message>
    <message>
        <source>SQL (%1)</source>
        <translation>SQL (%1)</translation>
    </message>
</context>
<context>
    <name>Designer::JsonEditor</name>
    <message>
        <source>missing comma or closing brace</source>
        <translation>Komma oder schließende geschweifte Klammer fehlt</translation>
    </message>
    <message>
        <source>missing colon after the name</source>
        <translation>Doppelpunkt nach dem Namen fehlt</translation>
    </message>
    <message>
        <source>missing comma or closing bracket</source>
        <translation>Komma oder schließende eckige Klammer fehlt</translation>
    </message>
    <message>
        <source>missing comma</source>
        <translation>Komma fehlt</translation>
    </message>
    <message>
        <source>not a JSON value (strings need double quotes)</source>
        <translation>kein JSON-Wert (Zeichenketten brauchen doppelte Anführungszeichen)</translation>
    </message>
    <message>
        <source>the text ends inside a number</source>
        <translation>der Text endet innerhalb einer Zahl</translation>
    </message>
    <message>
        <source>not a valid number</source>
        <translation>keine gültige Zahl</translation>
    </message>
    <message>
        <source>invalid escape sequence</source>
        <translation>ungültige Escape-Sequenz</translation>
    </message>
    <message>
        <source>invalid UTF-8 in a string</source>
        <translation>ungültiges UTF-8 in einer Zeichenkette</translation>
    </message>
    <message>
        <source>the string is never closed</source>
        <translation>die Zeichenkette wird nie geschlossen</translation>
    </message>
    <message>
        <source>expected an object or an array</source>
        <translation>erwartet: ein Objekt oder ein Array</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>zu tief verschachtelt</translation>
    </message>
    <message>
        <source>the document is too large</source>
        <translation>das Dokument ist zu groß</translation>
    </message>
    <message>
        <source>unexpected text after the end</source>
        <translation>unerwarteter Text nach dem Ende</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>Designer::LogicPanels</name>
    <message>
        <source>Add &amp;Endpoint</source>
        <translation>&amp;Endpunkt hinzufügen</translation>
    </message>
    <message>
        <source>Add a custom endpoint below /api/, served by a function</source>
        <translation>Einen eigenen Endpunkt unter /api/ hinzufügen, den eine Funktion bedient</translation>
    </message>
    <message>
        <source>Add Tri&amp;gger</source>
        <translation>Tri&amp;gger hinzufügen</translation>
    </message>
    <message>
        <source>Run a function when rows of the selected table are written, or on sign-up</source>
        <translation>Eine Funktion ausführen, wenn Zeilen der gewählten Tabelle geschrieben werden, oder bei der Registrierung</translation>
    </message>
    <message>
        <source>Add &amp;Schedule</source>
        <translation>&amp;Zeitplan hinzufügen</translation>
    </message>
    <message>
        <source>Run a function on a schedule (cron)</source>
        <translation>Eine Funktion nach Zeitplan ausführen (cron)</translation>
    </message>
</context>
<context>
    <name>Designer::LogicTexts</name>
    <message>
        <source>%1 /api/%2</source>
        <translation>%1 /api/%2</translation>
    </message>
    <message>
        <source>before insert</source>
        <translation>vor dem Einfügen</translation>
    </message>
    <message>
        <source>after insert</source>
        <translation>nach dem Einfügen</translation>
    </message>
    <message>
        <source>before update</source>
        <translation>vor dem Ändern</translation>
    </message>
    <message>
        <source>after update</source>
        <translation>nach dem Ändern</translation>
    </message>
    <message>
        <source>before delete</source>
        <translation>vor dem Löschen</translation>
    </message>
    <message>
        <source>after delete</source>
        <translation>nach dem Löschen</translation>
    </message>
    <message>
        <source>after sign-up</source>
        <translation>nach der Registrierung</translation>
    </message>
    <message>
        <source>after sign-in</source>
        <translation>nach der Anmeldung</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <extracomment>%1: &quot;before insert&quot;, &quot;after update&quot;, ...; %2: a table&apos;s name</extracomment>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>(no function)</source>
        <translation>(keine Funktion)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>%1: &quot;before insert&quot;, ...; %2: a function&apos;s name</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 (disabled)</source>
        <translation>%1: %2 (deaktiviert)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Anyone with the anon key</source>
        <translation>Alle mit dem anon-Schlüssel</translation>
    </message>
    <message>
        <source>Signed-in users</source>
        <translation>Angemeldete Benutzer</translation>
    </message>
    <message>
        <source>These roles:</source>
        <translation>Diese Rollen:</translation>
    </message>
    <message>
        <source>Service role only</source>
        <translation>Nur die Service-Rolle</translation>
    </message>
    <message>
        <source>insert</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>update</source>
        <translation>Ändern</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>sign-up</source>
        <translation>Registrierung</translation>
    </message>
    <message>
        <source>sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>integer</translation>
    </message>
    <message>
        <source>number</source>
        <translation>number</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>boolean</translation>
    </message>
    <message>
        <source>uuid</source>
        <translation>uuid</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>body</source>
        <translation>Body</translation>
    </message>
</context>
<context>
    <name>Designer::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Opened %1. Tables: %2.</source>
        <translation>%1 geöffnet. Tabellen: %2.</translation>
    </message>
    <message>
        <source>%1[*] — %2</source>
        <translation>%1[*] — %2</translation>
    </message>
    <message>
        <source>Open a project with File &gt; Open, or start one with File &gt; New.</source>
        <translation>Öffnen Sie ein Projekt mit Datei &gt; Öffnen oder beginnen Sie eines mit Datei &gt; Neu.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>&lt;original&gt;</source>
        <translation>&lt;Original&gt;</translation>
    </message>
    <message>
        <source>Undo History</source>
        <translation>Bearbeitungsverlauf</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Add &amp;Table</source>
        <translation>Tabelle &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>An Fenster &amp;anpassen</translation>
    </message>
    <message>
        <source>&amp;Auto-Arrange</source>
        <translation>Automatisch an&amp;ordnen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Undo &amp;History</source>
        <translation>Bearbeitungs&amp;verlauf</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>&amp;Permissions</source>
        <translation>&amp;Berechtigungen</translation>
    </message>
    <message>
        <source>&amp;Export Diagram…</source>
        <translation>Diagramm &amp;exportieren …</translation>
    </message>
    <message>
        <source>Export Diagram</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>The diagram could not be exported: %1</source>
        <translation>Das Diagramm konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Exported the diagram to %1.</source>
        <translation>Das Diagramm wurde nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>New &amp;Relationship…</source>
        <translation>Neue &amp;Beziehung …</translation>
    </message>
    <message>
        <source>&amp;Copy Tables</source>
        <translation>Tabellen &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste Tables</source>
        <translation>Tabellen &amp;einfügen</translation>
    </message>
    <message>
        <source>Pro&amp;ject</source>
        <translation>&amp;Projekt</translation>
    </message>
    <message>
        <source>Pa&amp;lette</source>
        <translation>Pa&amp;lette</translation>
    </message>
    <message>
        <source>P&amp;roperties</source>
        <translation>&amp;Eigenschaften</translation>
    </message>
    <message>
        <source>Pro&amp;blems</source>
        <translation>P&amp;robleme</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>A&amp;usführen</translation>
    </message>
    <message>
        <source>&amp;Go To</source>
        <translation>Ge&amp;he zu</translation>
    </message>
    <message>
        <source>&amp;Canvas</source>
        <translation>&amp;Diagramm</translation>
    </message>
    <message>
        <source>&amp;Project Tree</source>
        <translation>&amp;Projektbaum</translation>
    </message>
    <message>
        <source>Create &amp;View of %1</source>
        <translation>&amp;Sicht von %1 anlegen</translation>
    </message>
    <message>
        <source>Add View</source>
        <translation>Sicht hinzufügen</translation>
    </message>
    <message>
        <source>A view shows rows of a table: add a table first.</source>
        <translation>Eine Sicht zeigt Zeilen einer Tabelle: Legen Sie zuerst eine Tabelle an.</translation>
    </message>
    <message>
        <source>The view shows rows of the table:</source>
        <translation>Die Sicht zeigt Zeilen der Tabelle:</translation>
    </message>
    <message>
        <source>Add &amp;View…</source>
        <translation>&amp;Sicht hinzufügen …</translation>
    </message>
    <message numerus="yes">
        <source>the selected relationship(s)</source>
        <translation>
            <numerusform>die ausgewählte Beziehung</numerusform>
            <numerusform>die ausgewählten Beziehungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the table(s) %1</source>
        <translation>
            <numerusform>die Tabelle %1</numerusform>
            <numerusform>die Tabellen %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::MigrationDialog</name>
    <message>
        <source>Apply Schema Changes?</source>
        <translation>Schemaänderungen anwenden?</translation>
    </message>
    <message>
        <source>Bringing the local database to the project&apos;s schema would lose the data listed below. Nothing changes until you apply it; meanwhile a running API keeps serving the previous schema.</source>
        <translation>Die Anpassung der lokalen Datenbank an das Schema des Projekts würde die unten aufgeführten Daten löschen. Bis Sie die Änderungen anwenden, ändert sich nichts; solange stellt eine laufende API weiter das bisherige Schema bereit.</translation>
    </message>
    <message>
        <source>Schema changes</source>
        <translation>Schemaänderungen</translation>
    </message>
    <message>
        <source>To keep the data, choose Not now and undo the edit (Ctrl+Z) or restore what was removed.</source>
        <translation>Um die Daten zu behalten, wählen Sie „Nicht jetzt“ und machen Sie die Bearbeitung rückgängig (Strg+Z) oder stellen Sie wieder her, was entfernt wurde.</translation>
    </message>
    <message>
        <source>Apply and Lose This Data</source>
        <translation>Anwenden und diese Daten löschen</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>Nicht jetzt</translation>
    </message>
</context>
<context>
    <name>Designer::NewProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Blank project</source>
        <translation>Leeres Projekt</translation>
    </message>
    <message>
        <source>An empty project without tables.</source>
        <translation>Ein leeres Projekt ohne Tabellen.</translation>
    </message>
    <message>
        <source>Tables: %1</source>
        <translation>Tabellen: %1</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>Diagram preview</source>
        <translation>Diagrammvorschau</translation>
    </message>
    <message>
        <source>A blank canvas. Add tables with Edit &gt; Add Table, or drag them from the palette onto the canvas.</source>
        <translation>Eine leere Zeichenfläche. Fügen Sie Tabellen mit Bearbeiten &gt; Tabelle hinzufügen hinzu oder ziehen Sie sie aus der Palette auf die Zeichenfläche.</translation>
    </message>
</context>
<context>
    <name>Designer::NewTestUserDialog</name>
    <message>
        <source>New Test User</source>
        <translation>Neuer Testbenutzer</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Profile &amp;data (JSON):</source>
        <translation>Profil&amp;daten (JSON):</translation>
    </message>
    <message>
        <source>Sign Up</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Enter an email address.</source>
        <translation>Geben Sie eine E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Geben Sie ein Passwort ein.</translation>
    </message>
    <message>
        <source>The profile data is not valid JSON: %1</source>
        <translation>Die Profildaten sind kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>The profile data must be a JSON object, e.g. {&quot;full_name&quot;: &quot;Ann&quot;}.</source>
        <translation>Die Profildaten müssen ein JSON-Objekt sein, z. B. {&quot;full_name&quot;: &quot;Ann&quot;}.</translation>
    </message>
    <message>
        <source>The console signs this user up through /auth/v1/signup and remembers the password on this machine, to sign in again. The profile data holds what the users table requires; write {{user.id}} in a request&apos;s URL or body for the id of the user chosen under Auth.</source>
        <translation>Die Konsole registriert diesen Benutzer über /auth/v1/signup und merkt sich das Passwort auf diesem Rechner, um ihn erneut anzumelden. Die Profildaten enthalten, was die Benutzertabelle verlangt; schreiben Sie {{user.id}} in die URL oder den Inhalt einer Anfrage, um die ID des unter „Authentifizierung“ gewählten Benutzers einzusetzen.</translation>
    </message>
    <message>
        <source>Signing up %1…</source>
        <translation>%1 wird registriert …</translation>
    </message>
</context>
<context>
    <name>Designer::PaletteWidget</name>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Drag an entry onto the diagram, or press Enter to add it</source>
        <translation>Ziehen Sie einen Eintrag in das Diagramm oder drücken Sie die Eingabetaste, um ihn hinzuzufügen</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>A new table with an id field</source>
        <translation>Eine neue Tabelle mit einem id-Feld</translation>
    </message>
    <message>
        <source>A %1 field</source>
        <translation>Ein Feld vom Typ %1</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Sicht</translation>
    </message>
    <message>
        <source>A read-only view of a table: drop it on a table&apos;s card, or anywhere for the selected table</source>
        <translation>Eine schreibgeschützte Sicht auf eine Tabelle: auf die Karte einer Tabelle ziehen oder irgendwohin für die ausgewählte Tabelle</translation>
    </message>
</context>
<context>
    <name>Designer::ParametersTable</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>In</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>Designer::PartEditor</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Nothing is selected.</source>
        <translation>Nichts ausgewählt.</translation>
    </message>
    <message>
        <source>(choose a function)</source>
        <translation>(Funktion wählen)</translation>
    </message>
    <message>
        <source>New function…</source>
        <translation>Neue Funktion…</translation>
    </message>
</context>
<context>
    <name>Designer::PermissionEditor</name>
    <message>
        <source>The role whose rules the grid shows: anon (no sign-in), authenticated (signed-in users) or a custom role</source>
        <translation>Die Rolle, deren Regeln das Raster zeigt: anon (ohne Anmeldung), authenticated (angemeldete Benutzer) oder eine eigene Rolle</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Permissions by table and operation</source>
        <translation>Berechtigungen nach Tabelle und Operation</translation>
    </message>
    <message>
        <source>&amp;Nobody</source>
        <translation>&amp;Niemand</translation>
    </message>
    <message>
        <source>Ru&amp;le:</source>
        <translation>Re&amp;gel:</translation>
    </message>
    <message>
        <source>No rule: only the service key may do this</source>
        <translation>Keine Regel: Nur der Service-Schlüssel darf das</translation>
    </message>
    <message>
        <source>An empty rule: everyone with the role may, on every row</source>
        <translation>Eine leere Regel: Jeder mit der Rolle darf es, für jede Zeile</translation>
    </message>
    <message>
        <source>Only rows for which the expression is true</source>
        <translation>Nur Zeilen, für die der Ausdruck wahr ist</translation>
    </message>
    <message>
        <source>Rule expression</source>
        <translation>Regelausdruck</translation>
    </message>
    <message>
        <source>&amp;Public read</source>
        <translation>Ö&amp;ffentlich lesbar</translation>
    </message>
    <message>
        <source>O&amp;wner only</source>
        <translation>Nur &amp;Eigentümer</translation>
    </message>
    <message>
        <source>&amp;Tenant-scoped</source>
        <translation>&amp;Mandantenbezogen</translation>
    </message>
    <message>
        <source>anon and authenticated may read every row</source>
        <translation>anon und authenticated dürfen jede Zeile lesen</translation>
    </message>
    <message>
        <source>Signed-in users may read and change only their own rows (owner column = auth.uid)</source>
        <translation>Angemeldete Benutzer dürfen nur ihre eigenen Zeilen lesen und ändern (Eigentümerspalte = auth.uid)</translation>
    </message>
    <message>
        <source>Rows belong to the caller&apos;s organization; signed-in users may read and change their organization&apos;s rows</source>
        <translation>Zeilen gehören zur Organisation des Aufrufers; angemeldete Benutzer dürfen die Zeilen ihrer Organisation lesen und ändern</translation>
    </message>
    <message>
        <source>%1 (tenant)</source>
        <translation>%1 (Mandant)</translation>
    </message>
    <message>
        <source>Rows are scoped to the caller&apos;s organization</source>
        <translation>Zeilen sind auf die Organisation des Aufrufers beschränkt</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Only the service key may %1 rows</source>
        <translation>Nur der Service-Schlüssel darf %1 auf Zeilen ausführen</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>jeder</translation>
    </message>
    <message>
        <source>Everyone with the role, on every row</source>
        <translation>Jeder mit der Rolle, für jede Zeile</translation>
    </message>
    <message>
        <source>%1
Column %2: %3</source>
        <translation>%1
Spalte %2: %3</translation>
    </message>
    <message>
        <source>Choose a cell</source>
        <translation>Wählen Sie eine Zelle</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>%1: %2 for %3</source>
        <translation>%1: %2 für %3</translation>
    </message>
    <message>
        <source>Presets for %1</source>
        <translation>Vorlagen für %1</translation>
    </message>
    <message>
        <source>Owner Only</source>
        <translation>Nur Eigentümer</translation>
    </message>
    <message>
        <source>Which column of %1 holds the owner&apos;s user id?</source>
        <translation>Welche Spalte von %1 enthält die Benutzer-ID des Eigentümers?</translation>
    </message>
    <message>
        <source>nobody: only the service key</source>
        <translation>niemand: nur der Service-Schlüssel</translation>
    </message>
    <message>
        <source>everyone: every caller with the role</source>
        <translation>jeder: jeder Aufrufer mit der Rolle</translation>
    </message>
    <message>
        <source>rule: only the rows it matches</source>
        <translation>Regel: nur die Zeilen, auf die sie zutrifft</translation>
    </message>
    <message>
        <source>red: the rule has an error</source>
        <translation>rot: die Regel enthält einen Fehler</translation>
    </message>
    <message>
        <source>Every&amp;one</source>
        <translation>&amp;Jeder</translation>
    </message>
</context>
<context>
    <name>Designer::ProblemsDock</name>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Double-click a problem, or press Enter, to select the object concerned.</source>
        <translation>Doppelklicken Sie auf ein Problem oder drücken Sie die Eingabetaste, um das betroffene Objekt auszuwählen.</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>Problems (%n)</source>
        <translation>
            <numerusform>Probleme (%n)</numerusform>
            <numerusform>Probleme (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::ProjectDocument</name>
    <message>
        <source>The project has no file name yet.</source>
        <translation>Das Projekt hat noch keinen Dateinamen.</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
</context>
<context>
    <name>Designer::ProjectEditor</name>
    <message>
        <source>Select a table or relationship to edit it; below: the project.</source>
        <translation>Wählen Sie eine Tabelle oder Beziehung, um sie zu bearbeiten; darunter: das Projekt.</translation>
    </message>
    <message>
        <source>The table that holds each user&apos;s profile; it needs a uuid primary key.</source>
        <translation>Die Tabelle mit dem Profil jedes Benutzers; sie braucht einen UUID-Primärschlüssel.</translation>
    </message>
    <message>
        <source>A text or enum field of the users table naming the user&apos;s role.</source>
        <translation>Ein Text- oder Aufzählungsfeld der Benutzertabelle, das die Rolle des Benutzers nennt.</translation>
    </message>
    <message>
        <source>Fields of the users table copied into access tokens.</source>
        <translation>Felder der Benutzertabelle, die in Zugriffstoken übernommen werden.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Add Role</source>
        <translation>Rolle &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move Role</source>
        <translation>Rolle &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Users table:</source>
        <translation>Ben&amp;utzertabelle:</translation>
    </message>
    <message>
        <source>Role &amp;field:</source>
        <translation>Rollen&amp;feld:</translation>
    </message>
    <message>
        <source>Token &amp;claims:</source>
        <translation>Token-&amp;Claims:</translation>
    </message>
    <message>
        <source>Access token &amp;lifetime:</source>
        <translation>&amp;Gültigkeit der Zugriffstoken:</translation>
    </message>
    <message>
        <source>Minimum &amp;password length:</source>
        <translation>Mindestlänge für &amp;Passwörter:</translation>
    </message>
    <message>
        <source>&amp;Roles:</source>
        <translation>&amp;Rollen:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Who can sign up and sign in: each user gets a row in this table, their profile. Rules name the signed-in user auth.uid, e.g. owner_id = auth.uid.</source>
        <translation>Wer sich registrieren und anmelden kann: Jeder Benutzer bekommt eine Zeile in dieser Tabelle, sein Profil. Regeln nennen den angemeldeten Benutzer auth.uid, z. B. owner_id = auth.uid.</translation>
    </message>
    <message>
        <source>Optional: a field of the users table that gives each user a role, such as admin or editor. Permissions then gives each role its own rules.</source>
        <translation>Optional: ein Feld der Benutzertabelle, das jedem Benutzer eine Rolle gibt, etwa admin oder editor. Unter Berechtigungen bekommt dann jede Rolle eigene Regeln.</translation>
    </message>
    <message>
        <source>Advanced sign-in settings</source>
        <translation>Erweiterte Anmeldeeinstellungen</translation>
    </message>
    <message>
        <source>Fields of the users table copied into each user&apos;s sign-in token, so rules can use them as auth.claims.&lt;name&gt; without a lookup, e.g. organization_id to keep each team to its own rows.</source>
        <translation>Felder der Benutzertabelle, die in das Anmelde-Token jedes Benutzers kopiert werden, damit Regeln sie ohne Nachschlagen als auth.claims.&lt;name&gt; verwenden können, z. B. organization_id, damit jedes Team nur seine eigenen Zeilen sieht.</translation>
    </message>
    <message>
        <source>How long a sign-in token is valid; apps refresh it on their own before it runs out.</source>
        <translation>Wie lange ein Anmelde-Token gültig ist; Apps erneuern es selbst, bevor es abläuft.</translation>
    </message>
</context>
<context>
    <name>Designer::ProjectTree</name>
    <message>
        <source>one to one</source>
        <translation>eins zu eins</translation>
    </message>
    <message>
        <source>one to many</source>
        <translation>eins zu viele</translation>
    </message>
    <message>
        <source>many to many</source>
        <translation>viele zu viele</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation>Beziehungen</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n Feld</numerusform>
            <numerusform>%n Felder</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Sichten</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Zeitpläne</translation>
    </message>
</context>
<context>
    <name>Designer::PropertiesDock</name>
    <message>
        <source>Properties</source>
        <translation>Eigenschaften</translation>
    </message>
    <message numerus="yes">
        <source>%n objects selected.</source>
        <translation>
            <numerusform>%n Objekt ausgewählt.</numerusform>
            <numerusform>%n Objekte ausgewählt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Role %1

%2</source>
        <translation>Rolle %1

%2</translation>
    </message>
    <message>
        <source>Function %1

%2

Lines of code: %3</source>
        <translation>Funktion %1

%2

Codezeilen: %3</translation>
    </message>
    <message>
        <source>Endpoint %1

%2

%3</source>
        <translation>Endpunkt %1

%2

%3</translation>
    </message>
    <message>
        <source>Trigger %1

%2</source>
        <translation>Trigger %1

%2</translation>
    </message>
    <message>
        <source>Schedule %1

%2

%3</source>
        <translation>Zeitplan %1

%2

%3</translation>
    </message>
</context>
<context>
    <name>Designer::RealtimeClient</name>
    <message>
        <source>The backend closed the connection: %1 (code %2).</source>
        <translation>Das Backend hat die Verbindung geschlossen: %1 (Code %2).</translation>
    </message>
    <message>
        <source>The connection failed: %1</source>
        <translation>Die Verbindung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The backend closed the connection (code %1).</source>
        <translation>Das Backend hat die Verbindung geschlossen (Code %1).</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>The backend did not answer a heartbeat for %n second(s).</source>
        <translation>
            <numerusform>Das Backend hat %n Sekunde lang nicht auf ein Lebenszeichen geantwortet.</numerusform>
            <numerusform>Das Backend hat %n Sekunden lang nicht auf ein Lebenszeichen geantwortet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RealtimeEventModel</name>
    <message>
        <source>Not sent to this channel: %1</source>
        <translation>Nicht an diesen Kanal gesendet: %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>%1 (withheld)</source>
        <translation>%1 (zurückgehalten)</translation>
    </message>
    <message>
        <source>The ids of the channel&apos;s table subscriptions the event matched</source>
        <translation>Die IDs der Tabellenabonnements des Kanals, auf die das Ereignis passte</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Passend</translation>
    </message>
</context>
<context>
    <name>Designer::RealtimeInspector</name>
    <message>
        <source>The backend refused to join &quot;%1&quot;: %2</source>
        <translation>Das Backend hat den Beitritt zu „%1“ abgelehnt: %2</translation>
    </message>
    <message>
        <source>Start the backend to inspect realtime: press Run (F5). Then join a channel to see its table changes, broadcasts and who is present.</source>
        <translation>Starten Sie das Backend, um Realtime zu untersuchen: Klicken Sie auf „Ausführen“ (F5). Treten Sie dann einem Kanal bei, um seine Tabellenänderungen, Broadcasts und Anwesenden zu sehen.</translation>
    </message>
    <message>
        <source>The backend runs at %1. Choose a channel and who joins it, then press Join.</source>
        <translation>Das Backend läuft unter %1. Wählen Sie einen Kanal und wer ihm beitritt, und klicken Sie dann auf „Beitreten“.</translation>
    </message>
    <message>
        <source>None (broadcast and presence only)</source>
        <translation>Keine (nur Broadcast und Anwesenheit)</translation>
    </message>
    <message>
        <source>No test user yet: make one in the API Console</source>
        <translation>Noch kein Testbenutzer: Legen Sie einen in der API-Konsole an</translation>
    </message>
    <message>
        <source>Join the channel with these settings</source>
        <translation>Dem Kanal mit diesen Einstellungen beitreten</translation>
    </message>
    <message>
        <source>Press Run (F5) to start the backend first</source>
        <translation>Klicken Sie auf „Ausführen“ (F5), um zuerst das Backend zu starten</translation>
    </message>
    <message>
        <source>Start the backend to inspect realtime: press Run (F5).</source>
        <translation>Starten Sie das Backend, um Realtime zu untersuchen: Klicken Sie auf „Ausführen“ (F5).</translation>
    </message>
    <message>
        <source>Enter the channel&apos;s name, e.g. room1.</source>
        <translation>Geben Sie den Namen des Kanals ein, z. B. room1.</translation>
    </message>
    <message>
        <source>Choose a test user, or make one in the API Console (Auth: Test user, New test user…).</source>
        <translation>Wählen Sie einen Testbenutzer oder legen Sie einen in der API-Konsole an (Authentifizierung: Testbenutzer, Neuer Testbenutzer …).</translation>
    </message>
    <message>
        <source>Signing in %1…</source>
        <translation>%1 wird angemeldet …</translation>
    </message>
    <message>
        <source>%1 could not sign in: %2</source>
        <translation>%1 konnte sich nicht anmelden: %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <source>Left the channel.</source>
        <translation>Kanal verlassen.</translation>
    </message>
    <message>
        <source>Joined &quot;%1&quot; as %2. Broadcasts and presence show below.</source>
        <translation>„%1“ als %2 beigetreten. Broadcasts und Anwesenheit erscheinen unten.</translation>
    </message>
    <message>
        <source>Joined &quot;%1&quot; as %2, listening to changes of %3. Each event lists the subscriptions it matched.</source>
        <translation>„%1“ als %2 beigetreten, Änderungen von %3 werden empfangen. Jedes Ereignis nennt die Abonnements, auf die es passte.</translation>
    </message>
    <message>
        <source>The backend reported an error on the channel: %1</source>
        <translation>Das Backend hat einen Fehler im Kanal gemeldet: %1</translation>
    </message>
    <message>
        <source>The backend refused what was sent: %1</source>
        <translation>Das Backend hat das Gesendete abgelehnt: %1</translation>
    </message>
    <message>
        <source>The backend closed the channel.</source>
        <translation>Das Backend hat den Kanal geschlossen.</translation>
    </message>
    <message>
        <source>The backend closed the channel: %1</source>
        <translation>Das Backend hat den Kanal geschlossen: %1</translation>
    </message>
    <message>
        <source>Disconnected. %1 Press Join to connect again.</source>
        <translation>Getrennt. %1 Klicken Sie auf „Beitreten“, um sich erneut zu verbinden.</translation>
    </message>
    <message>
        <source>the project&apos;s read rules do not compile, so only the service role receives changes.</source>
        <translation>die Leseregeln des Projekts lassen sich nicht übersetzen, daher erhält nur die Service-Rolle Änderungen.</translation>
    </message>
    <message>
        <source>%1 has no read rule for %2: only the service role may read its rows.</source>
        <translation>%1 hat keine Leseregel für %2: Nur die Service-Rolle darf ihre Zeilen lesen.</translation>
    </message>
    <message>
        <source>the read rule of %1 is false for this row (%2).</source>
        <translation>die Leseregel von %1 ist für diese Zeile falsch (%2).</translation>
    </message>
    <message>
        <source>the row belongs to another organization (%1 is scoped by organization_id).</source>
        <translation>die Zeile gehört zu einer anderen Organisation (%1 ist nach organization_id getrennt).</translation>
    </message>
    <message>
        <source>the read rule (%1) needs the database to decide, and a deleted row can no longer be read.</source>
        <translation>die Leseregel (%1) braucht die Datenbank zur Entscheidung, und eine gelöschte Zeile kann nicht mehr gelesen werden.</translation>
    </message>
    <message>
        <source>read again with the rules of %1 (%2), the row did not come back.</source>
        <translation>erneut mit den Regeln von %1 gelesen (%2), kam die Zeile nicht zurück.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Presence key %1, reference %2</source>
        <translation>Anwesenheitsschlüssel %1, Referenz %2</translation>
    </message>
    <message>
        <source>Nobody is tracked on this channel yet. Press Track to be present.</source>
        <translation>In diesem Kanal ist noch niemand anwesend. Klicken Sie auf „Anwesend sein“, um anwesend zu sein.</translation>
    </message>
    <message>
        <source>Join a channel to see who is present.</source>
        <translation>Treten Sie einem Kanal bei, um zu sehen, wer anwesend ist.</translation>
    </message>
    <message>
        <source>No events yet. Once joined, table changes, broadcasts and presence updates appear here as they arrive.</source>
        <translation>Noch keine Ereignisse. Nach dem Beitritt erscheinen hier Tabellenänderungen, Broadcasts und Anwesenheitsänderungen, sobald sie eintreffen.</translation>
    </message>
    <message>
        <source>Select an event to see its JSON.</source>
        <translation>Wählen Sie ein Ereignis, um sein JSON zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%1 received at %2, %n byte(s).</source>
        <translation>
            <numerusform>%1 empfangen um %2, %n Byte.</numerusform>
            <numerusform>%1 empfangen um %2, %n Bytes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent to this channel: %1</source>
        <translation>Nicht an diesen Kanal gesendet: %1</translation>
    </message>
    <message>
        <source>Enter the broadcast&apos;s event name, e.g. message.</source>
        <translation>Geben Sie den Ereignisnamen des Broadcasts ein, z. B. message.</translation>
    </message>
    <message>
        <source>The broadcast&apos;s payload is not valid JSON (%1).</source>
        <translation>Die Daten des Broadcasts sind kein gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>The presence payload must be a JSON object, e.g. {&quot;status&quot;: &quot;online&quot;}.</source>
        <translation>Die Anwesenheitsdaten müssen ein JSON-Objekt sein, z. B. {&quot;status&quot;: &quot;online&quot;}.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>e.g. room1</source>
        <translation>z. B. room1</translation>
    </message>
    <message>
        <source>The channel&apos;s name, as an app passes it to supabase.channel(…)</source>
        <translation>Der Name des Kanals, wie eine App ihn an supabase.channel(…) übergibt</translation>
    </message>
    <message>
        <source>Anonymous visitor (anon key)</source>
        <translation>Anonymer Besucher (Anon-Schlüssel)</translation>
    </message>
    <message>
        <source>Test user</source>
        <translation>Testbenutzer</translation>
    </message>
    <message>
        <source>Service role (bypasses the rules)</source>
        <translation>Service-Rolle (umgeht die Regeln)</translation>
    </message>
    <message>
        <source>Receive the rows of this table that are inserted, updated or deleted</source>
        <translation>Die Zeilen dieser Tabelle empfangen, die eingefügt, geändert oder gelöscht werden</translation>
    </message>
    <message>
        <source>All changes</source>
        <translation>Alle Änderungen</translation>
    </message>
    <message>
        <source>Inserts</source>
        <translation>Einfügungen</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Aktualisierungen</translation>
    </message>
    <message>
        <source>Deletes</source>
        <translation>Löschungen</translation>
    </message>
    <message>
        <source>optional, e.g. status=eq.paid</source>
        <translation>optional, z. B. status=eq.paid</translation>
    </message>
    <message>
        <source>Only rows matching column=operator.value: eq, neq, lt, lte, gt, gte, in.(a,b)</source>
        <translation>Nur Zeilen, die Spalte=Operator.Wert erfüllen: eq, neq, lt, lte, gt, gte, in.(a,b)</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>Join &amp;as:</source>
        <translation>Beitreten &amp;als:</translation>
    </message>
    <message>
        <source>&amp;Table changes:</source>
        <translation>&amp;Tabellenänderungen:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Events received</source>
        <translation>Empfangene Ereignisse</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Removes every event from the list</source>
        <translation>Entfernt alle Ereignisse aus der Liste</translation>
    </message>
    <message>
        <source>Send a broadcast</source>
        <translation>Einen Broadcast senden</translation>
    </message>
    <message>
        <source>The event name listeners filter on: channel.on(&apos;broadcast&apos;, {event: …})</source>
        <translation>Der Ereignisname, nach dem Empfänger filtern: channel.on(&apos;broadcast&apos;, {event: …})</translation>
    </message>
    <message>
        <source>Send Broadcast</source>
        <translation>Broadcast senden</translation>
    </message>
    <message>
        <source>E&amp;vent name:</source>
        <translation>Ereignis&amp;name:</translation>
    </message>
    <message>
        <source>Payload (JSON):</source>
        <translation>Daten (JSON):</translation>
    </message>
    <message>
        <source>Who is present</source>
        <translation>Wer ist anwesend</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Anwesend sein</translation>
    </message>
    <message>
        <source>Be present on the channel with this payload (channel.track)</source>
        <translation>Mit diesen Daten im Kanal anwesend sein (channel.track)</translation>
    </message>
    <message>
        <source>Untrack</source>
        <translation>Nicht mehr anwesend</translation>
    </message>
    <message>
        <source>Stop being present (channel.untrack)</source>
        <translation>Nicht mehr anwesend sein (channel.untrack)</translation>
    </message>
    <message>
        <source>Your presence payload (JSON):</source>
        <translation>Ihre Anwesenheitsdaten (JSON):</translation>
    </message>
    <message>
        <source>%1 (Realtime off)</source>
        <translation>%1 (Echtzeit aus)</translation>
    </message>
</context>
<context>
    <name>Designer::RelateTablesDialog</name>
    <message>
        <source>New Relationship</source>
        <translation>Neue Beziehung</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>The project has no tables yet. Add one with Edit &gt; Add Table first.</source>
        <translation>Das Projekt hat noch keine Tabellen. Fügen Sie zuerst eine mit Bearbeiten &gt; Tabelle hinzufügen hinzu.</translation>
    </message>
    <message>
        <source>This relationship cannot be made: %1</source>
        <translation>Diese Beziehung kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>The field that refers to the other table: a new one, or one the table already has (its type becomes the referenced key&apos;s type).</source>
        <translation>Das Feld, das auf die andere Tabelle verweist: ein neues oder eines, das die Tabelle schon hat (es erhält den Typ des referenzierten Schlüssels).</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Tabelle:</translation>
    </message>
    <message>
        <source>&amp;Related table:</source>
        <translation>&amp;Verknüpfte Tabelle:</translation>
    </message>
    <message>
        <source>&amp;Foreign key:</source>
        <translation>&amp;Fremdschlüssel:</translation>
    </message>
    <message>
        <source>A new field</source>
        <translation>Ein neues Feld</translation>
    </message>
    <message>
        <source>Relation&amp;ship:</source>
        <translation>&amp;Beziehung:</translation>
    </message>
    <message>
        <source>%1 and %2 are related already; this adds another relationship.</source>
        <translation>%1 und %2 sind bereits verknüpft; dies fügt eine weitere Beziehung hinzu.</translation>
    </message>
</context>
<context>
    <name>Designer::RelationshipEditor</name>
    <message>
        <source>optional; names the embedded rows in the API</source>
        <translation>optional; benennt die eingebetteten Zeilen in der API</translation>
    </message>
    <message>
        <source>One-to-one</source>
        <translation>Eins zu eins</translation>
    </message>
    <message>
        <source>One-to-many</source>
        <translation>Eins zu viele</translation>
    </message>
    <message>
        <source>Many-to-many</source>
        <translation>Viele zu viele</translation>
    </message>
    <message>
        <source>Cascade: delete its rows too</source>
        <translation>Kaskadieren: auch ihre Zeilen löschen</translation>
    </message>
    <message>
        <source>Set null: keep its rows, clear the key</source>
        <translation>Auf null setzen: Zeilen behalten, Schlüssel leeren</translation>
    </message>
    <message>
        <source>Restrict: refuse while rows point at it</source>
        <translation>Einschränken: nicht, solange Zeilen verweisen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Foreign key:</source>
        <translation>&amp;Fremdschlüssel:</translation>
    </message>
    <message>
        <source>On &amp;delete:</source>
        <translation>Beim &amp;Löschen:</translation>
    </message>
    <message>
        <source>&amp;Junction table:</source>
        <translation>&amp;Verknüpfungstabelle:</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Relationship %1</source>
        <translation>Beziehung %1</translation>
    </message>
    <message>
        <source>A many-to-many relationship links its tables through a junction table. To make it one-to-one or one-to-many, delete it and draw a new relationship.</source>
        <translation>Eine Viele-zu-viele-Beziehung verknüpft ihre Tabellen über eine Verknüpfungstabelle. Um daraus eine Eins-zu-eins- oder Eins-zu-viele-Beziehung zu machen, löschen Sie sie und zeichnen Sie eine neue Beziehung.</translation>
    </message>
    <message>
        <source>Many-to-many needs a junction table: delete this relationship and draw a new many-to-many one instead.</source>
        <translation>Viele zu viele braucht eine Verknüpfungstabelle: Löschen Sie diese Beziehung und zeichnen Sie stattdessen eine neue Viele-zu-viele-Beziehung.</translation>
    </message>
    <message>
        <source>The field of %1 that holds the key of the referenced row.</source>
        <translation>Das Feld von %1, das den Schlüssel der referenzierten Zeile enthält.</translation>
    </message>
    <message>
        <source>%1 is required, so it cannot be set to null; make it optional first.</source>
        <translation>%1 ist ein Pflichtfeld und kann daher nicht auf null gesetzt werden; machen Sie es zuerst optional.</translation>
    </message>
    <message>
        <source>Make %1 one-to-one</source>
        <translation>%1 in eine Eins-zu-eins-Beziehung ändern</translation>
    </message>
    <message>
        <source>Make %1 one-to-many</source>
        <translation>%1 in eine Eins-zu-viele-Beziehung ändern</translation>
    </message>
    <message>
        <source>Use %1 as the foreign key of %2</source>
        <translation>%1 als Fremdschlüssel von %2 verwenden</translation>
    </message>
    <message>
        <source>Change the ON DELETE action of %1</source>
        <translation>ON-DELETE-Aktion von %1 ändern</translation>
    </message>
    <message>
        <source>Rename relationship %1</source>
        <translation>Beziehung %1 umbenennen</translation>
    </message>
</context>
<context>
    <name>Designer::RequestConsole</name>
    <message>
        <source>/rest/v1/&lt;table&gt;?select=* (relative to the base URL), or paste a curl command</source>
        <translation>/rest/v1/&lt;tabelle&gt;?select=* (relativ zur Basis-URL) oder fügen Sie einen curl-Befehl ein</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the request (Ctrl+Return)</source>
        <translation>Anfrage senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>No auth</source>
        <translation>Ohne Authentifizierung</translation>
    </message>
    <message>
        <source>Anon key</source>
        <translation>Anon-Schlüssel</translation>
    </message>
    <message>
        <source>Service key</source>
        <translation>Service-Schlüssel</translation>
    </message>
    <message>
        <source>Test user</source>
        <translation>Testbenutzer</translation>
    </message>
    <message>
        <source>Explain rules</source>
        <translation>Regeln erklären</translation>
    </message>
    <message>
        <source>Run as the chosen test user (or anonymous) with the service key and show which permission rules applied, how many rows they excluded or why a write was refused</source>
        <translation>Als der gewählte Testbenutzer (oder anonym) mit dem Service-Schlüssel ausführen und zeigen, welche Berechtigungsregeln gegriffen haben, wie viele Zeilen sie ausgeschlossen haben oder warum ein Schreibzugriff abgelehnt wurde</translation>
    </message>
    <message>
        <source>The environment whose {{variables}} are put into the URL, headers and body</source>
        <translation>Die Umgebung, deren {{Variablen}} in URL, Kopfzeilen und Inhalt eingesetzt werden</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>&amp;Save to Collection…</source>
        <translation>In &amp;Sammlung speichern …</translation>
    </message>
    <message>
        <source>Save the request into a collection beside the project file</source>
        <translation>Die Anfrage in einer Sammlung neben der Projektdatei speichern</translation>
    </message>
    <message>
        <source>&amp;Copy as curl</source>
        <translation>Als curl &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Import curl…</source>
        <translation>curl &amp;importieren …</translation>
    </message>
    <message>
        <source>&amp;Environments…</source>
        <translation>&amp;Umgebungen …</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Kopfzeile</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Kopfzeilen</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Auth:</source>
        <translation>Authentifizierung:</translation>
    </message>
    <message>
        <source>Base URL: %1</source>
        <translation>Basis-URL: %1</translation>
    </message>
    <message>
        <source>Press Run to start the runtime; relative URLs are sent to it.</source>
        <translation>Klicken Sie auf „Ausführen“, um die Laufzeitumgebung zu starten; relative URLs werden an sie gesendet.</translation>
    </message>
    <message>
        <source>The body is not valid JSON (%1). Fix it, or set another Content-Type to send it as it is.</source>
        <translation>Der Inhalt ist kein gültiges JSON (%1). Korrigieren Sie ihn oder wählen Sie einen anderen Content-Type, um ihn unverändert zu senden.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Press Run to start the runtime</source>
        <translation>Klicken Sie auf „Ausführen“, um die Laufzeitumgebung zu starten</translation>
    </message>
    <message>
        <source>Choose &quot;Test user&quot; to send as a user</source>
        <translation>Wählen Sie „Testbenutzer“, um als Benutzer zu senden</translation>
    </message>
    <message>
        <source>Send with the service key as this test user and show which rules applied</source>
        <translation>Mit dem Service-Schlüssel als dieser Testbenutzer senden und zeigen, welche Regeln gegriffen haben</translation>
    </message>
    <message>
        <source>Send with the service key as an anonymous caller and show which rules applied</source>
        <translation>Mit dem Service-Schlüssel als anonymer Aufrufer senden und zeigen, welche Regeln gegriffen haben</translation>
    </message>
    <message>
        <source>New test user…</source>
        <translation>Neuer Testbenutzer …</translation>
    </message>
    <message>
        <source>Press Run to start the runtime before creating a test user.</source>
        <translation>Klicken Sie auf „Ausführen“, um die Laufzeitumgebung zu starten, bevor Sie einen Testbenutzer anlegen.</translation>
    </message>
    <message>
        <source>Signing up %1…</source>
        <translation>%1 wird registriert …</translation>
    </message>
    <message>
        <source>%1 is signed up and signed in.</source>
        <translation>%1 ist registriert und angemeldet.</translation>
    </message>
    <message>
        <source>Environments</source>
        <translation>Umgebungen</translation>
    </message>
    <message>
        <source>The curl command was not imported: %1</source>
        <translation>Der curl-Befehl wurde nicht importiert: %1</translation>
    </message>
    <message>
        <source>Imported the curl command; press Send to run it.</source>
        <translation>Der curl-Befehl wurde importiert; klicken Sie auf „Senden“, um ihn auszuführen.</translation>
    </message>
    <message>
        <source>Import curl</source>
        <translation>curl importieren</translation>
    </message>
    <message>
        <source>Paste a curl command (e.g. from a browser&apos;s &quot;Copy as cURL&quot; or the API docs):</source>
        <translation>Fügen Sie einen curl-Befehl ein (z. B. aus „Als cURL kopieren“ eines Browsers oder aus der API-Dokumentation):</translation>
    </message>
    <message>
        <source>Cannot copy as curl: %1</source>
        <translation>Kopieren als curl nicht möglich: %1</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Save Request</source>
        <translation>Anfrage speichern</translation>
    </message>
    <message>
        <source>Collection:</source>
        <translation>Sammlung:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Saved in memory: save the project to keep collections beside it.</source>
        <translation>Im Speicher gesichert: Speichern Sie das Projekt, um die Sammlungen daneben zu behalten.</translation>
    </message>
    <message>
        <source>No environment</source>
        <translation>Keine Umgebung</translation>
    </message>
    <message>
        <source>This command contains the project&apos;s service key, which bypasses every rule: keep it to yourself.</source>
        <translation>Dieser Befehl enthält den Service-Schlüssel des Projekts, der jede Regel umgeht: Geben Sie ihn nicht weiter.</translation>
    </message>
    <message>
        <source>Copied as curl, with the service key.</source>
        <translation>Als curl kopiert, mit dem Service-Schlüssel.</translation>
    </message>
    <message>
        <source>Copied as curl, without the service key.</source>
        <translation>Als curl kopiert, ohne den Service-Schlüssel.</translation>
    </message>
    <message>
        <source>Explain is left out: it needs the service key.</source>
        <translation>„Regeln erklären“ ist nicht enthalten: Dafür ist der Service-Schlüssel nötig.</translation>
    </message>
    <message>
        <source>The runtime refused the project&apos;s keys: run the backend again, so the console gets its current keys.</source>
        <translation>Die Laufzeitumgebung hat die Schlüssel des Projekts abgelehnt: Führen Sie das Backend erneut aus, damit die Konsole die aktuellen Schlüssel bekommt.</translation>
    </message>
    <message>
        <source>Sent without a key. Choose &quot;%1&quot; in the console&apos;s &quot;%2&quot; menu above (or &quot;%3&quot; to send as a signed-in user).</source>
        <translation>Ohne Schlüssel gesendet. Wählen Sie oben im Menü „%2“ der Konsole „%1“ (oder „%3“, um als angemeldeter Benutzer zu senden).</translation>
    </message>
    <message>
        <source>The test user&apos;s session was refused. Choose the user again beside &quot;%1&quot;, or make one with &quot;%2&quot;.</source>
        <translation>Die Sitzung des Testbenutzers wurde abgelehnt. Wählen Sie den Benutzer neben „%1“ erneut, oder legen Sie mit „%2“ einen an.</translation>
    </message>
    <message>
        <source>Only signed-in users may do this. Choose &quot;%1&quot; in the console&apos;s &quot;%2&quot; menu above and a user (or &quot;%3&quot; to bypass the rules).</source>
        <translation>Das dürfen nur angemeldete Benutzer. Wählen Sie oben im Menü „%2“ der Konsole „%1“ und einen Benutzer (oder „%3“, um die Regeln zu umgehen).</translation>
    </message>
    <message>
        <source>The test user the console signs in as; {{user.id}} in the URL or body is their id</source>
        <translation>Der Testbenutzer, als der sich die Konsole anmeldet; {{user.id}} in der URL oder im Inhalt ist seine ID</translation>
    </message>
    <message>
        <source>Insert {{user.id}}</source>
        <translation>{{user.id}} einfügen</translation>
    </message>
    <message>
        <source>The id of the test user chosen under Auth, put in when the request is sent or copied; e.g. {&quot;customer_id&quot;: &quot;{{user.id}}&quot;} for a rule like customer_id = auth.uid</source>
        <translation>Die ID des unter „Authentifizierung“ gewählten Testbenutzers, eingesetzt beim Senden oder Kopieren der Anfrage; z. B. {&quot;customer_id&quot;: &quot;{{user.id}}&quot;} für eine Regel wie customer_id = auth.uid</translation>
    </message>
</context>
<context>
    <name>Designer::RequestLogDock</name>
    <message>
        <source>Filter by path, user or method</source>
        <translation>Nach Pfad, Benutzer oder Methode filtern</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Errors (4xx, 5xx)</source>
        <translation>Fehler (4xx, 5xx)</translation>
    </message>
    <message>
        <source>Server errors (5xx)</source>
        <translation>Serverfehler (5xx)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Requests taking at least this long are shown in bold.</source>
        <translation>Anfragen, die mindestens so lange dauern, werden fett angezeigt.</translation>
    </message>
    <message>
        <source>&amp;Slow from:</source>
        <translation>Langsam &amp;ab:</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Removes every request from the log.</source>
        <translation>Entfernt alle Anfragen aus dem Protokoll.</translation>
    </message>
    <message>
        <source>Realtime WebSocket connections open now, and the channels joined on them</source>
        <translation>Jetzt offene Realtime-WebSocket-Verbindungen und die darauf beigetretenen Kanäle</translation>
    </message>
    <message>
        <source>Realtime: %1, %2</source>
        <translation>Realtime: %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n socket(s)</source>
        <translation>
            <numerusform>%n Socket</numerusform>
            <numerusform>%n Sockets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%n Kanal</numerusform>
            <numerusform>%n Kanäle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RequestLogModel</name>
    <message>
        <source>Status %1 in %2 ms, %3 answered</source>
        <translation>Status %1 in %2 ms, Antwort: %3</translation>
    </message>
    <message>
        <source>No key accepted</source>
        <translation>Kein Schlüssel akzeptiert</translation>
    </message>
    <message>
        <source>Role %1, user %2</source>
        <translation>Rolle %1, Benutzer %2</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>Kopfzeilen der Anfrage</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Inhalt der Anfrage</translation>
    </message>
    <message>
        <source>Double-click, or press Enter, to open it in the request console.</source>
        <translation>Doppelklicken Sie oder drücken Sie die Eingabetaste, um sie in der Anfragekonsole zu öffnen.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message numerus="yes">
        <source>Console (%n line(s))</source>
        <translation>
            <numerusform>Konsole (%n Zeile)</numerusform>
            <numerusform>Konsole (%n Zeilen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Designer::RequestSamples</name>
    <message>
        <source>List rows of %1</source>
        <translation>Zeilen von %1 auflisten</translation>
    </message>
    <message>
        <source>Get %1 by id</source>
        <translation>%1 nach ID abrufen</translation>
    </message>
    <message>
        <source>Insert into %1</source>
        <translation>In %1 einfügen</translation>
    </message>
    <message>
        <source>Update %1</source>
        <translation>%1 aktualisieren</translation>
    </message>
    <message>
        <source>Delete from %1</source>
        <translation>Aus %1 löschen</translation>
    </message>
    <message>
        <source>List rows</source>
        <translation>Zeilen auflisten</translation>
    </message>
    <message>
        <source>Get by id</source>
        <translation>Nach ID abrufen</translation>
    </message>
    <message>
        <source>Insert row</source>
        <translation>Zeile einfügen</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>Designer::RequestSender</name>
    <message>
        <source>Enter a URL, e.g. /rest/v1/%1.</source>
        <translation>Geben Sie eine URL ein, z. B. /rest/v1/%1.</translation>
    </message>
    <message>
        <source>Choose a test user (or &quot;New test user…&quot;) next to the auth mode.</source>
        <translation>Wählen Sie neben der Authentifizierungsart einen Testbenutzer (oder „Neuer Testbenutzer …“).</translation>
    </message>
    <message>
        <source>The id of %1 is not known yet: send one request as this user without Explain first.</source>
        <translation>Die ID von %1 ist noch nicht bekannt: Senden Sie zuerst eine Anfrage als dieser Benutzer ohne „Regeln erklären“.</translation>
    </message>
    <message>
        <source>Unknown variables: %1. Define them in the current environment (Environments…) or remove them.</source>
        <translation>Unbekannte Variablen: %1. Definieren Sie sie in der aktuellen Umgebung (Umgebungen …) oder entfernen Sie sie.</translation>
    </message>
    <message>
        <source>Press Run to start the runtime, then send again.</source>
        <translation>Klicken Sie auf „Ausführen“, um die Laufzeitumgebung zu starten, und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>{{user.id}} is the id of the test user chosen under Auth: choose &quot;Test user&quot; and a user.</source>
        <translation>{{user.id}} ist die ID des unter „Authentifizierung“ gewählten Testbenutzers: Wählen Sie „Testbenutzer“ und einen Benutzer.</translation>
    </message>
    <message>
        <source>The id of %1 is not known yet: send one request as this user first.</source>
        <translation>Die ID von %1 ist noch nicht bekannt: Senden Sie zuerst eine Anfrage als dieser Benutzer.</translation>
    </message>
</context>
<context>
    <name>Designer::ResponseView</name>
    <message>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Kopfzeile</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Show the body exactly as it arrived</source>
        <translation>Den Inhalt genau so anzeigen, wie er angekommen ist</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Gefunden</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Ausgeschlossen</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Kopfzeilen</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>Erklärung</translation>
    </message>
    <message>
        <source>No response yet: fill in a request and press Send (Ctrl+Return).</source>
        <translation>Noch keine Antwort: Füllen Sie eine Anfrage aus und klicken Sie auf „Senden“ (Strg+Eingabe).</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>Keine Antwort: %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet …</translation>
    </message>
    <message>
        <source>%1 (showing the first %2)</source>
        <translation>%1 (die ersten %2 werden angezeigt)</translation>
    </message>
    <message>
        <source>Ran as role %1 (no user).</source>
        <translation>Als Rolle %1 ausgeführt (ohne Benutzer).</translation>
    </message>
    <message>
        <source>Ran as user %1 with role %2.</source>
        <translation>Als Benutzer %1 mit Rolle %2 ausgeführt.</translation>
    </message>
    <message>
        <source>Refused.</source>
        <translation>Abgelehnt.</translation>
    </message>
    <message>
        <source>Allowed.</source>
        <translation>Erlaubt.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>denied: no rule for this role</source>
        <translation>verweigert: keine Regel für diese Rolle</translation>
    </message>
    <message>
        <source>every row</source>
        <translation>jede Zeile</translation>
    </message>
    <message>
        <source>rows matching the rules</source>
        <translation>Zeilen, auf die die Regeln zutreffen</translation>
    </message>
    <message>
        <source>rule: %1</source>
        <translation>Regel: %1</translation>
    </message>
    <message>
        <source>SQL: %1</source>
        <translation>SQL: %1</translation>
    </message>
</context>
<context>
    <name>Designer::RowsModel</name>
    <message>
        <source>Not valid JSON: %1. Write e.g. {&quot;key&quot;: 1}, [1, 2] or &quot;text&quot;.</source>
        <translation>Kein gültiges JSON: %1. Schreiben Sie z. B. {&quot;key&quot;: 1}, [1, 2] oder &quot;text&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>The runtime did not answer within %n second(s). Press Refresh to try again.</source>
        <translation>
            <numerusform>Die Laufzeitumgebung hat nicht innerhalb von %n Sekunde geantwortet. Klicken Sie auf „Aktualisieren“, um es erneut zu versuchen.</numerusform>
            <numerusform>Die Laufzeitumgebung hat nicht innerhalb von %n Sekunden geantwortet. Klicken Sie auf „Aktualisieren“, um es erneut zu versuchen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2, required)</source>
        <translation>%1 (%2, Pflicht)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>text: rows whose %1 contains it (any case)</source>
        <translation>einen Text: Zeilen, deren %1 ihn enthält (ohne Beachtung der Groß-/Kleinschreibung)</translation>
    </message>
    <message>
        <source>a value: rows whose %1 equals it</source>
        <translation>einen Wert: Zeilen, deren %1 ihm gleicht</translation>
    </message>
    <message>
        <source>Filter %1 by typing
• %2
• &gt;5, &gt;=5, &lt;5, &lt;=5, =5, !=5: compare
• null: no value, !null: any value
Empty: no filter.</source>
        <translation>Filtern Sie %1, indem Sie eingeben:
• %2
• &gt;5, &gt;=5, &lt;5, &lt;=5, =5, !=5: vergleichen
• null: kein Wert, !null: beliebiger Wert
Leer: kein Filter.</translation>
    </message>
    <message>
        <source>Write a JSON array, e.g. [&quot;a&quot;, &quot;b&quot;] or [1, 2].</source>
        <translation>Schreiben Sie ein JSON-Array, z. B. [&quot;a&quot;, &quot;b&quot;] oder [1, 2].</translation>
    </message>
    <message>
        <source>Not saved: %1
The database keeps %2.</source>
        <translation>Nicht gespeichert: %1
Die Datenbank behält %2.</translation>
    </message>
</context>
<context>
    <name>Designer::RuleEditor</name>
    <message>
        <source>e.g. owner_id = auth.uid</source>
        <translation>z. B. owner_id = auth.uid</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>Spalte %1: %2</translation>
    </message>
</context>
<context>
    <name>Designer::RunController</name>
    <message>
        <source>Cannot create a temporary folder for the untitled project&apos;s database: %1</source>
        <translation>Für die Datenbank des unbenannten Projekts kann kein temporärer Ordner erstellt werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>The project has %n problem(s); fix them in the Problems pane. The first: %1</source>
        <translation>
            <numerusform>Das Projekt hat %n Problem; beheben Sie es im Bereich „Probleme“. Das Problem: %1</numerusform>
            <numerusform>Das Projekt hat %n Probleme; beheben Sie sie im Bereich „Probleme“. Das erste: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Your latest changes are not applied: %1</source>
        <translation>Ihre letzten Änderungen sind nicht angewendet: %1</translation>
    </message>
    <message>
        <source>No free port from %1 to %2. The first one said: %3</source>
        <translation>Kein freier Port von %1 bis %2. Der erste meldete: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>Running at %1</source>
        <translation>Läuft unter %1</translation>
    </message>
    <message>
        <source>Applying schema changes…</source>
        <translation>Schemaänderungen werden angewendet …</translation>
    </message>
    <message>
        <source>Waiting for confirmation</source>
        <translation>Warten auf Bestätigung</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not running: press Run (F5)</source>
        <translation>Läuft nicht: klicken Sie auf „Ausführen“ (F5)</translation>
    </message>
    <message>
        <source>Could not copy the test data to %1: %2</source>
        <translation>Die Testdaten konnten nicht nach %1 kopiert werden: %2</translation>
    </message>
</context>
<context>
    <name>Designer::RunPanels</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>API Console</source>
        <translation>API-Konsole</translation>
    </message>
    <message>
        <source>The diagram of the project&apos;s tables and relationships</source>
        <translation>Das Diagramm der Tabellen und Beziehungen des Projekts</translation>
    </message>
    <message>
        <source>Browse, edit, import and export the rows of the running backend</source>
        <translation>Die Zeilen des laufenden Backends durchsuchen, bearbeiten, importieren und exportieren</translation>
    </message>
    <message>
        <source>Send requests to the running backend and see what its rules did</source>
        <translation>Anfragen an das laufende Backend senden und sehen, was seine Regeln bewirkt haben</translation>
    </message>
    <message>
        <source>Request Log</source>
        <translation>Anfrageprotokoll</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Run the backend on this machine and try its API (F5)</source>
        <translation>Das Backend auf diesem Rechner ausführen und seine API ausprobieren (F5)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Stop the running backend (Shift+F5)</source>
        <translation>Das laufende Backend stoppen (Umschalt+F5)</translation>
    </message>
    <message>
        <source>Copy &amp;Anon Key</source>
        <translation>A&amp;non-Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Copy S&amp;ervice Key</source>
        <translation>S&amp;ervice-Schlüssel kopieren</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Daten</translation>
    </message>
    <message>
        <source>API &amp;Console</source>
        <translation>API-&amp;Konsole</translation>
    </message>
    <message>
        <source>Request &amp;Log</source>
        <translation>Anfrageprot&amp;okoll</translation>
    </message>
    <message>
        <source>&amp;Browse Data</source>
        <translation>Daten &amp;durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren …</translation>
    </message>
    <message>
        <source>Try in API &amp;Console</source>
        <translation>In der API-&amp;Konsole ausprobieren</translation>
    </message>
    <message>
        <source>Run the backend again to serve this table (F5)</source>
        <translation>Das Backend erneut ausführen, um diese Tabelle bereitzustellen (F5)</translation>
    </message>
    <message>
        <source>Press Run (F5) to start the backend first</source>
        <translation>Klicken Sie auf „Ausführen“ (F5), um zuerst das Backend zu starten</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>CSV importieren</translation>
    </message>
    <message>
        <source>Start the backend with Run (F5) first: the import writes into the database it serves.</source>
        <translation>Starten Sie zuerst das Backend mit „Ausführen“ (F5): Der Import schreibt in die Datenbank, die es bereitstellt.</translation>
    </message>
    <message>
        <source>&amp;Port…</source>
        <translation>&amp;Port …</translation>
    </message>
    <message>
        <source>The port the backend tries first when it starts</source>
        <translation>Der Port, den das Backend beim Start zuerst versucht</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>The backend listens on this port on 127.0.0.1; if another program uses it, on the next free one.
It applies the next time you press Run.</source>
        <translation>Das Backend wartet auf 127.0.0.1 auf diesem Port; verwendet ihn ein anderes Programm, auf dem nächsten freien.
Die Einstellung gilt ab dem nächsten Klick auf „Ausführen“.</translation>
    </message>
    <message>
        <source>Applied to the running backend: %1</source>
        <translation>Auf das laufende Backend angewendet: %1</translation>
    </message>
    <message>
        <source>Function Secre&amp;ts…</source>
        <translation>Funktions-Ge&amp;heimnisse …</translation>
    </message>
    <message>
        <source>The values functions read with env.get(), kept beside the project, never in it</source>
        <translation>Die Werte, die Funktionen mit env.get() lesen; neben dem Projekt gespeichert, nie darin</translation>
    </message>
    <message>
        <source>Function Secrets</source>
        <translation>Funktions-Geheimnisse</translation>
    </message>
    <message>
        <source>Save the project first: its secrets are kept in a folder beside the project file.</source>
        <translation>Speichern Sie zuerst das Projekt: Seine Geheimnisse liegen in einem Ordner neben der Projektdatei.</translation>
    </message>
    <message>
        <source>Realtime</source>
        <translation>Realtime</translation>
    </message>
    <message>
        <source>Join a realtime channel of the running backend: live table changes, broadcasts and who is present</source>
        <translation>Einem Realtime-Kanal des laufenden Backends beitreten: Tabellenänderungen live, Broadcasts und Anwesende</translation>
    </message>
    <message>
        <source>Realtime &amp;Inspector</source>
        <translation>Realtime-&amp;Inspektor</translation>
    </message>
</context>
<context>
    <name>Designer::RunStatusWidget</name>
    <message>
        <source>The running API&apos;s address. Click to copy it.</source>
        <translation>Die Adresse der laufenden API. Klicken Sie, um sie zu kopieren.</translation>
    </message>
    <message>
        <source>Copy anon key</source>
        <translation>Anon-Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Copies the anon key: the public key your app sends in its apikey header. Requests with it follow the permission rules of the anon role.</source>
        <translation>Kopiert den anon-Schlüssel: den öffentlichen Schlüssel, den Ihre App in ihrer apikey-Kopfzeile sendet. Anfragen damit unterliegen den Berechtigungsregeln der Rolle anon.</translation>
    </message>
    <message>
        <source>Copy service key</source>
        <translation>Service-Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Copies the service key. It bypasses every permission rule: use it only in scripts and servers you control, never in an app you ship.</source>
        <translation>Kopiert den Service-Schlüssel. Er umgeht alle Berechtigungsregeln: Verwenden Sie ihn nur in Skripten und auf Servern, die Sie kontrollieren, niemals in einer App, die Sie ausliefern.</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Prüfen …</translation>
    </message>
    <message>
        <source>Shows the schema changes that would lose data and lets you apply them.</source>
        <translation>Zeigt die Schemaänderungen, die Daten löschen würden, und lässt Sie sie anwenden.</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message numerus="yes">
        <source>Would lose data: %1 (and %n more)</source>
        <translation>
            <numerusform>Würde Daten löschen: %1 (und %n weitere)</numerusform>
            <numerusform>Würde Daten löschen: %1 (und %n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>Would lose data: %1</source>
        <translation>Würde Daten löschen: %1</translation>
    </message>
    <message>
        <source>The API&apos;s URL is on the clipboard.</source>
        <translation>Die URL der API ist in der Zwischenablage.</translation>
    </message>
    <message>
        <source>The anon key is on the clipboard.</source>
        <translation>Der anon-Schlüssel ist in der Zwischenablage.</translation>
    </message>
    <message>
        <source>The service key is on the clipboard. It bypasses every permission rule: keep it secret.</source>
        <translation>Der Service-Schlüssel ist in der Zwischenablage. Er umgeht alle Berechtigungsregeln: Halten Sie ihn geheim.</translation>
    </message>
</context>
<context>
    <name>Designer::ScheduleEditor</name>
    <message>
        <source>Five fields: minute hour day-of-month month day-of-week; or @hourly, @daily, @weekly, @monthly, @yearly</source>
        <translation>Fünf Felder: Minute Stunde Tag-des-Monats Monat Wochentag; oder @hourly, @daily, @weekly, @monthly, @yearly</translation>
    </message>
    <message>
        <source>&amp;Cron expression:</source>
        <translation>&amp;Cron-Ausdruck:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>Next runs:</source>
        <translation>Nächste Läufe:</translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation>&amp;Funktion:</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiviert</translation>
    </message>
    <message>
        <source>optional; what the schedule is for</source>
        <translation>optional; wofür der Zeitplan da ist</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Schedule %1</source>
        <translation>Zeitplan %1</translation>
    </message>
</context>
<context>
    <name>Designer::ScriptPane</name>
    <message>
        <source>Code of the function</source>
        <translation>Code der Funktion</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>Designer::SecretsDialog</name>
    <message>
        <source>Function Secrets</source>
        <translation>Funktions-Geheimnisse</translation>
    </message>
    <message>
        <source>Functions read these with &lt;code&gt;env.get(&apos;NAME&apos;)&lt;/code&gt;. They are kept in &lt;code&gt;%1&lt;/code&gt;, beside the project and never in the project file: keep that folder out of git. A variable of the same name in the server&apos;s environment wins. Changes apply the next time the backend starts.</source>
        <translation>Funktionen lesen diese Werte mit &lt;code&gt;env.get(&apos;NAME&apos;)&lt;/code&gt;. Sie liegen in &lt;code&gt;%1&lt;/code&gt;, neben dem Projekt und nie in der Projektdatei: Halten Sie diesen Ordner aus git heraus. Eine gleichnamige Variable in der Umgebung des Servers hat Vorrang. Änderungen gelten ab dem nächsten Start des Backends.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>&amp;Show values</source>
        <translation>Werte &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
</context>
<context>
    <name>Designer::TableClipboard</name>
    <message>
        <source>The clipboard holds no tables.</source>
        <translation>Die Zwischenablage enthält keine Tabellen.</translation>
    </message>
</context>
<context>
    <name>Designer::TableEditor</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>&amp;Farbe:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>F&amp;ields</source>
        <translation>F&amp;elder</translation>
    </message>
    <message>
        <source>Drag a row to reorder the fields.</source>
        <translation>Ziehen Sie eine Zeile, um die Felder neu anzuordnen.</translation>
    </message>
    <message>
        <source>&amp;Add Field</source>
        <translation>Feld &amp;hinzufügen</translation>
    </message>
    <message>
        <source>I&amp;ndexes</source>
        <translation>&amp;Indizes</translation>
    </message>
    <message>
        <source>Add Inde&amp;x</source>
        <translation>Inde&amp;x hinzufügen</translation>
    </message>
    <message>
        <source>Adds an index on the field selected in the grid.</source>
        <translation>Fügt einen Index für das im Raster ausgewählte Feld hinzu.</translation>
    </message>
    <message>
        <source>Re&amp;move Index</source>
        <translation>Index en&amp;tfernen</translation>
    </message>
    <message>
        <source>Add &amp;Suggested Indexes</source>
        <translation>&amp;Vorgeschlagene Indizes hinzufügen</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>(generated name)</source>
        <translation>(erzeugter Name)</translation>
    </message>
    <message>
        <source>%1: unique on %2</source>
        <translation>%1: eindeutig auf %2</translation>
    </message>
    <message>
        <source>%1: on %2</source>
        <translation>%1: auf %2</translation>
    </message>
    <message>
        <source>Change the description of %1</source>
        <translation>Beschreibung von %1 ändern</translation>
    </message>
    <message>
        <source>Table Colour</source>
        <translation>Tabellenfarbe</translation>
    </message>
    <message>
        <source>Columns that foreign keys and rules filter on, without an index: %1</source>
        <translation>Spalten ohne Index, nach denen Fremdschlüssel und Regeln filtern: %1</translation>
    </message>
    <message numerus="yes">
        <source>Add %n suggested index(es)</source>
        <translation>
            <numerusform>%n vorgeschlagenen Index hinzufügen</numerusform>
            <numerusform>%n vorgeschlagene Indizes hinzufügen</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;move Field</source>
        <translation>Feld entfe&amp;rnen</translation>
    </message>
    <message>
        <source>&amp;Tenant-scoped</source>
        <translation>&amp;Mandantenbezogen</translation>
    </message>
    <message>
        <source>Rows belong to the caller&apos;s organization.</source>
        <translation>Zeilen gehören zur Organisation des Aufrufers.</translation>
    </message>
    <message>
        <source>the field %1.%2</source>
        <translation>das Feld %1.%2</translation>
    </message>
    <message>
        <source>Rea&amp;ltime</source>
        <translation>Echt&amp;zeit</translation>
    </message>
    <message>
        <source>Subscribed apps get its changes live.</source>
        <translation>Abonnierte Apps erhalten ihre Änderungen sofort.</translation>
    </message>
</context>
<context>
    <name>Designer::TableExport</name>
    <message>
        <source>An export is already running.</source>
        <translation>Es läuft bereits ein Export.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder or file name.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Wählen Sie einen anderen Ordner oder Dateinamen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message numerus="yes">
        <source>Reading %1 failed after %n rows: %2</source>
        <translation>
            <numerusform>Lesen von %1 nach %n Zeile fehlgeschlagen: %2</numerusform>
            <numerusform>Lesen von %1 nach %n Zeilen fehlgeschlagen: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing %1 failed: %2</source>
        <translation>Schreiben von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Saving %1 failed: %2</source>
        <translation>Speichern von %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>Designer::TableItem</name>
    <message>
        <source>tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>N:M</source>
        <translation>N:M</translation>
    </message>
    <message>
        <source>VIEW</source>
        <translation>SICHT</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
</context>
<context>
    <name>Designer::TriggerEditor</name>
    <message>
        <source>&amp;On:</source>
        <translation>&amp;Bei:</translation>
    </message>
    <message>
        <source>&amp;Timing:</source>
        <translation>&amp;Zeitpunkt:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation>&amp;Funktion:</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiviert</translation>
    </message>
    <message>
        <source>Trigger %1</source>
        <translation>Trigger %1</translation>
    </message>
    <message>
        <source>(choose a table)</source>
        <translation>(Tabelle wählen)</translation>
    </message>
    <message>
        <source>Users (sign-up and sign-in)</source>
        <translation>Benutzer (Registrierung und Anmeldung)</translation>
    </message>
    <message>
        <source>before (inside the write, may change or refuse the row)</source>
        <translation>vorher (im Schreibvorgang; darf die Zeile ändern oder ablehnen)</translation>
    </message>
    <message>
        <source>after (once the write is committed)</source>
        <translation>nachher (sobald der Schreibvorgang festgeschrieben ist)</translation>
    </message>
    <message>
        <source>The function receives the user as row. It runs after the event, off the request; a failure is logged and retried.</source>
        <translation>Die Funktion erhält den Benutzer als row. Sie läuft nach dem Ereignis, außerhalb der Anfrage; ein Fehler wird protokolliert und wiederholt.</translation>
    </message>
    <message>
        <source>The function receives row (the new row) and old (the row before an update or delete). It runs inside the write: it may change row, or throw new Error(&apos;...&apos;) to refuse the write (400 with the message, nothing written).</source>
        <translation>Die Funktion erhält row (die neue Zeile) und old (die Zeile vor einer Änderung oder Löschung). Sie läuft im Schreibvorgang: Sie darf row ändern oder mit throw new Error(&apos;...&apos;) den Schreibvorgang ablehnen (400 mit der Meldung, nichts wird geschrieben).</translation>
    </message>
    <message>
        <source>The function receives row (the new row) and old (the row before an update or delete). It runs after the commit, off the request; a failure is logged and retried.</source>
        <translation>Die Funktion erhält row (die neue Zeile) und old (die Zeile vor einer Änderung oder Löschung). Sie läuft nach dem Festschreiben, außerhalb der Anfrage; ein Fehler wird protokolliert und wiederholt.</translation>
    </message>
    <message>
        <source>after the event</source>
        <translation>nach dem Ereignis</translation>
    </message>
</context>
<context>
    <name>Designer::ViewEditor</name>
    <message>
        <source>optional; shown in the API documentation</source>
        <translation>optional; erscheint in der API-Dokumentation</translation>
    </message>
    <message>
        <source>The table whose rows the view shows; changing it resets the columns and the filter</source>
        <translation>Die Tabelle, deren Zeilen die Sicht zeigt; eine andere Tabelle setzt Spalten und Filter zurück</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Tabelle:</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>&amp;Farbe:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Columns of the view</source>
        <translation>Spalten der Sicht</translation>
    </message>
    <message>
        <source>&amp;Add Column</source>
        <translation>Spalte &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>every row; e.g. status=eq.published&amp;price=gt.0</source>
        <translation>jede Zeile; z. B. status=eq.published&amp;price=gt.0</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>Who may read it</source>
        <translation>Wer sie lesen darf</translation>
    </message>
    <message>
        <source>Without a tick only the service role reads the view; a rule limits the rows a role sees</source>
        <translation>Ohne Haken liest nur die Service-Rolle die Sicht; eine Regel begrenzt die Zeilen, die eine Rolle sieht</translation>
    </message>
    <message>
        <source>View %1 of %2</source>
        <translation>Sicht %1 von %2</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Let the role %1 read this view</source>
        <translation>Die Rolle %1 darf diese Sicht lesen</translation>
    </message>
    <message>
        <source>every row</source>
        <translation>jede Zeile</translation>
    </message>
    <message>
        <source>Rows %1 may read</source>
        <translation>Zeilen, die %1 lesen darf</translation>
    </message>
    <message>
        <source>The view shows every row of %1.</source>
        <translation>Die Sicht zeigt jede Zeile von %1.</translation>
    </message>
    <message>
        <source>The filter is valid.</source>
        <translation>Der Filter ist gültig.</translation>
    </message>
    <message>
        <source>View Colour</source>
        <translation>Farbe der Sicht</translation>
    </message>
</context>
<context>
    <name>ErrorCode</name>
    <message>
        <source>Internal error</source>
        <translation>Interner Fehler</translation>
    </message>
    <message>
        <source>Invalid argument</source>
        <translation>Ungültiges Argument</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>Datei nicht gefunden</translation>
    </message>
    <message>
        <source>The file could not be read</source>
        <translation>Die Datei konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>The file could not be written</source>
        <translation>Die Datei konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>The file is not valid JSON</source>
        <translation>Die Datei ist kein gültiges JSON</translation>
    </message>
    <message>
        <source>The project is not valid</source>
        <translation>Das Projekt ist nicht gültig</translation>
    </message>
    <message>
        <source>The project was saved by a newer version of Basalt</source>
        <translation>Das Projekt wurde mit einer neueren Version von Basalt gespeichert</translation>
    </message>
    <message>
        <source>The database could not be opened</source>
        <translation>Die Datenbank konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>A database query failed</source>
        <translation>Eine Datenbankabfrage ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>The database no longer matches the schema Basalt last applied</source>
        <translation>Die Datenbank entspricht nicht mehr dem zuletzt von Basalt angewendeten Schema</translation>
    </message>
    <message>
        <source>The schema change cannot be applied</source>
        <translation>Die Schemaänderung kann nicht angewendet werden</translation>
    </message>
    <message>
        <source>The schema change would lose data and was not confirmed</source>
        <translation>Die Schemaänderung würde Daten löschen und wurde nicht bestätigt</translation>
    </message>
    <message>
        <source>The migration failed and was rolled back</source>
        <translation>Die Migration ist fehlgeschlagen und wurde zurückgesetzt</translation>
    </message>
    <message>
        <source>The server could not listen</source>
        <translation>Der Server konnte nicht auf Verbindungen warten</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Method not allowed</source>
        <translation>Methode nicht erlaubt</translation>
    </message>
    <message>
        <source>The request&apos;s query string could not be parsed</source>
        <translation>Die Abfragezeichenkette der Anfrage konnte nicht ausgewertet werden</translation>
    </message>
    <message>
        <source>The request body is not valid</source>
        <translation>Der Inhalt der Anfrage ist nicht gültig</translation>
    </message>
    <message>
        <source>The requested range is not satisfiable</source>
        <translation>Der angeforderte Bereich kann nicht geliefert werden</translation>
    </message>
    <message>
        <source>No such table</source>
        <translation>Tabelle nicht vorhanden</translation>
    </message>
    <message>
        <source>No such column</source>
        <translation>Spalte nicht vorhanden</translation>
    </message>
    <message>
        <source>The body names a column the table does not have</source>
        <translation>Der Inhalt nennt eine Spalte, die die Tabelle nicht hat</translation>
    </message>
    <message>
        <source>No relationship between these tables</source>
        <translation>Keine Beziehung zwischen diesen Tabellen</translation>
    </message>
    <message>
        <source>More than one relationship between these tables</source>
        <translation>Mehr als eine Beziehung zwischen diesen Tabellen</translation>
    </message>
    <message>
        <source>The result is not exactly one row</source>
        <translation>Das Ergebnis ist nicht genau eine Zeile</translation>
    </message>
    <message>
        <source>A value does not fit its column&apos;s type</source>
        <translation>Ein Wert passt nicht zum Typ seiner Spalte</translation>
    </message>
    <message>
        <source>A required field has no value</source>
        <translation>Ein Pflichtfeld hat keinen Wert</translation>
    </message>
    <message>
        <source>A value fails its field&apos;s validation</source>
        <translation>Ein Wert besteht die Prüfung seines Feldes nicht</translation>
    </message>
    <message>
        <source>A value that must be unique already exists</source>
        <translation>Ein Wert, der eindeutig sein muss, existiert bereits</translation>
    </message>
    <message>
        <source>A reference points at a row that does not exist, or a row is still referenced</source>
        <translation>Ein Verweis zeigt auf eine nicht vorhandene Zeile, oder auf eine Zeile wird noch verwiesen</translation>
    </message>
    <message>
        <source>This field is set automatically and cannot be written</source>
        <translation>Dieses Feld wird automatisch gesetzt und kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>An update or delete without a filter is refused</source>
        <translation>Ein Aktualisieren oder Löschen ohne Filter wird abgelehnt</translation>
    </message>
    <message>
        <source>The request body is too large</source>
        <translation>Der Inhalt der Anfrage ist zu groß</translation>
    </message>
    <message>
        <source>The request headers are too large</source>
        <translation>Die Kopfzeilen der Anfrage sind zu groß</translation>
    </message>
    <message>
        <source>The request took too long</source>
        <translation>Die Anfrage hat zu lange gedauert</translation>
    </message>
    <message>
        <source>The service is unavailable</source>
        <translation>Der Dienst ist nicht verfügbar</translation>
    </message>
    <message>
        <source>The request filters or orders an embedded resource it does not select</source>
        <translation>Die Anfrage filtert oder sortiert eine eingebettete Ressource, die sie nicht auswählt</translation>
    </message>
    <message>
        <source>None of the accepted media types can be produced</source>
        <translation>Keiner der akzeptierten Medientypen kann erzeugt werden</translation>
    </message>
    <message>
        <source>on_conflict must name a unique key</source>
        <translation>on_conflict muss einen eindeutigen Schlüssel nennen</translation>
    </message>
    <message>
        <source>The token is not valid</source>
        <translation>Das Token ist nicht gültig</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>Sign in to do this</source>
        <translation>Melden Sie sich dafür an</translation>
    </message>
    <message>
        <source>The field is read-only</source>
        <translation>Das Feld ist schreibgeschützt</translation>
    </message>
    <message>
        <source>The permission rule is not valid</source>
        <translation>Die Berechtigungsregel ist nicht gültig</translation>
    </message>
    <message>
        <source>No API key found in request</source>
        <translation>Kein API-Schlüssel in der Anfrage gefunden</translation>
    </message>
    <message>
        <source>Invalid API key</source>
        <translation>Ungültiger API-Schlüssel</translation>
    </message>
    <message>
        <source>Invalid login credentials</source>
        <translation>Ungültige Anmeldedaten</translation>
    </message>
    <message>
        <source>The password is too weak</source>
        <translation>Das Passwort ist zu schwach</translation>
    </message>
    <message>
        <source>The email address is not valid</source>
        <translation>Die E-Mail-Adresse ist nicht gültig</translation>
    </message>
    <message>
        <source>User already registered</source>
        <translation>Benutzer bereits registriert</translation>
    </message>
    <message>
        <source>User not found</source>
        <translation>Benutzer nicht gefunden</translation>
    </message>
    <message>
        <source>Too many requests; try again later</source>
        <translation>Zu viele Anfragen; versuchen Sie es später erneut</translation>
    </message>
    <message>
        <source>Invalid Refresh Token: Refresh Token Not Found</source>
        <translation>Ungültiges Aktualisierungstoken: nicht gefunden</translation>
    </message>
    <message>
        <source>Invalid Refresh Token: Already Used</source>
        <translation>Ungültiges Aktualisierungstoken: bereits verwendet</translation>
    </message>
    <message>
        <source>The database is busy with another write</source>
        <translation>Die Datenbank ist mit einem anderen Schreibvorgang beschäftigt</translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.1</source>
        <translation>Die Anfrage ist kein gültiges HTTP/1.1</translation>
    </message>
    <message>
        <source>The session has ended: sign in again</source>
        <translation>Die Sitzung ist beendet: Melden Sie sich erneut an</translation>
    </message>
    <message>
        <source>Changing the password or email needs the current password</source>
        <translation>Um Passwort oder E-Mail zu ändern, ist das aktuelle Passwort nötig</translation>
    </message>
    <message>
        <source>The current password is wrong</source>
        <translation>Das aktuelle Passwort ist falsch</translation>
    </message>
    <message>
        <source>The database&apos;s disk is full</source>
        <translation>Der Datenträger der Datenbank ist voll</translation>
    </message>
    <message>
        <source>The write would affect more rows than Prefer: max-affected allows</source>
        <translation>Der Schreibvorgang beträfe mehr Zeilen, als Prefer: max-affected erlaubt</translation>
    </message>
    <message>
        <source>Only a to-one embedded resource can be spread</source>
        <translation>Nur eine eingebettete Ressource mit höchstens einer Zeile kann aufgelöst werden</translation>
    </message>
    <message>
        <source>The aggregate cannot be computed as asked</source>
        <translation>Die Aggregatfunktion kann so nicht berechnet werden</translation>
    </message>
    <message>
        <source>A trigger refused the write</source>
        <translation>Ein Trigger hat den Schreibvorgang abgelehnt</translation>
    </message>
    <message>
        <source>A trigger&apos;s function failed; nothing was written</source>
        <translation>Die Funktion eines Triggers ist fehlgeschlagen; es wurde nichts geschrieben</translation>
    </message>
</context>
<context>
    <name>FunctionSecrets</name>
    <message>
        <source>&quot;%1&quot; is not a valid secret name; use letters, digits and _, not starting with a digit, e.g. STRIPE_KEY</source>
        <translation>„%1“ ist kein gültiger Name für ein Geheimnis; verwenden Sie Buchstaben, Ziffern und _, nicht mit einer Ziffer beginnend, z. B. STRIPE_KEY</translation>
    </message>
    <message>
        <source>The secret %1 is listed twice; remove one.</source>
        <translation>Das Geheimnis %1 steht zweimal in der Liste; entfernen Sie einen Eintrag.</translation>
    </message>
    <message>
        <source>The value of %1 has a line break; secrets are one line.</source>
        <translation>Der Wert von %1 enthält einen Zeilenumbruch; Geheimnisse sind einzeilig.</translation>
    </message>
    <message>
        <source>The secrets could not be saved to %1: %2</source>
        <translation>Die Geheimnisse konnten nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>the folder cannot be created</source>
        <translation>der Ordner kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>FunctionSource</name>
    <message>
        <source>the code is nested too deeply</source>
        <translation>der Code ist zu tief verschachtelt</translation>
    </message>
    <message>
        <source>the code does not parse</source>
        <translation>der Code lässt sich nicht lesen</translation>
    </message>
    <message>
        <source>this &apos;}&apos; ends the function before the end of its code; remove it or add the missing &apos;{&apos;</source>
        <translation>diese &apos;}&apos; beendet die Funktion vor dem Ende ihres Codes; entfernen Sie sie oder ergänzen Sie die fehlende &apos;{&apos;</translation>
    </message>
</context>
<context>
    <name>ProjectReader</name>
    <message>
        <source>expected an object, found %1</source>
        <translation>erwartet: ein Objekt, gefunden: %1</translation>
    </message>
    <message>
        <source>expected a string, found %1</source>
        <translation>erwartet: eine Zeichenkette, gefunden: %1</translation>
    </message>
    <message>
        <source>expected a boolean, found %1</source>
        <translation>erwartet: ein Wahrheitswert, gefunden: %1</translation>
    </message>
    <message>
        <source>expected an integer, found %1</source>
        <translation>erwartet: eine ganze Zahl, gefunden: %1</translation>
    </message>
    <message>
        <source>expected a number, found %1</source>
        <translation>erwartet: eine Zahl, gefunden: %1</translation>
    </message>
    <message>
        <source>expected an array of strings, found %1</source>
        <translation>erwartet: ein Array aus Zeichenketten, gefunden: %1</translation>
    </message>
    <message>
        <source>expected an array, found %1</source>
        <translation>erwartet: ein Array, gefunden: %1</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;</source>
        <translation>unbekannter Schlüssel „%1“</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>ein Wahrheitswert</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>the required key &quot;%1&quot; is missing</source>
        <translation>der Pflichtschlüssel „%1“ fehlt</translation>
    </message>
    <message>
        <source>unknown %1 &quot;%2&quot; (expected one of: %3)</source>
        <translation>unbekannter Wert „%2“ für %1 (erwartet: %3)</translation>
    </message>
    <message>
        <source>an object is not closed, or a comma is missing between two of its members</source>
        <translation>ein Objekt ist nicht geschlossen, oder zwischen zwei seiner Elemente fehlt ein Komma</translation>
    </message>
    <message>
        <source>a colon is missing after a key</source>
        <translation>nach einem Schlüssel fehlt ein Doppelpunkt</translation>
    </message>
    <message>
        <source>an array is not closed, or a comma is missing between two of its elements</source>
        <translation>ein Array ist nicht geschlossen, oder zwischen zwei seiner Elemente fehlt ein Komma</translation>
    </message>
    <message>
        <source>a comma is missing between two values</source>
        <translation>zwischen zwei Werten fehlt ein Komma</translation>
    </message>
    <message>
        <source>this is not a valid value (strings need double quotes; true, false and null are lowercase)</source>
        <translation>das ist kein gültiger Wert (Zeichenketten brauchen doppelte Anführungszeichen; true, false und null werden kleingeschrieben)</translation>
    </message>
    <message>
        <source>this is not a valid number</source>
        <translation>das ist keine gültige Zahl</translation>
    </message>
    <message>
        <source>a string contains an invalid escape sequence</source>
        <translation>eine Zeichenkette enthält eine ungültige Escape-Sequenz</translation>
    </message>
    <message>
        <source>the text is not valid UTF-8</source>
        <translation>der Text ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>a string is not closed with a double quote</source>
        <translation>eine Zeichenkette ist nicht mit einem doppelten Anführungszeichen abgeschlossen</translation>
    </message>
    <message>
        <source>a value is missing after a comma (remove the trailing comma)</source>
        <translation>nach einem Komma fehlt ein Wert (entfernen Sie das überzählige Komma)</translation>
    </message>
    <message>
        <source>the data is nested too deeply</source>
        <translation>die Daten sind zu tief verschachtelt</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>die Datei ist zu groß</translation>
    </message>
    <message>
        <source>there is more text after the end of the project</source>
        <translation>nach dem Ende des Projekts folgt weiterer Text</translation>
    </message>
    <message>
        <source>syntax error</source>
        <translation>Syntaxfehler</translation>
    </message>
    <message>
        <source>Not valid JSON at line %1, column %2: %3.</source>
        <translation>Kein gültiges JSON in Zeile %1, Spalte %2: %3.</translation>
    </message>
    <message>
        <source>This project uses file format %1, but this version of Basalt reads format %2 only: update Basalt to open it.</source>
        <translation>Dieses Projekt verwendet das Dateiformat %1, diese Version von Basalt liest aber nur Format %2: Aktualisieren Sie Basalt, um es zu öffnen.</translation>
    </message>
    <message>
        <source>unknown format version %1 (expected %2)</source>
        <translation>unbekannte Formatversion %1 (erwartet: %2)</translation>
    </message>
    <message>
        <source>The file is empty: it holds no project.</source>
        <translation>Die Datei ist leer: Sie enthält kein Projekt.</translation>
    </message>
    <message>
        <source>the file must hold a JSON object, found %1</source>
        <translation>die Datei muss ein JSON-Objekt enthalten, gefunden: %1</translation>
    </message>
    <message>
        <source>The project file %1 does not exist.</source>
        <translation>Die Projektdatei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The project file %1 could not be read: %2</source>
        <translation>Die Projektdatei %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>&quot;default&quot; and &quot;defaultFunction&quot; cannot be used together; keep one of them</source>
        <translation>„default“ und „defaultFunction“ können nicht zusammen verwendet werden; behalten Sie nur eines</translation>
    </message>
    <message>
        <source>expected a string, number, boolean or list, found %1</source>
        <translation>erwartet wurde eine Zeichenkette, eine Zahl, ein Wahrheitswert oder eine Liste, gefunden: %1</translation>
    </message>
    <message>
        <source>expected a string or an array of lines, found %1</source>
        <translation>erwartet: eine Zeichenkette oder ein Array aus Zeilen, gefunden: %1</translation>
    </message>
</context>
<context>
    <name>ProjectSecret</name>
    <message>
        <source>%1 must be at least %2 characters long; it has %3.</source>
        <translation>%1 muss mindestens %2 Zeichen lang sein; es hat %3.</translation>
    </message>
    <message>
        <source>The JWT secret could not be read.</source>
        <translation>Das JWT-Geheimnis konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The JWT secret in %1 is shorter than %2 characters. Delete the file to generate a new secret (tokens issued with the old one stop working).</source>
        <translation>Das JWT-Geheimnis in %1 ist kürzer als %2 Zeichen. Löschen Sie die Datei, um ein neues Geheimnis zu erzeugen (mit dem alten ausgestellte Tokens werden dann ungültig).</translation>
    </message>
    <message>
        <source>No secure random source is available.</source>
        <translation>Es ist keine sichere Zufallsquelle verfügbar.</translation>
    </message>
    <message>
        <source>The JWT secret could not be saved.</source>
        <translation>Das JWT-Geheimnis konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The project&apos;s local folder %1 could not be created.</source>
        <translation>Der lokale Ordner %1 des Projekts konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>The JWT secret is locked by another process.</source>
        <translation>Das JWT-Geheimnis ist von einem anderen Prozess gesperrt.</translation>
    </message>
</context>
<context>
    <name>ProjectValidator</name>
    <message>
        <source>the name is empty; give it a name</source>
        <translation>der Name ist leer; geben Sie einen Namen ein</translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; is already used by %2; choose another name</source>
        <translation>der Name „%1“ wird bereits von %2 verwendet; wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>no function is set; choose a function</source>
        <translation>keine Funktion festgelegt; wählen Sie eine Funktion</translation>
    </message>
    <message>
        <source>no function has the id &quot;%1&quot;</source>
        <translation>keine Funktion hat die ID „%1“</translation>
    </message>
    <message>
        <source>unknown method &quot;%1&quot; (expected one of: %2)</source>
        <translation>unbekannte Methode „%1“ (erwartet: %2)</translation>
    </message>
    <message>
        <source>%1 already serves %2 %3; change the method or the path</source>
        <translation>%1 bedient bereits %2 %3; ändern Sie die Methode oder den Pfad</translation>
    </message>
    <message>
        <source>%1 is out of range; use a value from %2 to %3</source>
        <translation>%1 liegt außerhalb des gültigen Bereichs; verwenden Sie einen Wert von %2 bis %3</translation>
    </message>
    <message>
        <source>the service role always has access; name only anon, authenticated or a custom role here</source>
        <translation>die Service-Rolle hat immer Zugriff; nennen Sie hier nur anon, authenticated oder eine eigene Rolle</translation>
    </message>
    <message>
        <source>unknown role &quot;%1&quot;; use anon or authenticated, or add a custom role with that name</source>
        <translation>unbekannte Rolle „%1“; verwenden Sie anon oder authenticated, oder legen Sie eine eigene Rolle mit diesem Namen an</translation>
    </message>
    <message>
        <source>unknown role &quot;%1&quot;; use anon, authenticated or a custom role (%2)</source>
        <translation>unbekannte Rolle „%1“; verwenden Sie anon, authenticated oder eine eigene Rolle (%2)</translation>
    </message>
    <message>
        <source>the role %1 already has a rule for %2 on this table (%3); combine both expressions into one with &quot;or&quot;</source>
        <translation>die Rolle %1 hat für diese Tabelle bereits eine Regel für %2 (%3); fassen Sie beide Ausdrücke mit „or“ zu einem zusammen</translation>
    </message>
    <message>
        <source>anyone, even without logging in, may %1 rows of &quot;%2&quot;; add an expression if that is not intended</source>
        <translation>jeder, auch ohne Anmeldung, darf %1 auf Zeilen von „%2“ ausführen; fügen Sie einen Ausdruck hinzu, falls das nicht beabsichtigt ist</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a built-in role; choose another name</source>
        <translation>„%1“ ist eine eingebaute Rolle; wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http or https URL, e.g. https://api.example.com/v1</source>
        <translation>„%1“ ist keine http- oder https-URL, z. B. https://api.example.com/v1</translation>
    </message>
    <message>
        <source>the header name is empty; give it a name</source>
        <translation>der Name der Kopfzeile ist leer; geben Sie einen Namen ein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an origin; write the scheme, host and port only, e.g. http://localhost:5173</source>
        <translation>„%1“ ist kein Origin; geben Sie nur Schema, Host und Port an, z. B. http://localhost:5173</translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; is not one of the values of &quot;%2&quot; (%3)</source>
        <translation>der Standardwert „%1“ ist keiner der Werte von „%2“ (%3)</translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; is not a date; write it as YYYY-MM-DD, e.g. 2026-11-21</source>
        <translation>der Standardwert „%1“ von „%2“ ist kein Datum; schreiben Sie ihn als JJJJ-MM-TT, z. B. 2026-11-21</translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; is not a date and time with a time zone; write it in ISO 8601, e.g. 2026-11-21T10:00:00Z</source>
        <translation>der Standardwert „%1“ von „%2“ ist kein Datum mit Uhrzeit und Zeitzone; schreiben Sie ihn in ISO 8601, z. B. 2026-11-21T10:00:00Z</translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; is not a UUID; write it as hexadecimal digits grouped 8-4-4-4-12</source>
        <translation>der Standardwert „%1“ von „%2“ ist keine UUID; schreiben Sie ihn als Hexadezimalziffern in Gruppen 8-4-4-4-12</translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; does not look like an email address (name@example.com)</source>
        <translation>der Standardwert „%1“ von „%2“ sieht nicht wie eine E-Mail-Adresse aus (name@example.com)</translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; does not look like a URL; include the scheme, e.g. https://example.com</source>
        <translation>der Standardwert „%1“ von „%2“ sieht nicht wie eine URL aus; geben Sie das Schema an, z. B. https://example.com</translation>
    </message>
    <message>
        <source>the default of &quot;%1&quot; must be a whole number, because it is an integer field; found %2</source>
        <translation>der Standardwert von „%1“ muss eine ganze Zahl sein, da es ein integer-Feld ist; gefunden: %2</translation>
    </message>
    <message>
        <source>the default of &quot;%1&quot; must be a number, because it is a number field; found %2</source>
        <translation>der Standardwert von „%1“ muss eine Zahl sein, da es ein number-Feld ist; gefunden: %2</translation>
    </message>
    <message>
        <source>the default of &quot;%1&quot; must be true or false, because it is a boolean field; found %2</source>
        <translation>der Standardwert von „%1“ muss true oder false sein, da es ein boolean-Feld ist; gefunden: %2</translation>
    </message>
    <message>
        <source>the default of &quot;%1&quot; must be a string, because it is a %2 field; found %3</source>
        <translation>der Standardwert von „%1“ muss eine Zeichenkette sein, da es ein %2-Feld ist; gefunden: %3</translation>
    </message>
    <message>
        <source>the default %1 is less than min (%2)</source>
        <translation>der Standardwert %1 ist kleiner als min (%2)</translation>
    </message>
    <message>
        <source>the default %1 is greater than max (%2)</source>
        <translation>der Standardwert %1 ist größer als max (%2)</translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; is shorter than minLength (%2)</source>
        <translation>der Standardwert „%1“ ist kürzer als minLength (%2)</translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; is longer than maxLength (%2)</source>
        <translation>der Standardwert „%1“ ist länger als maxLength (%2)</translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; does not match the pattern %2</source>
        <translation>der Standardwert „%1“ passt nicht zum Muster %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a reserved word of the API&apos;s queries; choose another name</source>
        <translation>„%1“ ist ein reserviertes Wort der API-Abfragen; wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>an autoIncrement primary key must have the type integer, but &quot;%1&quot; is %2</source>
        <translation>ein autoIncrement-Primärschlüssel muss den Typ integer haben, aber „%1“ ist %2</translation>
    </message>
    <message>
        <source>a uuid primary key must have the type uuid, but &quot;%1&quot; is %2</source>
        <translation>ein uuid-Primärschlüssel muss den Typ uuid haben, aber „%1“ ist %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a primary key, so it cannot have a fixed default; remove the default</source>
        <translation>„%1“ ist ein Primärschlüssel und kann daher keinen festen Standardwert haben; entfernen Sie den Standardwert</translation>
    </message>
    <message>
        <source>automatic timestamps need a datetime field, but &quot;%1&quot; is %2</source>
        <translation>automatische Zeitstempel brauchen ein datetime-Feld, aber „%1“ ist %2</translation>
    </message>
    <message>
        <source>only enum fields have values, but &quot;%1&quot; is %2; remove them or change the type to enum</source>
        <translation>nur enum-Felder haben Werte, aber „%1“ ist %2; entfernen Sie die Werte oder ändern Sie den Typ in enum</translation>
    </message>
    <message>
        <source>the enum field &quot;%1&quot; has no values; add the values it may take</source>
        <translation>das enum-Feld „%1“ hat keine Werte; fügen Sie die Werte hinzu, die es annehmen kann</translation>
    </message>
    <message>
        <source>an enum value cannot be empty</source>
        <translation>ein enum-Wert darf nicht leer sein</translation>
    </message>
    <message>
        <source>the value &quot;%1&quot; is listed twice; enum values must be unique</source>
        <translation>der Wert „%1“ ist doppelt aufgeführt; enum-Werte müssen eindeutig sein</translation>
    </message>
    <message>
        <source>min and max apply to integer and number fields only, but &quot;%1&quot; is %2; remove them</source>
        <translation>min und max gelten nur für integer- und number-Felder, aber „%1“ ist %2; entfernen Sie sie</translation>
    </message>
    <message>
        <source>minLength and maxLength apply to text, email, url, enum and file fields only, but &quot;%1&quot; is %2; remove them</source>
        <translation>minLength und maxLength gelten nur für text-, email-, url-, enum- und file-Felder, aber „%1“ ist %2; entfernen Sie sie</translation>
    </message>
    <message>
        <source>a pattern applies to text, email and url fields only, but &quot;%1&quot; is %2; remove it</source>
        <translation>ein Muster gilt nur für text-, email- und url-Felder, aber „%1“ ist %2; entfernen Sie es</translation>
    </message>
    <message>
        <source>max (%1) is less than min (%2); swap them</source>
        <translation>max (%1) ist kleiner als min (%2); vertauschen Sie die Werte</translation>
    </message>
    <message>
        <source>a length cannot be negative (found %1)</source>
        <translation>eine Länge kann nicht negativ sein (gefunden: %1)</translation>
    </message>
    <message>
        <source>maxLength (%1) is less than minLength (%2); swap them</source>
        <translation>maxLength (%1) ist kleiner als minLength (%2); vertauschen Sie die Werte</translation>
    </message>
    <message>
        <source>the pattern is not a valid regular expression: %1 at character %2</source>
        <translation>das Muster ist kein gültiger regulärer Ausdruck: %1 bei Zeichen %2</translation>
    </message>
    <message>
        <source>the default function now fits date and datetime fields only, but &quot;%1&quot; is %2</source>
        <translation>die Standardfunktion now passt nur zu date- und datetime-Feldern, aber „%1“ ist %2</translation>
    </message>
    <message>
        <source>the default function uuid fits uuid fields only, but &quot;%1&quot; is %2</source>
        <translation>die Standardfunktion uuid passt nur zu uuid-Feldern, aber „%1“ ist %2</translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; already has a field named &quot;%2&quot; (%3); field names must be unique within a table</source>
        <translation>die Tabelle „%1“ hat bereits ein Feld namens „%2“ (%3); Feldnamen müssen innerhalb einer Tabelle eindeutig sein</translation>
    </message>
    <message>
        <source>the id is empty; every object needs an id of 1 to 64 letters, digits, &quot;_&quot; or &quot;-&quot;</source>
        <translation>die ID ist leer; jedes Objekt braucht eine ID aus 1 bis 64 Buchstaben, Ziffern, „_“ oder „-“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid id; use 1 to 64 letters, digits, &quot;_&quot; or &quot;-&quot;</source>
        <translation>„%1“ ist keine gültige ID; verwenden Sie 1 bis 64 Buchstaben, Ziffern, „_“ oder „-“</translation>
    </message>
    <message>
        <source>the id &quot;%1&quot; is already used by %2; every id must be unique in the project</source>
        <translation>die ID „%1“ wird bereits von %2 verwendet; jede ID muss im Projekt eindeutig sein</translation>
    </message>
    <message>
        <source>&quot;rpc&quot; is reserved by the API; choose another name</source>
        <translation>„rpc“ ist für die API reserviert; wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; starts with &quot;%2&quot;, which is reserved for the database&apos;s own tables; choose another name</source>
        <translation>„%1“ beginnt mit „%2“, das für die eigenen Tabellen der Datenbank reserviert ist; wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>another table is already named &quot;%1&quot; (%2); table names must be unique</source>
        <translation>eine andere Tabelle heißt bereits „%1“ (%2); Tabellennamen müssen eindeutig sein</translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; has no fields; add at least a primary key field</source>
        <translation>die Tabelle „%1“ hat keine Felder; fügen Sie mindestens ein Primärschlüsselfeld hinzu</translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; already has a primary key (%2); a table has exactly one primary key field</source>
        <translation>die Tabelle „%1“ hat bereits einen Primärschlüssel (%2); eine Tabelle hat genau ein Primärschlüsselfeld</translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; has no primary key; make one field its primary key (autoIncrement for an integer field, uuid for a uuid field)</source>
        <translation>die Tabelle „%1“ hat keinen Primärschlüssel; machen Sie ein Feld zum Primärschlüssel (autoIncrement für ein integer-Feld, uuid für ein uuid-Feld)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a colour; write it as #rrggbb, e.g. #4f86c6</source>
        <translation>„%1“ ist keine Farbe; schreiben Sie sie als #rrggbb, z. B. #4f86c6</translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; is tenant-scoped but has no organization_id field; add one that refers to the organizations table</source>
        <translation>die Tabelle „%1“ ist mandantenbezogen, hat aber kein Feld organization_id; fügen Sie eines hinzu, das auf die Tabelle organizations verweist</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid name; use lowercase letters, digits and &quot;_&quot;, starting with a letter or &quot;_&quot;, at most 63 characters</source>
        <translation>„%1“ ist kein gültiger Name; verwenden Sie Kleinbuchstaben, Ziffern und „_“, beginnend mit einem Buchstaben oder „_“, höchstens 63 Zeichen</translation>
    </message>
    <message>
        <source>no table is set; choose a table</source>
        <translation>keine Tabelle festgelegt; wählen Sie eine Tabelle</translation>
    </message>
    <message>
        <source>no table has the id &quot;%1&quot;</source>
        <translation>keine Tabelle hat die ID „%1“</translation>
    </message>
    <message>
        <source>no field is set; choose a field of %1</source>
        <translation>kein Feld festgelegt; wählen Sie ein Feld von %1</translation>
    </message>
    <message>
        <source>no field of %1 has the id &quot;%2&quot;</source>
        <translation>kein Feld von %1 hat die ID „%2“</translation>
    </message>
    <message>
        <source>%1.%2 is already the foreign key of %3; each relationship needs its own field</source>
        <translation>%1.%2 ist bereits der Fremdschlüssel von %3; jede Beziehung braucht ein eigenes Feld</translation>
    </message>
    <message>
        <source>only manyToMany relationships have a junction table; remove it or change the kind to manyToMany</source>
        <translation>nur manyToMany-Beziehungen haben eine Verknüpfungstabelle; entfernen Sie sie oder ändern Sie die Art in manyToMany</translation>
    </message>
    <message>
        <source>a %1 relationship needs a foreign key: the field of the &quot;to&quot; table that holds the key of the &quot;from&quot; row</source>
        <translation>eine %1-Beziehung braucht einen Fremdschlüssel: das Feld der „to“-Tabelle, das den Schlüssel der „from“-Zeile enthält</translation>
    </message>
    <message>
        <source>%1.%2 is a field of the &quot;from&quot; table; the foreign key must be a field of %3, the &quot;to&quot; table (swap from and to?)</source>
        <translation>%1.%2 ist ein Feld der „from“-Tabelle; der Fremdschlüssel muss ein Feld von %3, der „to“-Tabelle, sein (from und to vertauschen?)</translation>
    </message>
    <message>
        <source>setNull needs %1.%2 to be optional, but it is required; make the field optional or choose cascade or restrict</source>
        <translation>setNull erfordert, dass %1.%2 optional ist, es ist aber ein Pflichtfeld; machen Sie das Feld optional oder wählen Sie cascade oder restrict</translation>
    </message>
    <message>
        <source>a manyToMany relationship has no foreign key, its junction table holds the keys; remove it</source>
        <translation>eine manyToMany-Beziehung hat keinen Fremdschlüssel, ihre Verknüpfungstabelle enthält die Schlüssel; entfernen Sie ihn</translation>
    </message>
    <message>
        <source>a manyToMany relationship needs a junction table with a field for each side</source>
        <translation>eine manyToMany-Beziehung braucht eine Verknüpfungstabelle mit einem Feld für jede Seite</translation>
    </message>
    <message>
        <source>the junction table must be a table of its own, not %1, which is a side of the relationship</source>
        <translation>die Verknüpfungstabelle muss eine eigene Tabelle sein, nicht %1, das eine Seite der Beziehung ist</translation>
    </message>
    <message>
        <source>fromField and toField are the same field; the junction table needs one field for each side</source>
        <translation>fromField und toField sind dasselbe Feld; die Verknüpfungstabelle braucht ein Feld für jede Seite</translation>
    </message>
    <message>
        <source>the index has no fields; list at least one field of %1</source>
        <translation>der Index hat keine Felder; geben Sie mindestens ein Feld von %1 an</translation>
    </message>
    <message>
        <source>no field of %1 has the id &quot;%2&quot;; an index covers fields of its own table</source>
        <translation>kein Feld von %1 hat die ID „%2“; ein Index umfasst Felder seiner eigenen Tabelle</translation>
    </message>
    <message>
        <source>%1.%2 is listed twice; list each field once</source>
        <translation>%1.%2 ist doppelt aufgeführt; führen Sie jedes Feld nur einmal auf</translation>
    </message>
    <message>
        <source>a table is already named &quot;%1&quot;; indexes and tables share names, choose another one</source>
        <translation>eine Tabelle heißt bereits „%1“; Indizes und Tabellen teilen sich die Namen, wählen Sie einen anderen</translation>
    </message>
    <message>
        <source>another index is already named &quot;%1&quot; (%2); index names must be unique in the project</source>
        <translation>ein anderer Index heißt bereits „%1“ (%2); Indexnamen müssen im Projekt eindeutig sein</translation>
    </message>
    <message>
        <source>no table has the id &quot;%1&quot;; choose the table that holds your users&apos; profiles</source>
        <translation>keine Tabelle hat die ID „%1“; wählen Sie die Tabelle mit den Profilen Ihrer Benutzer</translation>
    </message>
    <message>
        <source>the users table &quot;%1&quot; needs a uuid primary key: it holds the id of each user&apos;s login</source>
        <translation>die Benutzertabelle „%1“ braucht einen uuid-Primärschlüssel: Er enthält die ID der Anmeldung jedes Benutzers</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names a field of the users table, but no users table is set; set settings.usersTable first</source>
        <translation>„%1“ nennt ein Feld der Benutzertabelle, aber es ist keine Benutzertabelle festgelegt; setzen Sie zuerst settings.usersTable</translation>
    </message>
    <message>
        <source>the users table &quot;%1&quot; has no field &quot;%2&quot;</source>
        <translation>die Benutzertabelle „%1“ hat kein Feld „%2“</translation>
    </message>
    <message>
        <source>the role field &quot;%1&quot; must be a text or enum field</source>
        <translation>das Rollenfeld „%1“ muss ein text- oder enum-Feld sein</translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; is tenant-scoped, so access tokens must carry the caller&apos;s organization: add organization_id to settings.jwtClaimFields</source>
        <translation>die Tabelle „%1“ ist mandantenbezogen, daher müssen Zugriffstokens die Organisation des Aufrufers enthalten: Fügen Sie organization_id zu settings.jwtClaimFields hinzu</translation>
    </message>
    <message>
        <source>a supplied primary key must have the type text, integer or uuid, but &quot;%1&quot; is %2</source>
        <translation>ein angegebener Primärschlüssel muss den Typ text, integer oder uuid haben, aber &quot;%1&quot; ist %2</translation>
    </message>
    <message>
        <source>%1.%2 is %3 but the key %4.%5 is %6; a foreign key must have the type of the key it references</source>
        <translation>%1.%2 ist %3, aber der Schlüssel %4.%5 ist %6; ein Fremdschlüssel muss den Typ des Schlüssels haben, auf den er verweist</translation>
    </message>
    <message>
        <source>%1.%2 is the primary key of %1; a foreign key needs a field of its own, or make the relationship oneToOne</source>
        <translation>%1.%2 ist der Primärschlüssel von %1; ein Fremdschlüssel braucht ein eigenes Feld, oder machen Sie die Beziehung zu oneToOne</translation>
    </message>
    <message>
        <source>%1.%2 is a generated primary key; as a foreign key it takes the key of the row it points at, so set its primaryKey to supplied</source>
        <translation>%1.%2 ist ein erzeugter Primärschlüssel; als Fremdschlüssel übernimmt er den Schlüssel der Zeile, auf die er verweist, setzen Sie primaryKey daher auf supplied</translation>
    </message>
    <message>
        <source>setNull cannot empty %1.%2, the primary key of %1; choose cascade or restrict</source>
        <translation>setNull kann %1.%2, den Primärschlüssel von %1, nicht leeren; wählen Sie cascade oder restrict</translation>
    </message>
    <message>
        <source>a view is read-only: only select rules apply to it; remove this rule or make it a select rule</source>
        <translation>eine Sicht ist schreibgeschützt: für sie gelten nur select-Regeln; entfernen Sie diese Regel oder machen Sie sie zu einer select-Regel</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is reserved by the API or the database; choose another name</source>
        <translation>„%1“ ist für die API oder die Datenbank reserviert; wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>the table %1 is already named &quot;%2&quot;; a view and a table cannot share a name, rename one of them</source>
        <translation>die Tabelle %1 heißt bereits „%2“; eine Sicht und eine Tabelle können nicht denselben Namen tragen, benennen Sie eine von beiden um</translation>
    </message>
    <message>
        <source>another view is already named &quot;%1&quot; (%2); view names must be unique</source>
        <translation>eine andere Sicht heißt bereits „%1“ (%2); Namen von Sichten müssen eindeutig sein</translation>
    </message>
    <message>
        <source>the view &quot;%1&quot; has no columns; add at least one</source>
        <translation>die Sicht „%1“ hat keine Spalten; fügen Sie mindestens eine hinzu</translation>
    </message>
    <message>
        <source>the column name &quot;%1&quot; is already used by %2; give this column another name (an alias)</source>
        <translation>der Spaltenname „%1“ wird bereits von %2 verwendet; geben Sie dieser Spalte einen anderen Namen (einen Alias)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a many-to-one or one-to-one relationship of the table &quot;%2&quot;; a view column follows a foreign key of its table to one row</source>
        <translation>„%1“ ist keine n:1- oder 1:1-Beziehung der Tabelle „%2“; eine Spalte einer Sicht folgt einem Fremdschlüssel ihrer Tabelle zu genau einer Zeile</translation>
    </message>
    <message>
        <source>no field with the id &quot;%1&quot; is in the table the relationship leads to; choose a field of that table</source>
        <translation>in der Tabelle, zu der die Beziehung führt, gibt es kein Feld mit der ID „%1“; wählen Sie ein Feld dieser Tabelle</translation>
    </message>
    <message>
        <source>no field with the id &quot;%1&quot; is in the table &quot;%2&quot;; choose one of its fields</source>
        <translation>in der Tabelle „%2“ gibt es kein Feld mit der ID „%1“; wählen Sie eines ihrer Felder</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is hidden and never leaves the server; remove this column</source>
        <translation>das Feld „%1“ ist verborgen und verlässt den Server nie; entfernen Sie diese Spalte</translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; is tenant-scoped: add its organization_id field as a column named organization_id, so that each caller sees only its organization&apos;s rows</source>
        <translation>die Tabelle „%1“ ist mandantenbezogen: fügen Sie ihr Feld organization_id als Spalte namens organization_id hinzu, damit jeder Aufrufer nur die Zeilen seiner Organisation sieht</translation>
    </message>
    <message>
        <source>the filter does not fit the table &quot;%1&quot;: %2; write it as a data-API query string, e.g. status=eq.published&amp;price=gt.0</source>
        <translation>der Filter passt nicht zur Tabelle „%1“: %2; schreiben Sie ihn als Abfrage-String der Daten-API, z. B. status=eq.published&amp;price=gt.0</translation>
    </message>
    <message>
        <source>the default of &quot;%1&quot; must be a list such as [] or [&quot;a&quot;, &quot;b&quot;], because it is an array field; found %2</source>
        <translation>der Standardwert von &quot;%1&quot; muss eine Liste wie [] oder [&quot;a&quot;, &quot;b&quot;] sein, weil es ein Array-Feld ist; gefunden: %2</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>no role is listed; list the roles that may call it, or choose another access</source>
        <translation>keine Rolle aufgeführt; führen Sie die Rollen auf, die aufrufen dürfen, oder wählen Sie einen anderen Zugriff</translation>
    </message>
    <message>
        <source>the parameter &quot;%1&quot; is declared twice; remove one</source>
        <translation>der Parameter „%1“ ist doppelt deklariert; entfernen Sie einen</translation>
    </message>
    <message>
        <source>the path has no segment :%1; add it to the path, e.g. orders/:%1, or read the parameter from the query</source>
        <translation>der Pfad hat kein Segment :%1; fügen Sie es dem Pfad hinzu, z. B. orders/:%1, oder lesen Sie den Parameter aus der Query</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a segment of the path; read it from the path</source>
        <translation>„%1“ ist ein Segment des Pfads; lesen Sie ihn aus dem Pfad</translation>
    </message>
    <message>
        <source>a %1 request has no body; read the parameter from the query, or use POST, PUT or PATCH</source>
        <translation>eine %1-Anfrage hat keinen Body; lesen Sie den Parameter aus der Query oder verwenden Sie POST, PUT oder PATCH</translation>
    </message>
    <message>
        <source>the sample input is not a JSON object; write e.g. {&quot;body&quot;: {&quot;id&quot;: 1}}</source>
        <translation>die Beispieleingabe ist kein JSON-Objekt; schreiben Sie z. B. {&quot;body&quot;: {&quot;id&quot;: 1}}</translation>
    </message>
    <message>
        <source>a %1 trigger has no table; remove the table</source>
        <translation>ein %1-Trigger hat keine Tabelle; entfernen Sie die Tabelle</translation>
    </message>
    <message>
        <source>a %1 trigger runs after the event; set its timing to after</source>
        <translation>ein %1-Trigger läuft nach dem Ereignis; setzen Sie seinen Zeitpunkt auf after</translation>
    </message>
    <message>
        <source>no schedule is set; write a cron expression such as &quot;0 3 * * *&quot; (every day at 03:00) or @hourly</source>
        <translation>kein Zeitplan festgelegt; schreiben Sie einen Cron-Ausdruck wie „0 3 * * *“ (jeden Tag um 03:00) oder @hourly</translation>
    </message>
    <message>
        <source>unknown time zone &quot;%1&quot;; use an IANA name such as UTC or Europe/Berlin</source>
        <translation>unbekannte Zeitzone „%1“; verwenden Sie einen IANA-Namen wie UTC oder Europe/Berlin</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid path; write the part after /api/ without spaces or a slash at either end, e.g. orders/:id/cancel</source>
        <translation>„%1“ ist kein gültiger Pfad; schreiben Sie den Teil nach /api/ ohne Leerzeichen und ohne Schrägstrich am Anfang oder Ende, z. B. orders/:id/cancel</translation>
    </message>
    <message>
        <source>the pattern &quot;%1&quot; already has rules (%2); put these rules there, combined with &quot;or&quot;</source>
        <translation>das Muster &quot;%1&quot; hat schon Regeln (%2); fügen Sie diese Regeln dort ein, mit &quot;or&quot; verbunden</translation>
    </message>
    <message>
        <source>the pattern &quot;%1&quot; has no rule for join, broadcast or track, so it lets nobody but the service role; add a rule (empty lets everyone)</source>
        <translation>das Muster &quot;%1&quot; hat keine Regel für join, broadcast oder track und lässt daher nur die Service-Rolle zu; fügen Sie eine Regel hinzu (leer lässt alle zu)</translation>
    </message>
</context>
<context>
    <name>ProjectWriter</name>
    <message>
        <source>The project could not be saved: %1</source>
        <translation>Das Projekt konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>only %1 of %2 bytes could be written; is the disk full?</source>
        <translation>nur %1 von %2 Bytes konnten geschrieben werden; ist der Datenträger voll?</translation>
    </message>
</context>
<context>
    <name>RuleUseQuestion</name>
    <message numerus="yes">
        <source>%n permission rule(s) use %1:</source>
        <translation>
            <numerusform>%n Berechtigungsregel verwendet %1:</numerusform>
            <numerusform>%n Berechtigungsregeln verwenden %1:</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove these rules with it, or keep them? Kept rules are listed under Problems until you change them.</source>
        <translation>Diese Regeln mit entfernen oder behalten? Behaltene Regeln stehen unter „Probleme“, bis Sie sie ändern.</translation>
    </message>
    <message>
        <source>Rules Use This</source>
        <translation>Regeln verwenden dies</translation>
    </message>
    <message>
        <source>&amp;Remove Rules</source>
        <translation>Regeln &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Keep Rules</source>
        <translation>Regeln &amp;behalten</translation>
    </message>
</context>
<context>
    <name>Runtime</name>
    <message>
        <source>These schema changes would lose data:
%1
Nothing was changed. To apply them and lose that data, run again with --allow-destructive.</source>
        <translation>Diese Schemaänderungen würden Daten löschen:
%1
Es wurde nichts geändert. Um sie anzuwenden und diese Daten zu verlieren, starten Sie erneut mit --allow-destructive.</translation>
    </message>
</context>
<context>
    <name>Runtime::HttpTransport</name>
    <message>
        <source>Cannot accept connections: %1</source>
        <translation>Verbindungen können nicht angenommen werden: %1</translation>
    </message>
</context>
<context>
    <name>SchemaMigrator</name>
    <message>
        <source>The database could not be examined.</source>
        <translation>Die Datenbank konnte nicht untersucht werden.</translation>
    </message>
    <message>
        <source>the table name %1 is reserved: names starting with _basalt_ belong to Basalt. Choose another name.</source>
        <translation>der Tabellenname %1 ist reserviert: Namen, die mit _basalt_ beginnen, gehören Basalt. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>the database already has a table named %1 that Basalt does not manage. Rename or remove it in the database, or give the new table another name.</source>
        <translation>die Datenbank hat bereits eine Tabelle namens %1, die Basalt nicht verwaltet. Benennen Sie sie in der Datenbank um oder entfernen Sie sie, oder geben Sie der neuen Tabelle einen anderen Namen.</translation>
    </message>
    <message>
        <source>change the primary key of %1: Basalt cannot move or change the primary key of an existing table. Create a new table with the key you want and copy the rows instead.</source>
        <translation>Primärschlüssel von %1 ändern: Basalt kann den Primärschlüssel einer bestehenden Tabelle nicht verschieben oder ändern. Legen Sie stattdessen eine neue Tabelle mit dem gewünschten Schlüssel an und kopieren Sie die Zeilen.</translation>
    </message>
    <message>
        <source>change %1 from %2 to %3: %4 cannot be converted (e.g. &quot;%5&quot;). Correct or clear those values first, or add a new %3 field and copy what you need.</source>
        <translation>%1 von %2 in %3 ändern: %4 können nicht umgewandelt werden (z. B. „%5“). Korrigieren oder leeren Sie diese Werte zuerst, oder fügen Sie ein neues %3-Feld hinzu und kopieren Sie, was Sie brauchen.</translation>
    </message>
    <message>
        <source>change %1 from %2 to %3: there is no conversion from %2 to %3, and the column holds %4. Add a new %3 field, copy the values you need, then remove this one.</source>
        <translation>%1 von %2 in %3 ändern: Es gibt keine Umwandlung von %2 in %3, und die Spalte enthält %4. Fügen Sie ein neues %3-Feld hinzu, kopieren Sie die benötigten Werte und entfernen Sie dann dieses.</translation>
    </message>
    <message>
        <source>make %1 required: 1 row has no value. Fill it in first, or keep the field optional.</source>
        <translation>%1 zum Pflichtfeld machen: 1 Zeile hat keinen Wert. Füllen Sie ihn zuerst aus, oder lassen Sie das Feld optional.</translation>
    </message>
    <message>
        <source>make %1 required: %2 rows have no value. Fill them in first, or keep the field optional.</source>
        <translation>%1 zum Pflichtfeld machen: %2 Zeilen haben keinen Wert. Füllen Sie sie zuerst aus, oder lassen Sie das Feld optional.</translation>
    </message>
    <message>
        <source>make %1 unique: the value &quot;%2&quot; occurs more than once. Remove the duplicates first.</source>
        <translation>%1 eindeutig machen: Der Wert „%2“ kommt mehrfach vor. Entfernen Sie zuerst die Duplikate.</translation>
    </message>
    <message>
        <source>make %1 unique: %2 values occur more than once (e.g. &quot;%3&quot;). Remove the duplicates first.</source>
        <translation>%1 eindeutig machen: %2 Werte kommen mehrfach vor (z. B. „%3“). Entfernen Sie zuerst die Duplikate.</translation>
    </message>
    <message>
        <source>add the check on %1 (%2): %3 of the existing values fail it (e.g. &quot;%4&quot;). Correct those rows first, or relax the validation.</source>
        <translation>Prüfung für %1 hinzufügen (%2): %3 der vorhandenen Werte bestehen sie nicht (z. B. „%4“). Korrigieren Sie zuerst diese Zeilen oder lockern Sie die Prüfung.</translation>
    </message>
    <message>
        <source>link %1 to %2: %3 of its values point at rows of %2 that do not exist (e.g. &quot;%4&quot;). Correct or clear those values first.</source>
        <translation>%1 mit %2 verknüpfen: %3 seiner Werte verweisen auf nicht vorhandene Zeilen von %2 (z. B. „%4“). Korrigieren oder leeren Sie diese Werte zuerst.</translation>
    </message>
    <message>
        <source>create the unique index %1 on %2 (%3): %4 of the combinations occur more than once (e.g. &quot;%5&quot;). Remove the duplicates first.</source>
        <translation>eindeutigen Index %1 für %2 (%3) anlegen: %4 der Kombinationen kommen mehrfach vor (z. B. „%5“). Entfernen Sie zuerst die Duplikate.</translation>
    </message>
    <message>
        <source>add the required field %1: %2 already has %3. Give it a default or make it optional.</source>
        <translation>Pflichtfeld %1 hinzufügen: %2 hat bereits %3. Geben Sie ihm einen Standardwert oder machen Sie es optional.</translation>
    </message>
    <message>
        <source>add the unique field %1 with the fixed default %2: the %3 of %4 would all get the same value. Remove the default or make the field optional without one.</source>
        <translation>eindeutiges Feld %1 mit festem Standardwert %2 hinzufügen: Die %3 von %4 würden alle denselben Wert erhalten. Entfernen Sie den Standardwert oder machen Sie das Feld ohne Standardwert optional.</translation>
    </message>
    <message>
        <source>1 non-empty value</source>
        <translation>1 nicht leerer Wert</translation>
    </message>
    <message>
        <source>%1 non-empty values</source>
        <translation>%1 nicht leere Werte</translation>
    </message>
    <message>
        <source>The migration failed at &quot;%1&quot; and was rolled back; the database is unchanged.</source>
        <translation>Die Migration ist bei „%1“ fehlgeschlagen und wurde zurückgesetzt; die Datenbank ist unverändert.</translation>
    </message>
    <message>
        <source>prepare</source>
        <translation>Vorbereitung</translation>
    </message>
    <message>
        <source>finish</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source>begin</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>record the migration</source>
        <translation>Aufzeichnen der Migration</translation>
    </message>
    <message>
        <source>commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>check foreign keys</source>
        <translation>Prüfen der Fremdschlüssel</translation>
    </message>
    <message>
        <source>%1 row %2 points at a missing row of %3</source>
        <translation>%1 Zeile %2 verweist auf eine fehlende Zeile von %3</translation>
    </message>
    <message>
        <source>The migration history could not be read.</source>
        <translation>Der Migrationsverlauf konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The project recorded by the last migration cannot be read back.</source>
        <translation>Das bei der letzten Migration aufgezeichnete Projekt kann nicht zurückgelesen werden.</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 Zeile</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>1 value</source>
        <translation>1 Wert</translation>
    </message>
    <message>
        <source>%1 values</source>
        <translation>%1 Werte</translation>
    </message>
    <message>
        <source>drop table %1</source>
        <translation>Tabelle %1 löschen</translation>
    </message>
    <message>
        <source>rename table %1 to %2</source>
        <translation>Tabelle %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>rename column %1.%2 to %3</source>
        <translation>Spalte %1.%2 in %3 umbenennen</translation>
    </message>
    <message>
        <source>create table %1</source>
        <translation>Tabelle %1 anlegen</translation>
    </message>
    <message>
        <source>change column %1 from %2 to %3</source>
        <translation>Spalte %1 von %2 in %3 ändern</translation>
    </message>
    <message>
        <source>make %1 required</source>
        <translation>%1 zum Pflichtfeld machen</translation>
    </message>
    <message>
        <source>make %1 optional</source>
        <translation>%1 optional machen</translation>
    </message>
    <message>
        <source>remove the default of %1</source>
        <translation>Standardwert von %1 entfernen</translation>
    </message>
    <message>
        <source>set the default of %1 to %2</source>
        <translation>Standardwert von %1 auf %2 setzen</translation>
    </message>
    <message>
        <source>make %1 unique (%2)</source>
        <translation>%1 eindeutig machen (%2)</translation>
    </message>
    <message>
        <source>drop the uniqueness of %1 (%2)</source>
        <translation>Eindeutigkeit von %1 aufheben (%2)</translation>
    </message>
    <message>
        <source>add check %1 on %2: %3</source>
        <translation>Prüfung %1 für %2 hinzufügen: %3</translation>
    </message>
    <message>
        <source>drop check %1 on %2</source>
        <translation>Prüfung %1 für %2 löschen</translation>
    </message>
    <message>
        <source>add foreign key %1 from %2 to %3</source>
        <translation>Fremdschlüssel %1 von %2 zu %3 hinzufügen</translation>
    </message>
    <message>
        <source>drop foreign key %1 from %2 to %3</source>
        <translation>Fremdschlüssel %1 von %2 zu %3 löschen</translation>
    </message>
    <message>
        <source>create unique index %1 on %2 (%3)</source>
        <translation>eindeutigen Index %1 für %2 (%3) anlegen</translation>
    </message>
    <message>
        <source>create index %1 on %2 (%3)</source>
        <translation>Index %1 für %2 (%3) anlegen</translation>
    </message>
    <message>
        <source>drop index %1 on %2 (%3)</source>
        <translation>Index %1 für %2 (%3) löschen</translation>
    </message>
    <message>
        <source>drop column %1.%2</source>
        <translation>Spalte %1.%2 löschen</translation>
    </message>
    <message>
        <source>add column %1.%2</source>
        <translation>Spalte %1.%2 hinzufügen</translation>
    </message>
    <message>
        <source>The database schema could not be read.</source>
        <translation>Das Datenbankschema konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>table %1 is missing</source>
        <translation>Tabelle %1 fehlt</translation>
    </message>
    <message>
        <source>column %1.%2 is missing</source>
        <translation>Spalte %1.%2 fehlt</translation>
    </message>
    <message>
        <source>column %1.%2 was not created by Basalt</source>
        <translation>Spalte %1.%2 wurde nicht von Basalt angelegt</translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation>Keine Änderungen.</translation>
    </message>
    <message>
        <source>Destructive, applied only when confirmed:</source>
        <translation>Datenverlust, wird nur nach Bestätigung angewendet:</translation>
    </message>
    <message>
        <source>Cannot be applied:</source>
        <translation>Nicht anwendbar:</translation>
    </message>
    <message>
        <source>The database no longer matches the schema Basalt applied last (version %1): %2. Undo the manual changes, or restore the database from a backup.</source>
        <translation>Die Datenbank entspricht nicht mehr dem zuletzt von Basalt angewendeten Schema (Version %1): %2. Machen Sie die manuellen Änderungen rückgängig oder stellen Sie die Datenbank aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>The schema change cannot be applied: %1</source>
        <translation>Die Schemaänderung kann nicht angewendet werden: %1</translation>
    </message>
    <message>
        <source>The schema change would lose data (%1); confirm it to apply it.</source>
        <translation>Die Schemaänderung würde Daten löschen (%1); bestätigen Sie sie, um sie anzuwenden.</translation>
    </message>
    <message>
        <source>The database was migrated after this plan was made (it is at version %1, the plan starts from version %2). Plan the change again.</source>
        <translation>Die Datenbank wurde nach dem Erstellen dieses Plans migriert (sie ist auf Version %1, der Plan geht von Version %2 aus). Planen Sie die Änderung neu.</translation>
    </message>
    <message>
        <source>rebuild table %1 with its rows, keys and indexes (SQLite cannot make these changes in place)</source>
        <translation>Tabelle %1 mit ihren Zeilen, Schlüsseln und Indizes neu aufbauen (SQLite kann diese Änderungen nicht direkt vornehmen)</translation>
    </message>
    <message>
        <source>The project has errors; fix them before migrating the database.</source>
        <translation>Das Projekt enthält Fehler; beheben Sie sie, bevor Sie die Datenbank migrieren.</translation>
    </message>
    <message>
        <source>drop view %1</source>
        <translation>Sicht %1 löschen</translation>
    </message>
    <message>
        <source>create view %1</source>
        <translation>Sicht %1 anlegen</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation>Auf %1 Port %2 kann nicht gewartet werden: %3</translation>
    </message>
</context>
<context>
    <name>ServerOptions</name>
    <message>
        <source>The project file (.basalt) to serve.</source>
        <translation>Die bereitzustellende Projektdatei (.basalt).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>The database: sqlite:PATH or postgresql://user:password@host:port/name. Default: an SQLite file next to the project, named after it.</source>
        <translation>Die Datenbank: sqlite:PFAD oder postgresql://benutzer:passwort@host:port/name. Standard: eine SQLite-Datei neben dem Projekt, nach ihm benannt.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The address to listen on (default: 127.0.0.1).</source>
        <translation>Die Adresse, auf der gewartet wird (Standard: 127.0.0.1).</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADRESSE</translation>
    </message>
    <message>
        <source>The port to listen on (default: 8765); 0 picks a free port.</source>
        <translation>Der Port, auf dem gewartet wird (Standard: 8765); 0 wählt einen freien Port.</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>Apply schema changes that lose data (dropped tables or columns, narrowed types).</source>
        <translation>Schemaänderungen anwenden, die Daten löschen (entfernte Tabellen oder Spalten, eingeschränkte Typen).</translation>
    </message>
    <message>
        <source>Serves a Basalt project: migrates its database to the project&apos;s schema, then answers HTTP requests until stopped.</source>
        <translation>Stellt ein Basalt-Projekt bereit: migriert seine Datenbank auf das Schema des Projekts und beantwortet dann HTTP-Anfragen, bis es beendet wird.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>No project given: use --project FILE.</source>
        <translation>Kein Projekt angegeben: Verwenden Sie --project DATEI.</translation>
    </message>
    <message>
        <source>--host needs an IP address such as 127.0.0.1 or ::1, not &quot;%1&quot;.</source>
        <translation>--host braucht eine IP-Adresse wie 127.0.0.1 oder ::1, nicht „%1“.</translation>
    </message>
    <message>
        <source>--port needs a number from 0 to 65535, not &quot;%1&quot;.</source>
        <translation>--port braucht eine Zahl von 0 bis 65535, nicht „%1“.</translation>
    </message>
    <message>
        <source>--db: %1</source>
        <translation>--db: %1</translation>
    </message>
    <message>
        <source>The number of request threads (default: one per core, at least 2).</source>
        <translation>Die Anzahl der Anfrage-Threads (Standard: einer pro Kern, mindestens 2).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Close keep-alive connections idle for this many seconds (default: 30).</source>
        <translation>Keep-Alive-Verbindungen schließen, die so viele Sekunden untätig sind (Standard: 30).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>Answer 408 to requests not received completely within this many seconds (default: 30).</source>
        <translation>Mit 408 auf Anfragen antworten, die nicht innerhalb so vieler Sekunden vollständig empfangen wurden (Standard: 30).</translation>
    </message>
    <message>
        <source>keys: print the project&apos;s anon and service_role keys and exit (only --project applies).</source>
        <translation>keys: die anon- und service_role-Schlüssel des Projekts ausgeben und beenden (nur --project ist wirksam).</translation>
    </message>
    <message>
        <source>--threads needs a number from 1 to 256, not &quot;%1&quot;.</source>
        <translation>--threads braucht eine Zahl von 1 bis 256, nicht „%1“.</translation>
    </message>
    <message>
        <source>--idle-timeout needs a number of seconds from 1 to 86400, not &quot;%1&quot;.</source>
        <translation>--idle-timeout braucht eine Anzahl Sekunden von 1 bis 86400, nicht „%1“.</translation>
    </message>
    <message>
        <source>--request-timeout needs a number of seconds from 1 to 86400, not &quot;%1&quot;.</source>
        <translation>--request-timeout braucht eine Anzahl Sekunden von 1 bis 86400, nicht „%1“.</translation>
    </message>
    <message>
        <source>keys takes only --project, not --%1.</source>
        <translation>keys akzeptiert nur --project, nicht --%1.</translation>
    </message>
</context>
<context>
    <name>ServerStartup</name>
    <message>
        <source>Applied these schema changes; the schema version is now %1:</source>
        <translation>Diese Schemaänderungen wurden angewendet; die Schemaversion ist jetzt %1:</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Basalt: design a backend visually and run it locally.</source>
        <translation>Basalt: ein Backend visuell entwerfen und lokal ausführen.</translation>
    </message>
    <message>
        <source>Show the user interface in &lt;language&gt; (e.g. de, en).</source>
        <translation>Die Benutzeroberfläche in &lt;Sprache&gt; anzeigen (z. B. de, en).</translation>
    </message>
    <message>
        <source>language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The project file (.basalt) to open.</source>
        <translation>Die zu öffnende Projektdatei (.basalt).</translation>
    </message>
    <message>
        <source>Give at most one project file.</source>
        <translation>Höchstens eine Projektdatei angeben.</translation>
    </message>
    <message>
        <source>[FILE]</source>
        <translation>[DATEI]</translation>
    </message>
    <message>
        <source>Start the project&apos;s runtime at once (needs FILE).</source>
        <translation>Die Laufzeitumgebung des Projekts sofort starten (erfordert DATEI).</translation>
    </message>
    <message>
        <source>The port the runtime tries first (default 8765; if it is taken, the next free one).</source>
        <translation>Der Port, den die Laufzeitumgebung zuerst versucht (Standard 8765; ist er belegt, der nächste freie).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>--port: &quot;%1&quot; is not a port number; give a whole number from 1 to 65535, e.g. --port 8765.</source>
        <translation>--port: „%1“ ist keine Portnummer; geben Sie eine ganze Zahl von 1 bis 65535 an, z. B. --port 8765.</translation>
    </message>
    <message>
        <source>--run needs a project file to run, e.g. basalt --run shop.basalt.</source>
        <translation>--run braucht eine auszuführende Projektdatei, z. B. basalt --run shop.basalt.</translation>
    </message>
</context>
</TS>
