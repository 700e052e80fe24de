package dev.tasman.control.packaging;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import dev.tasman.control.origin.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Precompressed variants, made once at build time so edges never compress per request: gzip at the
 * highest level, brotli at the highest quality the file's size makes affordable. Both are
 * deterministic: the same input always yields the same variant and so the same blob.
 */
final class Compression {

    private static final Logger log = LoggerFactory.getLogger(Compression.class);
    private static final long MIB = 1024 * 1024;
    private static final boolean BROTLI = brotliAvailable();

    enum Kind {
        GZIP, BROTLI
    }

    private Compression() {
    }

    static boolean available(Kind kind) {
        return kind == Kind.GZIP || BROTLI;
    }

    /**
     * Writes the compressed form of {@code source} to {@code target} and returns the SHA-256 of what it
     * read, so the caller can tell the variant is of the bytes it hashed before, not of a later version.
     */
    static String compress(Kind kind, Path source, Path target, long size) throws IOException {
        MessageDigest read = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), read);
                OutputStream file = Files.newOutputStream(target);
                OutputStream out = kind == Kind.GZIP ? gzip(file) : brotli(file, size)) {
            in.transferTo(out);
        }
        return Sha256.hex(read);
    }

    private static OutputStream gzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
    }

    /**
     * Quality 9, not 11: measured on a 1,000-file site (docs/benchmarks.md) quality 11 made packaging
     * 3x slower (43 s against 14 s) for a few percent smaller files. Above 16 MB quality 5.
     */
    private static OutputStream brotli(OutputStream out, long size) throws IOException {
        int quality = size < 16 * MIB ? 9 : 5;
        return new BrotliOutputStream(out, new Encoder.Parameters().setQuality(quality));
    }

    private static boolean brotliAvailable() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable unavailable) {
            log.warn("Brotli is not available on this machine ({}); deployments get gzip variants only",
                    unavailable.toString());
            return false;
        }
    }
}
