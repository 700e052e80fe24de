-- Decision 0016: edge tokens reach the telemetry intake, for their own edge only, so a token's edge is kept.
ALTER TABLE query.api_token ADD COLUMN edge_id VARCHAR(64);

-- Tokens projected before this column existed get their edge from the event that issued them. A payload that
-- is not JSON is left alone (processor "access" parked it, so it issued no token here anyway).
UPDATE query.api_token t SET edge_id = e.edge_id
FROM (SELECT CASE WHEN payload IS JSON OBJECT THEN payload::jsonb ->> 'tokenId' END AS token_id,
             CASE WHEN payload IS JSON OBJECT THEN payload::jsonb ->> 'edgeId' END AS edge_id
      FROM public.domainevententry
      WHERE payloadtype = 'dev.tasman.api.access.TokenIssued') e
WHERE e.token_id = t.token_id AND e.edge_id IS NOT NULL;

-- Project names as processor "logs" has seen them: every log entry carries its project's name, and this
-- processor must not depend on another one ("access") having got there first.
CREATE TABLE query.log_project (
    project_id VARCHAR(64) PRIMARY KEY,
    name       VARCHAR(63) NOT NULL
);
