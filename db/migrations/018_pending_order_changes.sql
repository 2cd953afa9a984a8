-- Changes to an order that has not shipped: its items for other variants of the same products (once per order), and
-- the payment method it is paid with.

-- What the order is paid with; null for orders from before payment methods were kept.
ALTER TABLE orders ADD COLUMN payment_method_id bigint REFERENCES payment_methods (id);

-- One item change per order (the row's uniqueness is the rule), with the lines' old and new variants and who pays
-- or gets back the difference. The order's own lines are updated in the same transaction.
CREATE TABLE order_item_changes (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id               bigint NOT NULL UNIQUE REFERENCES orders (id),
    customer_id            bigint NOT NULL REFERENCES customers (id),
    lines                  integer[] NOT NULL CHECK (cardinality(lines) > 0),
    old_skus               text[] NOT NULL CHECK (cardinality(old_skus) = cardinality(lines)),
    new_skus               text[] NOT NULL CHECK (cardinality(new_skus) = cardinality(lines)),
    payment_method_id      bigint NOT NULL REFERENCES payment_methods (id),
    price_difference_cents integer NOT NULL,
    call_sid               text REFERENCES calls (call_sid),
    created_at             timestamptz NOT NULL DEFAULT now()
);
