package dev.tasman.cli.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files a deployment leaves out, in {@code .gitignore} syntax: {@code #} comments and blank lines,
 * {@code *} (not across {@code /}), {@code ?}, {@code [a-z]}, {@code **} across directories, a trailing
 * {@code /} for directories only, a {@code /} at the start or in the middle anchoring the pattern to the
 * directory of the file that holds it (otherwise it matches a name at any depth), {@code !} to include
 * again, {@code \} to escape. The last rule that matches a path decides. Rules come in the order they
 * apply: a directory's own files after its parents', {@code .tasmanignore} after {@code .gitignore}.
 */
final class IgnoreRules {

    private static final IgnoreRules NONE = new IgnoreRules(List.of());

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * @param base     the directory of the file the rule comes from, relative to the deployed directory, with
     *                 a trailing {@code /} ({@code ""} for the deployed directory itself)
     * @param anyDepth the pattern has no {@code /} but a trailing one: it matches a name in any directory
     */
    private record Rule(String base, Pattern pattern, boolean negated, boolean directoryOnly, boolean anyDepth) {

        boolean matches(String path, boolean directory) {
            if (directoryOnly && !directory || !path.startsWith(base)) {
                return false;
            }
            String relative = path.substring(base.length());
            String subject = anyDepth ? relative.substring(relative.lastIndexOf('/') + 1) : relative;
            return pattern.matcher(subject).matches();
        }
    }

    static IgnoreRules none() {
        return NONE;
    }

    /** These rules, then those of {@code lines} (a file in directory {@code base}), which take precedence. */
    IgnoreRules then(String base, List<String> lines) {
        List<Rule> all = new ArrayList<>(rules);
        for (String line : lines) {
            Rule rule = parse(base, line);
            if (rule != null) {
                all.add(rule);
            }
        }
        return all.size() == rules.size() ? this : new IgnoreRules(List.copyOf(all));
    }

    /** Whether {@code path} ({@code /}-separated, relative to the deployed directory) is left out. */
    boolean ignored(String path, boolean directory) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if (rule.matches(path, directory)) {
                return !rule.negated();
            }
        }
        return false;
    }

    private static Rule parse(String base, String raw) {
        String line = trimTrailingSpaces(raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw);
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        boolean negated = line.startsWith("!");
        if (negated) {
            line = line.substring(1);
        }
        boolean directoryOnly = line.endsWith("/") && !line.endsWith("\\/");
        if (directoryOnly) {
            line = line.substring(0, line.length() - 1);
        }
        boolean anyDepth = !line.contains("/");
        if (line.startsWith("/")) {
            line = line.substring(1);
        }
        if (line.isEmpty()) {
            return null;
        }
        return new Rule(base, Pattern.compile(regex(line)), negated, directoryOnly, anyDepth);
    }

    /** Git ignores trailing spaces unless the last one is escaped with a backslash. */
    private static String trimTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        return line.substring(0, end);
    }

    static String regex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i) && (i == 0 || glob.charAt(i - 1) == '/')) {
                if (glob.startsWith("**/", i)) {
                    regex.append("(?:.*/)?"); // zero or more directories
                    i += 3;
                    continue;
                }
                if (i + 2 == glob.length()) {
                    regex.append(".*"); // a trailing /** : everything inside
                    i += 2;
                    continue;
                }
            }
            switch (c) {
                case '*' -> {
                    regex.append("[^/]*");
                    while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++; // other runs of asterisks are one asterisk
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int close = classEnd(glob, i);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        regex.append(characterClass(glob.substring(i + 1, close)));
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        i++;
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return regex.toString();
    }

    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++; // a ] first in the class is a member
        }
        return glob.indexOf(']', i);
    }

    private static String characterClass(String members) {
        StringBuilder regex = new StringBuilder("[");
        int i = 0;
        if (!members.isEmpty() && (members.charAt(0) == '!' || members.charAt(0) == '^')) {
            regex.append("^/"); // like * and ?, a negated class never matches a /
            i = 1;
        }
        for (; i < members.length(); i++) {
            char c = members.charAt(i);
            regex.append(c == '-' ? "-" : Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
        }
        return regex.append(']').toString();
    }
}
