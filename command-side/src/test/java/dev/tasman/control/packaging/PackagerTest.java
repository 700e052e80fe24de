package dev.tasman.control.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aayushatharva.brotli4j.decoder.Decoder;
import dev.tasman.api.manifest.Manifest;
import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.control.origin.FileOriginStore;
import dev.tasman.control.origin.OriginStore;
import dev.tasman.control.origin.Sha256;
import dev.tasman.control.origin.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagerTest {

    private static final long NO_LIMIT = 0;

    @TempDir
    Path data;

    @TempDir
    Path work;

    private FileOriginStore origin;
    private SigningKey signingKey;
    private Packager packager;
    private Path dist;

    @BeforeEach
    void setUp() throws IOException {
        origin = new FileOriginStore(data.resolve("origin"));
        signingKey = new SigningKey(data.resolve("keys/signing.key"));
        packager = new Packager(origin, signingKey);
        dist = Files.createDirectories(work.resolve("dist"));
    }

    @Test
    void givenAnOutput_whenPacked_thenEveryFileIsListedInPathOrderWithHashSizeAndType() throws Exception {
        write("index.html", html(4000));
        write("app.js", "console.log('hi')");
        write("assets/logo.png", random(3000, 1));
        write("assets/data.JSON", "{\"a\":1}");
        write("LICENSE", "MIT");

        Packager.Packaged packaged = packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT);

        Manifest manifest = stored("dpl_1");
        assertThat(manifest.version()).isEqualTo(Manifest.CURRENT_VERSION);
        assertThat(manifest.deploymentId()).isEqualTo("dpl_1");
        assertThat(manifest.projectId()).isEqualTo("prj_1");
        assertThat(manifest.files()).extracting(ManifestFile::path)
                .containsExactly("LICENSE", "app.js", "assets/data.JSON", "assets/logo.png", "index.html");
        assertThat(manifest.files()).extracting(ManifestFile::contentType).containsExactly(
                "application/octet-stream", "text/javascript; charset=utf-8", "application/json; charset=utf-8",
                "image/png", "text/html; charset=utf-8");
        for (ManifestFile file : manifest.files()) {
            Path source = dist.resolve(file.path());
            assertThat(file.sha256()).isEqualTo(Sha256.of(source));
            assertThat(file.size()).isEqualTo(Files.size(source));
            assertThat(origin.contains(file.sha256())).as(file.path()).isTrue();
        }
        assertThat(packaged.fileCount()).isEqualTo(5);
        assertThat(packaged.totalBytes()).isEqualTo(manifest.files().stream().mapToLong(ManifestFile::size).sum());
        assertThat(packaged.reusedBlobs()).isZero();
        assertThat(packaged.uploadedBlobs()).isEqualTo(5 + 2); // and index.html's two variants
        assertThat(packaged.uploadedBytes()).isEqualTo(blobBytes());
    }

    @Test
    void givenFilesOfEveryKind_whenPacked_thenVariantsExistOnlyWhereCompressingPays() throws Exception {
        write("page.html", html(8000));
        write("small.css", "body{margin:0}");
        write("noise.txt", random(4000, 2));
        write("photo.jpg", random(5000, 3));
        write("icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">" + "<rect width=\"1\" height=\"1\"/>".repeat(60)
                + "</svg>");

        packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT);

        Map<String, ManifestFile> files = byPath(stored("dpl_1"));
        ManifestFile page = files.get("page.html");
        assertThat(page.gzip()).isNotNull();
        assertThat(page.brotli()).isNotNull();
        assertThat(origin.size(page.brotli())).isLessThan(page.size() * 9 / 10);
        assertThat(gunzip(page.gzip())).isEqualTo(Files.readAllBytes(dist.resolve("page.html")));
        assertThat(unbrotli(page.brotli())).isEqualTo(Files.readAllBytes(dist.resolve("page.html")));
        assertThat(files.get("icon.svg").gzip()).isNotNull();
        assertThat(files.get("small.css")).as("under 1 KB").extracting(ManifestFile::gzip, ManifestFile::brotli)
                .containsOnlyNulls();
        assertThat(files.get("noise.txt")).as("incompressible").extracting(ManifestFile::gzip, ManifestFile::brotli)
                .containsOnlyNulls();
        assertThat(files.get("photo.jpg")).as("already compressed").extracting(ManifestFile::gzip,
                ManifestFile::brotli).containsOnlyNulls();
    }

    @Test
    void givenAnEarlierDeployment_whenOneFileChanged_thenOnlyItsBlobsAreUploaded() throws Exception {
        write("index.html", html(6000));
        write("about.html", html(3000));
        write("app.js", "console.log(1)");
        write("logo.png", random(2000, 4));
        Packager.Packaged first = packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT);
        Set<String> before = blobNames();

        write("index.html", html(6000).replace("Section 1 ", "Section one "));
        Packager.Packaged second = packager.pack("dpl_2", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT);

        ManifestFile changed = byPath(stored("dpl_2")).get("index.html");
        Set<String> added = new HashSet<>(blobNames());
        added.removeAll(before);
        assertThat(added).containsExactlyInAnyOrder(changed.sha256(), changed.gzip(), changed.brotli());
        assertThat(second.uploadedBlobs()).isEqualTo(3);
        assertThat(second.uploadedBytes()).isEqualTo(origin.size(changed.sha256()) + origin.size(changed.gzip())
                + origin.size(changed.brotli()));
        assertThat(second.reusedBlobs()).isEqualTo(first.uploadedBlobs() - 3);
        assertThat(second.manifestDigest()).isNotEqualTo(first.manifestDigest());
    }

    @Test
    void givenTheSameOutputAgain_whenPackedInANewPackager_thenNothingIsUploadedAndTheFilesAreTheSame()
            throws Exception {
        write("index.html", html(6000));
        write("app.js", "console.log(1)");
        packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT);

        Packager.Packaged again = new Packager(origin, signingKey).pack("dpl_2", "prj_1", dist, RoutingRules.none(),
                null, NO_LIMIT);

        assertThat(again.uploadedBlobs()).isZero();
        assertThat(again.uploadedBytes()).isZero();
        assertThat(again.reusedBlobs()).isEqualTo(4);
        assertThat(stored("dpl_2").files()).isEqualTo(stored("dpl_1").files());
    }

    @Test
    void givenAnOutputOverTheLimit_whenPacked_thenRefusedBeforeAnythingIsUploaded() throws Exception {
        write("a.bin", random(600_000, 5));
        write("b.bin", random(600_000, 6));

        assertThatThrownBy(() -> packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, 1024 * 1024))
                .isInstanceOf(PackagingFailed.class)
                .hasMessage("the build output is 1.1 MB, over the 1.0 MB limit; make it smaller or ask an admin to"
                        + " raise the limit");
        assertThat(blobNames()).isEmpty();
        assertThat(origin.manifest("dpl_1")).isEmpty();
    }

    @Test
    void givenAServerEntry_whenPacked_thenItMustBeOneOfTheFiles() throws Exception {
        write("index.html", "<p>hi</p>");
        write("server/index.js", "export default { fetch() {} }");

        assertThatThrownBy(() -> packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), "server/main.js",
                NO_LIMIT)).isInstanceOf(PackagingFailed.class)
                .hasMessageStartingWith("the SSR entry 'server/main.js' is not in the output");
        assertThat(origin.manifest("dpl_1")).isEmpty();

        packager.pack("dpl_2", "prj_1", dist, RoutingRules.none(), "./server/index.js", NO_LIMIT);
        assertThat(stored("dpl_2").server()).isEqualTo("server/index.js");
    }

    @Test
    void givenLinksPointingOutOfTheOutput_whenPacked_thenRefused() throws Exception {
        write("index.html", "<p>hi</p>");
        Path secret = Files.writeString(work.resolve("secret.txt"), "token");
        Files.createSymbolicLink(dist.resolve("x"), secret);

        assertThatThrownBy(() -> packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT))
                .isInstanceOf(PackagingFailed.class)
                .hasMessageStartingWith("'x' is a link pointing outside the output directory");

        Files.delete(dist.resolve("x"));
        Files.createDirectories(dist.resolve("nested"));
        Files.createSymbolicLink(dist.resolve("nested/up"), Path.of("../.."));
        assertThatThrownBy(() -> packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT))
                .hasMessageStartingWith("'nested/up' is a link pointing outside the output directory");

        Files.delete(dist.resolve("nested/up"));
        Files.createSymbolicLink(dist.resolve("nested/gone"), Path.of("../../missing/file"));
        assertThatThrownBy(() -> packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT))
                .hasMessageStartingWith("'nested/gone' is a link pointing outside the output directory");
        Path controlData = Files.createDirectories(work.resolve("control-data"));
        Files.writeString(controlData.resolve("admin-token"), "tsm_secret");
        Path linkedOutput = Files.createSymbolicLink(work.resolve("build"), controlData);
        assertThatThrownBy(() -> packager.pack("dpl_1", "prj_1", linkedOutput, RoutingRules.none(), null, NO_LIMIT))
                .hasMessageStartingWith("the output directory 'build' is a link");
        assertThat(blobNames()).isEmpty();
        assertThat(origin.manifest("dpl_1")).isEmpty();
    }

    @Test
    void givenLinksInsideTheOutput_whenPacked_thenTheyServeTheirTargetAndLoopsOrDanglingOnesAreRefused()
            throws Exception {
        write("index.html", "<p>hi</p>");
        write("docs/guide.html", "<p>guide</p>");
        Files.createSymbolicLink(dist.resolve("home.html"), Path.of("index.html"));
        Files.createSymbolicLink(dist.resolve("manual"), Path.of("docs"));

        packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT);

        Map<String, ManifestFile> files = byPath(stored("dpl_1"));
        assertThat(files).containsOnlyKeys("docs/guide.html", "home.html", "index.html", "manual/guide.html");
        assertThat(files.get("home.html").sha256()).isEqualTo(files.get("index.html").sha256());

        Files.createSymbolicLink(dist.resolve("docs/loop"), Path.of(".."));
        assertThatThrownBy(() -> packager.pack("dpl_2", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT))
                .isInstanceOf(PackagingFailed.class).hasMessageContaining("is a link back to a directory");

        Files.delete(dist.resolve("docs/loop"));
        Files.createSymbolicLink(dist.resolve("dangling.css"), Path.of("missing.css"));
        assertThatThrownBy(() -> packager.pack("dpl_2", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT))
                .isInstanceOf(PackagingFailed.class)
                .hasMessage("'dangling.css' is a link to 'missing.css', which does not exist in the output");
    }

    @Test
    void givenAPipeInTheOutput_whenPacked_thenRefused() throws Exception {
        write("index.html", "<p>hi</p>");
        Process mkfifo = new ProcessBuilder("mkfifo", dist.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThatThrownBy(() -> packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT))
                .isInstanceOf(PackagingFailed.class).hasMessageStartingWith("'pipe' is not a regular file");
    }

    @Test
    void givenAMissingEmptyOrVersionControlledOutput_whenPacked_thenItSaysWhatIsWrongOrLeavesMetadataOut()
            throws Exception {
        assertThatThrownBy(() -> packager.pack("dpl_1", "prj_1", work.resolve("build"), RoutingRules.none(), null,
                NO_LIMIT)).isInstanceOf(PackagingFailed.class)
                .hasMessageStartingWith("the output directory 'build' does not exist");
        assertThatThrownBy(() -> packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT))
                .isInstanceOf(PackagingFailed.class).hasMessageContaining("holds no files");

        write(".git/config", "[core]");
        write("index.html", "<p>hi</p>");
        packager.pack("dpl_1", "prj_1", dist, RoutingRules.none(), null, NO_LIMIT);
        assertThat(byPath(stored("dpl_1"))).containsOnlyKeys("index.html");
    }

    @Test
    void givenAFailureAfterSomeBlobsWereStored_whenPacking_thenNoManifestExists() throws Exception {
        write("a.png", random(100, 7));
        write("b.png", random(100, 8));
        write("c.png", random(100, 9));
        OriginStore diskFillsUp = new FileOriginStoreThatFillsUp(origin, 2);

        assertThatThrownBy(() -> new Packager(diskFillsUp, signingKey).pack("dpl_1", "prj_1", dist,
                RoutingRules.none(), null, NO_LIMIT)).isInstanceOf(IOException.class).hasMessage("No space left on device");

        assertThat(blobNames()).hasSize(2);
        assertThat(origin.manifest("dpl_1")).isEmpty();
    }

    @Test
    void givenSuccess_whenPacked_thenTheStoredManifestIsSignedAndNamedByTheReturnedDigest() throws Exception {
        write("index.html", "<p>hi</p>");
        RoutingRules routing = new RoutingRules(List.of(), List.of(), List.of(), true, false, "index.html");

        Packager.Packaged packaged = packager.pack("dpl_1", "prj_1", dist, routing, null, NO_LIMIT);

        OriginStore.StoredManifest stored = origin.manifest("dpl_1").orElseThrow();
        assertThat(stored.digest()).isEqualTo(packaged.manifestDigest())
                .isEqualTo(Manifests.digest(stored.canonicalJson()));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(signingKey.publicKeyDer())));
        verifier.update(stored.canonicalJson());
        assertThat(verifier.verify(stored.signature())).isTrue();
        assertThat(Manifests.parse(stored.canonicalJson()).routing()).isEqualTo(routing);
    }

    /** The real store, until the disk is full: the failure a packaging can meet after storing some blobs. */
    private static final class FileOriginStoreThatFillsUp implements OriginStore {

        private final FileOriginStore store;
        private int room;

        FileOriginStoreThatFillsUp(FileOriginStore store, int room) {
            this.store = store;
            this.room = room;
        }

        @Override
        public void put(String sha256, Path file) throws IOException {
            if (room-- <= 0) {
                throw new IOException("No space left on device");
            }
            store.put(sha256, file);
        }

        @Override
        public boolean contains(String sha256) {
            return store.contains(sha256);
        }

        @Override
        public long size(String sha256) {
            return store.size(sha256);
        }

        @Override
        public Path path(String sha256) {
            return store.path(sha256);
        }

        @Override
        public InputStream open(String sha256) throws IOException {
            return store.open(sha256);
        }

        @Override
        public void putManifest(String deploymentId, byte[] canonicalJson, byte[] signature) throws IOException {
            store.putManifest(deploymentId, canonicalJson, signature);
        }

        @Override
        public Optional<StoredManifest> manifest(String deploymentId) {
            return store.manifest(deploymentId);
        }
    }

    private Manifest stored(String deploymentId) throws IOException {
        return Manifests.parse(origin.manifest(deploymentId).orElseThrow().canonicalJson());
    }

    private static Map<String, ManifestFile> byPath(Manifest manifest) {
        return manifest.files().stream().collect(Collectors.toMap(ManifestFile::path, Function.identity()));
    }

    private Set<String> blobNames() throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("origin/blobs"))) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getParent().getFileName().toString() + p.getFileName()).collect(Collectors.toSet());
        }
    }

    private long blobBytes() throws IOException {
        long total = 0;
        for (String sha : blobNames()) {
            total += origin.size(sha);
        }
        return total;
    }

    private byte[] gunzip(String sha) throws IOException {
        try (InputStream in = new GZIPInputStream(origin.open(sha))) {
            return in.readAllBytes();
        }
    }

    private byte[] unbrotli(String sha) throws IOException {
        try (InputStream in = origin.open(sha)) {
            return Decoder.decompress(in.readAllBytes()).getDecompressedData();
        }
    }

    private void write(String path, String content) throws IOException {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String path, byte[] content) throws IOException {
        Path file = dist.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private static String html(int approximateBytes) {
        StringBuilder page = new StringBuilder("<!doctype html><html><body>");
        for (int i = 0; page.length() < approximateBytes; i++) {
            page.append("<section><h2>Section ").append(i).append(" </h2><p>Tasman serves this page.</p></section>\n");
        }
        return page.append("</body></html>").toString();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
