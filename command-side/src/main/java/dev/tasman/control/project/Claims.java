package dev.tasman.control.project;

/**
 * Names and domains that belong to exactly one project. Claiming happens inside the command's
 * transaction, so two projects racing for one domain cannot both win.
 */
public interface Claims {

    /** True when {@code name} is now (or already was) held by {@code projectId}. */
    boolean claimName(String name, String projectId);

    /** True when {@code domain} is now (or already was) held by {@code projectId}. */
    boolean claimDomain(String domain, String projectId);

    void releaseDomain(String domain, String projectId);
}
