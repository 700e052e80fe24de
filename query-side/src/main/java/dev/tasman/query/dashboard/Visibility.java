package dev.tasman.query.dashboard;

import dev.tasman.query.access.Caller;

/** Which projects' rows a caller sees in a list: all for admins, else those they hold a role in. */
record Visibility(boolean everything, String subject) {

    static Visibility of(Caller caller) {
        return new Visibility(caller.admin(), caller.subject());
    }
}
