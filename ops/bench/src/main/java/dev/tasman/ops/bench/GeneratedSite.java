package dev.tasman.ops.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** The static sites the benchmarks deploy: generated from a seed, so every run deploys the same bytes. */
final class GeneratedSite {

    private static final String WORDS = "tasman edge deploy static render sydney melbourne singapore cache route ";

    private GeneratedSite() {
    }

    /**
     * Pages, styles, scripts and binary images of varied size (half to one and a half times the average),
     * about {@code totalBytes} in all; the images are random bytes, so a quarter of the site does not compress.
     */
    static void generate(Path site, int files, long totalBytes, long seed) throws Exception {
        Random random = new Random(seed);
        long each = totalBytes / files;
        String[] kinds = {"html", "css", "js", "png"};
        for (int i = 0; i < files; i++) {
            String kind = kinds[i % kinds.length];
            Path path = site.resolve((kind.equals("html") ? "" : "assets/") + (kind.equals("html") ? "page" : kind)
                    + String.format("-%04d.", i) + kind);
            Files.createDirectories(path.getParent());
            byte[] content = new byte[(int) (each / 2 + random.nextInt((int) each))];
            if (kind.equals("png")) {
                random.nextBytes(content);
            } else {
                text(content, random);
            }
            Files.write(path, content);
        }
    }

    /** Text that compresses about as well as real HTML, CSS and JS does. */
    static byte[] text(byte[] content, Random random) {
        for (int b = 0; b < content.length; b++) {
            content[b] = (byte) WORDS.charAt((b * 7 + random.nextInt(3)) % WORDS.length());
        }
        return content;
    }

    static long size(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static byte[] tarGz(Path root) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GzipCompressorOutputStream(bytes);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip);
             Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                tar.putArchiveEntry(new TarArchiveEntry(path.toFile(), root.relativize(path).toString()));
                Files.copy(path, tar);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
