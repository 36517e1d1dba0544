-- The queue shows each request's message count and the start of the last
-- message a person wrote. Kept on the ticket row (updated in the same
-- transaction as the messages) so that a queue page reads one table.
ALTER TABLE tickets ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN preview TEXT NOT NULL DEFAULT '';
UPDATE tickets SET message_count = (SELECT COUNT(*) FROM ticket_messages m WHERE m.ticket_id = tickets.id),
    preview = COALESCE((SELECT substr(m.body, 1, 400) FROM ticket_messages m
        WHERE m.ticket_id = tickets.id AND m.author <> 'system' ORDER BY m.id DESC LIMIT 1), '');
