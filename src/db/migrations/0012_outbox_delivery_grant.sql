-- hand-written below
-- A message sent inside a region's transaction (e.g. a broker's feedback to an employer, with SMTP configured) is
-- marked as delivered or failed in the same transaction, under the region role: it may set exactly those two
-- columns of its own region's rows (the outbox_acting_region policy applies to UPDATE too).
GRANT UPDATE ("sent_at", "error") ON "outbox" TO semafor_region;
