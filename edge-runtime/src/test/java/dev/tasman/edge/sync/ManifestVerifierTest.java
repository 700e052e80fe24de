package dev.tasman.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.api.Json;
import dev.tasman.api.manifest.Manifest;
import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.edge.cache.Sha256;
import dev.tasman.edge.control.ControlPlane.SignedManifest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks on a manifest that need no network; FetchTest covers tampering end to end. */
class ManifestVerifierTest {

    static final String SHA = "a".repeat(64);
    final KeyPair keys = generate();
    final ManifestVerifier verifier = new ManifestVerifier(keys.getPublic());

    @Test
    void givenAGoodManifest_whenVerified_thenItsBlobsIncludeVariants() throws Exception {
        byte[] body = body(new ManifestFile("app.js", SHA, 1, "text/javascript", "b".repeat(64), null));

        var verified = verifier.verify(new Wanted("dpl_1", "prj_1", Sha256.prefixed(body), true), signed(body));

        assertThat(verified.blobs()).containsExactly(SHA, "b".repeat(64));
        assertThat(verified.digest()).isEqualTo(Sha256.prefixed(body));
    }

    @Test
    void givenNoAnnouncedDigest_whenTheSignatureHolds_thenAccepted() throws Exception {
        byte[] body = body(new ManifestFile("index.html", SHA, 1, "text/html", null, null));

        assertThat(verifier.verify(new Wanted("dpl_1", "prj_1", null, false), signed(body)).manifest().deploymentId())
                .isEqualTo("dpl_1");
    }

    @Test
    void givenAManifestOfAnotherDeployment_whenVerified_thenRejected() throws Exception {
        byte[] body = body(new ManifestFile("index.html", SHA, 1, "text/html", null, null));

        assertThatThrownBy(() -> verifier.verify(new Wanted("dpl_2", "prj_1", null, false), signed(body)))
                .isInstanceOf(SyncFailed.class).hasMessageContaining("is for dpl_1");
    }

    @Test
    void givenABlobNameThatIsNoSha256_whenVerified_thenRejected() throws Exception {
        byte[] body = body(new ManifestFile("index.html", "../../etc/passwd", 1, "text/html", null, null));

        assertThatThrownBy(() -> verifier.verify(new Wanted("dpl_1", "prj_1", null, false), signed(body)))
                .isInstanceOf(SyncFailed.class).hasMessageContaining("not a SHA-256");
    }

    @Test
    void givenNoSignature_whenVerified_thenRejected() throws Exception {
        byte[] body = body(new ManifestFile("index.html", SHA, 1, "text/html", null, null));

        assertThatThrownBy(() -> verifier.verify(new Wanted("dpl_1", "prj_1", null, false),
                new SignedManifest(body, null, null, null))).isInstanceOf(SyncFailed.class)
                .hasMessageContaining("signature");
    }

    private static byte[] body(ManifestFile file) throws Exception {
        return Json.mapper().writeValueAsBytes(new Manifest(1, "dpl_1", "prj_1", List.of(file), RoutingRules.none(),
                null));
    }

    private SignedManifest signed(byte[] body) throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(keys.getPrivate());
        signature.update(body);
        return new SignedManifest(body, Sha256.prefixed(body), Base64.getEncoder().encodeToString(signature.sign()),
                "test");
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
