package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two requests that cannot both succeed, sent at the same instant: exactly one wins, the other gets 409. */
class ConcurrentCommandsIT extends RunningControlPlane {

    private static final int ROUNDS = 10;

    @Test
    void twoProjectsClaimingTheSameDomainAtOnceOneWinsTheOtherGets409() throws Exception {
        String a = unique("race-a");
        String b = unique("race-b");
        createProject(a, adminToken());
        createProject(b, adminToken());

        for (int round = 0; round < ROUNDS; round++) {
            String domain = "r" + round + "." + a + ".example.net";
            List<Integer> statuses = race(
                    () -> api().post("/v1/projects/" + a + "/domains", adminToken(), Api.json(Map.of("domain", domain))).status(),
                    () -> api().post("/v1/projects/" + b + "/domains", adminToken(), Api.json(Map.of("domain", domain))).status());

            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 409);
            assertThat(jdbc.queryForObject("select count(*) from project_domain_view where domain = ?", Integer.class,
                    domain)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from domainevententry where payloadtype like "
                    + "'%DomainAdded' and payload::jsonb ->> 'domain' = ?", Integer.class, domain)).isEqualTo(1);
        }
    }

    @Test
    void twoProjectsCreatedWithTheSameNameAtOnceOneWinsTheOtherGets409() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = unique("same" + round);
            List<Integer> statuses = race(
                    () -> api().post("/v1/projects", adminToken(), Api.json(Map.of("name", name))).status(),
                    () -> api().post("/v1/projects", adminToken(), Api.json(Map.of("name", name))).status());

            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 409);
            assertThat(jdbc.queryForObject("select count(*) from project_view where name = ?", Integer.class, name))
                    .isEqualTo(1);
        }
    }

    @SafeVarargs
    private static List<Integer> race(java.util.concurrent.Callable<Integer>... requests) throws Exception {
        CyclicBarrier start = new CyclicBarrier(requests.length);
        ExecutorService pool = Executors.newFixedThreadPool(requests.length);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (var request : requests) {
                results.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
