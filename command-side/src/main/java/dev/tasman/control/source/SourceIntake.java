package dev.tasman.control.source;

import dev.tasman.control.shared.Directories;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.control.shared.Refused;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Turns what a deployer sends into a {@link SourceRef} worth queueing: every check that can fail on the
 * input itself happens here, before a deployment exists, so a refused request leaves no deployment.
 */
@Component
public class SourceIntake {

    private final SourceStore store;
    private final GitSources git;
    private final SourceArchives.Limits limits = SourceArchives.Limits.defaults();

    public SourceIntake(SourceStore store, GitSources git) {
        this.store = store;
        this.git = git;
    }

    /**
     * Stores and checks an uploaded {@code .tar.gz}: its entries, its size and expansion, and its
     * {@code tasman.json}. {@code declaredLength} is the request's Content-Length, or -1.
     */
    public SourceRef archive(InputStream body, long declaredLength) throws IOException {
        if (declaredLength > limits.maxCompressedBytes()) {
            throw Refused.invalid("source", "The source archive is " + SourceArchives.size(declaredLength)
                    + "; at most " + SourceArchives.size(limits.maxCompressedBytes()) + " is accepted. Leave "
                    + "dependencies (node_modules) and build output out of it.");
        }
        if (declaredLength == 0) {
            throw Refused.invalid("source", "The request body is empty: send the source as a .tar.gz "
                    + "(Content-Type: application/gzip), or a git source as JSON (Content-Type: application/json).");
        }
        // A refused archive stays stored: the blob is named by its content, so it can only ever be this very
        // archive (it cannot shadow or corrupt another), and deleting it could pull it from under an
        // identical, accepted upload made at the same moment.
        String sha256 = store.store(body, limits.maxCompressedBytes());
        Path archive = store.path(sha256);
        SourceArchives.validate(archive, limits);
        checkTasmanJson(archive);
        return new SourceRef("archive", sha256, null, null);
    }

    /** Pins {@code ref} (branch, tag or commit; blank for HEAD) to the exact commit it names now. */
    public SourceRef git(String url, String ref) {
        return new SourceRef("git", url, ref, git.resolve(url, ref));
    }

    private void checkTasmanJson(Path archive) throws IOException {
        Path scratch = store.scratch();
        try {
            SourceArchives.extract(archive, scratch.resolve("source"), limits);
            TasmanJson.read(scratch.resolve("source"));
        } finally {
            Directories.delete(scratch);
        }
    }
}
