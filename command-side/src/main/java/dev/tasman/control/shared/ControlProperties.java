package dev.tasman.control.shared;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the control plane, under {@code tasman.control}. Each has a default that suits a
 * local run, so {@code ./tasman-local up} needs none.
 *
 * @param dataDirectory where the admin token file, generated keys and (without a database URL) the
 *                      embedded PostgreSQL data live
 * @param database      the event store; empty URL means "run PostgreSQL embedded in the data directory"
 * @param secretsKey    base64 of a 256-bit AES key for environment variable values; empty means "use
 *                      (or generate) {@code keys/secrets.key} in the data directory"
 * @param edgeDomain    the domain under which every project answers ({@code <project>.<edgeDomain>});
 *                      custom domains may not be under it
 * @param sources       where deployment sources may come from
 * @param storageDirectory where uploaded sources, origin blobs, manifests and the manifest signing key
 *                      live; defaults to the data directory. Control-plane instances that share build
 *                      work must share this directory (a shared file system) and the secrets key.
 */
@ConfigurationProperties("tasman.control")
public record ControlProperties(Path dataDirectory, Database database, String secretsKey, String edgeDomain,
        Sources sources, Path storageDirectory) {

    public ControlProperties {
        dataDirectory = dataDirectory == null ? Path.of(".tasman-local", "control") : dataDirectory;
        database = database == null ? new Database(null, null, null) : database;
        secretsKey = secretsKey == null ? "" : secretsKey;
        edgeDomain = edgeDomain == null || edgeDomain.isBlank() ? "localhost" : edgeDomain;
        sources = sources == null ? new Sources(false) : sources;
        storageDirectory = storageDirectory == null ? dataDirectory : storageDirectory;
    }

    public record Database(String url, String username, String password) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * @param allowLocalGit accept {@code file://} URLs and plain paths as git sources. Off by default: they
     *                      would let any deployer clone whatever the control plane's host can read (another
     *                      tenant's files, the data directory). Tests and single-user local runs turn it on.
     */
    public record Sources(boolean allowLocalGit) {
    }
}
