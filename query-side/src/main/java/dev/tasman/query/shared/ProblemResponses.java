package dev.tasman.query.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure becomes {@code application/problem+json} whose {@code detail} says what was wrong and what
 * was expected. Stack traces go to the log under the correlation id, never to the client.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(Refused.class)
    ResponseEntity<Object> refused(Refused refused) {
        HttpStatus status = switch (refused.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = Problems.problem(status, refused.getMessage());
        if (refused.field() != null) {
            problem.setProperty("field", refused.field());
        }
        return respond(problem);
    }

    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<Object> denied(AccessDenied denied) {
        return respond(Problems.problem(denied.status(), denied.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException mismatch) {
        Class<?> type = mismatch.getRequiredType();
        String expected = type != null && (Number.class.isAssignableFrom(type) || type.isPrimitive())
                ? "a whole number" : "well-formed";
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST,
                "Parameter '" + mismatch.getName() + "' must be " + expected + ".");
        problem.setProperty("field", mismatch.getName());
        return respond(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception thrown) {
        String reference = RequestContext.current().map(RequestContext::correlationId).orElse("unknown");
        log.error("Request failed with an unexpected error (correlation id {})", reference, thrown);
        return respond(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Quote correlation id " + reference + " when you report it."));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return respond(Problems.problem(HttpStatus.NOT_FOUND, "There is no endpoint " + ex.getHttpMethod() + " /"
                + ex.getResourcePath() + ". The API is described at /v3/api-docs."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        // Spring's own problems (405, 406, a missing parameter) already carry a plain sentence.
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(statusCode,
                        ex.getMessage() == null ? "The request could not be handled." : ex.getMessage());
        Problems.decorate(problem);
        return ResponseEntity.status(statusCode).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
