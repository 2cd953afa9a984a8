-- Outbound campaigns: the business calls a list of people, inside their calling hours, at most once per attempt.
-- The campaign's grain is the only writer of its rows below (besides creating them from an import); the do-not-call
-- list is shared by every campaign and by single outbound calls.

CREATE TABLE do_not_call (
    phone    text PRIMARY KEY CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    source   text NOT NULL CHECK (source IN ('operator', 'callee')),
    added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaigns (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    kind              text NOT NULL CHECK (kind IN ('reminder', 'survey', 'lead_qualification', 'custom')),
    purpose           text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 200),
    status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'paused', 'cancelled', 'finished')),
    -- The calling window, in each callee's local time (their contact row's zone, else this one).
    window_start      time NOT NULL,
    window_end        time NOT NULL CHECK (window_end > window_start),
    time_zone         text NOT NULL,
    max_concurrent    integer NOT NULL CHECK (max_concurrent BETWEEN 1 AND 100),
    calls_per_second  real NOT NULL CHECK (calls_per_second > 0 AND calls_per_second <= 10),
    max_attempts      integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
    -- Wait before the second attempt; it doubles for each attempt after that.
    retry_after       interval NOT NULL CHECK (retry_after >= interval '1 minute'),
    -- On an answering machine: leave this message and count the contact as reached by voicemail, or (null) try again later.
    machine_message   text CHECK (length(machine_message) BETWEEN 1 AND 300),
    -- A reminder campaign that follows the appointment book: each booked appointment starting within this interval
    -- becomes a contact (once), called about that appointment.
    -- No call before this instant (a campaign started early waits for it); null: as soon as it is started.
    start_at          timestamptz,
    remind_before     interval CHECK (remind_before IS NULL OR kind = 'reminder' AND remind_before BETWEEN interval '1 hour' AND interval '14 days'),
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaign_contacts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id     bigint NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    phone           text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    name            text,
    customer_id     bigint REFERENCES customers (id),
    time_zone       text,
    -- A reminder's appointment, and what its call is about (instead of the campaign's purpose).
    appointment_id  bigint REFERENCES appointments (id),
    purpose         text CHECK (length(purpose) BETWEEN 1 AND 300),
    state           text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'in_progress', 'reached', 'voicemail', 'failed', 'opted_out')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_outcome    text,
    -- One contact per number, or per appointment for reminders (a customer with two appointments is reminded of each);
    -- NULLS NOT DISTINCT (PostgreSQL 15+) makes a number without an appointment appear once.
    UNIQUE NULLS NOT DISTINCT (campaign_id, phone, appointment_id)
);
CREATE INDEX campaign_contacts_due ON campaign_contacts (campaign_id, next_attempt_at) WHERE state = 'pending';

-- One row per dial, written before the carrier is asked: its key (campaign.contact.attempt) travels in the call's
-- webhook addresses, so a dial whose answer was lost (a silo died mid-request) is matched to its call, not repeated.
CREATE TABLE campaign_attempts (
    attempt_key text PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id  bigint NOT NULL REFERENCES campaign_contacts (id) ON DELETE CASCADE,
    attempt     integer NOT NULL CHECK (attempt >= 1),
    call_sid    text UNIQUE,
    dialled_at  timestamptz NOT NULL,
    outcome     text,
    ended_at    timestamptz,
    UNIQUE (contact_id, attempt)
);
CREATE INDEX campaign_attempts_open ON campaign_attempts (campaign_id) WHERE ended_at IS NULL;

-- A reminder call's answer, stored on the appointment: the callee confirmed it (rescheduling and cancelling change the
-- appointment itself).
ALTER TABLE appointments ADD COLUMN confirmed_at timestamptz;
