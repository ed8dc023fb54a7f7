-- Phone numbers typed with both a country code and Japan's trunk zero ("+81 090 …") were stored as "+81090…"
-- before libphonenumber parsed them; today the same number is "+8190…". Stored values follow, so that duplicate
-- checks and erasure compare like with like.
UPDATE candidates SET phone = '+81' || substr(phone, 5) WHERE phone LIKE '+810%';
UPDATE merged_identities SET phone = '+81' || substr(phone, 5) WHERE phone LIKE '+810%';
