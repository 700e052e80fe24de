package dev.tasman.query.shared;

import org.springframework.http.HttpStatus;

/** The caller is not known (401) or may not see this (403). */
public class AccessDenied extends RuntimeException {

    private final HttpStatus status;

    private AccessDenied(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static AccessDenied unauthenticated(String message) {
        return new AccessDenied(HttpStatus.UNAUTHORIZED, message);
    }

    public static AccessDenied forbidden(String message) {
        return new AccessDenied(HttpStatus.FORBIDDEN, message);
    }

    public HttpStatus status() {
        return status;
    }
}
