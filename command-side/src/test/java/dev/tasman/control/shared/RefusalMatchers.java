package dev.tasman.control.shared;

import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;

/** Matchers for Axon fixtures' expectException: which kind of refusal (400/404/409), naming which field. */
public final class RefusalMatchers {

    private RefusalMatchers() {
    }

    public static Matcher<Object> kind(Refused.Kind expected) {
        return new FeatureMatcher<Object, Refused.Kind>(Matchers.equalTo(expected), "a refusal of kind", "kind") {
            @Override
            protected Refused.Kind featureValueOf(Object actual) {
                return actual instanceof Refused refused ? refused.kind() : null;
            }
        };
    }

    public static Matcher<Object> field(String expected) {
        return new FeatureMatcher<Object, String>(Matchers.equalTo(expected), "a refusal naming field", "field") {
            @Override
            protected String featureValueOf(Object actual) {
                return actual instanceof Refused refused ? refused.field() : null;
            }
        };
    }
}
