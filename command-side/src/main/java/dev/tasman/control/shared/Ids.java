package dev.tasman.control.shared;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifiers are a type prefix and 16 random hex digits: readable in logs, unguessable enough to not collide. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String project() {
        return "prj_" + random();
    }

    public static String deployment() {
        return "dpl_" + random();
    }

    public static String token() {
        return "tok_" + random();
    }

    private static String random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
