package dev.tasman.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input needs no platform: each is one human line on stderr and the right exit code. */
class CliBadInputIT {

    @TempDir
    Path config;

    @Test
    void unknownFlag_exits2WithOneLine() throws Exception {
        Cli.Result result = new Cli(config).run("projects", "list", "--colour");

        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("Unknown option: '--colour'. See `tasman projects list --help`.");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void missingArgument_exits2WithOneLine() throws Exception {
        Cli.Result result = new Cli(config).run("promote", "-p", "hello");

        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("Missing required parameter: 'DEPLOYMENT'. See `tasman promote "
                + "--help`.");
    }

    @Test
    void notLoggedIn_exits1WithOneLine() throws Exception {
        Cli.Result result = new Cli(config).run("projects", "list");

        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "Not logged in: run `tasman login` or set TASMAN_URL and TASMAN_TOKEN.");
    }

    @Test
    void unreachableUrl_exits1WithOneLine() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;

        Cli.Result result = new Cli(config).with("TASMAN_URL", url).with("TASMAN_TOKEN", "tsm_x").run("whoami");

        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        assertThat(result.errLines())
                .containsExactly("Cannot reach the Tasman API at " + url + ": connection refused.");
    }

    @Test
    void helpAndVersion_exit0() throws Exception {
        Cli.Result help = new Cli(config).run("--help");
        Cli.Result version = new Cli(config).run("--version");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: tasman", "login", "deploy", "rollback", "promote", "edges");
        assertThat(version.out().strip()).matches("tasman \\d+\\.\\d+\\.\\d+.*");
    }
}
