package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    private static final String TAG = "\"" + "ab".repeat(32) + "\"";

    private static boolean notModified(String header) {
        HeaderMap map = new HeaderMap();
        map.add(Headers.IF_NONE_MATCH, header);
        return EntityTags.notModified(map.get(Headers.IF_NONE_MATCH), TAG);
    }

    @Test
    void givenIfNoneMatchNamingTheTag_whenChecked_thenNotModifiedUnderWeakComparison() {
        assertThat(notModified(TAG)).isTrue();
        assertThat(notModified("W/" + TAG)).isTrue();
        assertThat(notModified("\"other\", " + TAG + " ")).isTrue();
        assertThat(notModified("*")).isTrue();
    }

    @Test
    void givenIfNoneMatchNamingOtherTags_whenChecked_thenModified() {
        assertThat(notModified("\"other\"")).isFalse();
        assertThat(notModified(TAG.substring(0, 20))).isFalse();
        assertThat(EntityTags.notModified(null, TAG)).isFalse();
    }

    @Test
    void givenIfRange_whenChecked_thenOnlyTheExactStrongTagAllowsTheRange() {
        assertThat(EntityTags.rangeAllowed(null, TAG)).isTrue();
        assertThat(EntityTags.rangeAllowed(TAG, TAG)).isTrue();
        assertThat(EntityTags.rangeAllowed("W/" + TAG, TAG)).isFalse();
        assertThat(EntityTags.rangeAllowed("\"other\"", TAG)).isFalse();
        assertThat(EntityTags.rangeAllowed("Wed, 21 Oct 2015 07:28:00 GMT", TAG)).isFalse();
    }
}
