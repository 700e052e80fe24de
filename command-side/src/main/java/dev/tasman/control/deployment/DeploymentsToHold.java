package dev.tasman.control.deployment;

import java.util.List;

/** What an edge must hold before it counts toward cutovers: every live deployment and every one in flight. */
public interface DeploymentsToHold {

    /** Ids of deployments that are live, or being propagated right now. */
    List<String> deploymentsEveryEdgeMustHold();
}
