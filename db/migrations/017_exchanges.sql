-- Exchanges: a delivered item swapped for another variant of the same product, the price difference charged to or
-- refunded to a payment method the customer has on file.

-- Variants of one product share a family ("Desk lamp"); their options tell them apart ({"finish": "black"}).
-- A product with no family has no variants and cannot be exchanged.
ALTER TABLE products ADD COLUMN family text;
ALTER TABLE products ADD COLUMN options jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(options) = 'object');
ALTER TABLE products ADD COLUMN available boolean NOT NULL DEFAULT true;
CREATE INDEX products_family ON products (family) WHERE family IS NOT NULL;

-- What a customer can pay with. Only a description is kept ("Visa ending in 4242"), never a card number; the
-- processor's own identifier is `reference`. A gift card carries its balance.
CREATE TABLE payment_methods (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id   bigint NOT NULL REFERENCES customers (id),
    kind          text NOT NULL CHECK (kind IN ('credit_card', 'paypal', 'gift_card')),
    description   text NOT NULL CHECK (description !~ '[0-9]{7,}'),
    balance_cents integer CHECK (balance_cents >= 0),
    reference     text UNIQUE,
    CHECK ((kind = 'gift_card') = (balance_cents IS NOT NULL))
);
CREATE INDEX payment_methods_customer ON payment_methods (customer_id);

-- One exchange per order, and never both an exchange and a return: each is refused while the other exists, checked
-- under the order's row lock by whichever call asks.
CREATE TABLE order_exchanges (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id               bigint NOT NULL UNIQUE REFERENCES orders (id),
    customer_id            bigint NOT NULL REFERENCES customers (id),
    lines                  integer[] NOT NULL CHECK (cardinality(lines) > 0),
    new_skus               text[] NOT NULL CHECK (cardinality(new_skus) = cardinality(lines)),
    payment_method_id      bigint NOT NULL REFERENCES payment_methods (id),
    -- What the customer pays (positive) or gets back (negative) for the new items against the old.
    price_difference_cents integer NOT NULL,
    status                 text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'received', 'shipped')),
    call_sid               text REFERENCES calls (call_sid),
    created_at             timestamptz NOT NULL DEFAULT now()
);
