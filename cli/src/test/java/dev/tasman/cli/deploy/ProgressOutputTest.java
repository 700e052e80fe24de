package dev.tasman.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.Style;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What deploy prints while edges acknowledge, where the site answers, and what status shows. */
class ProgressOutputTest {

    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    private static JsonNode propagating(String acknowledged, String failures) {
        return json("{'state':'PROPAGATING','requiredEdges':['mel','sin','syd'],'acknowledgedEdges':" + acknowledged
                + ",'syncFailures':" + failures + "}");
    }

    @Test
    void givenNoTerminal_whenEdgesAcknowledge_thenALineIsPrintedPerChange() {
        StringWriter text = new StringWriter();
        EdgeProgress progress = new EdgeProgress(new PrintWriter(text), Style.plain(), false);

        progress.update(propagating("[]", "[]"));
        progress.update(propagating("[]", "[]"));
        progress.update(propagating("['syd']", "['sin: blob abc failed its SHA-256 check']"));
        progress.update(propagating("['mel','sin','syd']", "['sin: blob abc failed its SHA-256 check']"));

        assertThat(text.toString().lines()).containsExactly(
                "Propagating to 3 edges: mel, sin, syd",
                "  mel  waiting",
                "  sin  waiting",
                "  syd  waiting",
                "  sin  sync failed, retrying: blob abc failed its SHA-256 check",
                "  syd  acknowledged",
                "  mel  acknowledged",
                "  sin  acknowledged");
    }

    @Test
    void givenAnEdgeDrained_whenItIsNoLongerRequired_thenThatIsSaid() {
        StringWriter text = new StringWriter();
        EdgeProgress progress = new EdgeProgress(new PrintWriter(text), Style.plain(), false);

        progress.update(propagating("['syd']", "[]"));
        progress.update(json("{'requiredEdges':['mel','syd'],'acknowledgedEdges':['syd']}"));

        assertThat(text.toString().lines()).endsWith("  sin  no longer waited for (drained)");
    }

    @Test
    void givenATerminal_whenEdgesAcknowledge_thenTheBlockIsRedrawnInPlace() {
        StringWriter text = new StringWriter();
        EdgeProgress progress = new EdgeProgress(new PrintWriter(text), new Style(true), true);

        progress.update(propagating("[]", "[]"));
        String first = text.toString();
        progress.update(propagating("['mel']", "[]"));
        String second = text.toString().substring(first.length());

        assertThat(first).doesNotContain("\u001b[4A").contains("Propagating to 3 edges (0/3 acknowledged)");
        assertThat(second).startsWith("\u001b[4A").contains("(1/3 acknowledged)")
                .contains("\u001b[32macknowledged\u001b[0m");
    }

    private static JsonNode withProgress(String acknowledged, String failures, String progress) {
        return json("{'state':'PROPAGATING','requiredEdges':['akl','mel','sin','syd'],'acknowledgedEdges':"
                + acknowledged + ",'syncFailures':" + failures + ",'edgeProgress':" + progress + "}");
    }

    private static String report(long filesPresent, long bytesPresent) {
        return "{'filesTotal':25,'filesPresent':" + filesPresent + ",'bytesTotal':2411725,'bytesPresent':"
                + bytesPresent + ",'reportedAt':'2026-12-07T01:00:00Z'}";
    }

    @Test
    void givenATerminal_whenEdgesReportProgress_thenEachLineIsABarWithPercentFilesAndBytes() {
        StringWriter text = new StringWriter();
        EdgeProgress progress = new EdgeProgress(new PrintWriter(text), Style.plain(), true);

        progress.update(withProgress("['mel']", "['akl: blob abc failed its SHA-256 check']",
                "{'syd':" + report(13, 1258291) + ",'mel':" + report(25, 2411725) + "}"));

        assertThat(text.toString().replace("\r\u001b[2K", "").replace("\u001b[J", "").lines()).containsExactly(
                "Propagating to 4 edges (1/4 acknowledged)",
                "  akl  sync failed, retrying: blob abc failed its SHA-256 check",
                "  mel  [████████████████████]  100%  acknowledged",
                "  sin  [░░░░░░░░░░░░░░░░░░░░]        waiting",
                "  syd  [██████████░░░░░░░░░░]   52%  13/25 files  1.2 MB/2.3 MB");
    }

