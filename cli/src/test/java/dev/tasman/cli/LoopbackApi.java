package dev.tasman.cli;

import com.sun.net.httpserver.HttpServer;
import dev.tasman.cli.shared.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers like the control plane's (or query side's) error handling does, for
 * tests of exit codes and output run in-process: an answer per {@code METHOD /path?query}, else a 404
 * problem. Every request is recorded as {@code METHOD uri authorization body}.
 */
final class LoopbackApi implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String[]> answers = new HashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    record Result(int code, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    LoopbackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String[] answer = answers.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI(),
                    new String[] {"404", "{\"title\":\"Not Found\",\"detail\":\"No such thing here.\"}"});
            byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer[0].startsWith("2") ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code request} ({@code "GET /v1/whoami"}) with this status and body. */
    void answer(String request, int status, String body) {
        answers.put(request, new String[] {Integer.toString(status), body});
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Runs {@code tasman args} in-process with {@code config} as XDG_CONFIG_HOME. */
    static Result run(Path config, Map<String, String> env, String stdin, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("XDG_CONFIG_HOME", config.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context(all, new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null);
        int code = Tasman.run(context, args);
        return new Result(code, out.toString(), err.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
