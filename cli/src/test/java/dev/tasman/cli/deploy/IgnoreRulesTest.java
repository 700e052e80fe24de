package dev.tasman.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

    private static IgnoreRules rules(String... lines) {
        return IgnoreRules.none().then("", List.of(lines));
    }

    @Test
    void givenCommentsAndBlankLines_whenMatching_thenTheyAreNoRules() {
        IgnoreRules rules = rules("# a comment", "", "   ", "#*.html");

        assertThat(rules.ignored("index.html", false)).isFalse();
        assertThat(rules.ignored("# a comment", false)).isFalse();
    }

    @Test
    void givenAPatternWithoutSlash_whenMatching_thenItMatchesANameAtAnyDepth() {
        IgnoreRules rules = rules("*.log");

        assertThat(rules.ignored("debug.log", false)).isTrue();
        assertThat(rules.ignored("a/b/debug.log", false)).isTrue();
        assertThat(rules.ignored("debug.log.txt", false)).isFalse();
        assertThat(rules.ignored("logs/debug.txt", false)).isFalse();
    }

    @Test
    void givenALeadingSlash_whenMatching_thenOnlyTheTopLevelMatches() {
        IgnoreRules rules = rules("/build");

        assertThat(rules.ignored("build", true)).isTrue();
        assertThat(rules.ignored("src/build", true)).isFalse();
    }

    @Test
    void givenASlashInTheMiddle_whenMatching_thenThePatternIsAnchored() {
        IgnoreRules rules = rules("docs/*.md");

        assertThat(rules.ignored("docs/readme.md", false)).isTrue();
        assertThat(rules.ignored("docs/deep/readme.md", false)).isFalse();
        assertThat(rules.ignored("site/docs/readme.md", false)).isFalse();
    }

    @Test
    void givenATrailingSlash_whenMatching_thenOnlyDirectoriesMatch() {
        IgnoreRules rules = rules("dist/");

        assertThat(rules.ignored("dist", true)).isTrue();
        assertThat(rules.ignored("app/dist", true)).isTrue();
        assertThat(rules.ignored("dist", false)).isFalse();
    }

    @Test
    void givenDoubleAsterisks_whenMatching_thenTheyCrossDirectories() {
        IgnoreRules rules = rules("**/cache", "a/**/b", "logs/**");

        assertThat(rules.ignored("cache", true)).isTrue();
        assertThat(rules.ignored("x/y/cache", true)).isTrue();
        assertThat(rules.ignored("a/b", false)).isTrue();
        assertThat(rules.ignored("a/x/y/b", false)).isTrue();
        assertThat(rules.ignored("logs/today/1.txt", false)).isTrue();
        assertThat(rules.ignored("logs", true)).as("logs/** is what is inside, not logs itself").isFalse();
    }

    @Test
    void givenQuestionMarksAndClasses_whenMatching_thenEachStandsForOneCharacter() {
        IgnoreRules rules = rules("file?.txt", "img[0-9].png", "x[!a].css");

        assertThat(rules.ignored("file1.txt", false)).isTrue();
        assertThat(rules.ignored("file12.txt", false)).isFalse();
        assertThat(rules.ignored("img7.png", false)).isTrue();
        assertThat(rules.ignored("imgx.png", false)).isFalse();
        assertThat(rules.ignored("xb.css", false)).isTrue();
        assertThat(rules.ignored("xa.css", false)).isFalse();
    }

    @Test
    void givenANegation_whenItComesLater_thenItIncludesAgain() {
        IgnoreRules rules = rules("*.log", "!keep.log");

        assertThat(rules.ignored("drop.log", false)).isTrue();
        assertThat(rules.ignored("keep.log", false)).isFalse();
        assertThat(rules("!keep.log", "*.log").ignored("keep.log", false)).as("the last match decides").isTrue();
    }

    @Test
    void givenEscapes_whenMatching_thenHashAndBangAreLiteral() {
        IgnoreRules rules = rules("\\#notes", "\\!important", "trailing\\ ");

        assertThat(rules.ignored("#notes", false)).isTrue();
        assertThat(rules.ignored("!important", false)).isTrue();
        assertThat(rules.ignored("trailing ", false)).isTrue();
    }

    @Test
    void givenTrailingSpacesAndCarriageReturns_whenParsing_thenTheyAreDropped() {
        IgnoreRules rules = rules("secret.txt   ", "windows.txt\r");

        assertThat(rules.ignored("secret.txt", false)).isTrue();
        assertThat(rules.ignored("windows.txt", false)).isTrue();
    }

    @Test
    void givenRulesOfASubdirectory_whenMatching_thenTheyApplyOnlyBelowIt() {
        IgnoreRules rules = IgnoreRules.none().then("", List.of("*.tmp")).then("app/", List.of("/local", "!keep.tmp"));

        assertThat(rules.ignored("app/local", false)).isTrue();
        assertThat(rules.ignored("local", false)).isFalse();
        assertThat(rules.ignored("app/keep.tmp", false)).isFalse();
        assertThat(rules.ignored("keep.tmp", false)).isTrue();
    }

    @Test
    void givenRegexCharacters_whenMatching_thenTheyAreLiteral() {
        IgnoreRules rules = rules("a+b.(c)", "$HOME");

        assertThat(rules.ignored("a+b.(c)", false)).isTrue();
        assertThat(rules.ignored("aab.(c)", false)).isFalse();
        assertThat(rules.ignored("$HOME", false)).isTrue();
    }
}
