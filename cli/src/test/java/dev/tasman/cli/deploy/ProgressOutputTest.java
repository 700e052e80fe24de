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