    @Test
    void givenATerminal_whenOnlyAnEdgesProgressMoves_thenTheBlockIsRedrawnAndNotWhenNothingMoved() {
        StringWriter text = new StringWriter();
        EdgeProgress progress = new EdgeProgress(new PrintWriter(text), Style.plain(), true);

        progress.update(withProgress("[]", "[]", "{'syd':" + report(1, 100_000) + "}"));
        int first = text.toString().length();
        progress.update(withProgress("[]", "[]", "{'syd':" + report(1, 100_000) + "}"));
        assertThat(text.toString()).as("nothing moved").hasSize(first);
        progress.update(withProgress("[]", "[]", "{'syd':" + report(25, 2411725) + "}"));

        assertThat(text.toString().substring(first)).startsWith("\u001b[5A")
                .contains("  syd  [███████████████████") // every file present, not yet acknowledged
                .contains("100%  25/25 files  2.3 MB/2.3 MB");
    }

    @Test
    void givenATerminalWithoutBlockCharacters_whenAnEdgeReports_thenTheBarIsDrawnInAscii() {
        StringWriter text = new StringWriter();
        EdgeProgress progress = new EdgeProgress(new PrintWriter(text), Style.plain(), true, false);

        progress.update(withProgress("[]", "[]", "{'syd':" + report(13, 1258291) + "}"));

        assertThat(text.toString()).contains("  syd  [##########----------]   52%  13/25 files");
    }

    @Test
    void givenNoTerminal_whenAnEdgePassesHalfway_thenOneLineSaysSoAndNoMore() {
        StringWriter text = new StringWriter();
        EdgeProgress progress = new EdgeProgress(new PrintWriter(text), Style.plain(), false);

        progress.update(withProgress("[]", "[]", "{'syd':" + report(5, 482345) + "}"));
        progress.update(withProgress("[]", "[]", "{'syd':" + report(13, 1258291) + "}"));
        progress.update(withProgress("[]", "[]", "{'syd':" + report(20, 1929380) + "}"));
        progress.update(withProgress("['syd']", "[]", "{}"));

        assertThat(text.toString().lines()).containsExactly(
                "Propagating to 4 edges: akl, mel, sin, syd",
                "  akl  waiting",
                "  mel  waiting",
                "  sin  waiting",
                "  syd  waiting",
                "  syd  past half: 52%  13/25 files  1.2 MB/2.3 MB",
                "  syd  acknowledged");
    }

    @Test
    void givenLocalEdges_whenListingSites_thenEachEdgeAnswersAtProjectDotLocalhostOnItsPort() {
        JsonNode edges = json("[{'id':'syd','state':'ACTIVE','url':'http://127.0.0.1:7081'},"
                + "{'id':'mel','state':'DRAINED','url':'http://127.0.0.1:7082'},"
                + "{'id':'sin','state':'ACTIVE','url':'http://localhost:7083/'}]");

        assertThat(SiteUrls.of(edges, "hello")).containsExactly(
                new SiteUrls.Site("syd", "http://hello.localhost:7081/"),
                new SiteUrls.Site("sin", "http://hello.localhost:7083/"));
    }

    @Test
    void givenRemoteEdges_whenListingSites_thenTheFirstEdgeHostIsTheEdgeDomain() {
        JsonNode edges = json("[{'id':'syd','state':'ACTIVE','url':'https://edge.example.net'},"
                + "{'id':'mel','state':'ACTIVE','url':'https://edge-mel.example.net'}]");

        assertThat(SiteUrls.of(edges, "shop"))
                .containsExactly(new SiteUrls.Site(null, "https://shop.edge.example.net/"));
    }

    @Test
    void givenAStalledDeployment_whenShown_thenStateEdgesAndReasonAreThere() {
        JsonNode deployment = json("{'id':'dpl_1','projectId':'prj_1','target':'PRODUCTION','state':'STALLED',"
                + "'source':{'kind':'archive','location':'ab12'},'requiredEdges':['mel','syd'],"
                + "'acknowledgedEdges':['syd'],'failureReason':'waiting for edges: mel','syncFailures':[],"
                + "'createdBy':'admin','createdAt':null}");

        assertThat(DeploymentText.lines(deployment, "hello", Style.plain())).containsExactly(
                "dpl_1  STALLED",
                "  Project  hello (prj_1)",
                "  Target   production",
                "  Edges    1/2 acknowledged, waiting for mel",
                "  Source   uploaded archive (sha256 ab12)",
                "  Created   by admin",
                "  Reason   waiting for edges: mel");
    }

    @Test
    void givenSizes_whenShown_thenTheyReadAsPeopleWriteThem() {
        assertThat(Sizes.of(512)).isEqualTo("512 B");
        assertThat(Sizes.of(1536)).isEqualTo("1.5 KB");
        assertThat(Sizes.of(5L * 1024 * 1024)).isEqualTo("5.0 MB");
    }
}
