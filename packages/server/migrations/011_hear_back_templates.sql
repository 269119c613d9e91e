-- Residents hear back (issue #15): response templates, the public answers triage starts from, per
-- category (NULL: shared by every category without its own) and status, in French and English;
-- edited by coordinators. Seeded with a default for each status staff set.
CREATE TABLE response_templates (
  id text PRIMARY KEY,
  category_code text,
  status text NOT NULL,
  text jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX response_templates_key ON response_templates ((COALESCE(category_code, '')), status);
INSERT INTO response_templates (id, category_code, status, text, updated_at) VALUES
  ('default-in-progress', NULL, 'in-progress',
   '{"fr": "Votre signalement {reference} est pris en charge par le service {service}. Nous vous tiendrons informé·e ici.", "en": "Your report {reference} is being handled by {service}. We will keep you posted here."}', now()),
  ('default-action-scheduled', NULL, 'action-scheduled',
   '{"fr": "Une intervention du service {service} est programmée pour votre signalement {reference}.", "en": "{service} has scheduled an intervention for your report {reference}."}', now()),
  ('default-referred', NULL, 'referred',
   '{"fr": "Votre signalement {reference} a été transmis au service compétent, qui vous répondra ici.", "en": "Your report {reference} was passed to the competent service, which will answer here."}', now()),
  ('default-resolved', NULL, 'resolved',
   '{"fr": "Le service {service} indique que le problème signalé ({reference}) est réglé. Merci de l’avoir signalé.", "en": "{service} says the problem you reported ({reference}) is solved. Thank you for reporting it."}', now()),
  ('default-closed', NULL, 'closed',
   '{"fr": "Votre signalement {reference} est clos. Merci de l’avoir signalé.", "en": "Your report {reference} is closed. Thank you for reporting it."}', now()),
  ('default-duplicate', NULL, 'duplicate',
   '{"fr": "Ce problème avait déjà été signalé : il est suivi dans un autre signalement.", "en": "This problem had already been reported: it is followed in another report."}', now()),
  ('default-not-responsible', NULL, 'not-responsible',
   '{"fr": "Ce sujet ne relève pas du service {service} ; nous vous indiquons à qui vous adresser.", "en": "This is not a matter for {service}; we tell you whom to contact."}', now());
