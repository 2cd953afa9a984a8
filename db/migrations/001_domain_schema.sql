-- The business's own data: customers, orders, appointments, hours, and every call the agent takes.
-- Times are timestamptz (UTC on the wire); the business's local time zone lives in `business`.

CREATE TABLE business (
    id          integer PRIMARY KEY CHECK (id = 1),   -- one business per installation
    name        text NOT NULL,
    time_zone   text NOT NULL CHECK (now() AT TIME ZONE time_zone IS NOT NULL),
    phone       text
);

CREATE TABLE customers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone       text NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),   -- E.164
    name        text,
    email       text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    zip         text,
    preferences jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    sku         text PRIMARY KEY,
    name        text NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents >= 0)
);

CREATE TABLE orders (
    id               bigint PRIMARY KEY,                 -- the order number callers read out
    customer_id      bigint NOT NULL REFERENCES customers (id),
    status           text NOT NULL CHECK (status IN ('pending', 'processing', 'shipped', 'delivered', 'cancelled', 'returned')),
    placed_at        timestamptz NOT NULL,
    total_cents      integer NOT NULL CHECK (total_cents >= 0),
    shipping_address text NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer ON orders (customer_id, placed_at DESC);

CREATE TABLE order_items (
    order_id         bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line             integer NOT NULL,
    sku              text NOT NULL REFERENCES products (sku),
    quantity         integer NOT NULL CHECK (quantity > 0),
    unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, line)
);

CREATE TABLE shipments (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id          bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    carrier           text NOT NULL,
    tracking_number   text NOT NULL UNIQUE,
    status            text NOT NULL CHECK (status IN ('label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned')),
    shipped_at        timestamptz,
    expected_delivery date
);
CREATE INDEX shipments_order ON shipments (order_id);

CREATE TABLE shipment_events (
    shipment_id  bigint NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL,
    status       text NOT NULL,
    location     text,
    description  text NOT NULL,
    PRIMARY KEY (shipment_id, at)
);

CREATE TABLE services (
    id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             text NOT NULL UNIQUE,
    duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
    price_cents      integer NOT NULL CHECK (price_cents >= 0)
);

CREATE TABLE staff (
    id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  text NOT NULL UNIQUE
);

CREATE TABLE staff_services (
    staff_id   integer NOT NULL REFERENCES staff (id),
    service_id integer NOT NULL REFERENCES services (id),
    PRIMARY KEY (staff_id, service_id)
);

CREATE TABLE appointment_slots (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id   integer NOT NULL REFERENCES staff (id),
    service_id integer NOT NULL REFERENCES services (id),
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
    UNIQUE (staff_id, starts_at)
);
CREATE INDEX appointment_slots_service_time ON appointment_slots (service_id, starts_at);

CREATE TABLE appointments (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slot_id      bigint NOT NULL REFERENCES appointment_slots (id),
    customer_id  bigint NOT NULL REFERENCES customers (id),
    status       text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'completed', 'no_show')),
    call_sid     text,
    booked_at    timestamptz NOT NULL DEFAULT now(),
    cancelled_at timestamptz,
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
-- The double-booking rule lives here, not in application code: at most one live appointment per slot,
-- whichever process, grain or retry tries to insert a second one. A cancelled appointment frees its slot.
CREATE UNIQUE INDEX appointments_one_live_per_slot ON appointments (slot_id) WHERE status <> 'cancelled';
CREATE INDEX appointments_customer ON appointments (customer_id);

CREATE TABLE business_hours (
    day_of_week smallint PRIMARY KEY CHECK (day_of_week BETWEEN 0 AND 6),   -- 0 = Sunday, as EXTRACT(dow)
    opens_at    time NOT NULL,
    closes_at   time NOT NULL CHECK (closes_at > opens_at)
);

CREATE TABLE holidays (
    day   date PRIMARY KEY,
    name  text NOT NULL
);

CREATE TABLE calls (
    call_sid       text PRIMARY KEY,
    direction      text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    from_number    text NOT NULL,
    to_number      text NOT NULL,
    customer_id    bigint REFERENCES customers (id),
    status         text NOT NULL,
    started_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    outcome        text,
    recording_path text,
    summary        text,
    sentiment      real CHECK (sentiment BETWEEN -1 AND 1),
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX calls_live ON calls (started_at) WHERE ended_at IS NULL;
CREATE INDEX calls_customer ON calls (customer_id, started_at DESC);

CREATE TABLE call_turns (
    call_sid             text NOT NULL REFERENCES calls (call_sid) ON DELETE CASCADE,
    seq                  integer NOT NULL CHECK (seq >= 0),
    speaker              text NOT NULL CHECK (speaker IN ('caller', 'agent', 'system')),
    text                 text NOT NULL,
    started_at           timestamptz NOT NULL,
    ended_at             timestamptz,
    intent               text,
    entities             jsonb,
    sentiment            real CHECK (sentiment BETWEEN -1 AND 1),
    stt_ms               integer,
    llm_first_token_ms   integer,
    tts_first_audio_ms   integer,
    voice_to_voice_ms    integer,
    interrupted          boolean NOT NULL DEFAULT false,
    PRIMARY KEY (call_sid, seq)
);

CREATE TABLE function_calls (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_sid    text NOT NULL REFERENCES calls (call_sid) ON DELETE CASCADE,
    turn_seq    integer,
    name        text NOT NULL,
    arguments   jsonb NOT NULL,
    result      jsonb,
    duration_ms integer NOT NULL CHECK (duration_ms >= 0),
    success     boolean NOT NULL,
    called_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX function_calls_call ON function_calls (call_sid, called_at);

CREATE TABLE csat_ratings (
    call_sid  text PRIMARY KEY REFERENCES calls (call_sid) ON DELETE CASCADE,
    rating    smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE follow_ups (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    call_sid    text REFERENCES calls (call_sid),
    due_at      timestamptz,
    reason      text NOT NULL,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_ups_open ON follow_ups (customer_id) WHERE status = 'open';

CREATE TABLE customer_notes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    call_sid    text REFERENCES calls (call_sid),
    note        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
