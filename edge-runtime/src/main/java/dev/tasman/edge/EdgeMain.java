package dev.tasman.edge;

import java.util.List;

/**
 * {@code java -jar edge-runtime-<version>-exec.jar [--name=value ...]}: starts one edge (settings in
 * {@link EdgeSettings}). Prints {@code EDGE READY <id> <url>} on stdout once it serves; logs go to
 * stderr, one line each. Exit code 2: a setting is wrong (one line on stderr says which); 1: the edge
 * could not start. SIGTERM stops the feed, the sync and the server, in that order.
 */
public final class EdgeMain {

    private EdgeMain() {
    }

    public static void main(String[] args) {
        // One line per log record unless the operator configured java.util.logging otherwise.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s %5$s%6$s%n");
        }
        if (List.of(args).contains("--help")) {
            System.out.print(EdgeSettings.usage());
            return;
        }
        EdgeSettings settings;
        try {
            settings = EdgeSettings.parse(List.of(args), System.getenv());
        } catch (EdgeSettings.Invalid e) {
            System.err.println("tasman-edge: " + e.getMessage());
            System.exit(2);
            return;
        }
        Edge edge;
        try {
            edge = Edge.start(settings);
        } catch (Edge.CannotStart e) {
            System.err.println("tasman-edge: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(edge::stop, "edge-shutdown"));
        System.out.println("EDGE READY " + settings.id() + " " + edge.url());
        System.out.flush();
    }
}
