-- The business's knowledge base: documents it wrote (policies, FAQs), split into passages that PostgreSQL's full-text
-- search finds. Each passage keeps its sentences, so an answer can quote the one that answers a question. Synonyms are
-- the business's own groups of equivalent words ("bag, luggage, suitcase"), applied when a question is searched.

CREATE TABLE knowledge_documents (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,          -- the file's path inside the imported folder
    title text NOT NULL,
    content_sha256 text NOT NULL,       -- a re-import replaces the document only when this changes
    imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE knowledge_passages (
    id bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES knowledge_documents (id) ON DELETE CASCADE,
    ordinal int NOT NULL,
    heading text NOT NULL,              -- the section it is in (or a question/answer pair's question)
    sentences text[] NOT NULL CHECK (cardinality(sentences) > 0),
    -- The heading weighs more than the body (weight A over D) when passages are ranked.
    search tsvector NOT NULL,
    UNIQUE (document_id, ordinal)
);
CREATE INDEX knowledge_passages_search ON knowledge_passages USING gin (search);

-- How many passages hold each English stem, for weighting a question's words by rarity; rebuilt by every import, so
-- a search reads it instead of running ts_stat over all passages per question.
CREATE TABLE knowledge_stems (
    stem text PRIMARY KEY,
    passages int NOT NULL CHECK (passages > 0)
);

CREATE TABLE knowledge_synonyms (
    group_id int NOT NULL,
    term text NOT NULL CHECK (term <> ''),
    PRIMARY KEY (group_id, term)
);
