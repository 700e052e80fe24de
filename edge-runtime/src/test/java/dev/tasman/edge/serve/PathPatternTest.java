package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathPatternTest {

    @Test
    void givenLiteralSegments_whenMatched_thenOnlyThatPathMatchesWithOrWithoutATrailingSlash() {
        PathPattern pattern = PathPattern.compile("/old/page");

        assertThat(pattern.match("/old/page")).isEmpty();
        assertThat(pattern.match("/old/page/")).isEmpty();
        assertThat(pattern.match("/old/pages")).isNull();
        assertThat(pattern.match("/old")).isNull();
        assertThat(pattern.match("/old/page/more")).isNull();
        assertThat(pattern.match("/OLD/page")).isNull();
    }

    @Test
    void givenAOneSegmentParameter_whenMatched_thenItTakesExactlyOneNonEmptySegment() {
        PathPattern pattern = PathPattern.compile("/blog/:slug");

        assertThat(pattern.names()).containsExactly("slug");
        assertThat(pattern.match("/blog/hello-world")).containsExactly("hello-world");
        assertThat(pattern.match("/blog/hello/")).containsExactly("hello");
        assertThat(pattern.match("/blog/a/b")).isNull();
        assertThat(pattern.match("/blog/")).isNull();
        assertThat(pattern.match("/blog")).isNull();
    }

    @Test
    void givenARestParameter_whenMatched_thenItTakesTheRestOfThePathIncludingNothing() {
        PathPattern pattern = PathPattern.compile("/docs/:version/:rest*");

        assertThat(pattern.names()).containsExactly("version", "rest");
        assertThat(pattern.match("/docs/v2/guide/install")).containsExactly("v2", "guide/install");
        assertThat(pattern.match("/docs/v2/guide/")).containsExactly("v2", "guide");
        assertThat(pattern.match("/docs/v2")).containsExactly("v2", "");
        assertThat(pattern.match("/docs")).isNull();
        assertThat(PathPattern.compile("/:all*").match("/")).containsExactly("");
    }

    @Test
    void givenTheRootPattern_whenMatched_thenOnlyTheRootMatches() {
        PathPattern root = PathPattern.compile("/");

        assertThat(root.match("/")).isEmpty();
        assertThat(root.match("/index.html")).isNull();
    }

    @Test
    void givenSegmentsThatOnlyLookLikeParameters_whenCompiled_thenTheyAreLiterals() {
        assertThat(PathPattern.compile("/a/:1x").match("/a/:1x")).isEmpty();
        assertThat(PathPattern.compile("/a/:x*/b").names()).isEmpty();
    }
}
