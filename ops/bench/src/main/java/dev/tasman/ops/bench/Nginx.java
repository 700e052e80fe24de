package dev.tasman.ops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The reference server for the edge benchmark: Debian's nginx, tuned as one would for static files and
 * started as a child process with everything (pid, logs, temp files) in the benchmark's directory, so it
 * needs no root and leaves nothing behind. The configuration is printed in docs/benchmarks.md.
 */
final class Nginx {

    private Nginx() {
    }

    /** The configuration: one worker per core, sendfile, open-file cache, long keep-alive, precompressed .gz files. */
    static String config(Path dir, Path root, int port, int workers) {
        return """
                daemon off;
                master_process on;
                worker_processes %2$d;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 4096;
                }
                http {
                    access_log off;
                    server_tokens off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    sendfile on;
                    tcp_nopush on;
                    tcp_nodelay on;
                    keepalive_timeout 65s;
                    keepalive_requests 100000;
                    open_file_cache max=10000 inactive=60s;
                    open_file_cache_valid 60s;
                    open_file_cache_min_uses 1;
                    open_file_cache_errors on;
                    gzip off;
                    gzip_static on;
                    types {
                        text/html html;
                        text/css css;
                        application/javascript js;
                        image/png png;
                    }
                    default_type application/octet-stream;
                    charset utf-8;
                    charset_types text/css application/javascript;
                    server {
                        listen 127.0.0.1:%3$d reuseport backlog=4096;
                        root %4$s;
                        index index.html;
                    }
                }
                """.formatted(dir, workers, port, root);
    }

    /**
     * Starts nginx serving {@code root} on 127.0.0.1:{@code port}. Run as root, its workers drop to nobody,
     * so {@code root} and every directory above it must be readable (traversable) by others.
     */
    static BenchProcess start(Path work, Path root, int port) throws Exception {
        Path dir = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(dir.resolve("tmp"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, root, port, Runtime.getRuntime().availableProcessors()));
        BenchProcess nginx = BenchProcess.start(work, "nginx", List.of("nginx", "-p", dir.toString(), "-c",
                conf.toString(), "-e", dir.resolve("error.log").toString()), Map.of());
        nginx.awaitPort(port, Duration.ofSeconds(10));
        return nginx;
    }
}
