package dev.tasman.control.project;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.project.AddDomain;
import dev.tasman.api.project.BuildSettings;
import dev.tasman.api.project.BuildSettingsUpdated;
import dev.tasman.api.project.CreateProject;
import dev.tasman.api.project.CutoverReason;
import dev.tasman.api.project.CutoverRouting;
import dev.tasman.api.project.DomainAdded;
import dev.tasman.api.project.DomainRemoved;
import dev.tasman.api.project.EnvironmentVariableRemoved;
import dev.tasman.api.project.EnvironmentVariableSet;
import dev.tasman.api.project.GrantProjectRole;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.ProjectRoleGranted;
import dev.tasman.api.project.ProjectRoleRevoked;
import dev.tasman.api.project.PromoteDeployment;
import dev.tasman.api.project.RemoveDomain;
import dev.tasman.api.project.RemoveEnvironmentVariable;
import dev.tasman.api.project.RevokeProjectRole;
import dev.tasman.api.project.RollbackRouting;
import dev.tasman.api.project.RoutingCutOver;
import dev.tasman.api.project.SetEnvironmentVariable;
import dev.tasman.api.project.UpdateBuildSettings;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Refused;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A project: its members, settings, variables, domains, and where its traffic goes. Routing may only
 * point at a deployment every required edge has acknowledged, and a rollback only moves routing.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotEvery50Events")
class Project {

