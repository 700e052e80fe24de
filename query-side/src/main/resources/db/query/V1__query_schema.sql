-- The query side's own tables, all in schema "query" (Flyway's history too: query.flyway_schema_history),
-- so nothing here collides with the control plane's tables in "public", which the query side only reads.
-- The dashboard's tables are not here: each generation of a read model is a schema of its own
-- (query_dashboard_<n>), created by the application from read-models/dashboard.sql; the views
-- query.dashboard_* point at the active one (docs/decisions/0013).

-- Axon's token table (PostgresTokenTableFactory) under the query side's own name: the control plane's
-- processors keep theirs in public.tokenentry.
CREATE TABLE query.token_entry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA        NULL,
    tokentype     VARCHAR(255) NULL,
    timestamp     VARCHAR(255) NULL,
    owner         VARCHAR(255) NULL,
    PRIMARY KEY (processorname, segment)
);

-- Events a projection could not handle; the processor moved on without them.
CREATE TABLE query.dead_letter (
    id           BIGSERIAL    PRIMARY KEY,
    processor    VARCHAR(128) NOT NULL,
    handler      VARCHAR(128) NOT NULL,
    position     BIGINT,
    event_id     VARCHAR(255) NOT NULL,
    aggregate_id VARCHAR(255),
    event_type   VARCHAR(255) NOT NULL,
    error        TEXT         NOT NULL,
    parked_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX dead_letter_processor ON query.dead_letter (processor, position);

-- Who may read what: tokens by hash, projects by name, roles per project (processor "access").
CREATE TABLE query.api_token (
    token_id   VARCHAR(64)  PRIMARY KEY,
    token_hash VARCHAR(80)  NOT NULL UNIQUE,
    subject    VARCHAR(128) NOT NULL,
    kind       VARCHAR(8)   NOT NULL,
    revoked_at TIMESTAMPTZ
);

CREATE TABLE query.access_project (
    project_id VARCHAR(64) PRIMARY KEY,
    name       VARCHAR(63) NOT NULL UNIQUE
);

CREATE TABLE query.project_member (
    project_id VARCHAR(64)  NOT NULL,
    subject    VARCHAR(128) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    PRIMARY KEY (project_id, subject)
);
CREATE INDEX project_member_subject ON query.project_member (subject);

-- Generations of each rebuildable read model: one ACTIVE (serving), at most one BUILDING (a replay).
CREATE TABLE query.read_model_generation (
    read_model        VARCHAR(64)  NOT NULL,
    generation        INTEGER      NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    requested_by      VARCHAR(128),
    started_at        TIMESTAMPTZ  NOT NULL,
    finished_at       TIMESTAMPTZ,
    position          BIGINT,
    head_position     BIGINT,
    events_per_second DOUBLE PRECISION,
    PRIMARY KEY (read_model, generation)
);
CREATE UNIQUE INDEX read_model_one_active ON query.read_model_generation (read_model) WHERE state = 'ACTIVE';
CREATE UNIQUE INDEX read_model_one_building ON query.read_model_generation (read_model) WHERE state = 'BUILDING';
