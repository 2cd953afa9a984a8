-- What the conversation agent needs beyond the foundation: a customer's postal address, why an order was
-- cancelled, return requests, and token usage per turn.

ALTER TABLE customers ADD COLUMN address text;

ALTER TABLE orders ADD COLUMN cancel_reason text;

-- A return covers some lines of a delivered order; one return per order, so a second request for the same
-- order is refused by the database whichever call makes it.
CREATE TABLE order_returns (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    bigint NOT NULL UNIQUE REFERENCES orders (id),
    customer_id bigint NOT NULL REFERENCES customers (id),
    lines       integer[] NOT NULL CHECK (cardinality(lines) > 0),
    refund_to   text NOT NULL CHECK (refund_to IN ('original_payment', 'gift_card')),
    refund_cents integer NOT NULL CHECK (refund_cents >= 0),
    status      text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'received', 'refunded')),
    call_sid    text REFERENCES calls (call_sid),
    created_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE call_turns ADD COLUMN input_tokens integer CHECK (input_tokens >= 0);
ALTER TABLE call_turns ADD COLUMN output_tokens integer CHECK (output_tokens >= 0);
