-- Indexes for the operators' console (measured in BENCHMARKS.md, "Console queries", with 100,000 calls):
-- the calls list is newest first, filtered and paged on started_at: without calls_started every page sorts the table;
-- the daily voice-to-voice percentiles read only answered turns' start and latency: call_turns_latency covers them,
-- so the query reads the index alone (480 ms → 260 ms over 180 days) instead of every turn's text;
-- the calls list filtered by an intent looked for it in every turn (256 ms): call_turns_intent finds them (37 ms).

CREATE INDEX calls_started ON calls (started_at DESC);
CREATE INDEX call_turns_latency ON call_turns (started_at) INCLUDE (voice_to_voice_ms) WHERE voice_to_voice_ms IS NOT NULL;
CREATE INDEX call_turns_intent ON call_turns (intent, call_sid) WHERE intent IS NOT NULL;
