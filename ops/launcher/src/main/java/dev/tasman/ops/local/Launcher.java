package dev.tasman.ops.local;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * {@code ./tasman-local up [--data DIR]} runs Tasman on this machine in the foreground (Ctrl-C stops it);
 * {@code ./tasman-local down [--data DIR]} stops one running in the background.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        String command = rest.isEmpty() ? "help" : rest.pop();
        Path data = Path.of(".tasman-local");
        while (!rest.isEmpty()) {
            String option = rest.pop();
            if ((option.equals("--data") || option.equals("-d")) && !rest.isEmpty()) {
                data = Path.of(rest.pop());
            } else if (option.startsWith("--data=")) {
                data = Path.of(option.substring("--data=".length()));
            } else {
                usage("unknown option '" + option + "'");
            }
        }
        Path home = Path.of(System.getProperty("tasman.home", ".")).toAbsolutePath().normalize();
        data = data.toAbsolutePath().normalize();
        switch (command) {
            case "up" -> System.exit(new LocalPlatform(home, data).runUntilStopped());
            case "down" -> System.exit(LocalPlatform.stopRunning(data));
            case "help", "--help", "-h" -> usage(null);
            default -> usage("unknown command '" + command + "'");
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("tasman-local: " + problem);
        }
        (problem == null ? System.out : System.err).println("""
                usage: ./tasman-local up   [--data DIR]   run Tasman here in the foreground (Ctrl-C stops it)
                       ./tasman-local down [--data DIR]   stop one running in the background
                DIR defaults to .tasman-local; a second 'up' on the same DIR keeps all state.""");
        System.exit(problem == null ? 0 : 2);
    }
}
