INSERT INTO "gadgets" ("id", "name") VALUES (1, 'lamp'), (2, 'fan'), (3, 'radio');
