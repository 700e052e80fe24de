package dev.tasman.control.origin;

import dev.tasman.control.access.Access;
import dev.tasman.control.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * What edges fetch to hold a deployment: its signed manifest, then every blob it names by SHA-256.
 * Blobs never change under their name, so they are cacheable forever and resumable by range.
 */
@RestController
@Tag(name = "Origin", description = "edge tokens only")
class OriginController {

    private static final Pattern DEPLOYMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final OriginStore origin;
    private final SigningKey signingKey;
    private final Access access;

    OriginController(OriginStore origin, SigningKey signingKey, Access access) {
        this.origin = origin;
        this.signingKey = signingKey;
        this.access = access;
    }

    @GetMapping("/v1/origin/manifests/{deploymentId}")
    @Operation(summary = "The deployment's manifest: the exact canonical bytes that were signed",
            description = "Verify X-Tasman-Signature (base64 Ed25519) over the body with the key from /v1/keys.")
    ResponseEntity<byte[]> manifest(@PathVariable String deploymentId) {
        access.edge();
        if (!DEPLOYMENT_ID.matcher(deploymentId).matches()) {
            throw Refused.invalid("deploymentId", "'deploymentId' must be a deployment id such as dpl_0123456789abcdef.");
        }
        OriginStore.StoredManifest manifest = origin.manifest(deploymentId).orElseThrow(() -> Refused.notFound(
                "Origin holds no manifest for deployment '" + deploymentId + "': it was never built, or its build"
                        + " has not finished."));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                // A retried build may replace the manifest before it is BUILT: revalidate, never cache blindly.
                .cacheControl(org.springframework.http.CacheControl.noCache())
                .eTag("\"" + manifest.digest() + "\"")
                .header("X-Tasman-Manifest-Digest", manifest.digest())
                .header("X-Tasman-Signature", Base64.getEncoder().encodeToString(manifest.signature()))
                .header("X-Tasman-Key-Id", signingKey.keyId())
                .body(manifest.canonicalJson());
    }

    @RequestMapping(path = "/v1/origin/blobs/{sha256}", method = {RequestMethod.GET, RequestMethod.HEAD})
    @Operation(summary = "A blob by its SHA-256 (GET or HEAD; one byte range with Range: bytes=a-b, a- or -n)")
    void blob(@PathVariable String sha256, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        access.edge();
        if (!Sha256.isValid(sha256)) {
            throw Refused.invalid("sha256", "A blob is named by its SHA-256 as 64 lowercase hex digits.");
        }
        Path file;
        long size;
        try {
            file = origin.path(sha256);
            size = origin.size(sha256);
        } catch (NoSuchElementException e) {
            throw Refused.notFound("Origin holds no blob " + sha256 + ".");
        }
        String etag = "\"" + sha256 + "\"";
        boolean notModified = matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag);
        // Decided before any header is set: a 416 must not go out marked cacheable for a year.
        Optional<ByteRange> range = notModified ? Optional.empty() : rangeOf(request, etag, size);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (notModified) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        response.setStatus(range.isPresent() ? HttpStatus.PARTIAL_CONTENT.value() : HttpStatus.OK.value());
        range.ifPresent(r -> response.setHeader(HttpHeaders.CONTENT_RANGE, r.contentRange(size)));
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setContentLengthLong(length);
        if (!"HEAD".equals(request.getMethod())) {
            copy(file, first, length, response.getOutputStream());
        }
    }

    private static Optional<ByteRange> rangeOf(HttpServletRequest request, String etag, long size) {
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange != null && !ifRange.trim().equals(etag)) {
            return Optional.empty(); // the edge's partial copy is of something else: send it all
        }
        try {
            return ByteRange.parse(request.getHeader(HttpHeaders.RANGE), size);
        } catch (ByteRange.Unsatisfiable e) {
            ErrorResponseException refused = new ErrorResponseException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "The range '"
                            + request.getHeader(HttpHeaders.RANGE) + "' lies beyond the blob, which is " + size
                            + " bytes long; ask for bytes 0-" + Math.max(0, size - 1) + " at most."), null);
            refused.getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            refused.getHeaders().set(HttpHeaders.ACCEPT_RANGES, "bytes");
            throw refused;
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** Straight from the file in bounded chunks: a blob of any size costs one buffer of heap. */
    private static void copy(Path file, long first, long length, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            WritableByteChannel target = Channels.newChannel(out);
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long position = first;
            long end = first + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new IOException("Blob " + file.getFileName() + " ended early; it was changed on disk.");
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    target.write(buffer);
                }
                position += read;
            }
        }
    }
}