    static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,255}");

    @AggregateIdentifier
    private String projectId;
    private final Map<String, ProjectRole> members = new HashMap<>();
    private final Set<String> domains = new HashSet<>();
    private final Set<String> variables = new HashSet<>();
    private String live;
    /** Deployments that went live by deploy or promote and were not rolled back from, oldest first. */
    private final List<String> released = new ArrayList<>();
    /** Every deployment that was ever live: an automatic cutover happens once per deployment, never again. */
    private final Set<String> everLive = new HashSet<>();

    Project() {
        // for Axon
    }

    @CommandHandler
    Project(CreateProject command, Claims claims) {
        Check.projectName("name", command.name());
        Check.matches("owner", command.owner(), Check.SUBJECT, "a user name");
        if (!claims.claimName(command.name(), command.projectId())) {
            throw Refused.conflict("A project named '" + command.name() + "' already exists. Choose another name.");
        }
        apply(new ProjectCreated(command.projectId(), command.name(), command.owner()));
    }

    @CommandHandler
    void handle(UpdateBuildSettings command) {
        BuildSettings settings = Check.required("settings", command.settings());
        Check.maxLength("installCommand", settings.installCommand(), 4096);
        Check.maxLength("buildCommand", settings.buildCommand(), 4096);
        Check.relativePath("outputDirectory", settings.outputDirectory());
        Check.relativePath("server", settings.server());
        apply(new BuildSettingsUpdated(projectId, settings));
    }

    @CommandHandler
    void handle(SetEnvironmentVariable command) {
        Check.matches("name", command.name(), VARIABLE_NAME,
                "a variable name: letters, digits and underscores, not starting with a digit");
        if (command.name().toUpperCase(java.util.Locale.ROOT).startsWith("TASMAN_")) {
            throw Refused.invalid("name", "Names starting with TASMAN_ are reserved for the platform.");
        }
        Check.required("value", command.value());
        apply(new EnvironmentVariableSet(projectId, command.name(), command.value()));
    }

    @CommandHandler
    void handle(RemoveEnvironmentVariable command) {
        if (!variables.contains(command.name())) {
            throw Refused.notFound("Project has no environment variable named '" + command.name() + "'.");
        }
        apply(new EnvironmentVariableRemoved(projectId, command.name()));
    }

    @CommandHandler
    void handle(AddDomain command, Claims claims) {
        Check.domain("domain", command.domain());
        if (domains.contains(command.domain())) {
            return;
        }
        if (!claims.claimDomain(command.domain(), projectId)) {
            throw Refused.conflict("The domain '" + command.domain() + "' already belongs to another project.");
        }
        apply(new DomainAdded(projectId, command.domain()));
    }

    @CommandHandler
    void handle(RemoveDomain command, Claims claims) {
        if (!domains.contains(command.domain())) {
            throw Refused.notFound("The domain '" + command.domain() + "' is not attached to this project.");
        }
        claims.releaseDomain(command.domain(), projectId);
        apply(new DomainRemoved(projectId, command.domain()));
    }

    @CommandHandler
    void handle(GrantProjectRole command) {
        Check.matches("subject", command.subject(), Check.SUBJECT, "a user name");
        Check.required("role", command.role());
        if (command.role() == members.get(command.subject())) {
            return;
        }
        if (members.get(command.subject()) == ProjectRole.OWNER && owners() == 1) {
            throw Refused.conflict("'" + command.subject() + "' is the only owner; make someone else owner first.");
        }
        apply(new ProjectRoleGranted(projectId, command.subject(), command.role()));
    }

    @CommandHandler
    void handle(RevokeProjectRole command) {
        ProjectRole role = members.get(command.subject());
        if (role == null) {
            throw Refused.notFound("'" + command.subject() + "' is not a member of this project.");
        }
        if (role == ProjectRole.OWNER && owners() == 1) {
            throw Refused.conflict("'" + command.subject() + "' is the only owner; make someone else owner first.");
        }
        apply(new ProjectRoleRevoked(projectId, command.subject()));
    }

    /** The automatic cutover of a production deployment; previews go live only by promote. */
    @CommandHandler
    void handle(CutoverRouting command, DeploymentReadiness readiness, EdgeHoldings holdings) {
        readiness.readiness(Check.required("deploymentId", command.deploymentId()))
                .filter(facts -> projectId.equals(facts.projectId()) && facts.target() == DeploymentTarget.PREVIEW)
                .ifPresent(facts -> {
                    throw Refused.conflict("Deployment " + command.deploymentId()
                            + " is a preview; previews go live only when promoted.");
                });
        if (everLive.contains(command.deploymentId())) {
            return; // a re-delivered automatic cutover must not undo a later rollback or promote
        }
        routeTo(command.deploymentId(), CutoverReason.DEPLOY, readiness, holdings);
    }

    @CommandHandler
    void handle(PromoteDeployment command, DeploymentReadiness readiness, EdgeHoldings holdings) {
        routeTo(command.deploymentId(), CutoverReason.PROMOTE, readiness, holdings);
    }

    @CommandHandler
    void handle(RollbackRouting command, DeploymentReadiness readiness, EdgeHoldings holdings) {
        if (live == null) {
            throw Refused.conflict("Nothing is live yet, so there is nothing to roll back from.");
        }
        String target = command.targetDeploymentId() != null ? command.targetDeploymentId() : previousRelease();
        if (target.equals(live)) {
            throw Refused.conflict("Deployment " + target + " is already live.");
        }
        routeTo(target, CutoverReason.ROLLBACK, readiness, holdings);
    }

    /**
     * The release just before the live one among those nobody has rolled back from (the latest of them
     * when the live deployment was never a release). Rolling back again steps further back, never
     * forward, and a release once rolled away from is never returned to by default.
     */
    private String previousRelease() {
        int current = released.indexOf(live);
        int candidate = current >= 0 ? current - 1 : released.size() - 1;
        if (candidate < 0) {
            throw Refused.conflict("There is no earlier deployment to roll back to.");
        }
        return released.get(candidate);
    }

    /**
     * Invariant 1: every active edge must hold the target. A fresh deployment proves it by acknowledgements
     * (plus holdings for edges that became active after it began propagating); an earlier one, promoted
     * or rolled back to, by the edges' holdings reports, since an edge may have evicted it since.
     */
    private void routeTo(String deploymentId, CutoverReason reason, DeploymentReadiness readiness,
            EdgeHoldings holdings) {
        Check.required("deploymentId", deploymentId);
        DeploymentReadiness.Facts facts = readiness.readiness(deploymentId)
                .filter(f -> projectId.equals(f.projectId()))
                .orElseThrow(() -> Refused.notFound("This project has no deployment " + deploymentId + "."));
        if (!facts.readyEverywhere()) {
            throw Refused.conflict("Deployment " + deploymentId + " is not held by every edge yet"
                    + (facts.missingEdges().isEmpty() ? "" : " (waiting for " + String.join(", ", facts.missingEdges()) + ")")
                    + "; routing stays where it is.");
        }
        if (deploymentId.equals(live)) {
            return;
        }
        List<String> without = new ArrayList<>(holdings.activeEdgesWithout(deploymentId));
        if (reason == CutoverReason.DEPLOY) {
            without.removeAll(facts.acknowledgedEdges());
        }
        if (!without.isEmpty()) {
            throw Refused.conflict("Deployment " + deploymentId + " is not cached on every active edge (missing on "
                    + String.join(", ", without) + ", which evicted it or never fetched it); routing stays where it is."
                    + (reason == CutoverReason.ROLLBACK ? " Redeploy that version instead." : ""));
        }
        apply(new RoutingCutOver(projectId, deploymentId, live, reason));
    }

    private long owners() {
        return members.values().stream().filter(r -> r == ProjectRole.OWNER).count();
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        projectId = event.projectId();
        members.put(event.owner(), ProjectRole.OWNER);
    }

    @EventSourcingHandler
    void on(EnvironmentVariableSet event) {
        variables.add(event.name());
    }

    @EventSourcingHandler
    void on(EnvironmentVariableRemoved event) {
        variables.remove(event.name());
    }

    @EventSourcingHandler
    void on(DomainAdded event) {
        domains.add(event.domain());
    }

    @EventSourcingHandler
    void on(DomainRemoved event) {
        domains.remove(event.domain());
    }

    @EventSourcingHandler
    void on(ProjectRoleGranted event) {
        members.put(event.subject(), event.role());
    }

    @EventSourcingHandler
    void on(ProjectRoleRevoked event) {
        members.remove(event.subject());
    }

    @EventSourcingHandler
    void on(RoutingCutOver event) {
        live = event.deploymentId();
        everLive.add(event.deploymentId());
        if (event.reason() == CutoverReason.ROLLBACK) {
            released.remove(event.previousDeploymentId());
        } else {
            released.remove(event.deploymentId());
            released.add(event.deploymentId());
        }
    }
}
