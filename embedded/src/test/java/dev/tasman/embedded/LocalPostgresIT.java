package dev.tasman.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresIT {

    @TempDir
    Path dir;

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        try (LocalPostgres first = LocalPostgres.start(dir, 0)) {
            String url = first.ensureDatabase("tasman");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("create table note(text varchar(20))");
                s.execute("insert into note values ('kept')");
            }
        }
        try (LocalPostgres second = LocalPostgres.start(dir, 0);
             Connection c = DriverManager.getConnection(second.ensureDatabase("tasman"));
             ResultSet rs = c.createStatement().executeQuery("select text from note")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void aPersistentServerFlushesEveryCommitToDisk() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(dir, 0);
             Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"));
             Statement s = c.createStatement()) {
            ResultSet fsync = s.executeQuery("show fsync");
            fsync.next();
            assertThat(fsync.getString(1)).isEqualTo("on");
            ResultSet commit = s.executeQuery("show synchronous_commit");
            commit.next();
            assertThat(commit.getString(1)).isEqualTo("on");
        }
    }

    @Test
    void aServerOrphanedByAKilledProcessIsStoppedAndTheDirectoryReused() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalPostgres.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(owner.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("READY")) {
                // start-up log lines
            }
            assertThat(line).as("the owning process reported READY").startsWith("READY");
        }
        owner.destroyForcibly().waitFor();   // SIGKILL: no shutdown hook runs, the postmaster is orphaned
        long orphanPid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (LocalPostgres second = LocalPostgres.start(dir, 0);
             Connection c = DriverManager.getConnection(second.ensureDatabase("tasman"))) {
            assertThat(c.isValid(2)).isTrue();
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }
}
