package dev.tasman.control.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds .tar.gz sources in tests, good or malicious: names are written exactly as given. */
public final class TestArchive {

    private record Item(TarArchiveEntry entry, byte[] body) {
    }

    private final List<Item> items = new ArrayList<>();

    public static TestArchive create() {
        return new TestArchive();
    }

    public TestArchive file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public TestArchive file(String name, byte[] content, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        entry.setMode(mode);
        items.add(new Item(entry, content));
        return this;
    }

    public TestArchive directory(String name) {
        items.add(new Item(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true),
                null));
        return this;
    }

    public TestArchive symlink(String name, String target) {
        return link(name, target, TarConstants.LF_SYMLINK);
    }

    public TestArchive hardlink(String name, String target) {
        return link(name, target, TarConstants.LF_LINK);
    }

    /** An entry of any type, without a body (devices, FIFOs, …). */
    public TestArchive special(String name, byte type) {
        items.add(new Item(new TarArchiveEntry(name, type, true), null));
        return this;
    }

    /** An entry of any type with a body, written as is (e.g. a hand-made GNU long-name record). */
    public TestArchive raw(String name, byte type, byte[] body) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setSize(body.length);
        items.add(new Item(entry, body));
        return this;
    }

    public TestArchive customize(Consumer<TarArchiveEntry> change) {
        change.accept(items.get(items.size() - 1).entry());
        return this;
    }

    private TestArchive link(String name, String target, byte type) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        items.add(new Item(entry, null));
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item item : items) {
                tar.putArchiveEntry(item.entry());
                if (item.body() != null) {
                    tar.write(item.body());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public Path writeTo(Path file) {
        try {
            Files.write(file, bytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
