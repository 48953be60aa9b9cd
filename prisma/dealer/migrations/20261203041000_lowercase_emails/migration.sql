-- E-mails are stored one way (trimmed, lowercased) so partner matching compares them case-insensitively on
-- the stored columns (partners_email_idx, leads_email_idx serve it). Endorsement intake used to keep them as sent.
UPDATE "partners" SET "email" = NULLIF(lower(btrim("email")), '') WHERE "email" IS DISTINCT FROM NULLIF(lower(btrim("email")), '');
UPDATE "leads" SET "email" = NULLIF(lower(btrim("email")), '') WHERE "email" IS DISTINCT FROM NULLIF(lower(btrim("email")), '');
