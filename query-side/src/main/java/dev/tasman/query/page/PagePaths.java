package dev.tasman.query.page;

import java.util.regex.Pattern;

/**
 * The dashboard page's own files, which anyone may load: the page only shows what the API answers its token,
 * and every {@code /v1/**} call stays authenticated. Only plain paths count: an encoded character, a dot
 * segment or a path parameter could be normalised later into something else.
 */
public final class PagePaths {

    private static final Pattern ASSET = Pattern.compile("/ui(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private PagePaths() {
    }

    public static boolean isPublic(String path) {
        return path.equals("/") || path.equals("/index.html") || path.equals("/favicon.ico")
                || (ASSET.matcher(path).matches() && !path.contains(".."));
    }
}
