-- A copy of the event table from command-side/src/main/resources/db/migration/V1__event_store.sql (Axon's
-- PostgresEventTableFactory DDL with payload and metadata as JSON text). The query side only reads it.
CREATE TABLE domainevententry (
    globalindex         BIGSERIAL    NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            TEXT,
    payload             TEXT         NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255),
    PRIMARY KEY (globalindex),
    UNIQUE (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);
CREATE INDEX domainevententry_payloadtype ON domainevententry (payloadtype);
