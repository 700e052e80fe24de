package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.edge.routing.Site;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Variants, ETags and 304, ranges, HEAD, and files too large to hold in memory. */
class FileResponseTest {

    private static final String SITE = "http://files.edge.test";
    private static final String TEXT = "0123456789abcdefghij";
    private static final String STYLE = "body { color: rebeccapurple; }";

    @RegisterExtension
    static final TestEdge edge = new TestEdge();
    static byte[] large;

    @BeforeAll
    static void publish() {
        large = new byte[BlobMemory.MAX_BLOB * 3 + 17];
        new Random(7).nextBytes(large);
        Site site = edge.site("dpl_files", "prj_files")
                .file("notes.txt", "text/plain", TEXT)
                .compressed("style.css", "text/css", STYLE, true)
                .compressed("data.json", "application/json", "{\"a\":1}", false)
                .file("video.bin", "application/octet-stream", large)
                .build();
        edge.publish(Map.of("files.edge.test", "prj_files"), Map.of("prj_files", "dpl_files"), site);
    }

    private static String tag(byte[] bytes) {
        return "\"" + TestEdge.sha256(bytes) + "\"";
    }

    private static String tag(String text) {
        return tag(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenAFile_whenRequested_thenItsStrongETagIsTheSha256OfTheBytesSent() {
        HttpResponse<String> response = edge.get(SITE + "/notes.txt");

        assertThat(response.body()).isEqualTo(TEXT);
        assertThat(response.headers().firstValue("etag")).contains(tag(TEXT));
        assertThat(response.headers().firstValue("accept-ranges")).contains("bytes");
        assertThat(response.headers().firstValue("content-length")).contains("20");
    }

    @Test
    void givenIfNoneMatchNamingTheCurrentTag_whenRequested_then304WithValidatorsAndNoBody() {
        HttpResponse<String> exact = edge.get(SITE + "/style.css", "If-None-Match", tag(STYLE));
        HttpResponse<String> listedWeak = edge.get(SITE + "/notes.txt", "If-None-Match", "\"x\", W/" + tag(TEXT));
        HttpResponse<String> star = edge.get(SITE + "/notes.txt", "If-None-Match", "*");
        HttpResponse<String> stale = edge.get(SITE + "/notes.txt", "If-None-Match", "\"" + "0".repeat(64) + "\"");

        assertThat(exact.statusCode()).isEqualTo(304);
        assertThat(exact.body()).isEmpty();
        assertThat(exact.headers().firstValue("etag")).contains(tag(STYLE));
        assertThat(exact.headers().firstValue("cache-control")).contains(ServedFile.REVALIDATE);
        assertThat(exact.headers().firstValue("vary")).contains("Accept-Encoding");
        assertThat(listedWeak.statusCode()).isEqualTo(304);
        assertThat(star.statusCode()).isEqualTo(304);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(TEXT);
    }

    @Test
    void givenBrotliAllowed_whenTheFileHasABrotliVariant_thenThatBlobIsSentWithItsOwnETag() {
        HttpResponse<byte[]> response = edge.bytes(SITE + "/style.css", "Accept-Encoding", "gzip, deflate, br");

        byte[] brotli = TestEdge.fakeBrotli(STYLE.getBytes(StandardCharsets.UTF_8));
        assertThat(response.body()).isEqualTo(brotli);
        assertThat(response.headers().firstValue("content-encoding")).contains("br");
        assertThat(response.headers().firstValue("etag")).contains(tag(brotli));
        assertThat(response.headers().firstValue("vary")).contains("Accept-Encoding");
    }

    @Test
    void givenOnlyGzipAllowedOrNoBrotliVariant_whenRequested_thenTheGzipVariantIsSent() throws IOException {
        HttpResponse<byte[]> brRefused = edge.bytes(SITE + "/style.css", "Accept-Encoding", "br;q=0, gzip");
        HttpResponse<byte[]> noBrotli = edge.bytes(SITE + "/data.json", "Accept-Encoding", "br, gzip");

        assertThat(brRefused.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(gunzip(brRefused.body())).isEqualTo(STYLE);
        assertThat(noBrotli.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(gunzip(noBrotli.body())).isEqualTo("{\"a\":1}");
    }

    @Test
    void givenNoAcceptedEncoding_whenRequested_thenIdentityIsSentAndStillVariesByEncoding() {
        HttpResponse<String> variantFile = edge.get(SITE + "/style.css");
        HttpResponse<String> plainFile = edge.get(SITE + "/notes.txt", "Accept-Encoding", "br, gzip");

        assertThat(variantFile.body()).isEqualTo(STYLE);
        assertThat(variantFile.headers().map()).doesNotContainKey("content-encoding");
        assertThat(variantFile.headers().firstValue("vary")).contains("Accept-Encoding");
        assertThat(plainFile.headers().map()).doesNotContainKeys("content-encoding", "vary");
    }

    @Test
    void givenOneRange_whenRequested_then206WithThatSliceOfTheIdentityVariant() {
        HttpResponse<String> first = edge.get(SITE + "/notes.txt", "Range", "bytes=0-4");
        HttpResponse<String> suffix = edge.get(SITE + "/notes.txt", "Range", "bytes=-3");
        HttpResponse<String> open = edge.get(SITE + "/notes.txt", "Range", "bytes=15-");
        HttpResponse<String> compressible = edge.get(SITE + "/style.css", "Range", "bytes=0-3", "Accept-Encoding", "br");

        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo("01234");
        assertThat(first.headers().firstValue("content-range")).contains("bytes 0-4/20");
        assertThat(suffix.body()).isEqualTo("hij");
        assertThat(suffix.headers().firstValue("content-range")).contains("bytes 17-19/20");
        assertThat(open.body()).isEqualTo("fghij");
        assertThat(compressible.statusCode()).isEqualTo(206);
        assertThat(compressible.body()).isEqualTo("body");
        assertThat(compressible.headers().map()).doesNotContainKey("content-encoding");
    }

    @Test
    void givenARangeBeyondTheEnd_whenRequested_then416NamingTheSize() {
        HttpResponse<String> response = edge.get(SITE + "/notes.txt", "Range", "bytes=20-30");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("content-range")).contains("bytes */20");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void givenIfRange_whenItNamesTheCurrentTag_thenTheRangeIsHonouredElseTheWholeFileIsSent() {
        HttpResponse<String> current = edge.get(SITE + "/notes.txt", "Range", "bytes=0-1", "If-Range", tag(TEXT));
        HttpResponse<String> changed = edge.get(SITE + "/notes.txt", "Range", "bytes=0-1", "If-Range", "\"old\"");
        HttpResponse<String> severalRanges = edge.get(SITE + "/notes.txt", "Range", "bytes=0-1,5-6");

        assertThat(current.statusCode()).isEqualTo(206);
        assertThat(current.body()).isEqualTo("01");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(TEXT);
        assertThat(severalRanges.statusCode()).isEqualTo(200);
        assertThat(severalRanges.body()).isEqualTo(TEXT);
    }

    @Test
    void givenHead_whenRequested_thenTheSameHeadersAsGetAndNoBody() {
        for (String path : new String[] {"/style.css", "/video.bin"}) {
            HttpResponse<String> get = edge.get(SITE + path, "Accept-Encoding", "gzip");
            HttpResponse<String> head = edge.send("HEAD", SITE + path, "Accept-Encoding", "gzip");

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            for (String name : new String[] {"content-length", "content-type", "content-encoding", "etag",
                "cache-control", "vary", "accept-ranges", "x-tasman-deployment"}) {
                assertThat(head.headers().allValues(name)).as(path + " " + name).isEqualTo(get.headers().allValues(name));
            }
        }
    }

    @Test
    void givenAFileLargerThanTheMemoryLimit_whenRequestedWholeOrInPart_thenStreamedIntact() {
        HttpResponse<byte[]> whole = edge.bytes(SITE + "/video.bin");
        HttpResponse<byte[]> part = edge.bytes(SITE + "/video.bin", "Range", "bytes=300000-400009");

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(TestEdge.sha256(whole.body())).as("sha256 of the body").isEqualTo(TestEdge.sha256(large));
        assertThat(whole.headers().firstValue("etag")).contains(tag(large));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(TestEdge.sha256(part.body())).as("sha256 of the part")
                .isEqualTo(TestEdge.sha256(Arrays.copyOfRange(large, 300000, 400010)));
        assertThat(part.headers().firstValue("content-range")).contains("bytes 300000-400009/" + large.length);
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
