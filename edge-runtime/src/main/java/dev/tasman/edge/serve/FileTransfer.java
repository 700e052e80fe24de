package dev.tasman.edge.serve;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Streams part of a file to the response without copying it through the heap ({@code transferFrom},
 * sendfile on plain HTTP). When the socket is full it waits for writability, then continues on a
 * worker thread, because reading the file may block. Undertow's own {@code Sender.transferFrom}
 * always runs to the end of the file, so it cannot send a range. The file is closed when the
 * exchange completes, however it completes.
 */
final class FileTransfer implements Runnable, ChannelListener<StreamSinkChannel> {

    private static final System.Logger LOG = System.getLogger(FileTransfer.class.getName());

    private final HttpServerExchange exchange;
    private final FileChannel file;
    private final long end;
    private long position;
    private StreamSinkChannel sink;

    private FileTransfer(HttpServerExchange exchange, FileChannel file, long first, long length) {
        this.exchange = exchange;
        this.file = file;
        this.position = first;
        this.end = first + length;
    }

    static void start(HttpServerExchange exchange, FileChannel file, long first, long length) {
        exchange.addExchangeCompleteListener((done, next) -> {
            IoUtils.safeClose(file);
            next.proceed();
        });
        exchange.setResponseContentLength(length);
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
            return;
        }
        new FileTransfer(exchange, file, first, length).run();
    }

    @Override
    public void run() {
        try {
            if (sink == null) {
                sink = exchange.getResponseChannel();
            }
            while (position < end) {
                // Before the headers are out, Undertow copies through a buffer reading from the channel's own
                // position, ignoring the argument: keep both the same.
                file.position(position);
                long sent = sink.transferFrom(file, position, end - position);
                if (sent == 0) {
                    sink.getWriteSetter().set(this);
                    sink.resumeWrites();
                    return;
                }
                position += sent;
            }
            exchange.endExchange();
        } catch (IOException e) {
            // usually the client went away mid-download; nothing to answer, only to close
            LOG.log(Level.DEBUG, "Streaming a file to the client failed: {0}", e.toString());
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /** The socket can take more: continue off the IO thread. */
    @Override
    public void handleEvent(StreamSinkChannel channel) {
        channel.suspendWrites();
        channel.getWriteSetter().set(null);
        exchange.dispatch(this);
    }
}
