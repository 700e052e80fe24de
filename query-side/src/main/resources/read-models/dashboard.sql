-- One generation of the dashboard read model, created in schema {schema} (query_dashboard_<n>); readers use
-- the views query.dashboard_<table>. Every row derives from events, with times taken from the events, never
-- from the clock: a replay must rebuild exactly the same content. No foreign keys: a parked (unreadable)
-- event must not make the events after it fail too.

CREATE TABLE {schema}.project (
    project_id         VARCHAR(64)  PRIMARY KEY,
    name               VARCHAR(63)  NOT NULL,
    owner              VARCHAR(128) NOT NULL,
    install_command    TEXT,
    build_command      TEXT,
    output_directory   TEXT,
    server_entry       TEXT,
    live_deployment_id VARCHAR(64),
    live_since         TIMESTAMPTZ,
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX project_name ON {schema}.project (name);

CREATE TABLE {schema}.project_domain (
    domain     VARCHAR(253) PRIMARY KEY,
    project_id VARCHAR(64)  NOT NULL,
    added_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX project_domain_project ON {schema}.project_domain (project_id);

-- Names only: a variable's value (a SealedSecret) is never stored here.
CREATE TABLE {schema}.project_env (
    project_id VARCHAR(64)  NOT NULL,
    name       VARCHAR(256) NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project_id, name)
);

-- position: where BuildStarted stands in the event store; newest first, and the list's cursor.
CREATE TABLE {schema}.deployment (
    deployment_id            VARCHAR(64)  PRIMARY KEY,
    project_id               VARCHAR(64)  NOT NULL,
    position                 BIGINT       NOT NULL,
    target                   VARCHAR(16)  NOT NULL,
    state                    VARCHAR(16)  NOT NULL,
    source_kind              VARCHAR(16),
    source_location          TEXT,
    source_ref               TEXT,
    source_commit            VARCHAR(64),
    manifest_digest          VARCHAR(80),
    file_count               INTEGER,
    total_bytes              BIGINT,
    created_by               VARCHAR(128),
    failure_reason           TEXT,
    queued_at                TIMESTAMPTZ  NOT NULL,
    build_started_at         TIMESTAMPTZ,
    built_at                 TIMESTAMPTZ,
    propagation_requested_at TIMESTAMPTZ,
    ready_at                 TIMESTAMPTZ,
    live_at                  TIMESTAMPTZ,
    superseded_at            TIMESTAMPTZ,
    failed_at                TIMESTAMPTZ,
    stalled_at               TIMESTAMPTZ,
    cancelled_at             TIMESTAMPTZ,
    updated_at               TIMESTAMPTZ  NOT NULL
);
CREATE INDEX deployment_project ON {schema}.deployment (project_id, position DESC);
CREATE INDEX deployment_state ON {schema}.deployment (state);

-- Per edge: whether the deployment waits for it, when it acknowledged, whether it was dropped (drained).
CREATE TABLE {schema}.deployment_edge (
    deployment_id   VARCHAR(64) NOT NULL,
    edge_id         VARCHAR(32) NOT NULL,
    required        BOOLEAN     NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    dropped_at      TIMESTAMPTZ,
    dropped_reason  TEXT,
    PRIMARY KEY (deployment_id, edge_id)
);
CREATE INDEX deployment_edge_edge ON {schema}.deployment_edge (edge_id);

CREATE TABLE {schema}.sync_failure (
    position      BIGINT      PRIMARY KEY,
    deployment_id VARCHAR(64) NOT NULL,
    edge_id       VARCHAR(32) NOT NULL,
    reason        TEXT        NOT NULL,
    failed_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX sync_failure_deployment ON {schema}.sync_failure (deployment_id);

-- last_seen_at: the time of the latest event about the edge (registration, state, holdings, acknowledgement,
-- sync failure); the last acknowledgement's latency is counted from the propagation request.
CREATE TABLE {schema}.edge (
    edge_id                VARCHAR(32)  PRIMARY KEY,
    region                 VARCHAR(64)  NOT NULL,
    url                    TEXT         NOT NULL,
    state                  VARCHAR(16)  NOT NULL,
    drain_reason           TEXT,
    registered_at          TIMESTAMPTZ  NOT NULL,
    state_changed_at       TIMESTAMPTZ  NOT NULL,
    last_seen_at           TIMESTAMPTZ  NOT NULL,
    holdings_reported_at   TIMESTAMPTZ,
    last_ack_deployment_id VARCHAR(64),
    last_ack_at            TIMESTAMPTZ,
    last_ack_latency_ms    BIGINT
);

CREATE TABLE {schema}.edge_holding (
    edge_id         VARCHAR(32) NOT NULL,
    deployment_id   VARCHAR(64) NOT NULL,
    manifest_digest VARCHAR(80) NOT NULL,
    PRIMARY KEY (edge_id, deployment_id)
);

-- One row per notable event: who did what, when. position: the event's place in the store.
CREATE TABLE {schema}.activity (
    position      BIGINT       PRIMARY KEY,
    at            TIMESTAMPTZ  NOT NULL,
    type          VARCHAR(64)  NOT NULL,
    actor         VARCHAR(128),
    project_id    VARCHAR(64),
    deployment_id VARCHAR(64),
    edge_id       VARCHAR(32),
    summary       TEXT         NOT NULL
);
CREATE INDEX activity_project ON {schema}.activity (project_id, position DESC);
