package dev.tasman.ops.drills;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like load on every edge: load the page, then the script it names, sending back the deployment
 * cookie the page set, as a browser would. Every response must be a 200, and the script must come from
 * the same version as the page that named it: no user sees a mix of versions or a missing asset.
 */
final class SiteLoad implements AutoCloseable {

    private static final Pattern VERSION = Pattern.compile("version (\\d+)");

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicLong pages = new AtomicLong();
    private final Map<String, Long> versionsSeen = new ConcurrentHashMap<>();

    SiteLoad(Platform platform, String host) {
        for (Platform.Edge edge : platform.edges()) {
            threads.add(Thread.ofPlatform().name("load-" + edge.id()).start(() -> run(edge, host)));
        }
    }

    private void run(Platform.Edge edge, String host) {
        while (running.get()) {
            try {
                Http.Response page = Http.site(edge.url(), host, "/", Map.of("Sec-Fetch-Mode", "navigate"));
                if (page.status() != 200) {
                    problems.add(edge.id() + ": page answered " + page.status());
                    continue;
                }
                String version = version(page.body());
                String cookie = page.header("set-cookie");
                Http.Response script = Http.site(edge.url(), host, Drills.assetOf(page.body()),
                        cookie == null ? Map.of() : Map.of("Cookie", cookie.split(";", 2)[0]));
                if (script.status() != 200) {
                    problems.add(edge.id() + ": script of version " + version + " answered " + script.status());
                } else if (!version.equals(version(script.body()))) {
                    problems.add(edge.id() + ": page of version " + version + " got script " + script.body().trim());
                }
                pages.incrementAndGet();
                versionsSeen.merge(edge.id() + ":v" + version, 1L, Long::sum);
            } catch (RuntimeException e) {
                problems.add(edge.id() + ": " + e);
            }
        }
    }

    private static String version(String body) {
        Matcher matcher = VERSION.matcher(body);
        return matcher.find() ? matcher.group(1) : "none";
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    long pages() {
        return pages.get();
    }

    Map<String, Long> versionsSeen() {
        return Map.copyOf(versionsSeen);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
