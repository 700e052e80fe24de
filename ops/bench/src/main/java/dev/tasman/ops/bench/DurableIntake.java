package dev.tasman.ops.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The disk work of taking a deployment's blobs into edge caches, without the network or the hashing, on
 * this machine's one disk: {@code copies} caches (the edges) at once, {@code writers} blobs at a time each
 * (their fetch concurrency). {@link #perBlob} does what the edge's cache does for every blob (temporary
 * file, forced, renamed into {@code <2 hex>/}, that directory forced); {@link #forcedAtEnd} writes the same
 * and forces each file and each directory once after the last write; {@link #syncedTwice} makes the same
 * bytes durable with two syncs of the whole file system (the temporary files, then the renames), so that a
 * blob still appears in its place only once its bytes are on disk.
 */
final class DurableIntake {

    private DurableIntake() {
    }

    /** Seconds to write every blob durably one by one, as CacheWriter and Durable do. */
    static double perBlob(List<Path> blobs, Path target, int copies, int writers) throws Exception {
        Set<Path> made = ConcurrentHashMap.newKeySet();
        return timed(copies * writers, blobs, target, copies, (blob, cache) -> {
            Path directory = cache.resolve(blob.getParent().getFileName().toString());
            boolean newDirectory = !Files.isDirectory(directory);
            Files.createDirectories(directory);
            if (newDirectory && made.add(directory)) {
                force(cache);
            }
            Path temporary = write(blob, cache.resolve("tmp"));
            force(temporary);
            Files.move(temporary, directory.resolve(blob.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            force(directory);
        });
    }

    /** Seconds to write every blob, then force every file, then every directory, each once. */
    static double forcedAtEnd(List<Path> blobs, Path target, int copies, int writers) throws Exception {
        Set<Path> directories = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        timed(copies * writers, blobs, target, copies, (blob, cache) -> {
            Path directory = cache.resolve(blob.getParent().getFileName().toString());
            Files.createDirectories(directory);
            directories.add(directory);
            Files.move(write(blob, cache.resolve("tmp")), directory.resolve(blob.getFileName()),
                    StandardCopyOption.ATOMIC_MOVE);
        });
        timed(copies * writers, blobs, target, copies, (blob, cache) ->
                force(cache.resolve(blob.getParent().getFileName().toString()).resolve(blob.getFileName())));
        List<Path> all = new ArrayList<>(directories);
        for (int copy = 0; copy < copies; copy++) {
            all.add(target.resolve("cache-" + copy));
        }
        runAll(copies * writers, all.stream().<Work>map(directory -> () -> force(directory)).toList());
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds to write every blob to a temporary file, sync, rename them all into place, sync again. */
    static double syncedTwice(List<Path> blobs, Path target, int copies, int writers) throws Exception {
        Map<Path, Path> written = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        timed(copies * writers, blobs, target, copies, (blob, cache) -> {
            Path directory = cache.resolve(blob.getParent().getFileName().toString());
            Files.createDirectories(directory);
            written.put(write(blob, cache.resolve("tmp")), directory.resolve(blob.getFileName()));
        });
        sync();
        runAll(copies * writers, written.entrySet().stream().<Work>map(move -> () -> Files.move(move.getKey(),
                move.getValue(), StandardCopyOption.ATOMIC_MOVE)).toList());
        sync();
        return (System.nanoTime() - start) / 1e9;
    }

    /** sync(1): every file system's dirty data and metadata to disk (Java has no syncfs). */
    private static void sync() throws IOException, InterruptedException {
        if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) {
            throw new IOException("sync failed");
        }
    }

    private interface Step {
        void run(Path blob, Path cache) throws IOException;
    }

    private interface Work {
        void run() throws IOException;
    }

    /** Runs {@code step} for every blob in every copy ({@code <target>/cache-<n>}), interleaved as edges fetching at once would. */
    private static double timed(int threads, List<Path> blobs, Path target, int copies, Step step) throws Exception {
        List<Work> work = new ArrayList<>();
        for (Path blob : blobs) {
            for (int copy = 0; copy < copies; copy++) {
                Path cache = target.resolve("cache-" + copy);
                work.add(() -> step.run(blob, cache));
            }
        }
        long start = System.nanoTime();
        runAll(threads, work);
        return (System.nanoTime() - start) / 1e9;
    }

    private static void runAll(int threads, List<Work> work) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (Work item : work) {
                done.add(pool.submit(() -> {
                    item.run();
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
    }

    private static Path write(Path blob, Path tmp) throws IOException {
        Files.createDirectories(tmp);
        Path temporary = Files.createTempFile(tmp, blob.getFileName().toString().substring(0, 10), ".part");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(blob));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        return temporary;
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
