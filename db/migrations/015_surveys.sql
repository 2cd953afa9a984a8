-- Surveys and lead qualification: a question set the agent asks (after an inbound call, when configured, or as the
-- reason for an outbound campaign's call), one response per call, each answer stored the moment it is given.
-- A qualification question set also scores its answers into a lead's grade.

CREATE TABLE surveys (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                  text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    kind                  text NOT NULL CHECK (kind IN ('survey', 'qualification')),
    -- A rating (1-5) or NPS (0-10) answer at or below this creates a follow-up for the customer; null: none.
    follow_up_at_or_below integer CHECK (follow_up_at_or_below BETWEEN 0 AND 9),
    -- Qualification only: the score that makes a lead hot, and warm (below warm: cold).
    hot_at                integer,
    warm_at               integer,
    created_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'survey' AND hot_at IS NULL AND warm_at IS NULL
        OR kind = 'qualification' AND hot_at IS NOT NULL AND warm_at IS NOT NULL AND hot_at > warm_at)
);

CREATE TABLE survey_questions (
    survey_id bigint NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    position  integer NOT NULL CHECK (position BETWEEN 1 AND 20),
    kind      text NOT NULL CHECK (kind IN ('rating', 'nps', 'yes_no', 'choice', 'open')),
    text      text NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
    choices   text[] NOT NULL DEFAULT '{}' CHECK (kind = 'choice' AND cardinality(choices) BETWEEN 2 AND 9 OR kind <> 'choice' AND cardinality(choices) = 0),
    -- Qualification: points for each stored answer ("yes", "no", a choice, a number as digits), e.g. {"yes": 30}.
    points    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(points) = 'object'),
    PRIMARY KEY (survey_id, position)
);

-- One response per call: a call that moves to another silo goes on with the same response.
CREATE TABLE survey_responses (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id    bigint NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    call_sid     text NOT NULL UNIQUE,
    phone        text NOT NULL,
    customer_id  bigint REFERENCES customers (id),
    started_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    declined     boolean NOT NULL DEFAULT false
);
CREATE INDEX survey_responses_survey ON survey_responses (survey_id, started_at);

CREATE TABLE survey_answers (
    response_id bigint NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    -- The answer as stored: the rating or NPS as digits, "yes" / "no", the chosen choice, or an open answer verbatim
    -- (redacted like every transcript).
    answer      text NOT NULL CHECK (length(answer) BETWEEN 1 AND 1000),
    -- The number of a rating or NPS answer; 1 / 0 for yes / no; the choice's position.
    value       integer,
    -- Open answers: the lexicon's score, -1 to 1.
    sentiment   real CHECK (sentiment BETWEEN -1 AND 1),
    keyed       boolean NOT NULL DEFAULT false,
    answered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (response_id, position)
);

-- A survey or lead-qualification campaign asks one question set.
ALTER TABLE campaigns ADD COLUMN survey_id bigint REFERENCES surveys (id);
ALTER TABLE campaigns ADD CONSTRAINT campaigns_survey CHECK ((kind IN ('survey', 'lead_qualification')) = (survey_id IS NOT NULL));

-- Leads: one per number, made by a qualification call; its grade from the answers' points, and what happened next.
CREATE TABLE leads (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone               text NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    customer_id         bigint REFERENCES customers (id),
    response_id         bigint REFERENCES survey_responses (id),
    score               integer NOT NULL,
    grade               text NOT NULL CHECK (grade IN ('hot', 'warm', 'cold')),
    next_step           text CHECK (next_step IN ('demo_booked', 'transferred_to_sales')),
    demo_appointment_id bigint REFERENCES appointments (id),
    qualified_at        timestamptz NOT NULL DEFAULT now()
);
