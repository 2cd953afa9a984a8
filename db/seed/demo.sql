-- Demo business: a home-goods shop that sells online and books in-store services.
-- Deterministic (no random()), and relative to the day it runs: the calendars always cover the next 30 days.

INSERT INTO business (id, name, time_zone, phone) VALUES (1, 'Northwind Home Goods', 'America/New_York', '+15550100000');

-- Mon–Fri 9–18, Sat 10–16, closed on Sunday.
INSERT INTO business_hours (day_of_week, opens_at, closes_at)
SELECT d, CASE WHEN d = 6 THEN time '10:00' ELSE time '09:00' END, CASE WHEN d = 6 THEN time '16:00' ELSE time '18:00' END
FROM generate_series(1, 6) AS d;

-- Public holidays of this year and next; Thanksgiving is the fourth Thursday of November.
INSERT INTO holidays (day, name)
SELECT h.day, h.name
FROM generate_series(extract(year FROM current_date)::int, extract(year FROM current_date)::int + 1) AS y
CROSS JOIN LATERAL (VALUES
    (make_date(y, 1, 1), 'New Year''s Day'),
    (make_date(y, 7, 4), 'Independence Day'),
    (make_date(y, 11, 1) + ((11 - extract(dow FROM make_date(y, 11, 1))::int) % 7) + 21, 'Thanksgiving'),
    (make_date(y, 12, 25), 'Christmas Day')
) AS h(day, name);

INSERT INTO customers (phone, name, email, zip, address, preferences)
SELECT '+1555010' || lpad(i::text, 4, '0'),
       f.first || ' ' || l.last,
       lower(f.first || '.' || l.last) || i || '@example.com',
       z.zip,
       (200 + i) || ' ' || (ARRAY['Birch St','Willow Ave','Spruce Rd','Aspen Ln','Poplar Ct'])[1 + i % 5] || ', Springfield ' || z.zip,
       CASE WHEN i % 4 = 0 THEN '{"contact":"email"}'::jsonb WHEN i % 4 = 1 THEN '{"contact":"phone"}'::jsonb ELSE '{}'::jsonb END
FROM generate_series(1, 50) AS i
CROSS JOIN LATERAL (SELECT (ARRAY['Maria','James','Aisha','Wei','Olivia','Diego','Fatima','Noah','Priya','Liam'])[1 + i % 10] AS first) f
CROSS JOIN LATERAL (SELECT (ARRAY['Garcia','Smith','Khan','Zhang','Johnson','Lopez','Ali','Brown','Patel'])[1 + (i / 10 + i) % 9] AS last) l
CROSS JOIN LATERAL (SELECT (ARRAY['10001','02139','60614','94110','73301','98101','30305','80202','19103','33131'])[1 + i % 10] AS zip) z;

INSERT INTO products (sku, name, price_cents) VALUES
('LMP-100', 'Brass desk lamp', 4999),
('KTL-210', 'Electric kettle', 3499),
('PLW-300', 'Memory foam pillow', 2999),
('TWL-410', 'Bath towel set', 3999),
('MUG-520', 'Stoneware mug set', 2499),
('RUG-630', 'Wool area rug', 18999),
('FAN-740', 'Quiet tower fan', 7999),
('CHR-850', 'Oak dining chair', 12999);

-- 200 orders in every state; age follows the state, so a delivered order is weeks old and a pending one is new.
WITH numbered AS (
    SELECT i,
           (ARRAY['pending','processing','shipped','shipped','delivered','delivered','delivered','delivered','cancelled','returned'])[1 + i % 10] AS status
    FROM generate_series(1, 200) AS i
), customer_ids AS (
    SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM customers
)
INSERT INTO orders (id, customer_id, status, placed_at, total_cents, shipping_address)
SELECT 10000 + n.i,
       c.id,
       n.status,
       now() - make_interval(days => CASE n.status
                                         WHEN 'pending' THEN 0 WHEN 'processing' THEN 1 WHEN 'shipped' THEN 3
                                         WHEN 'cancelled' THEN 5 WHEN 'delivered' THEN 10 ELSE 20 END + n.i % 7,
                               hours => n.i % 24),
       0,
       (100 + n.i) || ' ' || (ARRAY['Maple St','Oak Ave','Pine Rd','Cedar Ln','Elm Ct'])[1 + n.i % 5] || ', Springfield'
FROM numbered n
JOIN customer_ids c ON c.n = (n.i * 7) % 50;

INSERT INTO order_items (order_id, line, sku, quantity, unit_price_cents)
SELECT o.id, line, p.sku, 1 + (o.id + line) % 2, p.price_cents
FROM orders o
CROSS JOIN LATERAL generate_series(1, 1 + o.id % 3) AS line
JOIN LATERAL (SELECT sku, price_cents FROM products ORDER BY sku OFFSET (o.id + line * 3) % 8 LIMIT 1) p ON true;

UPDATE orders o SET total_cents = t.total
FROM (SELECT order_id, sum(quantity * unit_price_cents) AS total FROM order_items GROUP BY order_id) t
WHERE t.order_id = o.id;

