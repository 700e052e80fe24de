package dev.tasman.cli.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path home;

    @Test
    void givenXdgConfigHome_whenLocating_thenTheLoginLivesUnderIt() {
        assertThat(ConfigFile.in(Map.of("XDG_CONFIG_HOME", home.toString(), "HOME", "/nowhere")).path())
                .isEqualTo(home.resolve("tasman/config.json"));
    }

    @Test
    void givenNoOrARelativeXdgConfigHome_whenLocating_thenDotConfigInHomeIsUsed() {
        assertThat(ConfigFile.in(Map.of("HOME", home.toString())).path())
                .isEqualTo(home.resolve(".config/tasman/config.json"));
        assertThat(ConfigFile.in(Map.of("XDG_CONFIG_HOME", "relative", "HOME", home.toString())).path())
                .isEqualTo(home.resolve(".config/tasman/config.json"));
    }

    @Test
    void givenALogin_whenSaved_thenTheFileIs0600InADirectory0700AndReadsBack() throws IOException {
        ConfigFile config = new ConfigFile(home.resolve("config/tasman/config.json"));

        config.write(new ConfigFile.Saved("http://127.0.0.1:7070", "tsm_secret"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path().getParent())))
                .isEqualTo("rwx------");
        assertThat(config.read()).contains(new ConfigFile.Saved("http://127.0.0.1:7070", "tsm_secret"));
        assertThat(Json.parse(Files.readString(config.path())).fieldNames()).toIterable()
                .containsExactly("url", "token");
        try (var leftovers = Files.list(config.path().getParent())) {
            assertThat(leftovers).containsExactly(config.path());
        }
    }

    @Test
    void givenAnOpenDirectoryAndFile_whenSavedAgain_thenBothAreNarrowed() throws IOException {
        Path directory = Files.createDirectories(home.resolve("tasman"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(directory.resolve("config.json"), "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new ConfigFile(file).write(new ConfigFile.Saved("http://a", "t"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void givenADamagedFile_whenRead_thenTheMessageSaysToLogInAgain() throws IOException {
        Path file = Files.writeString(home.resolve("config.json"), "{\"url\": 1");

        assertThatThrownBy(() -> new ConfigFile(file).read()).isInstanceOf(Failure.class)
                .hasMessage("The saved login at " + file + " is damaged (it needs \"url\" and \"token\"): run "
                        + "`tasman login` again.");
    }

    @Test
    void givenASavedLogin_whenDeleted_thenItIsGone() {
        ConfigFile config = new ConfigFile(home.resolve("tasman/config.json"));
        config.write(new ConfigFile.Saved("http://a", "t"));

        assertThat(config.delete()).isTrue();
        assertThat(config.delete()).isFalse();
        assertThat(config.read()).isEmpty();
    }

    @Test
    void givenASavedLogin_whenPrinted_thenTheTokenIsHidden() {
        assertThat(new ConfigFile.Saved("http://a", "tsm_secret").toString()).doesNotContain("tsm_secret");
    }
}
