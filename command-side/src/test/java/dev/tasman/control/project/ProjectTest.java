package dev.tasman.control.project;

import static dev.tasman.control.shared.RefusalMatchers.kind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import dev.tasman.api.project.SealedSecret;
import dev.tasman.api.project.SetEnvironmentVariable;
import dev.tasman.api.project.UpdateBuildSettings;
import dev.tasman.control.shared.Refused;
import dev.tasman.control.shared.Refused.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectTest {

    private static final String PROJECT = "prj_00000000000000a1";
    private static final String OTHER_PROJECT = "prj_00000000000000b2";
    private static final SealedSecret SECRET = new SealedSecret("k1", "c2VhbGVk");

    private final InMemoryClaims claims = new InMemoryClaims();
    private final KnownDeployments deployments = new KnownDeployments();
    /** Deployment id → active edges whose holdings lack it (none unless a test says so). */
    private final Map<String, List<String>> missingOn = new HashMap<>();
    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(claims);
        fixture.registerInjectableResource(deployments);
        fixture.registerInjectableResource((EdgeHoldings) id -> missingOn.getOrDefault(id, List.of()));
    }

    // --- create -----------------------------------------------------------------------------------

    @Test
    void givenNoProject_whenCreateProject_thenProjectCreatedAndNameClaimed() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, "shop", "ana"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreated(PROJECT, "shop", "ana"));

        assertThat(claims.names).containsEntry("shop", PROJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shop", "my shop", "-shop", "shop-", "shop.example"})
    void givenNoProject_whenCreateProjectWithInvalidName_thenRefusedAsInvalid(String name) {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, name, "ana"))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'name' must be 1-63 lowercase letters, digits or hyphens"))
                .expectNoEvents();

        assertThat(claims.names).isEmpty();
    }

    @Test
    void givenNoProject_whenCreateProjectWithInvalidOwner_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, "shop", "ana smith"))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'owner' must be a user name"))
                .expectNoEvents();
    }

    @Test
    void givenNameHeldByAnotherProject_whenCreateProject_thenRefusedAsConflict() {
        claims.names.put("shop", OTHER_PROJECT);

        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, "shop", "ana"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("A project named 'shop' already exists"))
                .expectNoEvents();

        assertThat(claims.names).containsEntry("shop", OTHER_PROJECT);
    }

    // --- build settings ---------------------------------------------------------------------------

    @Test
    void givenProject_whenUpdateBuildSettings_thenBuildSettingsUpdated() {
        BuildSettings settings = new BuildSettings("npm ci", "npm run build", "dist", "server/index.js");

        fixture.given(created())
                .when(new UpdateBuildSettings(PROJECT, settings))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BuildSettingsUpdated(PROJECT, settings));
    }

    @Test
    void givenProject_whenUpdateBuildSettingsToDefaults_thenBuildSettingsUpdated() {
        fixture.given(created())
                .when(new UpdateBuildSettings(PROJECT, BuildSettings.defaults()))
                .expectEvents(new BuildSettingsUpdated(PROJECT, BuildSettings.defaults()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../secrets", "dist/../../etc", "dist\\..\\..", "/etc"})
    void givenProject_whenUpdateBuildSettingsWithOutputOutsideProject_thenRefusedAsInvalid(String path) {
        fixture.given(created())
                .when(new UpdateBuildSettings(PROJECT, new BuildSettings(null, null, path, null)))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString(
                        "'outputDirectory' must be a relative path inside the project without '..'"))
                .expectNoEvents();
    }

    @Test
    void givenProject_whenUpdateBuildSettingsWithServerOutsideProject_thenRefusedAsInvalid() {
        fixture.given(created())
                .when(new UpdateBuildSettings(PROJECT, new BuildSettings(null, null, "dist", "../server.js")))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("'server' must be a relative path inside the project"))
                .expectNoEvents();
    }

    @Test
    void givenProject_whenUpdateBuildSettingsWithTooLongBuildCommand_thenRefusedAsInvalid() {
        String command = "x".repeat(4097);

        fixture.given(created())
                .when(new UpdateBuildSettings(PROJECT, new BuildSettings(null, command, null, null)))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'buildCommand' may be at most 4096 characters, got 4097"))
                .expectNoEvents();
    }

    @Test
    void givenProject_whenUpdateBuildSettingsWithoutSettings_thenRefusedAsInvalid() {
        fixture.given(created())
                .when(new UpdateBuildSettings(PROJECT, null))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("'settings' is required"))
                .expectNoEvents();
    }

    // --- environment variables --------------------------------------------------------------------

    @Test
    void givenProject_whenSetEnvironmentVariable_thenEnvironmentVariableSet() {
        fixture.given(created())
                .when(new SetEnvironmentVariable(PROJECT, "API_URL", SECRET))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EnvironmentVariableSet(PROJECT, "API_URL", SECRET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ST", "API-URL", "API URL", ""})
    void givenProject_whenSetEnvironmentVariableWithBadName_thenRefusedAsInvalid(String name) {
        fixture.given(created())
                .when(new SetEnvironmentVariable(PROJECT, name, SECRET))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'name'"))
                .expectNoEvents();
    }

    @Test
    void givenProject_whenSetEnvironmentVariableWithDigitFirst_thenRefusedNamingTheExpectedShape() {
        fixture.given(created())
                .when(new SetEnvironmentVariable(PROJECT, "1ST", SECRET))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("letters, digits and underscores, not starting with a digit"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TASMAN_EDGE", "tasman_x", "Tasman_Edge", "TASMAN_"})
    void givenProject_whenSetEnvironmentVariableWithTasmanPrefixInAnyCase_thenRefusedAsReserved(String name) {
        fixture.given(created())
                .when(new SetEnvironmentVariable(PROJECT, name, SECRET))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("Names starting with TASMAN_ are reserved for the platform"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TASMANIA_REGION", "tasman", "MY_TASMAN_URL"})
    void givenProject_whenSetEnvironmentVariableMerelyMentioningTasman_thenEnvironmentVariableSet(String name) {
        fixture.given(created())
                .when(new SetEnvironmentVariable(PROJECT, name, SECRET))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EnvironmentVariableSet(PROJECT, name, SECRET));
    }

    @Test
    void givenProject_whenSetEnvironmentVariableWithoutValue_thenRefusedAsInvalid() {
        fixture.given(created())
                .when(new SetEnvironmentVariable(PROJECT, "API_URL", null))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("'value' is required"))
                .expectNoEvents();
    }

    @Test
    void givenVariableSet_whenRemoveEnvironmentVariable_thenEnvironmentVariableRemoved() {
        fixture.given(created(), new EnvironmentVariableSet(PROJECT, "API_URL", SECRET))
                .when(new RemoveEnvironmentVariable(PROJECT, "API_URL"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EnvironmentVariableRemoved(PROJECT, "API_URL"));
    }

    @Test
    void givenProject_whenRemoveUnknownEnvironmentVariable_thenRefusedAsNotFound() {
        fixture.given(created())
                .when(new RemoveEnvironmentVariable(PROJECT, "API_URL"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectExceptionMessage(containsString("Project has no environment variable named 'API_URL'"))
                .expectNoEvents();
    }

    @Test
    void givenVariableAlreadyRemoved_whenRemoveEnvironmentVariable_thenRefusedAsNotFound() {
        fixture.given(created(), new EnvironmentVariableSet(PROJECT, "API_URL", SECRET),
                        new EnvironmentVariableRemoved(PROJECT, "API_URL"))
                .when(new RemoveEnvironmentVariable(PROJECT, "API_URL"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
    }

    // --- domains ----------------------------------------------------------------------------------

    @Test
    void givenProject_whenAddDomain_thenDomainAddedAndClaimed() {
        fixture.given(created())
                .when(new AddDomain(PROJECT, "www.example.com"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DomainAdded(PROJECT, "www.example.com"));

        assertThat(claims.domains).containsEntry("www.example.com", PROJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "WWW.example.com", "www.example.com.", "www..example.com", "-a.example.com",
            "under_score.example.com"})
    void givenProject_whenAddInvalidDomain_thenRefusedAsInvalid(String domain) {
        fixture.given(created())
                .when(new AddDomain(PROJECT, domain))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'domain' must be a host name such as www.example.com"))
                .expectNoEvents();

        assertThat(claims.domains).isEmpty();
    }

    @Test
    void givenDomainHeldByAnotherProject_whenAddDomain_thenRefusedAsConflict() {
        claims.domains.put("www.example.com", OTHER_PROJECT);

        fixture.given(created())
                .when(new AddDomain(PROJECT, "www.example.com"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(
                        containsString("The domain 'www.example.com' already belongs to another project"))
                .expectNoEvents();

        assertThat(claims.domains).containsEntry("www.example.com", OTHER_PROJECT);
    }

    @Test
    void givenDomainAdded_whenAddSameDomain_thenNothingHappens() {
        fixture.given(created(), new DomainAdded(PROJECT, "www.example.com"))
                .when(new AddDomain(PROJECT, "www.example.com"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(claims.domainCalls).as("an attached domain is not claimed again").isZero();
    }

    @Test
    void givenDomainAdded_whenRemoveDomain_thenDomainRemovedAndClaimReleased() {
        claims.domains.put("www.example.com", PROJECT);

        fixture.given(created(), new DomainAdded(PROJECT, "www.example.com"))
                .when(new RemoveDomain(PROJECT, "www.example.com"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DomainRemoved(PROJECT, "www.example.com"));

        assertThat(claims.domains).doesNotContainKey("www.example.com");
    }

    @Test
    void givenProject_whenRemoveUnknownDomain_thenRefusedAsNotFound() {
        claims.domains.put("www.example.com", OTHER_PROJECT);

        fixture.given(created())
                .when(new RemoveDomain(PROJECT, "www.example.com"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectExceptionMessage(containsString("The domain 'www.example.com' is not attached to this project"))
                .expectNoEvents();

        assertThat(claims.domains).as("another project's claim is left alone")
                .containsEntry("www.example.com", OTHER_PROJECT);
    }

    @Test
    void givenDomainRemoved_whenRemoveDomainAgain_thenRefusedAsNotFound() {
        fixture.given(created(), new DomainAdded(PROJECT, "www.example.com"),
                        new DomainRemoved(PROJECT, "www.example.com"))
                .when(new RemoveDomain(PROJECT, "www.example.com"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
    }

    // --- roles ------------------------------------------------------------------------------------

    @Test
    void givenProject_whenGrantRoleToNewMember_thenProjectRoleGranted() {
        fixture.given(created())
                .when(new GrantProjectRole(PROJECT, "ben", ProjectRole.DEPLOYER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectRoleGranted(PROJECT, "ben", ProjectRole.DEPLOYER));
    }

    @Test
    void givenMember_whenGrantDifferentRole_thenProjectRoleGranted() {
        fixture.given(created(), new ProjectRoleGranted(PROJECT, "ben", ProjectRole.VIEWER))
                .when(new GrantProjectRole(PROJECT, "ben", ProjectRole.OWNER))
                .expectEvents(new ProjectRoleGranted(PROJECT, "ben", ProjectRole.OWNER));
    }

    @Test
    void givenMember_whenGrantSameRole_thenNothingHappens() {
        fixture.given(created(), new ProjectRoleGranted(PROJECT, "ben", ProjectRole.DEPLOYER))
                .when(new GrantProjectRole(PROJECT, "ben", ProjectRole.DEPLOYER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenOnlyOwner_whenGrantOwnerAgain_thenNothingHappens() {
        fixture.given(created())
                .when(new GrantProjectRole(PROJECT, "ana", ProjectRole.OWNER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenOnlyOwner_whenDemoteOwner_thenRefusedAsConflict() {
        fixture.given(created())
                .when(new GrantProjectRole(PROJECT, "ana", ProjectRole.DEPLOYER))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("'ana' is the only owner; make someone else owner first"))
                .expectNoEvents();
    }

    @Test
    void givenTwoOwners_whenDemoteOneOwner_thenProjectRoleGranted() {
        fixture.given(created(), new ProjectRoleGranted(PROJECT, "ben", ProjectRole.OWNER))
                .when(new GrantProjectRole(PROJECT, "ana", ProjectRole.VIEWER))
                .expectEvents(new ProjectRoleGranted(PROJECT, "ana", ProjectRole.VIEWER));
    }

    @Test
    void givenOwnerDemotedEarlier_whenDemoteRemainingOwner_thenRefusedAsConflict() {
        fixture.given(created(), new ProjectRoleGranted(PROJECT, "ben", ProjectRole.OWNER),
                        new ProjectRoleGranted(PROJECT, "ana", ProjectRole.VIEWER))
                .when(new GrantProjectRole(PROJECT, "ben", ProjectRole.DEPLOYER))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("'ben' is the only owner"))
                .expectNoEvents();
    }

    @Test
    void givenProject_whenGrantRoleToInvalidSubject_thenRefusedAsInvalid() {
        fixture.given(created())
                .when(new GrantProjectRole(PROJECT, "ben smith", ProjectRole.VIEWER))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'subject' must be a user name"))
                .expectNoEvents();
    }

    @Test
    void givenProject_whenGrantWithoutRole_thenRefusedAsInvalid() {
        fixture.given(created())
                .when(new GrantProjectRole(PROJECT, "ben", null))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'role' is required"))
                .expectNoEvents();
    }

    @Test
    void givenMember_whenRevokeRole_thenProjectRoleRevoked() {
        fixture.given(created(), new ProjectRoleGranted(PROJECT, "ben", ProjectRole.DEPLOYER))
                .when(new RevokeProjectRole(PROJECT, "ben"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectRoleRevoked(PROJECT, "ben"));
    }

    @Test
    void givenTwoOwners_whenRevokeOneOwner_thenProjectRoleRevoked() {
        fixture.given(created(), new ProjectRoleGranted(PROJECT, "ben", ProjectRole.OWNER))
                .when(new RevokeProjectRole(PROJECT, "ana"))
                .expectEvents(new ProjectRoleRevoked(PROJECT, "ana"));
    }

    @Test
    void givenOnlyOwner_whenRevokeOwner_thenRefusedAsConflict() {
        fixture.given(created(), new ProjectRoleGranted(PROJECT, "ben", ProjectRole.DEPLOYER))
                .when(new RevokeProjectRole(PROJECT, "ana"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("'ana' is the only owner; make someone else owner first"))
                .expectNoEvents();
    }

    @Test
    void givenProject_whenRevokeUnknownMember_thenRefusedAsNotFound() {
        fixture.given(created())
                .when(new RevokeProjectRole(PROJECT, "ben"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectExceptionMessage(containsString("'ben' is not a member of this project"))
                .expectNoEvents();
    }

    @Test
    void givenMemberRevoked_whenRevokeAgain_thenRefusedAsNotFound() {
        fixture.given(created(), new ProjectRoleGranted(PROJECT, "ben", ProjectRole.VIEWER),
                        new ProjectRoleRevoked(PROJECT, "ben"))
                .when(new RevokeProjectRole(PROJECT, "ben"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
    }

    // --- cutover and promote ----------------------------------------------------------------------

    @Test
    void givenNothingLive_whenCutoverToReadyDeployment_thenRoutingCutOverWithoutPrevious() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(created())
                .when(new CutoverRouting(PROJECT, "dpl_1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_1", null, CutoverReason.DEPLOY));
    }

    @Test
    void givenDeploymentLive_whenCutoverToNextDeployment_thenRoutingCutOverNamesPrevious() {
        deployments.ready("dpl_2", PROJECT);

        fixture.given(released("dpl_1"))
                .when(new CutoverRouting(PROJECT, "dpl_2"))
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_2", "dpl_1", CutoverReason.DEPLOY));
    }

    @Test
    void givenDeploymentLive_whenPromotePreview_thenRoutingCutOverForPromote() {
        deployments.ready("dpl_2", PROJECT, DeploymentTarget.PREVIEW);

        fixture.given(released("dpl_1"))
                .when(new PromoteDeployment(PROJECT, "dpl_2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_2", "dpl_1", CutoverReason.PROMOTE));
    }

    @Test
    void givenDeploymentLive_whenPromoteProductionDeployment_thenRoutingCutOverForPromote() {
        deployments.ready("dpl_2", PROJECT, DeploymentTarget.PRODUCTION);

        fixture.given(released("dpl_1"))
                .when(new PromoteDeployment(PROJECT, "dpl_2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_2", "dpl_1", CutoverReason.PROMOTE));
    }

    @Test
    void givenNothingLive_whenPromotePreview_thenRoutingCutOverForPromoteWithoutPrevious() {
        deployments.ready("dpl_1", PROJECT, DeploymentTarget.PREVIEW);

        fixture.given(created())
                .when(new PromoteDeployment(PROJECT, "dpl_1"))
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_1", null, CutoverReason.PROMOTE));
    }

    @Test
    void givenReadyPreview_whenCutover_thenRefusedAsPreview() {
        deployments.ready("dpl_2", PROJECT, DeploymentTarget.PREVIEW);

        fixture.given(released("dpl_1"))
                .when(new CutoverRouting(PROJECT, "dpl_2"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(
                        equalTo("Deployment dpl_2 is a preview; previews go live only when promoted."))
                .expectNoEvents();
    }

    @Test
    void givenNothingLive_whenCutoverToReadyPreview_thenRefusedAsPreview() {
        deployments.ready("dpl_1", PROJECT, DeploymentTarget.PREVIEW);

        fixture.given(created())
                .when(new CutoverRouting(PROJECT, "dpl_1"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("previews go live only when promoted"))
                .expectNoEvents();
    }

    @Test
    void givenPreviewNotOnEveryEdge_whenCutover_thenRefusedAsPreviewRatherThanWaiting() {
        deployments.waiting("dpl_2", PROJECT, DeploymentTarget.PREVIEW, "mel");

        fixture.given(released("dpl_1"))
                .when(new CutoverRouting(PROJECT, "dpl_2"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(
                        equalTo("Deployment dpl_2 is a preview; previews go live only when promoted."))
                .expectNoEvents();
    }

    @Test
    void givenLivePreviewPromotedEarlier_whenCutoverToSamePreview_thenRefusedAsPreview() {
        deployments.ready("dpl_1", PROJECT, DeploymentTarget.PREVIEW);

        fixture.given(created(), live("dpl_1", null, CutoverReason.PROMOTE))
                .when(new CutoverRouting(PROJECT, "dpl_1"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("previews go live only when promoted"))
                .expectNoEvents();
    }

    @Test
    void givenDeploymentNotOnEveryEdge_whenCutover_thenRefusedNamingMissingEdges() {
        deployments.waiting("dpl_2", PROJECT, "mel", "syd");

        fixture.given(released("dpl_1"))
                .when(new CutoverRouting(PROJECT, "dpl_2"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(equalTo("Deployment dpl_2 is not held by every edge yet"
                        + " (waiting for mel, syd); routing stays where it is."))
                .expectNoEvents();
    }

    @Test
    void givenDeploymentNotReadyWithoutNamedEdges_whenPromote_thenRefusedWithoutEdgeList() {
        deployments.waiting("dpl_2", PROJECT);

        fixture.given(created())
                .when(new PromoteDeployment(PROJECT, "dpl_2"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(equalTo(
                        "Deployment dpl_2 is not held by every edge yet; routing stays where it is."))
                .expectNoEvents();
    }

    @Test
    void givenDeploymentOfAnotherProject_whenCutover_thenRefusedAsNotFound() {
        deployments.ready("dpl_9", OTHER_PROJECT);

        fixture.given(created())
                .when(new CutoverRouting(PROJECT, "dpl_9"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectExceptionMessage(containsString("This project has no deployment dpl_9."))
                .expectNoEvents();
    }

    @Test
    void givenDeploymentOfAnotherProject_whenPromote_thenRefusedAsNotFound() {
        deployments.ready("dpl_9", OTHER_PROJECT);

        fixture.given(released("dpl_1"))
                .when(new PromoteDeployment(PROJECT, "dpl_9"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectExceptionMessage(containsString("This project has no deployment dpl_9."))
                .expectNoEvents();
    }

    @Test
    void givenUnknownDeployment_whenCutover_thenRefusedAsNotFound() {
        fixture.given(created())
                .when(new CutoverRouting(PROJECT, "dpl_404"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectExceptionMessage(containsString("This project has no deployment dpl_404."))
                .expectNoEvents();
    }

    @Test
    void givenProject_whenCutoverWithoutDeploymentId_thenRefusedAsInvalid() {
        fixture.given(created())
                .when(new CutoverRouting(PROJECT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'deploymentId' is required"))
                .expectNoEvents();
    }

    @Test
    void givenDeploymentLive_whenCutoverToSameDeployment_thenNothingHappens() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(released("dpl_1"))
                .when(new CutoverRouting(PROJECT, "dpl_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenDeploymentLive_whenPromoteSameDeployment_thenNothingHappens() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(created(), live("dpl_1", null, CutoverReason.PROMOTE))
                .when(new PromoteDeployment(PROJECT, "dpl_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- rollback ---------------------------------------------------------------------------------

    @Test
    void givenTwoReleases_whenRollback_thenRoutingCutOverToPreviousRelease() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(released("dpl_1", "dpl_2"))
                .when(new RollbackRouting(PROJECT, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_1", "dpl_2", CutoverReason.ROLLBACK));
    }

    @Test
    void givenTwoReleasesAndAnEdgeThatEvictedTheFirst_whenRollback_thenRefusedNamingTheEdge() {
        deployments.ready("dpl_1", PROJECT);
        missingOn.put("dpl_1", List.of("sin"));

        fixture.given(released("dpl_1", "dpl_2"))
                .when(new RollbackRouting(PROJECT, null))
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(equalTo("Deployment dpl_1 is not cached on every active edge (missing on sin,"
                        + " which evicted it or never fetched it); routing stays where it is. Redeploy that version"
                        + " instead."))
                .expectNoEvents();
    }

    @Test
    void givenReadyDeploymentAcknowledgedByAnEdgeThatHasNotReportedHoldings_whenCutover_thenRoutingCutOver() {
        deployments.facts.put("dpl_1", new DeploymentReadiness.Facts("dpl_1", PROJECT, DeploymentTarget.PRODUCTION, true, List.of(),
                List.of("mel", "syd")));
        missingOn.put("dpl_1", List.of("syd"));

        fixture.given(created())
                .when(new CutoverRouting(PROJECT, "dpl_1"))
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_1", null, CutoverReason.DEPLOY));
    }

    @Test
    void givenReadyDeploymentAndAnEdgeActivatedSinceWithoutIt_whenCutover_thenRefusedNamingTheEdge() {
        deployments.facts.put("dpl_1", new DeploymentReadiness.Facts("dpl_1", PROJECT, DeploymentTarget.PRODUCTION, true, List.of(),
                List.of("mel", "syd")));
        missingOn.put("dpl_1", List.of("sin"));

        fixture.given(created())
                .when(new CutoverRouting(PROJECT, "dpl_1"))
                .expectException(kind(Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void givenDeploymentLiveThenRolledBackFrom_whenItsAutomaticCutoverIsRepeated_thenNothingHappens() {
        deployments.ready("dpl_1", PROJECT);
        deployments.ready("dpl_2", PROJECT);

        fixture.given(released("dpl_1", "dpl_2"))
                .andGiven(new RoutingCutOver(PROJECT, "dpl_1", "dpl_2", CutoverReason.ROLLBACK))
                .when(new CutoverRouting(PROJECT, "dpl_2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenPromotedRelease_whenRollback_thenRoutingCutOverToReleaseBeforeIt() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(released("dpl_1")).andGiven(live("dpl_2", "dpl_1", CutoverReason.PROMOTE))
                .when(new RollbackRouting(PROJECT, null))
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_1", "dpl_2", CutoverReason.ROLLBACK));
    }

    @Test
    void givenThreeReleases_whenRollback_thenRoutingCutOverToSecondRelease() {
        deployments.ready("dpl_2", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3"))
                .when(new RollbackRouting(PROJECT, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_2", "dpl_3", CutoverReason.ROLLBACK));
    }

    @Test
    void givenAlreadyRolledBackOnce_whenRollbackAgain_thenStepsOneMoreReleaseBack() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3")).andGiven(rolledBack("dpl_2", "dpl_3"))
                .when(new RollbackRouting(PROJECT, null))
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_1", "dpl_2", CutoverReason.ROLLBACK));
    }

    @Test
    void givenRolledBackThenNewRelease_whenRollback_thenReturnsToRolledBackToNotRolledBackFrom() {
        deployments.ready("dpl_2", PROJECT);
        deployments.ready("dpl_3", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3"))
                .andGiven(rolledBack("dpl_2", "dpl_3"), live("dpl_4", "dpl_2", CutoverReason.DEPLOY))
                .when(new RollbackRouting(PROJECT, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_2", "dpl_4", CutoverReason.ROLLBACK));
    }

    @Test
    void givenRolledBackThenNewReleaseRolledBackToo_whenRollback_thenStepsToFirstRelease() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3"))
                .andGiven(rolledBack("dpl_2", "dpl_3"), live("dpl_4", "dpl_2", CutoverReason.DEPLOY),
                        rolledBack("dpl_2", "dpl_4"))
                .when(new RollbackRouting(PROJECT, null))
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_1", "dpl_2", CutoverReason.ROLLBACK));
    }

    @Test
    void givenFourReleases_whenRollbackToNeverReleasedReadyDeployment_thenRoutingCutOverToIt() {
        deployments.ready("dpl_x", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3", "dpl_4"))
                .when(new RollbackRouting(PROJECT, "dpl_x"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_x", "dpl_4", CutoverReason.ROLLBACK));
    }

    @Test
    void givenNamedRollbackToNeverReleasedDeployment_whenRollback_thenGoesToLatestRemainingRelease() {
        deployments.ready("dpl_3", PROJECT);
        deployments.ready("dpl_4", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3", "dpl_4")).andGiven(rolledBack("dpl_x", "dpl_4"))
                .when(new RollbackRouting(PROJECT, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_3", "dpl_x", CutoverReason.ROLLBACK));
    }

    @Test
    void givenRolledBackFromOnlyRelease_whenRollback_thenRefusedAsNoEarlierDeployment() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(released("dpl_1")).andGiven(rolledBack("dpl_x", "dpl_1"))
                .when(new RollbackRouting(PROJECT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("There is no earlier deployment to roll back to."))
                .expectNoEvents();
    }

    @Test
    void givenRolledBackFromRelease_whenRollbackToItByName_thenRoutingCutOverToIt() {
        deployments.ready("dpl_3", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3")).andGiven(rolledBack("dpl_2", "dpl_3"))
                .when(new RollbackRouting(PROJECT, "dpl_3"))
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_3", "dpl_2", CutoverReason.ROLLBACK));
    }

    @Test
    void givenRolledBackFromReleaseThenItIsPromotedAgain_whenRollback_thenGoesToReleaseBeforeIt() {
        deployments.ready("dpl_2", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3"))
                .andGiven(rolledBack("dpl_2", "dpl_3"), live("dpl_3", "dpl_2", CutoverReason.PROMOTE))
                .when(new RollbackRouting(PROJECT, null))
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_2", "dpl_3", CutoverReason.ROLLBACK));
    }

    @Test
    void givenThreeReleases_whenRollbackToNamedDeployment_thenRoutingCutOverToIt() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3"))
                .when(new RollbackRouting(PROJECT, "dpl_1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_1", "dpl_3", CutoverReason.ROLLBACK));
    }

    @Test
    void givenNamedRollbackToFirstRelease_whenRollback_thenRefusedRatherThanMovingForward() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(released("dpl_1", "dpl_2", "dpl_3"))
                .andGiven(rolledBack("dpl_1", "dpl_3"))
                .when(new RollbackRouting(PROJECT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("no earlier deployment"))
                .expectNoEvents();
    }

    @Test
    void givenAnotherProjectsReadyPreview_whenCutover_thenRefusedAsNotFoundWithoutRevealingIt() {
        deployments.ready("dpl_theirs", OTHER_PROJECT, DeploymentTarget.PREVIEW);

        fixture.given(created())
                .when(new CutoverRouting(PROJECT, "dpl_theirs"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenNothingLive_whenRollback_thenRefusedAsConflict() {
        fixture.given(created())
                .when(new RollbackRouting(PROJECT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("Nothing is live yet, so there is nothing to roll back from."))
                .expectNoEvents();
    }

    @Test
    void givenNothingLive_whenRollbackToNamedDeployment_thenRefusedAsConflict() {
        deployments.ready("dpl_1", PROJECT);

        fixture.given(created())
                .when(new RollbackRouting(PROJECT, "dpl_1"))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("Nothing is live yet"))
                .expectNoEvents();
    }

    @Test
    void givenOnlyOneRelease_whenRollback_thenRefusedAsNoEarlierDeployment() {
        fixture.given(released("dpl_1"))
                .when(new RollbackRouting(PROJECT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("There is no earlier deployment to roll back to."))
                .expectNoEvents();
    }

    @Test
    void givenRolledBackToFirstRelease_whenRollbackAgain_thenRefusedAsNoEarlierDeployment() {
        fixture.given(released("dpl_1", "dpl_2")).andGiven(rolledBack("dpl_1", "dpl_2"))
                .when(new RollbackRouting(PROJECT, null))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("There is no earlier deployment to roll back to."))
                .expectNoEvents();
    }

    @Test
    void givenDeploymentLive_whenRollbackToLiveDeployment_thenRefusedAsAlreadyLive() {
        deployments.ready("dpl_2", PROJECT);

        fixture.given(released("dpl_1", "dpl_2"))
                .when(new RollbackRouting(PROJECT, "dpl_2"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(containsString("Deployment dpl_2 is already live."))
                .expectNoEvents();
    }

    @Test
    void givenPreviousReleaseNoLongerOnEveryEdge_whenRollback_thenRefusedNamingMissingEdges() {
        deployments.waiting("dpl_1", PROJECT, "per");

        fixture.given(released("dpl_1", "dpl_2"))
                .when(new RollbackRouting(PROJECT, null))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(
                        containsString("Deployment dpl_1 is not held by every edge yet (waiting for per)"))
                .expectNoEvents();
    }

    @Test
    void givenNamedTargetNotReady_whenRollback_thenRefusedAsConflict() {
        deployments.waiting("dpl_1", PROJECT, "mel");

        fixture.given(released("dpl_1", "dpl_2", "dpl_3"))
                .when(new RollbackRouting(PROJECT, "dpl_1"))
                .expectException(Refused.class)
                .expectException(kind(Kind.CONFLICT))
                .expectExceptionMessage(
                        containsString("Deployment dpl_1 is not held by every edge yet (waiting for mel)"))
                .expectNoEvents();
    }

    @Test
    void givenDeploymentLive_whenRollbackToAnotherProjectsDeployment_thenRefusedAsNotFound() {
        deployments.ready("dpl_9", OTHER_PROJECT);

        fixture.given(released("dpl_1"))
                .when(new RollbackRouting(PROJECT, "dpl_9"))
                .expectException(Refused.class)
                .expectException(kind(Kind.NOT_FOUND))
                .expectExceptionMessage(containsString("This project has no deployment dpl_9."))
                .expectNoEvents();
    }

    @Test
    void givenRolledBack_whenCutoverToNewDeployment_thenPreviousIsTheRolledBackTo() {
        deployments.ready("dpl_3", PROJECT);

        fixture.given(released("dpl_1", "dpl_2")).andGiven(rolledBack("dpl_1", "dpl_2"))
                .when(new CutoverRouting(PROJECT, "dpl_3"))
                .expectEvents(new RoutingCutOver(PROJECT, "dpl_3", "dpl_1", CutoverReason.DEPLOY));
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static ProjectCreated created() {
        return new ProjectCreated(PROJECT, "shop", "ana");
    }

    private static RoutingCutOver live(String deploymentId, String previous, CutoverReason reason) {
        return new RoutingCutOver(PROJECT, deploymentId, previous, reason);
    }

    /** The project, then each deployment going live by deploy in turn: the releases a rollback steps through. */
    private static List<Object> released(String... deploymentIds) {
        List<Object> history = new ArrayList<>(List.of(created()));
        String previous = null;
        for (String deploymentId : deploymentIds) {
            history.add(live(deploymentId, previous, CutoverReason.DEPLOY));
            previous = deploymentId;
        }
        return history;
    }

    private static RoutingCutOver rolledBack(String to, String from) {
        return live(to, from, CutoverReason.ROLLBACK);
    }

    /** The claims table of other projects: a name or domain belongs to whichever project claimed it first. */
    private static final class InMemoryClaims implements Claims {

        final Map<String, String> names = new HashMap<>();
        final Map<String, String> domains = new HashMap<>();
        int domainCalls;

        @Override
        public boolean claimName(String name, String projectId) {
            return projectId.equals(names.computeIfAbsent(name, n -> projectId));
        }

        @Override
        public boolean claimDomain(String domain, String projectId) {
            domainCalls++;
            return projectId.equals(domains.computeIfAbsent(domain, d -> projectId));
        }

        @Override
        public void releaseDomain(String domain, String projectId) {
            domains.remove(domain, projectId);
        }
    }

    /** What the deployment side knows: which project each deployment belongs to and which edges hold it. */
    private static final class KnownDeployments implements DeploymentReadiness {

        private final Map<String, Facts> facts = new HashMap<>();

        /** A production deployment every required edge holds. */
        void ready(String deploymentId, String projectId) {
            ready(deploymentId, projectId, DeploymentTarget.PRODUCTION);
        }

        void ready(String deploymentId, String projectId, DeploymentTarget target) {
            facts.put(deploymentId, new Facts(deploymentId, projectId, target, true, List.of(), List.of()));
        }

        /** A production deployment still waiting for {@code missingEdges}. */
        void waiting(String deploymentId, String projectId, String... missingEdges) {
            waiting(deploymentId, projectId, DeploymentTarget.PRODUCTION, missingEdges);
        }

        void waiting(String deploymentId, String projectId, DeploymentTarget target, String... missingEdges) {
            facts.put(deploymentId, new Facts(deploymentId, projectId, target, false, List.of(missingEdges), List.of()));
        }

        @Override
        public Optional<Facts> readiness(String deploymentId) {
            return Optional.ofNullable(facts.get(deploymentId));
        }
    }
}
