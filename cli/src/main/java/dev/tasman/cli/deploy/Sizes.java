package dev.tasman.cli.deploy;

import java.util.Locale;

/** Byte counts as people read them. */
final class Sizes {

    private Sizes() {
    }

    static String of(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KB", "MB", "GB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
