package dev.tasman.edge.sync;

import dev.tasman.api.Json;
import dev.tasman.api.manifest.Manifest;
import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.edge.cache.Sha256;
import dev.tasman.edge.control.ControlPlane.SignedManifest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Invariant 2's first half: a manifest is believed only when the bytes received hash to the digest
 * the feed announced (and the origin stated) and their Ed25519 signature verifies with the control
 * plane's public key. Only then are they parsed, and the manifest must name the deployment and
 * project asked for and only well-formed blob names.
 */
final class ManifestVerifier {

    private final PublicKey controlPlaneKey;

    ManifestVerifier(PublicKey controlPlaneKey) {
        this.controlPlaneKey = controlPlaneKey;
    }

    Verified verify(Wanted wanted, SignedManifest signed) throws SyncFailed {
        String digest = Sha256.prefixed(signed.body());
        String id = wanted.deploymentId();
        if (wanted.manifestDigest() != null && !wanted.manifestDigest().equals(digest)) {
            throw SyncFailed.rejected("manifest of " + id + " hashes to " + digest + ", but the feed announced "
                    + wanted.manifestDigest());
        }
        if (signed.digest() != null && !signed.digest().equals(digest)) {
            throw SyncFailed.rejected("manifest of " + id + " hashes to " + digest + ", but origin stated "
                    + signed.digest());
        }
        if (!signatureHolds(signed)) {
            throw SyncFailed.rejected("manifest signature of " + id + " does not verify with the control plane's public"
                    + " key (origin named key " + signed.keyId() + ")");
        }
        Manifest manifest = parse(id, signed.body());
        if (!id.equals(manifest.deploymentId()) || !wanted.projectId().equals(manifest.projectId())) {
            throw SyncFailed.rejected("manifest fetched for " + id + " of project " + wanted.projectId()
                    + " is for " + manifest.deploymentId() + " of project " + manifest.projectId());
        }
        return new Verified(manifest, digest, blobsOf(id, manifest));
    }

    private boolean signatureHolds(SignedManifest signed) {
        if (signed.signature() == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(controlPlaneKey);
            signature.update(signed.body());
            return signature.verify(Base64.getDecoder().decode(signed.signature().strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Manifest parse(String id, byte[] body) throws SyncFailed {
        Manifest manifest;
        try {
            manifest = Json.mapper().readValue(body, Manifest.class);
        } catch (IOException e) {
            throw SyncFailed.rejected("manifest of " + id + " is signed but not a readable manifest");
        }
        if (manifest.version() > Manifest.CURRENT_VERSION) {
            throw SyncFailed.rejected("manifest of " + id + " is version " + manifest.version() + "; this edge reads"
                    + " version " + Manifest.CURRENT_VERSION + ": upgrade the edge");
        }
        if (manifest.files() == null) {
            throw SyncFailed.rejected("manifest of " + id + " lists no files");
        }
        return manifest;
    }

    private static Set<String> blobsOf(String id, Manifest manifest) throws SyncFailed {
        for (ManifestFile file : manifest.files()) {
            if (!Sha256.isHex(file.sha256()) || !validOrAbsent(file.gzip()) || !validOrAbsent(file.brotli())) {
                throw SyncFailed.rejected("manifest of " + id + " names a blob for " + file.path()
                        + " that is not a SHA-256 in lowercase hex");
            }
        }
        return blobs(manifest.files());
    }

    /** Every blob a deployment needs: each file's bytes and its precompressed variants. */
    static Set<String> blobs(Collection<ManifestFile> files) {
        Set<String> blobs = new LinkedHashSet<>();
        for (ManifestFile file : files) {
            Stream.of(file.sha256(), file.gzip(), file.brotli()).filter(Objects::nonNull).forEach(blobs::add);
        }
        return blobs;
    }

    private static boolean validOrAbsent(String sha256) {
        return sha256 == null || Sha256.isHex(sha256);
    }

    record Verified(Manifest manifest, String digest, Set<String> blobs) {
    }
}
