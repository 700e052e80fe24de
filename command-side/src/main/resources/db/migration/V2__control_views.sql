-- Claims: written by command handlers inside the command's transaction. A primary key per name or
-- domain is what makes "one project per domain" hold under concurrent commands, across instances.
CREATE TABLE project_name_claim (
    name       VARCHAR(63) PRIMARY KEY,
    project_id VARCHAR(64) NOT NULL
);

CREATE TABLE domain_claim (
    domain     VARCHAR(253) PRIMARY KEY,
    project_id VARCHAR(64)  NOT NULL
);

-- Control views: what the control plane itself reads (API answers, authorisation, edge lists).
-- Updated by a subscribing processor in the same transaction as the events; rebuildable from them.
CREATE TABLE project_view (
    project_id         VARCHAR(64)  PRIMARY KEY,
    name               VARCHAR(63)  NOT NULL UNIQUE,
    owner              VARCHAR(128) NOT NULL,
    build_settings     TEXT         NOT NULL,
    live_deployment_id VARCHAR(64),
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);

CREATE TABLE project_member_view (
    project_id VARCHAR(64)  NOT NULL REFERENCES project_view (project_id),
    subject    VARCHAR(128) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    PRIMARY KEY (project_id, subject)
);
CREATE INDEX project_member_view_subject ON project_member_view (subject);

CREATE TABLE project_domain_view (
    domain     VARCHAR(253) PRIMARY KEY,
    project_id VARCHAR(64)  NOT NULL REFERENCES project_view (project_id),
    added_at   TIMESTAMPTZ  NOT NULL
);

-- Names and when they changed; never values.
CREATE TABLE project_env_view (
    project_id VARCHAR(64)  NOT NULL REFERENCES project_view (project_id),
    name       VARCHAR(256) NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project_id, name)
);

CREATE TABLE deployment_view (
    deployment_id      VARCHAR(64)  PRIMARY KEY,
    project_id         VARCHAR(64)  NOT NULL,
    target             VARCHAR(16)  NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    source_kind        VARCHAR(16),
    source_location    TEXT,
    source_ref         TEXT,
    source_commit      VARCHAR(64),
    manifest_digest    VARCHAR(80),
    required_edges     TEXT         NOT NULL DEFAULT '[]',
    acknowledged_edges TEXT         NOT NULL DEFAULT '[]',
    failure_reason     TEXT,
    created_by         VARCHAR(128),
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX deployment_view_project ON deployment_view (project_id, created_at DESC);

CREATE TABLE edge_view (
    edge_id       VARCHAR(32)  PRIMARY KEY,
    region        VARCHAR(64)  NOT NULL,
    url           TEXT         NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);

CREATE TABLE api_token_view (
    token_id   VARCHAR(64)  PRIMARY KEY,
    token_hash VARCHAR(80)  NOT NULL UNIQUE,
    subject    VARCHAR(128) NOT NULL,
    kind       VARCHAR(8)   NOT NULL,
    edge_id    VARCHAR(32),
    label      VARCHAR(128),
    issued_at  TIMESTAMPTZ  NOT NULL,
    revoked_at TIMESTAMPTZ
);
