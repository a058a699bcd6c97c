INSERT INTO members (username, name) VALUES ('ann', 'Ann'), ('bob', 'Bob');
