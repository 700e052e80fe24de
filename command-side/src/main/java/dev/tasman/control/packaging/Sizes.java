package dev.tasman.control.packaging;

import java.util.Locale;

/** Byte counts as people read them. */
final class Sizes {

    private static final String[] UNITS = {"bytes", "KB", "MB", "GB", "TB"};

    private Sizes() {
    }

    static String human(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.valueOf(Math.round(value)))
                + " " + UNITS[unit];
    }

    /** "612 MB, over the 500 MB", with exact counts where rounding would make the two look equal. */
    static String describe(long size, long limit) {
        String a = human(size);
        String b = human(limit);
        if (a.equals(b)) {
            a = String.format(Locale.ROOT, "%,d bytes", size);
            b = String.format(Locale.ROOT, "%,d bytes", limit);
        }
        return a + ", over the " + b;
    }
}
