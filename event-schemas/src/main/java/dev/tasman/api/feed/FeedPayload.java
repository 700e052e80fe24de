package dev.tasman.api.feed;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What an edge needs to know, named by the {@code type} property (also the SSE event name). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ProjectAnnounced.class, name = ProjectAnnounced.TYPE),
        @JsonSubTypes.Type(value = DomainAttached.class, name = DomainAttached.TYPE),
        @JsonSubTypes.Type(value = DomainDetached.class, name = DomainDetached.TYPE),
        @JsonSubTypes.Type(value = DeploymentPropagating.class, name = DeploymentPropagating.TYPE),
        @JsonSubTypes.Type(value = DeploymentWithdrawn.class, name = DeploymentWithdrawn.TYPE),
        @JsonSubTypes.Type(value = RoutingSwitched.class, name = RoutingSwitched.TYPE),
        @JsonSubTypes.Type(value = EdgeStatusChanged.class, name = EdgeStatusChanged.TYPE)
})
public sealed interface FeedPayload permits ProjectAnnounced, DomainAttached, DomainDetached, DeploymentPropagating,
        DeploymentWithdrawn, RoutingSwitched, EdgeStatusChanged {

    /** The SSE event name of this payload. */
    String type();
}
