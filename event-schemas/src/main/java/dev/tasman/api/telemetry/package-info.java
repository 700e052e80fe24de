/**
 * Edge request telemetry, edge → query side: {@code POST /v1/telemetry/requests} with the edge's own
 * bearer token, body a {@link RequestBatch} as JSON, answered {@code 202 {"accepted": n}}. An edge may
 * only send records for its own id (the one its token was issued for); 400 names a field that is wrong,
 * 503 says the index cannot take it now and the edge keeps the batch and sends it again later.
 *
 * <p>Sending the same batch twice does not count it twice: records and aggregates carry ids the receiver
 * stores under, so a retry after a lost answer overwrites instead of adding. No Axon annotations here, so
 * the edge runtime reads it without Axon on its classpath. Compatibility as for the feed: a reader ignores
 * fields it does not know.
 */
package dev.tasman.api.telemetry;
