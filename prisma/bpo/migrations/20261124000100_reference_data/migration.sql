-- Reference data the product needs on every install (Odoo's module data): the pipeline stages (bpo-2)
-- and the nine lead sources (bpo-3). The distributor sync looks the source_web_* codes up by exact value.
INSERT INTO "stages" ("name", "sequence", "fold", "is_won", "is_lost") VALUES
  ('New', 10, false, false, false),
  ('Qualified', 20, false, false, false),
  ('Negotiation', 30, false, false, false),
  ('Won', 40, false, true, false),
  ('Lost', 50, true, false, true);

INSERT INTO "lead_sources" ("code", "name", "source_type", "sequence", "active", "updated_at") VALUES
  ('inbound_call', 'Inbound Call', 'inbound_call', 10, true, now()),
  ('outbound_call', 'Outbound Call', 'outbound_call', 20, true, now()),
  ('walkin', 'Walk-In', 'walk_in', 30, true, now()),
  ('referral', 'Referral', 'referral', 40, true, now()),
  ('source_web_quotation', 'Web Quotation', 'website', 50, true, now()),
  ('source_web_test_drive', 'Web Test Drive', 'website', 60, true, now()),
  ('campaign', 'Campaign', 'campaign', 70, true, now()),
  ('social', 'Social Media', 'social_media', 80, true, now()),
  ('event', 'Event / Exhibition', 'event_exhibition', 90, true, now());
