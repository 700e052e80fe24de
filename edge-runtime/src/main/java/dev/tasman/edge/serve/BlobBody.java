package dev.tasman.edge.serve;

import dev.tasman.edge.cache.BlobCache;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.xnio.IoUtils;

/**
 * Writes a blob (or one range of it) as the response body. A blob held in {@link BlobMemory} goes out
 * from the IO thread in one write; anything else is read on a worker thread, since a disk read may
 * block and an IO thread serves many connections. Small blobs read that way are kept in memory for
 * the next request; large ones are streamed from the file ({@link FileTransfer}). A HEAD request gets
 * the length and no body.
 */
final class BlobBody {

    private final BlobCache blobs;
    private final BlobMemory memory;

    BlobBody(BlobCache blobs, BlobMemory memory) {
        this.blobs = blobs;
        this.memory = memory;
    }

    void send(HttpServerExchange exchange, String sha256, ByteRange part) {
        ByteBuffer held = memory.get(sha256);
        if (held != null) {
            write(exchange, held, part);
        } else if (exchange.isInIoThread()) {
            exchange.dispatch(() -> fromDisk(exchange, sha256, part));
        } else {
            fromDisk(exchange, sha256, part);
        }
    }

    private void fromDisk(HttpServerExchange exchange, String sha256, ByteRange part) {
        FileChannel file = null;
        try {
            file = FileChannel.open(blobs.path(sha256), StandardOpenOption.READ);
            long size = file.size();
            if (size > BlobMemory.MAX_BLOB) {
                FileTransfer.start(exchange, file, part == null ? 0 : part.first(), part == null ? size : part.length());
                return;
            }
            ByteBuffer bytes = ByteBuffer.allocateDirect((int) size);
            while (bytes.hasRemaining() && file.read(bytes) >= 0) {
                // a regular file reads fully; the loop only covers short reads
            }
            file.close();
            ByteBuffer held = bytes.flip().asReadOnlyBuffer();
            memory.put(sha256, held);
            write(exchange, held.duplicate(), part);
        } catch (IOException | RuntimeException e) {
            IoUtils.safeClose(file);
            Failures.fail(exchange, e);
        }
    }

    private static void write(HttpServerExchange exchange, ByteBuffer bytes, ByteRange part) {
        if (part != null) {
            bytes.position((int) part.first()).limit((int) part.last() + 1);
        }
        exchange.setResponseContentLength(bytes.remaining());
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(bytes);
        }
    }
}
