package dev.tasman.control.source;

import dev.tasman.control.shared.Refused;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths of a source tree as an archive or a commit lists them, judged before anything is written.
 * Links are resolved against this model the way the kernel will resolve them once they are on disk:
 * checking a target's text alone misses {@code a -> .} followed by {@code b -> a/..}. Every refusal
 * names the entry through {@code noun} ("The source archive entry", …).
 *
 * <p>The work is linear in the size of the names, and link resolution has a budget: the input is
 * hostile, and quadratic checks would be a way to pin a CPU.
 */
final class SourceTree {

    enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK }

    /** Linux's PATH_MAX; longer names cannot be created anyway. */
    static final int MAX_NAME = 4096;
    /** Linux gives up after 40 links in one lookup (ELOOP); so do we. */
    private static final int MAX_LINK_HOPS = 40;
    /** Path segments walked while resolving every link of one tree: far beyond any real source. */
    private static final long MAX_LINK_STEPS = 10_000_000;

    private static final class Node {
        final Node parent;
        final String name;
        Kind kind = Kind.DIRECTORY;
        boolean explicit;
        String target;
        Map<String, Node> children;

        Node(Node parent, String name) {
            this.parent = parent;
            this.name = name;
        }

        Node child(String segment) {
            return children == null ? null : children.get(segment);
        }

        String path() {
            Deque<String> names = new ArrayDeque<>();
            for (Node n = this; n.parent != null; n = n.parent) {
                names.addFirst(n.name);
            }
            return String.join("/", names);
        }
    }

    private final String noun;
    private final Node root = new Node(null, "");
    private final List<Node> links = new ArrayList<>();
    private long steps;

    SourceTree(String noun) {
        this.noun = noun;
    }

    /**
     * A path relative to the root with "." and empty segments dropped ("" is the root itself). Refuses
     * absolute names, '..' segments, NUL and names longer than {@value #MAX_NAME} characters.
     * Backslashes count as separators here, so a name that would climb out on another system is
     * refused too.
     */
    String normalize(String name) {
        if (name.length() > MAX_NAME) {
            throw refuse(name, "has a name longer than " + MAX_NAME + " characters");
        }
        if (name.indexOf('\0') >= 0) {
            throw refuse(name, "contains a NUL character");
        }
        if (name.startsWith("/") || name.startsWith("\\")) {
            throw refuse(name, "has an absolute path; entries must be relative to the source root");
        }
        StringBuilder path = new StringBuilder();
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw refuse(name, "climbs out of the source tree with '..'; entries must stay inside it");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                path.append(path.isEmpty() ? "" : "/").append(segment);
            }
        }
        return path.toString();
    }

    /**
     * Records one entry, in archive order: {@code path} as {@link #normalize} answers it (not the root),
     * {@code target} the link text for links, else null.
     */
    void add(String path, Kind kind, String target) {
        String[] segments = path.split("/");
        Node at = root;
        for (int i = 0; i < segments.length - 1; i++) {
            Node next = at.child(segments[i]);
            if (next == null) {
                next = attach(at, segments[i]);
            }
            if (next.kind != Kind.DIRECTORY) {
                throw inside(path, next.path(), next.kind);
            }
            at = next;
        }
        String last = segments[segments.length - 1];
        Node existing = at.child(last);
        if (existing != null) {
            if (existing.kind == Kind.DIRECTORY && kind == Kind.DIRECTORY) {
                existing.explicit = true;
                return;
            }
            if (existing.explicit) {
                throw refuse(path, "appears twice; each path may appear once");
            }
            // a directory so far only implied by entries inside it, which would now lie inside a link or file
            throw inside(path + "/" + existing.children.keySet().iterator().next(), path, kind);
        }
        if (kind == Kind.HARDLINK) {
            target = hardLinkTarget(path, target);
        }
        if (kind == Kind.SYMLINK && (target == null || target.isEmpty() || target.indexOf('\0') >= 0
                || target.length() >= MAX_NAME)) {
            throw refuse(path, "is a symbolic link without a usable target");
        }
        Node node = attach(at, last);
        node.kind = kind;
        node.explicit = true;
        node.target = target;
        if (kind == Kind.SYMLINK) {
            links.add(node);
        }
    }

    /** Once every entry is in: every symbolic link resolves inside the tree. */
    void check() {
        for (Node link : links) {
            checkSymbolicLink(link);
        }
    }

    private static Node attach(Node parent, String name) {
        if (parent.children == null) {
            parent.children = new HashMap<>();
        }
        Node node = new Node(parent, name);
        parent.children.put(name, node);
        return node;
    }

    private Refused inside(String path, String container, Kind kind) {
        return kind == Kind.SYMLINK
                ? refuse(path, "lies inside the symbolic link '" + printable(container)
                        + "'; nothing may be written through a link")
                : refuse(path, "lies inside '" + printable(container) + "', which is a file");
    }

    /** A hard link must name a file recorded before it: no climbing, no links, nothing outside. */
    private String hardLinkTarget(String path, String target) {
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0 || target.length() > MAX_NAME) {
            throw refuse(path, "is a hard link without a usable target");
        }
        if (target.startsWith("/") || target.startsWith("\\")) {
            throw refuse(path, "is a hard link to the absolute path '" + printable(target)
                    + "'; hard links may only join files inside the archive");
        }
        Node node = root;
        for (String segment : target.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw refuse(path, "is a hard link to '" + printable(target)
                        + "', which climbs out of the source tree with '..'");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                node = node == null || node.kind != Kind.DIRECTORY ? null : node.child(segment);
            }
        }
        if (node == null || !node.explicit || node.kind != Kind.FILE && node.kind != Kind.HARDLINK) {
            throw refuse(path, "is a hard link to '" + printable(target)
                    + "', which is not a file earlier in the archive; hard links may only join files inside it");
        }
        return node.path();
    }

    private void checkSymbolicLink(Node link) {
        String path = link.path();
        String target = link.target;
        if (target.startsWith("/")) {
            throw refuse(path, "is a symbolic link to the absolute path '" + printable(target)
                    + "'; links must point inside the source tree, with a relative target");
        }
        // where resolution stands: real nodes from the root down, then 'unknown' segments below them
        // (names no entry has: they can hold no links, only '..' can bring resolution back up)
        Deque<Node> at = new ArrayDeque<>();
        for (Node n = link.parent; n != root; n = n.parent) {
            at.addFirst(n);
        }
        int unknown = 0;
        int hops = 0;
        Deque<String> todo = new ArrayDeque<>();
        prepend(todo, target);
        while (!todo.isEmpty()) {
            if (++steps > MAX_LINK_STEPS) {
                throw refuse(path, "is one of more symbolic links than can be checked; simplify the links");
            }
            String segment = todo.removeFirst();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (unknown > 0) {
                    unknown--;
                } else if (at.isEmpty()) {
                    throw refuse(path, "is a symbolic link to '" + printable(target)
                            + "', which points outside the source tree; links must stay inside it");
                } else {
                    at.removeLast();
                }
                continue;
            }
            Node next = unknown > 0 ? null : (at.isEmpty() ? root : at.getLast()).child(segment);
            if (next == null) {
                unknown++;
            } else if (next.kind == Kind.SYMLINK) {
                if (++hops > MAX_LINK_HOPS) {
                    throw refuse(path, "is a symbolic link that goes round in a loop of links");
                }
                if (next.target.startsWith("/")) {
                    throw refuse(path, "is a symbolic link to '" + printable(target)
                            + "', which points outside the source tree through another link");
                }
                prepend(todo, next.target);
            } else {
                at.addLast(next);
            }
        }
    }

    private static void prepend(Deque<String> todo, String target) {
        String[] segments = target.split("[/\\\\]");
        for (int i = segments.length - 1; i >= 0; i--) {
            todo.addFirst(segments[i]);
        }
    }

    Refused refuse(String name, String problem) {
        return Refused.invalid("source", noun + " '" + printable(name) + "' " + problem + ".");
    }

    /** Names come from the upload: keep them short and free of control characters in messages and logs. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(120).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > 120 ? out + "..." : out.toString();
    }
}
