package dev.tasman.control.access;

import static dev.tasman.control.shared.RefusalMatchers.kind;
import static dev.tasman.control.shared.RefusalMatchers.field;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tasman.api.access.IssueToken;
import dev.tasman.api.access.RevokeToken;
import dev.tasman.api.access.TokenIssued;
import dev.tasman.api.access.TokenKind;
import dev.tasman.api.access.TokenRevoked;
import dev.tasman.control.shared.Refused;
import dev.tasman.control.shared.Refused.Kind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokenTest {

    private static final String TOKEN = "tok_00000000000000e1";
    private static final String HASH = "sha256:" + "0f".repeat(32);

    private FixtureConfiguration<ApiToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiToken.class);
    }

    // --- issue ------------------------------------------------------------------------------------

    @Test
    void givenNoToken_whenIssueUserToken_thenTokenIssued() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "ana", TokenKind.USER, null, "laptop", HASH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TokenIssued(TOKEN, "ana", TokenKind.USER, null, "laptop", HASH));
    }

    @Test
    void givenNoToken_whenIssueAdminTokenWithoutLabel_thenTokenIssued() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "admin", TokenKind.ADMIN, null, null, HASH))
                .expectEvents(new TokenIssued(TOKEN, "admin", TokenKind.ADMIN, null, null, HASH));
    }

    @Test
    void givenNoToken_whenIssueEdgeTokenNamingItsEdge_thenTokenIssued() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "edge:syd", TokenKind.EDGE, "syd", "syd edge", HASH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TokenIssued(TOKEN, "edge:syd", TokenKind.EDGE, "syd", "syd edge", HASH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0f0f", "sha256:" + "0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F",
            "md5:0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f", "sha256:0f0f", ""})
    void givenNoToken_whenIssueTokenWithBadHash_thenRefusedAsInvalid(String hash) {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "ana", TokenKind.USER, null, "laptop", hash))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'tokenHash'"))
                .expectNoEvents();
    }

    @Test
    void givenNoToken_whenIssueTokenWithShortHash_thenRefusedNamingTheExpectedShape() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "ana", TokenKind.USER, null, "laptop", "sha256:0f0f"))
                .expectException(Refused.class)
                .expectExceptionMessage(containsString("'tokenHash' must be sha256:<64 hex digits>, got 'sha256:0f0f'"))
                .expectNoEvents();
    }

    @Test
    void givenNoToken_whenIssueEdgeTokenWithoutEdgeId_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "edge:syd", TokenKind.EDGE, null, "syd edge", HASH))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(equalTo("An edge token names its edge, and only an edge token does."))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SYD", "1syd", "syd_1", "syd.edge", "s y d"})
    void givenNoToken_whenIssueEdgeTokenWithMalformedEdgeId_thenRefusedAsInvalid(String edgeId) {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "edge:syd", TokenKind.EDGE, edgeId, "syd edge", HASH))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectException(field("edgeId"))
                .expectExceptionMessage(equalTo("'edgeId' must be an edge id such as syd, got '" + edgeId + "'"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", ""})
    void givenNoToken_whenIssueEdgeTokenWithBlankEdgeId_thenRefusedAsInvalid(String edgeId) {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "edge:syd", TokenKind.EDGE, edgeId, "syd edge", HASH))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectException(field("edgeId"))
                .expectExceptionMessage(containsString("'edgeId' is required"))
                .expectNoEvents();
    }

    @Test
    void givenNoToken_whenIssueEdgeTokenForHyphenatedEdge_thenTokenIssued() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "edge:local-1", TokenKind.EDGE, "local-1", null, HASH))
                .expectEvents(new TokenIssued(TOKEN, "edge:local-1", TokenKind.EDGE, "local-1", null, HASH));
    }

    @Test
    void givenNoToken_whenIssueUserTokenWithEdgeId_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "ana", TokenKind.USER, "syd", "laptop", HASH))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(equalTo("An edge token names its edge, and only an edge token does."))
                .expectNoEvents();
    }

    @Test
    void givenNoToken_whenIssueAdminTokenWithEdgeId_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "admin", TokenKind.ADMIN, "syd", null, HASH))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("only an edge token does"))
                .expectNoEvents();
    }

    @Test
    void givenNoToken_whenIssueTokenWithInvalidSubject_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "ana smith", TokenKind.USER, null, "laptop", HASH))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'subject' must be a user name, got 'ana smith'"))
                .expectNoEvents();
    }

    @Test
    void givenNoToken_whenIssueTokenWithoutKind_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "ana", null, null, "laptop", HASH))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'kind' is required"))
                .expectNoEvents();
    }

    @Test
    void givenNoToken_whenIssueTokenWithTooLongLabel_thenRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken(TOKEN, "ana", TokenKind.USER, null, "l".repeat(129), HASH))
                .expectException(Refused.class)
                .expectException(kind(Kind.INVALID))
                .expectExceptionMessage(containsString("'label' may be at most 128 characters, got 129"))
                .expectNoEvents();
    }

    // --- revoke -----------------------------------------------------------------------------------

    @Test
    void givenIssuedToken_whenRevokeToken_thenTokenRevokedForItsSubject() {
        fixture.given(issued())
                .when(new RevokeToken(TOKEN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TokenRevoked(TOKEN, "ana"));
    }

    @Test
    void givenRevokedToken_whenRevokeTokenAgain_thenNothingHappens() {
        fixture.given(issued(), new TokenRevoked(TOKEN, "ana"))
                .when(new RevokeToken(TOKEN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static TokenIssued issued() {
        return new TokenIssued(TOKEN, "ana", TokenKind.USER, null, "laptop", HASH);
    }
}
