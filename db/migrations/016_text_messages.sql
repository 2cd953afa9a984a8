-- Text messages the business sends (appointment confirmations and reminders) through Twilio's Messaging API: queued
-- here by whoever decides to send one, sent by the silos. A number that texted STOP is never sent another.

CREATE TABLE sms_opt_outs (
    phone        text PRIMARY KEY CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    opted_out_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE text_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone           text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    -- Twilio takes up to 1,600 characters (https://www.twilio.com/docs/messaging/api/message-resource).
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 1600),
    reason          text NOT NULL CHECK (reason IN ('appointment_booked', 'appointment_moved', 'appointment_cancelled', 'appointment_reminder')),
    appointment_id  bigint REFERENCES appointments (id),
    status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'suppressed')),
    attempts        integer NOT NULL DEFAULT 0,
    -- Queued: when it may be sent; sending: when a silo took it (one that died mid-send is taken again after a while).
    due_at          timestamptz NOT NULL DEFAULT now(),
    message_sid     text UNIQUE,
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX text_messages_due ON text_messages (due_at) WHERE status IN ('queued', 'sending');

-- A reminder campaign can also text each callee about their appointment when it takes the appointment on.
ALTER TABLE campaigns ADD COLUMN text_reminders boolean NOT NULL DEFAULT false;
ALTER TABLE campaigns ADD CONSTRAINT campaigns_text_reminders CHECK (NOT text_reminders OR kind = 'reminder');
