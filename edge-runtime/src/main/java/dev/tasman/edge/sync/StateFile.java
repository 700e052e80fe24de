package dev.tasman.edge.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tasman.api.Json;
import dev.tasman.edge.cache.Durable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** {@code <data>/state.json}: the edge's {@link EdgeState}, replaced atomically and forced to disk on each save. */
final class StateFile {

    private static final ObjectWriter WRITER = Json.mapper().writerWithDefaultPrettyPrinter();

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The stored state, or empty on a first start. */
    Optional<EdgeState> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException firstStart) {
            return Optional.empty();
        }
        EdgeState.Stored stored;
        try {
            stored = Json.mapper().readValue(bytes, EdgeState.Stored.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not readable edge state (" + e.getOriginalMessage() + "). Move it aside"
                    + " to start afresh: the edge then reads the feed from the beginning and fetches again.", e);
        }
        if (stored.version() > EdgeState.VERSION) {
            throw new IOException(file + " was written by a newer edge (state version " + stored.version()
                    + "); run that version, or move the file aside to start afresh.");
        }
        return Optional.of(EdgeState.of(stored));
    }

    void save(EdgeState state) throws IOException {
        Durable.write(file, WRITER.writeValueAsBytes(state.stored()));
    }
}
