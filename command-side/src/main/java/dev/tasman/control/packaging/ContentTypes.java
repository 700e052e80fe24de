package dev.tasman.control.packaging;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Content types by file extension, as edges send them. A fixed table rather than the operating system's
 * (which differs between machines): the same output must yield the same manifest everywhere.
 */
final class ContentTypes {

    static final String DEFAULT = "application/octet-stream";
    private static final String UTF8 = "; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            // documents and code
            Map.entry("html", "text/html" + UTF8), Map.entry("htm", "text/html" + UTF8),
            Map.entry("css", "text/css" + UTF8),
            Map.entry("js", "text/javascript" + UTF8), Map.entry("mjs", "text/javascript" + UTF8),
            Map.entry("cjs", "text/javascript" + UTF8),
            Map.entry("json", "application/json" + UTF8), Map.entry("map", "application/json" + UTF8),
            Map.entry("jsonld", "application/ld+json" + UTF8),
            Map.entry("webmanifest", "application/manifest+json" + UTF8),
            Map.entry("txt", "text/plain" + UTF8), Map.entry("md", "text/markdown" + UTF8),
            Map.entry("csv", "text/csv" + UTF8), Map.entry("ics", "text/calendar" + UTF8),
            Map.entry("vtt", "text/vtt" + UTF8),
            Map.entry("xml", "application/xml" + UTF8), Map.entry("xsl", "application/xml" + UTF8),
            Map.entry("rss", "application/rss+xml" + UTF8), Map.entry("atom", "application/atom+xml" + UTF8),
            Map.entry("yaml", "application/yaml" + UTF8), Map.entry("yml", "application/yaml" + UTF8),
            Map.entry("wasm", "application/wasm"),
            Map.entry("pdf", "application/pdf"),
            // images
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"),
            Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"),
            Map.entry("apng", "image/apng"),
            // fonts
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"), Map.entry("eot", "application/vnd.ms-fontobject"),
            // audio and video
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("ogv", "video/ogg"), Map.entry("mov", "video/quicktime"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"),
            Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"), Map.entry("opus", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"),
            // archives
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tgz", "application/gzip"), Map.entry("br", "application/octet-stream"),
            Map.entry("tar", "application/x-tar"), Map.entry("7z", "application/x-7z-compressed"));

    /** Formats already compressed (images, fonts, media, archives) gain nothing from gzip or brotli. */
    private static final Set<String> COMPRESSIBLE = Set.of("application/json", "application/ld+json",
            "application/manifest+json", "application/xml", "application/rss+xml", "application/atom+xml",
            "application/yaml", "application/wasm", "image/svg+xml", "image/x-icon", "image/bmp", "font/ttf",
            "font/otf", "application/vnd.ms-fontobject");

    private ContentTypes() {
    }

    static String of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return DEFAULT; // no extension, or a dotfile such as .htaccess
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }

    static boolean compressible(String contentType) {
        int semicolon = contentType.indexOf(';');
        String base = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return base.startsWith("text/") || COMPRESSIBLE.contains(base);
    }
}
