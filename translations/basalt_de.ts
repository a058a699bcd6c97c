<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BasaltServer</name>
    <message>
        <source>basalt-server: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot serve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving &quot;%1&quot; at %2 (database: %3, schema version %4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>&quot;%1&quot; is not a database URL: %2. Use sqlite:PATH or postgresql://user:password@host:port/dbname.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SQLite file path is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database name is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the SQLite database %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to the PostgreSQL database %1. Check that the server is running and that the user name, password and database name are right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Qt SQL driver %1 is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Designer::MainWindow</name>
    <message>
        <source>primary key, auto-increment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>primary key, UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set on insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set on update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project with File &gt; Open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1. Tables: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basalt projects (*.basalt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More problems: %1 (see Show Details).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basalt could not open %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Designer::ProjectDocument</name>
    <message>
        <source>The project has no file name yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorCode</name>
    <message>
        <source>Internal error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project was saved by a newer version of Basalt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database query failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database no longer matches the schema Basalt last applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema change cannot be applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema change would lose data and was not confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The migration failed and was rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method not allowed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectReader</name>
    <message>
        <source>expected an object, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a string, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a boolean, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an integer, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an array of strings, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an array, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the required key &quot;%1&quot; is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown %1 &quot;%2&quot; (expected one of: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object is not closed, or a comma is missing between two of its members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a colon is missing after a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array is not closed, or a comma is missing between two of its elements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comma is missing between two values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a valid value (strings need double quotes; true, false and null are lowercase)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a valid number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string contains an invalid escape sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text is not valid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string is not closed with a double quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value is missing after a comma (remove the trailing comma)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data is nested too deeply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is more text after the end of the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>syntax error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON at line %1, column %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project uses file format %1, but this version of Basalt reads format %2 only: update Basalt to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown format version %1 (expected %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty: it holds no project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file must hold a JSON object, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project file %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a string, number or boolean, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;default&quot; and &quot;defaultFunction&quot; cannot be used together; keep one of them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectValidator</name>
    <message>
        <source>the name is empty; give it a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; is already used by %2; choose another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no function is set; choose a function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no function has the id &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown method &quot;%1&quot; (expected one of: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid path; write the part after /api/ without spaces, e.g. orders/:id/cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already serves %2 %3; change the method or the path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is out of range; use a value from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the service role always has access; name only anon, authenticated or a custom role here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown role &quot;%1&quot;; use anon or authenticated, or add a custom role with that name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown role &quot;%1&quot;; use anon, authenticated or a custom role (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the role %1 already has a rule for %2 on this table (%3); combine both expressions into one with &quot;or&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anyone, even without logging in, may %1 rows of &quot;%2&quot;; add an expression if that is not intended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a built-in role; choose another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http or https URL, e.g. https://api.example.com/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header name is empty; give it a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an origin; write the scheme, host and port only, e.g. http://localhost:5173</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; is not one of the values of &quot;%2&quot; (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; is not a date; write it as YYYY-MM-DD, e.g. 2026-11-21</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; is not a date and time with a time zone; write it in ISO 8601, e.g. 2026-11-21T10:00:00Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; is not a UUID; write it as hexadecimal digits grouped 8-4-4-4-12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; does not look like an email address (name@example.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; of &quot;%2&quot; does not look like a URL; include the scheme, e.g. https://example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default of &quot;%1&quot; must be a whole number, because it is an integer field; found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default of &quot;%1&quot; must be a number, because it is a number field; found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default of &quot;%1&quot; must be true or false, because it is a boolean field; found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default of &quot;%1&quot; must be a string, because it is a %2 field; found %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default %1 is less than min (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default %1 is greater than max (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; is shorter than minLength (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; is longer than maxLength (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default &quot;%1&quot; does not match the pattern %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a reserved word of the API&apos;s queries; choose another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an autoIncrement primary key must have the type integer, but &quot;%1&quot; is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a uuid primary key must have the type uuid, but &quot;%1&quot; is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a primary key, so it cannot have a fixed default; remove the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic timestamps need a datetime field, but &quot;%1&quot; is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only enum fields have values, but &quot;%1&quot; is %2; remove them or change the type to enum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the enum field &quot;%1&quot; has no values; add the values it may take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an enum value cannot be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value &quot;%1&quot; is listed twice; enum values must be unique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min and max apply to integer and number fields only, but &quot;%1&quot; is %2; remove them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minLength and maxLength apply to text, email, url, enum and file fields only, but &quot;%1&quot; is %2; remove them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a pattern applies to text, email and url fields only, but &quot;%1&quot; is %2; remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max (%1) is less than min (%2); swap them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a length cannot be negative (found %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maxLength (%1) is less than minLength (%2); swap them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pattern is not a valid regular expression: %1 at character %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default function now fits date and datetime fields only, but &quot;%1&quot; is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default function uuid fits uuid fields only, but &quot;%1&quot; is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; already has a field named &quot;%2&quot; (%3); field names must be unique within a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the id is empty; every object needs an id of 1 to 64 letters, digits, &quot;_&quot; or &quot;-&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid id; use 1 to 64 letters, digits, &quot;_&quot; or &quot;-&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the id &quot;%1&quot; is already used by %2; every id must be unique in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;rpc&quot; is reserved by the API; choose another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; starts with &quot;%2&quot;, which is reserved for the database&apos;s own tables; choose another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another table is already named &quot;%1&quot; (%2); table names must be unique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; has no fields; add at least a primary key field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; already has a primary key (%2); a table has exactly one primary key field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; has no primary key; make one field its primary key (autoIncrement for an integer field, uuid for a uuid field)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a colour; write it as #rrggbb, e.g. #4f86c6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table &quot;%1&quot; is tenant-scoped but has no organization_id field; add one that refers to the organizations table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid name; use lowercase letters, digits and &quot;_&quot;, starting with a letter or &quot;_&quot;, at most 63 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no table is set; choose a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no table has the id &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 is %3 but %4.%5 is an integer key; a foreign key must have the type of the key it references</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 is %3 but %4.%5 is a uuid key; a foreign key must have the type of the key it references</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no field is set; choose a field of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no field of %1 has the id &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 is the primary key of %1; a foreign key needs a field of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 is already the foreign key of %3; each relationship needs its own field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only manyToMany relationships have a junction table; remove it or change the kind to manyToMany</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 relationship needs a foreign key: the field of the &quot;to&quot; table that holds the key of the &quot;from&quot; row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 is a field of the &quot;from&quot; table; the foreign key must be a field of %3, the &quot;to&quot; table (swap from and to?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>setNull needs %1.%2 to be optional, but it is required; make the field optional or choose cascade or restrict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a manyToMany relationship has no foreign key, its junction table holds the keys; remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a manyToMany relationship needs a junction table with a field for each side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the junction table must be a table of its own, not %1, which is a side of the relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fromField and toField are the same field; the junction table needs one field for each side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the index has no fields; list at least one field of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no field of %1 has the id &quot;%2&quot;; an index covers fields of its own table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 is listed twice; list each field once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a table is already named &quot;%1&quot;; indexes and tables share names, choose another one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another index is already named &quot;%1&quot; (%2); index names must be unique in the project</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectWriter</name>
    <message>
        <source>The project could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only %1 of %2 bytes could be written; is the disk full?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Runtime</name>
    <message>
        <source>The database cannot be brought to this project&apos;s schema. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These schema changes would lose data:
%1
Nothing was changed. To apply them and lose that data, run again with --allow-destructive.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Runtime::Server</name>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaMigrator</name>
    <message>
        <source>The database could not be examined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table name %1 is reserved: names starting with _basalt_ belong to Basalt. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database already has a table named %1 that Basalt does not manage. Rename or remove it in the database, or give the new table another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the primary key of %1: Basalt cannot move or change the primary key of an existing table. Create a new table with the key you want and copy the rows instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change %1 from %2 to %3: %4 cannot be converted (e.g. &quot;%5&quot;). Correct or clear those values first, or add a new %3 field and copy what you need.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change %1 from %2 to %3: there is no conversion from %2 to %3, and the column holds %4. Add a new %3 field, copy the values you need, then remove this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make %1 required: 1 row has no value. Fill it in first, or keep the field optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make %1 required: %2 rows have no value. Fill them in first, or keep the field optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make %1 unique: the value &quot;%2&quot; occurs more than once. Remove the duplicates first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make %1 unique: %2 values occur more than once (e.g. &quot;%3&quot;). Remove the duplicates first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add the check on %1 (%2): %3 of the existing values fail it (e.g. &quot;%4&quot;). Correct those rows first, or relax the validation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link %1 to %2: %3 of its values point at rows of %2 that do not exist (e.g. &quot;%4&quot;). Correct or clear those values first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create the unique index %1 on %2 (%3): %4 of the combinations occur more than once (e.g. &quot;%5&quot;). Remove the duplicates first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add the required field %1: %2 already has %3. Give it a default or make it optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add the unique field %1 with the fixed default %2: the %3 of %4 would all get the same value. Remove the default or make the field optional without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 non-empty value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 non-empty values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The migration failed at &quot;%1&quot; and was rolled back; the database is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prepare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>begin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the migration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check foreign keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 row %2 points at a missing row of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The migration history could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project recorded by the last migration cannot be read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop table %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rename table %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rename column %1.%2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create table %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change column %1 from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make %1 required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make %1 optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove the default of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set the default of %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make %1 unique (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop the uniqueness of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add check %1 on %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop check %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add foreign key %1 from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop foreign key %1 from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create unique index %1 on %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create index %1 on %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop index %1 on %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop column %1.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add column %1.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database schema could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table %1 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1.%2 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1.%2 was not created by Basalt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destructive, applied only when confirmed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be applied:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database no longer matches the schema Basalt applied last (version %1): %2. Undo the manual changes, or restore the database from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema change cannot be applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema change would lose data (%1); confirm it to apply it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database was migrated after this plan was made (it is at version %1, the plan starts from version %2). Plan the change again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rebuild table %1 with its rows, keys and indexes (SQLite cannot make these changes in place)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerOptions</name>
    <message>
        <source>The project file (.basalt) to serve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database: sqlite:PATH or postgresql://user:password@host:port/name. Default: an SQLite file next to the project, named after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address to listen on (default: 127.0.0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port to listen on (default: 8765); 0 picks a free port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply schema changes that lose data (dropped tables or columns, narrowed types).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serves a Basalt project: migrates its database to the project&apos;s schema, then answers HTTP requests until stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project given: use --project FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--host needs an IP address such as 127.0.0.1 or ::1, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port needs a number from 0 to 65535, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerStartup</name>
    <message>
        <source>Applied these schema changes; the schema version is now %1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Basalt: design a backend visually and run it locally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the user interface in &lt;language&gt; (e.g. de, en).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project file (.basalt) to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at most one project file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
