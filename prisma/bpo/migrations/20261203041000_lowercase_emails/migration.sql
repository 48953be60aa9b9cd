-- E-mails are stored one way (trimmed, lowercased) so customer dedup compares them case-insensitively on
-- the stored column (leads_mobile_email_idx serves it). Distributor intake used to keep them as sent.
UPDATE "leads" SET "email" = NULLIF(lower(btrim("email")), '') WHERE "email" IS DISTINCT FROM NULLIF(lower(btrim("email")), '');
