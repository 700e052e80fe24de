package dev.tasman.edge.serve;

import static dev.tasman.edge.serve.AcceptEncoding.BROTLI;
import static dev.tasman.edge.serve.AcceptEncoding.GZIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {

    private static int allowed(String... headers) {
        HeaderMap map = new HeaderMap();
        for (String header : headers) {
            map.add(Headers.ACCEPT_ENCODING, header);
        }
        return AcceptEncoding.allowed(map.get(Headers.ACCEPT_ENCODING));
    }

    @Test
    void givenWhatBrowsersSend_whenRead_thenBrotliAndGzipAreAllowed() {
        assertThat(allowed("gzip, deflate, br, zstd")).isEqualTo(BROTLI | GZIP);
        assertThat(allowed("GZIP;q=0.8,BR;q=0.1")).isEqualTo(BROTLI | GZIP);
        assertThat(allowed("gzip", "br")).isEqualTo(BROTLI | GZIP);
    }

    @Test
    void givenAZeroQuality_whenRead_thenThatCodingIsRefused() {
        assertThat(allowed("br;q=0, gzip")).isEqualTo(GZIP);
        assertThat(allowed("br ; q=0.000 , gzip;q=0.001")).isEqualTo(GZIP);
        assertThat(allowed("x-gzip")).isEqualTo(GZIP);
    }

    @Test
    void givenAStar_whenRead_thenItAllowsOnlyWhatIsNotNamed() {
        assertThat(allowed("*")).isEqualTo(BROTLI | GZIP);
        assertThat(allowed("gzip;q=0, *")).isEqualTo(BROTLI);
        assertThat(allowed("*;q=0, br")).isEqualTo(BROTLI);
    }

    @Test
    void givenNoHeaderOrOnlyOtherCodings_whenRead_thenOnlyIdentity() {
        assertThat(allowed()).isZero();
        assertThat(allowed("deflate, identity")).isZero();
        assertThat(allowed("")).isZero();
    }
}
