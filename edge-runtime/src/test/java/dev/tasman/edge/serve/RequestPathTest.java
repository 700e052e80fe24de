package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathTest {

    @Test
    void givenPercentEncoding_whenDecoded_thenDecodedExactlyOnceAsUtf8() {
        assertThat(RequestPath.decode("/gr%C3%BC%C3%9Fe/a%20b.html")).isEqualTo("/grüße/a b.html");
        assertThat(RequestPath.decode("/%252e%252e/x")).isEqualTo("/%2e%2e/x");
        assertThat(RequestPath.decode("/plain/path.js")).isEqualTo("/plain/path.js");
    }

    @Test
    void givenAnAbsoluteFormTarget_whenDecoded_thenOnlyItsPathIsKept() {
        assertThat(RequestPath.decode("http://docs.edge.test/a/b")).isEqualTo("/a/b");
        assertThat(RequestPath.decode("http://docs.edge.test")).isEqualTo("/");
        assertThat(RequestPath.decode("*")).isNull();
    }

    @Test
    void givenDotDotSegmentsBackslashesOrNul_whenDecoded_thenRefused() {
        assertThat(RequestPath.decode("/a/../b")).isNull();
        assertThat(RequestPath.decode("/a/%2E%2E/b")).isNull();
        assertThat(RequestPath.decode("/a/..%2Fb")).isNull();
        assertThat(RequestPath.decode("/..")).isNull();
        assertThat(RequestPath.decode("/a%5Cb")).isNull();
        assertThat(RequestPath.decode("/a%00.html")).isNull();
    }

    @Test
    void givenDotsThatAreNotASegment_whenDecoded_thenAccepted() {
        assertThat(RequestPath.decode("/a..b/...")).isEqualTo("/a..b/...");
        assertThat(RequestPath.decode("/.well-known/x")).isEqualTo("/.well-known/x");
    }

    @Test
    void givenBrokenEncodings_whenDecoded_thenRefused() {
        assertThat(RequestPath.decode("/a%zz")).isNull();
        assertThat(RequestPath.decode("/a%2")).isNull();
        assertThat(RequestPath.decode("/a%C3%28")).isNull();
    }
}
