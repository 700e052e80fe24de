-- Edge propagation: when each deployment's propagation began (its deadline runs from there), what
-- every edge last reported holding (valid rollback targets), and which edges failed to take it in.
ALTER TABLE deployment_view ADD COLUMN propagation_requested_at TIMESTAMPTZ;
ALTER TABLE deployment_view ADD COLUMN sync_failures TEXT NOT NULL DEFAULT '[]';
CREATE INDEX deployment_view_state ON deployment_view (state);

CREATE TABLE edge_holding_view (
    edge_id         VARCHAR(32) NOT NULL,
    deployment_id   VARCHAR(64) NOT NULL,
    manifest_digest VARCHAR(80) NOT NULL,
    PRIMARY KEY (edge_id, deployment_id)
);
CREATE INDEX edge_holding_view_deployment ON edge_holding_view (deployment_id);

ALTER TABLE edge_view ADD COLUMN holdings_reported_at TIMESTAMPTZ;
