package dev.tasman.control.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.control.shared.Refused;
import org.junit.jupiter.api.Test;

/** The tree model on its own: inputs too large to build as archives in a test, and its costs. */
class SourceTreeTest {

    @Test
    void linksBuiltToExhaustTheCheckerAreRefusedQuickly() {
        SourceTree tree = new SourceTree("The source archive entry");
        tree.add("x", SourceTree.Kind.DIRECTORY, null);
        String deep = "x/".repeat(2000);
        for (int i = 0; i < 20_000; i++) {
            tree.add("link" + i, SourceTree.Kind.SYMLINK, deep);
        }

        long started = System.nanoTime();
        assertThatThrownBy(tree::check).isInstanceOf(Refused.class)
                .hasMessageContaining("is one of more symbolic links than can be checked");
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(10_000);
    }

    @Test
    void chainsOfLinksInsideTheTreeAreFollowed() {
        SourceTree tree = new SourceTree("The source archive entry");
        tree.add("a/b/c", SourceTree.Kind.DIRECTORY, null);
        tree.add("a/b/c/up", SourceTree.Kind.SYMLINK, "../..");
        tree.add("a/b/c/top", SourceTree.Kind.SYMLINK, "up/..");
        tree.add("a/b/c/missing", SourceTree.Kind.SYMLINK, "no/such/dir/../../../../..");
        tree.check();

        tree.add("a/b/c/out", SourceTree.Kind.SYMLINK, "top/..");
        assertThatThrownBy(tree::check).hasMessageContaining("'a/b/c/out' is a symbolic link to 'top/..', which "
                + "points outside the source tree");
    }

    @Test
    void deepNamesCostLinearTime() {
        SourceTree tree = new SourceTree("The source archive entry");
        String deep = "d/".repeat(2040);

        long started = System.nanoTime();
        // quadratic checks would walk 5,000 × 2,040² / 2 segments here: minutes, not this
        for (int i = 0; i < 5_000; i++) {
            tree.add(deep + "f" + i, SourceTree.Kind.FILE, null);
        }
        tree.check();
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(10_000);
    }
}
