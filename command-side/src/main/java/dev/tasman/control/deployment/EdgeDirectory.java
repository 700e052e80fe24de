package dev.tasman.control.deployment;

import dev.tasman.api.edge.EdgeState;
import java.util.Optional;

/** Which edges exist and in which state: acknowledgements from unknown or drained edges are refused. */
public interface EdgeDirectory {

    Optional<EdgeState> stateOf(String edgeId);
}
