package dev.tasman.control.packaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tasman.api.Json;
import dev.tasman.api.manifest.Manifest;
import dev.tasman.control.origin.Sha256;
import java.io.IOException;

/**
 * The one byte form of a manifest that is hashed and signed. Canonical means: the message mapping of
 * {@link Json}, record components in declaration order, nulls written out, no whitespace, UTF-8. The
 * same manifest always yields the same bytes, so the digest names the manifest and the signature holds
 * for it; edges verify the bytes they received and only then parse them.
 */
public final class Manifests {

    private static final ObjectMapper MAPPER = Json.mapper();
    /**
     * Records serialize in declaration order because every component is a creator property and Jackson
     * writes those first, in parameter order; ManifestsTest pins that, since a change would alter every digest.
     */
    private static final ObjectWriter WRITER = MAPPER.writerFor(Manifest.class)
            .without(SerializationFeature.INDENT_OUTPUT);

    private Manifests() {
    }

    public static byte[] canonicalJson(Manifest manifest) {
        try {
            return WRITER.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A manifest is plain records and always serializes", e);
        }
    }

    /** {@code sha256:<hex>} of the canonical bytes: the manifest digest builds record and edges acknowledge. */
    public static String digest(byte[] canonicalJson) {
        return "sha256:" + Sha256.hex(canonicalJson);
    }

    /** Reads canonical bytes back; check the signature over the same bytes first. */
    public static Manifest parse(byte[] canonicalJson) throws IOException {
        return MAPPER.readValue(canonicalJson, Manifest.class);
    }
}
