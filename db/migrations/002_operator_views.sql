-- Views the operators query with psql. Days are counted in the business's own time zone.

CREATE VIEW active_calls AS
SELECT c.call_sid,
       c.direction,
       c.from_number,
       c.to_number,
       c.customer_id,
       cu.name                                                  AS customer_name,
       c.status,
       c.started_at,
       extract(epoch FROM now() - c.started_at)::integer       AS seconds_so_far,
       (SELECT count(*) FROM call_turns t WHERE t.call_sid = c.call_sid) AS turns
FROM calls c
LEFT JOIN customers cu ON cu.id = c.customer_id
WHERE c.ended_at IS NULL;

CREATE VIEW daily_stats AS
WITH zone AS (
    SELECT coalesce((SELECT time_zone FROM business WHERE id = 1), 'UTC') AS tz
),
per_call AS (
    SELECT (c.started_at AT TIME ZONE zone.tz)::date              AS day,
           c.call_sid,
           c.outcome,
           c.sentiment,
           extract(epoch FROM c.ended_at - c.started_at)         AS duration_seconds,
           r.rating
    FROM calls c
    CROSS JOIN zone
    LEFT JOIN csat_ratings r ON r.call_sid = c.call_sid
)
SELECT day,
       count(*)                                                   AS calls,
       round(avg(duration_seconds)::numeric, 1)                   AS avg_duration_seconds,
       round(avg(sentiment)::numeric, 3)                          AS avg_sentiment,
       (SELECT jsonb_object_agg(o.outcome, o.n)
          FROM (SELECT coalesce(p2.outcome, 'in_progress') AS outcome, count(*) AS n
                  FROM per_call p2 WHERE p2.day = p.day GROUP BY 1) o)   AS outcomes,
       round(avg(rating)::numeric, 2)                             AS avg_csat,
       count(rating)                                              AS csat_responses
FROM per_call p
GROUP BY day;

CREATE VIEW customer_activity AS
SELECT cu.id                                                                   AS customer_id,
       cu.name,
       cu.phone,
       (SELECT count(*) FROM calls c WHERE c.customer_id = cu.id)             AS calls,
       (SELECT max(c.started_at) FROM calls c WHERE c.customer_id = cu.id)    AS last_call_at,
       (SELECT count(*) FROM orders o WHERE o.customer_id = cu.id)            AS orders,
       (SELECT count(*) FROM appointments a
         WHERE a.customer_id = cu.id AND a.status <> 'cancelled')            AS appointments
FROM customers cu;
