package dev.tasman.cli.shared;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code tasman login} saves: {@code {"url", "token"}} and, when given, {@code "queryUrl"} in
 * {@code $XDG_CONFIG_HOME/tasman/config.json}
 * (default {@code ~/.config/tasman/config.json}). The token is a credential, so the directory is 0700 and
 * the file 0600 from the moment it exists: it is written to a temporary file created with those rights and
 * moved into place, never created readable and narrowed afterwards.
 */
public final class ConfigFile {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public ConfigFile(Path file) {
        this.file = file;
    }

    /** Where the login lives for this environment (XDG base directory rules). */
    public static ConfigFile in(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new ConfigFile(base.resolve("tasman").resolve("config.json"));
    }

    /** A login; {@code queryUrl} is null unless {@code login --query-url} named the query side. */
    public record Saved(String url, String token, String queryUrl) {

        public Saved(String url, String token) {
            this(url, token, null);
        }

        @Override
        public String toString() {
            return "Saved[url=" + url + ", token=(hidden), queryUrl=" + queryUrl + "]";
        }
    }

    public Path path() {
        return file;
    }

    public Optional<Saved> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode saved;
        try {
            saved = Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new Failure("Cannot read the saved login at " + file + ": " + e.getMessage() + ".", e);
        }
        String url = Json.text(saved, "url", null);
        String token = Json.text(saved, "token", null);
        if (url == null || token == null) {
            throw new Failure("The saved login at " + file + " is damaged (it needs \"url\" and \"token\"): "
                    + "run `tasman login` again.");
        }
        return Optional.of(new Saved(url, token, Json.text(saved, "queryUrl", null)));
    }

    public void write(Saved saved) {
        Path directory = file.getParent();
        try {
            Files.createDirectories(directory);
            restrict(directory, DIRECTORY);
            Path temporary = posix()
                    ? Files.createTempFile(directory, ".config-", ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                    : Files.createTempFile(directory, ".config-", ".tmp");
            try {
                restrict(temporary, FILE);
                Map<String, String> json = new LinkedHashMap<>();
                json.put("url", saved.url());
                json.put("token", saved.token());
                if (saved.queryUrl() != null) {
                    json.put("queryUrl", saved.queryUrl());
                }
                Files.writeString(temporary, Json.write(json) + "\n");
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new Failure("Cannot save the login in " + file + ": " + e.getMessage() + ".", e);
        }
    }

    /** Removes the saved login; false when there was none. */
    public boolean delete() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new Failure("Cannot remove the saved login " + file + ": " + e.getMessage() + ".", e);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Sets the rights exactly (the umask narrows what createDirectories asks for, never widens it). */
    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
