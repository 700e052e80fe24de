package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DestinationTest {

    @Test
    void givenParametersInTheDestination_whenExpanded_thenTheSourcesValuesAreUsed() {
        Destination destination = Destination.compile("/posts/:year/:slug.html/:rest*", List.of("slug", "year", "rest"));

        assertThat(destination.path(new String[] {"hello", "2024", "a/b"}, UnaryOperator.identity()))
                .isEqualTo("/posts/2024/:slug.html/a/b");
    }

    @Test
    void givenAWholeSegmentParameter_whenExpandedForARedirect_thenValuesAreEncodedAndSlashesKept() {
        Destination destination = Destination.compile("/new/:rest*", List.of("rest"));

        assertThat(destination.url(new String[] {"grüße/a b"}, "")).isEqualTo("/new/gr%C3%BC%C3%9Fe/a%20b");
    }

    @Test
    void givenQueries_whenBuildingARedirect_thenTheRequestsQueryIsKeptAfterTheDestinationsAndBeforeTheFragment() {
        assertThat(Destination.compile("/new", List.of()).url(new String[0], "a=1")).isEqualTo("/new?a=1");
        assertThat(Destination.compile("/new?from=old#top", List.of()).url(new String[0], "a=1"))
                .isEqualTo("/new?from=old&a=1#top");
        assertThat(Destination.compile("/new?from=old", List.of()).url(new String[0], "")).isEqualTo("/new?from=old");
    }

    @Test
    void givenAnAbsoluteUrl_whenExpanded_thenOnlyPathParametersTheSourceDefinesAreReplaced() {
        Destination destination = Destination.compile("https://example.com:8443/blog/:slug", List.of("slug"));

        assertThat(destination.url(new String[] {"hi"}, "")).isEqualTo("https://example.com:8443/blog/hi");
        assertThat(Destination.compile("https://example.com", List.of()).url(new String[0], "q=1"))
                .isEqualTo("https://example.com?q=1");
    }
}
