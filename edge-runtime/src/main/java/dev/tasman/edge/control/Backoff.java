package dev.tasman.edge.control;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waiting longer after each failure: {@code first}, doubling, never more than {@code max}; and a call
 * tried at most {@code attempts} times while it fails with an {@link IOException} (the network, or a
 * control plane answering 5xx). Any other failure is final at once: retrying it would not help.
 */
public record Backoff(Duration first, Duration max, int attempts) {

    private static final System.Logger log = System.getLogger(Backoff.class.getName());

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max and at least one attempt");
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 → {@code first}). */
    public Duration delay(int failures) {
        int doublings = Math.clamp(failures - 1, 0, 30);
        long millis = first.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /**
     * {@link #delay} give or take a fifth, so that edges that lost the control plane together do not all
     * come back in the same millisecond.
     */
    public Duration jittered(int failures) {
        long millis = delay(failures).toMillis();
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(-millis / 5, millis / 5 + 1));
    }

    public void sleep(int failures) throws InterruptedException {
        Thread.sleep(jittered(failures));
    }

    /** Runs {@code call}; an IOException is retried after a backoff until the attempts are used up. */
    public <T, X extends Exception> T retry(String what, Call<T, X> call) throws IOException, InterruptedException, X {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                Duration wait = jittered(attempt);
                String next = (attempt + 1) + " of " + attempts;
                log.log(System.Logger.Level.DEBUG, () -> what + " failed (" + ControlPlane.describe(e) + "); attempt "
                        + next + " in " + wait.toMillis() + " ms");
                Thread.sleep(wait);
            }
        }
    }

    @FunctionalInterface
    public interface Call<T, X extends Exception> {
        T call() throws IOException, InterruptedException, X;
    }
}
