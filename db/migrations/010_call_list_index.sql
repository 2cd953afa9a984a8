-- The operators' calls list is newest first, filtered and paged on started_at: without an index on it every page
-- sorts the whole calls table (see BENCHMARKS.md, "Console queries").

CREATE INDEX calls_started ON calls (started_at DESC);