INSERT INTO shipments (order_id, carrier, tracking_number, status, shipped_at, expected_delivery)
SELECT o.id,
       (ARRAY['UPS','FedEx','USPS'])[1 + o.id % 3],
       (ARRAY['1Z999AA1','7712','9400'])[1 + o.id % 3] || lpad((o.id * 7919 % 100000000)::text, 10, '0'),
       CASE o.status WHEN 'shipped' THEN 'in_transit' WHEN 'delivered' THEN 'delivered' ELSE 'returned' END,
       o.placed_at + interval '1 day',
       (o.placed_at + interval '5 days')::date
FROM orders o
WHERE o.status IN ('shipped', 'delivered', 'returned');

INSERT INTO shipment_events (shipment_id, at, status, location, description)
SELECT s.id, e.at, e.status, e.location, e.description
FROM shipments s
CROSS JOIN LATERAL (VALUES
    (s.shipped_at - interval '3 hours', 'label_created', 'Springfield, IL', 'Shipping label created'),
    (s.shipped_at, 'in_transit', 'Springfield, IL', 'Picked up by carrier'),
    (s.shipped_at + interval '1 day', 'in_transit', 'Indianapolis, IN', 'Arrived at sort facility')
) AS e(at, status, location, description)
UNION ALL
SELECT s.id, s.shipped_at + interval '3 days', 'delivered', 'Springfield', 'Delivered to front door'
FROM shipments s WHERE s.status IN ('delivered', 'returned')
UNION ALL
SELECT s.id, s.shipped_at + interval '9 days', 'returned', 'Springfield, IL', 'Return received at warehouse'
FROM shipments s WHERE s.status = 'returned';

INSERT INTO services (name, duration_minutes, price_cents) VALUES
('Furniture assembly consultation', 30, 0),
('Rug cleaning drop-off', 60, 4500);

INSERT INTO staff (name) VALUES ('Alice Chen'), ('Ben Ortiz'), ('Carla Singh'), ('Dan Moore');

INSERT INTO staff_services (staff_id, service_id)
SELECT st.id, sv.id FROM staff st JOIN services sv
  ON (sv.name = 'Furniture assembly consultation' AND st.name IN ('Alice Chen', 'Ben Ortiz'))
  OR (sv.name = 'Rug cleaning drop-off' AND st.name IN ('Carla Singh', 'Dan Moore'));

-- Slots for the next 30 days, inside opening hours, skipping holidays, in the business's time zone.
INSERT INTO appointment_slots (staff_id, service_id, starts_at, ends_at)
SELECT ss.staff_id, ss.service_id, s.slot_start, s.slot_start + make_interval(mins => sv.duration_minutes)
FROM staff_services ss
JOIN services sv ON sv.id = ss.service_id
CROSS JOIN business b
CROSS JOIN LATERAL generate_series(1, 30) AS ahead
CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE b.time_zone)::date + ahead AS local_day) d
JOIN business_hours h ON h.day_of_week = extract(dow FROM d.local_day)
CROSS JOIN LATERAL generate_series(d.local_day + h.opens_at,
                                   d.local_day + h.closes_at - make_interval(mins => sv.duration_minutes),
                                   make_interval(mins => sv.duration_minutes)) AS local_start
CROSS JOIN LATERAL (SELECT local_start AT TIME ZONE b.time_zone AS slot_start) s
WHERE NOT EXISTS (SELECT 1 FROM holidays hd WHERE hd.day = d.local_day);

-- A few appointments already on the books.
INSERT INTO appointments (slot_id, customer_id)
SELECT sl.id, c.id
FROM (SELECT id, row_number() OVER (ORDER BY starts_at, id) AS n FROM appointment_slots) sl
JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM customers) c ON c.n = sl.n / 17
WHERE sl.n % 17 = 0 AND sl.n / 17 BETWEEN 1 AND 15;

-- Variants, added after the orders so the orders above stay as they are: the desk lamp comes in other finishes (the
-- copper one sold out), the kettle in another colour; the other products have no variants and cannot be exchanged.
UPDATE products SET family = 'Desk lamp', options = '{"finish": "brass"}' WHERE sku = 'LMP-100';
UPDATE products SET family = 'Electric kettle', options = '{"color": "steel"}' WHERE sku = 'KTL-210';
INSERT INTO products (sku, name, price_cents, family, options, available) VALUES
('LMP-101', 'Black desk lamp', 4599, 'Desk lamp', '{"finish": "black"}', true),
('LMP-102', 'White desk lamp', 4599, 'Desk lamp', '{"finish": "white"}', true),
('LMP-103', 'Copper desk lamp', 5499, 'Desk lamp', '{"finish": "copper"}', false),
('KTL-211', 'Electric kettle, matte black', 3899, 'Electric kettle', '{"color": "matte black"}', true);

-- Every customer has a card on file (described, never numbered beyond its last four digits); every third also a
-- gift card.
INSERT INTO payment_methods (customer_id, kind, description, balance_cents)
SELECT id, 'credit_card', (ARRAY['Visa', 'Mastercard'])[1 + id % 2] || ' ending in ' || lpad((id * 7907 % 10000)::text, 4, '0'), NULL
FROM customers
UNION ALL
SELECT id, 'gift_card', 'gift card', 2500 FROM customers WHERE id % 3 = 0;

-- Orders are paid with their customer's card.
UPDATE orders o SET payment_method_id = m.id
FROM payment_methods m
WHERE m.customer_id = o.customer_id AND m.kind = 'credit_card';
