package dev.tasman.control.project;

import java.util.List;

/** Which edges hold a deployment, as they last reported: a rollback may only target what every active edge holds. */
public interface EdgeHoldings {

    /** Active edges whose latest holdings report does not include {@code deploymentId}, sorted. */
    List<String> activeEdgesWithout(String deploymentId);
}
