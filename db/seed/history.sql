-- A call history for the console's analytics and its benchmark (voicegrains db seed --history N): @calls finished calls
-- over the @days days before now, during the day, by the demo business's customers. Each is one of six everyday
-- conversations (order status, booking, opening hours, cancellation, return, asking for a person), seven turns long with
-- intents, sentiment and per-turn latencies, the agent's function calls (a few fail), an outcome, and for some a CSAT
-- rating. Random but repeatable: setseed fixes the draws for a given @seed. Sids carry @run so runs add, never collide.

SELECT setseed(@seed);

CREATE TEMP TABLE history ON COMMIT DROP AS
SELECT 'CA' || md5('voicegrains-history-' || @run || '-' || n) AS sid,
       n,
       started,
       started + make_interval(secs => seconds) AS ended,
       seconds,
       scenario,
       CASE WHEN random() < 0.15 THEN 'outbound' ELSE 'inbound' END AS direction,
       ids[1 + floor(random() * array_length(ids, 1))::int] AS customer_id,
       CASE WHEN scenario = 5 THEN 'transferred'
            WHEN r_outcome < 0.82 THEN 'completed'
            WHEN r_outcome < 0.90 THEN 'dropped'
            WHEN r_outcome < 0.94 THEN 'no_answer'
            WHEN r_outcome < 0.96 THEN 'transfer_failed'
            WHEN r_outcome < 0.98 THEN 'busy'
            ELSE 'failed' END AS outcome,
       greatest(-1, least(1, 0.25 + (random() + random() + random() - 1.5) * 0.7))::real AS sentiment,
       CASE WHEN random() < 0.45 THEN
            CASE WHEN r_csat < 0.05 THEN 1 WHEN r_csat < 0.12 THEN 2 WHEN r_csat < 0.27 THEN 3 WHEN r_csat < 0.60 THEN 4 ELSE 5 END
       END AS csat
FROM (SELECT n,
             floor(random() * 6)::int AS scenario,
             random() AS r_outcome,
             random() AS r_csat,
             (60 + floor(random() * 540))::int AS seconds,
             -- Between 8:00 and 19:00 on the business's clock.
             (date_trunc('day', now() AT TIME ZONE zone) - make_interval(days => 1 + floor(random() * @days)::int)
                 + make_interval(hours => 8 + floor(random() * 11)::int, secs => floor(random() * 3600))) AT TIME ZONE zone AS started
        FROM generate_series(1, @calls) n,
             (SELECT coalesce((SELECT time_zone FROM business WHERE id = 1), 'UTC') AS zone) business_zone) draws
CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM customers) customers;

INSERT INTO calls (call_sid, direction, from_number, to_number, customer_id, status, started_at, ended_at, outcome, summary, sentiment)
SELECT h.sid, h.direction,
       CASE WHEN h.direction = 'inbound' THEN c.phone ELSE '+15550100000' END,
       CASE WHEN h.direction = 'inbound' THEN '+15550100000' ELSE c.phone END,
       h.customer_id, 'ended', h.started, h.ended, h.outcome,
       (ARRAY['Asked where an order is.', 'Booked an appointment.', 'Asked about opening hours.',
              'Cancelled an order.', 'Started a return.', 'Asked for a person.'])[h.scenario + 1],
       h.sentiment
  FROM history h JOIN customers c ON c.id = h.customer_id;

-- Turns: the agent greets (0), the caller asks (1), the agent answers (2), the caller confirms (3), the agent acts (4),
-- the caller says goodbye (5), the agent closes (6).
INSERT INTO call_turns (call_sid, seq, speaker, text, started_at, ended_at, intent, sentiment,
                        stt_ms, llm_first_token_ms, tts_first_audio_ms, voice_to_voice_ms)
SELECT h.sid, t.seq,
       CASE WHEN t.seq % 2 = 1 THEN 'caller' ELSE 'agent' END,
       CASE t.seq WHEN 0 THEN 'Thanks for calling Northwind Home Goods. How can I help you today?'
                  WHEN 1 THEN (ARRAY['Where is my order?', 'I''d like to book a rug cleaning.', 'Are you open on Saturday?',
                                     'Please cancel my order.', 'I want to return an item.', 'Can I talk to a person?'])[h.scenario + 1]
                  WHEN 3 THEN 'Yes, please.'
                  WHEN 5 THEN 'That''s all, thank you.'
                  ELSE 'Certainly.' END,
       h.started + make_interval(secs => h.seconds * t.seq / 7.0),
       h.started + make_interval(secs => h.seconds * (t.seq + 1) / 7.0),
       CASE t.seq WHEN 1 THEN (ARRAY['order_status', 'book', 'hours_on', 'cancel_order', 'return_order', 'human'])[h.scenario + 1]
                  WHEN 3 THEN 'yes' WHEN 5 THEN 'goodbye' END,
       CASE WHEN t.seq % 2 = 1 THEN greatest(-1, least(1, h.sentiment + (random() - 0.5) * 0.4))::real END,
       CASE WHEN t.seq % 2 = 0 AND t.seq > 0 THEN (120 + floor(random() * 200))::int END,
       CASE WHEN t.seq % 2 = 0 AND t.seq > 0 THEN (60 + floor(random() * 400))::int END,
       CASE WHEN t.seq % 2 = 0 AND t.seq > 0 THEN (80 + floor(random() * 120))::int END,
       CASE WHEN t.seq % 2 = 0 AND t.seq > 0 THEN (350 + floor(-ln(1 - random()) * 300))::int END
  FROM history h CROSS JOIN generate_series(0, 6) AS t(seq);

INSERT INTO function_calls (call_sid, turn_seq, name, arguments, result, duration_ms, success, called_at)
SELECT h.sid, 1,
       (ARRAY['orders_get_order', 'appointments_find_free_slots', 'hours_get_hours',
              'orders_cancel_order', 'orders_start_return', 'call_transfer_to_human'])[h.scenario + 1],
       '{}'::jsonb, '{}'::jsonb, (5 + floor(random() * 60))::int, random() < 0.96,
       h.started + make_interval(secs => h.seconds / 7.0)
  FROM history h;

INSERT INTO csat_ratings (call_sid, rating, rated_at)
SELECT sid, csat, ended FROM history WHERE csat IS NOT NULL AND outcome = 'completed';
