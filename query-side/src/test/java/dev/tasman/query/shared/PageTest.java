package dev.tasman.query.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void givenMoreThanTheLimit_whenPaged_thenTheNextCursorLeadsPastTheLastItem() {
        Page<String> page = Page.of(List.of("a", "b", "c"), 2, s -> s);

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(Page.after(page.nextCursor())).isEqualTo("b");
    }

    @Test
    void givenTheLastPage_whenPaged_thenThereIsNoCursor() {
        assertThat(Page.of(List.of("a"), 2, s -> s).nextCursor()).isNull();
    }

    @Test
    void givenACursorNobodyHandedOut_whenRead_thenTheRefusalNamesTheCursor() {
        assertThatThrownBy(() -> Page.after("%%%")).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> Page.afterPosition(Page.of(List.of("x", "y"), 1, s -> s).nextCursor()))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.field()).isEqualTo("cursor"));
    }

    @Test
    void givenALimitOutOfRange_whenChecked_thenTheRefusalSaysTheRange() {
        assertThatThrownBy(() -> Page.limit(0)).hasMessageContaining("between 1 and 100");
        assertThat(Page.limit(null)).isEqualTo(20);
    }
}
