-- Reference data every dealer instance needs (Odoo's module data): pipeline stages (dealer-2), lead sources
-- (the endorsement ones are stamped only by the BPO push), lost reasons, and countries/states with ISO codes
-- so endorsed addresses resolve by code.
INSERT INTO "stages" ("name", "sequence", "fold", "is_won", "is_lost") VALUES
  ('New', 10, false, false, false),
  ('Qualified', 20, false, false, false),
  ('Negotiation', 30, false, false, false),
  ('Won', 40, false, true, false),
  ('Lost', 50, true, false, true);

INSERT INTO "lead_sources" ("code", "name", "sequence", "manual", "active", "updated_at") VALUES
  ('walk_in', 'Walk-In', 10, true, true, now()),
  ('inbound_call', 'Inbound Call', 20, true, true, now()),
  ('referral', 'Referral', 30, true, true, now()),
  ('showroom_event', 'Showroom Event', 40, true, true, now()),
  ('website', 'Dealer Website', 50, true, true, now()),
  ('social_media', 'Social Media', 60, true, true, now()),
  ('repeat_customer', 'Repeat Customer', 70, true, true, now()),
  ('fleet', 'Fleet / Corporate', 80, true, true, now()),
  ('endorsed_with_sq', 'Endorsed from BPO (with S.Q.)', 90, false, true, now()),
  ('endorsed_without_sq', 'Endorsed from BPO (without S.Q.)', 100, false, true, now());

INSERT INTO "lost_reasons" ("code", "name", "sequence") VALUES
  ('price', 'Price', 10),
  ('competitor', 'Bought from a competitor', 20),
  ('financing_declined', 'Financing declined', 30),
  ('model_unavailable', 'Model / colour unavailable', 40),
  ('timing', 'Timing / postponed purchase', 50),
  ('customer_cancelled', 'Customer cancelled', 60),
  ('unreachable', 'Customer unreachable', 70),
  ('other', 'Other', 80);

INSERT INTO "countries" ("code", "name") VALUES
  ('PH', 'Philippines'),
  ('US', 'United States'),
  ('JP', 'Japan'),
  ('CN', 'China'),
  ('KR', 'South Korea'),
  ('SG', 'Singapore'),
  ('MY', 'Malaysia'),
  ('ID', 'Indonesia'),
  ('TH', 'Thailand'),
  ('VN', 'Vietnam'),
  ('AU', 'Australia'),
  ('AE', 'United Arab Emirates');

-- Philippine regions and the provinces the demo and the BPO payloads use (ISO 3166-2:PH, prefix dropped).
INSERT INTO "states" ("country_id", "code", "name")
SELECT c.id, s.code, s.name FROM "countries" c CROSS JOIN (VALUES
  ('00', 'National Capital Region (Metro Manila)'),
  ('01', 'Ilocos Region'),
  ('02', 'Cagayan Valley'),
  ('03', 'Central Luzon'),
  ('40', 'Calabarzon'),
  ('41', 'Mimaropa'),
  ('05', 'Bicol Region'),
  ('06', 'Western Visayas'),
  ('07', 'Central Visayas'),
  ('08', 'Eastern Visayas'),
  ('09', 'Zamboanga Peninsula'),
  ('10', 'Northern Mindanao'),
  ('11', 'Davao Region'),
  ('12', 'Soccsksargen'),
  ('13', 'Caraga'),
  ('14', 'Bangsamoro (BARMM)'),
  ('15', 'Cordillera Administrative Region'),
  ('ABR', 'Abra'),
  ('ALB', 'Albay'),
  ('BAN', 'Bataan'),
  ('BEN', 'Benguet'),
  ('BOH', 'Bohol'),
  ('BTG', 'Batangas'),
  ('BUL', 'Bulacan'),
  ('CAG', 'Cagayan'),
  ('CAV', 'Cavite'),
  ('CEB', 'Cebu'),
  ('DAS', 'Davao del Sur'),
  ('DAV', 'Davao del Norte'),
  ('ILI', 'Iloilo'),
  ('ILN', 'Ilocos Norte'),
  ('ILS', 'Ilocos Sur'),
  ('ISA', 'Isabela'),
  ('LAG', 'Laguna'),
  ('LEY', 'Leyte'),
  ('MSR', 'Misamis Oriental'),
  ('NEC', 'Negros Occidental'),
  ('NER', 'Negros Oriental'),
  ('NUE', 'Nueva Ecija'),
  ('PAM', 'Pampanga'),
  ('PAN', 'Pangasinan'),
  ('PLW', 'Palawan'),
  ('QUE', 'Quezon'),
  ('RIZ', 'Rizal'),
  ('SCO', 'South Cotabato'),
  ('TAR', 'Tarlac'),
  ('ZAS', 'Zamboanga del Sur'),
  ('ZMB', 'Zambales')
) AS s(code, name)
WHERE c.code = 'PH';
