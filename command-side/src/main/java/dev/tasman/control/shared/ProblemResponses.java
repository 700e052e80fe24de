package dev.tasman.control.shared;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure becomes {@code application/problem+json} whose {@code detail} tells the person what was
 * wrong and what was expected. Stack traces go to the log under the correlation id, never to the client.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(Throwable.class)
    ResponseEntity<Object> anything(Throwable thrown, WebRequest request) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof Refused refused) {
            HttpStatus status = switch (refused.kind()) {
                case INVALID -> HttpStatus.BAD_REQUEST;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case CONFLICT -> HttpStatus.CONFLICT;
            };
            ProblemDetail problem = problem(status, refused.getMessage());
            if (refused.field() != null) {
                problem.setProperty("field", refused.field());
            }
            return respond(problem);
        }
        if (cause instanceof AccessDenied denied) {
            return respond(problem(denied.status(), denied.getMessage()));
        }
        if (cause instanceof AggregateNotFoundException) {
            return respond(problem(HttpStatus.NOT_FOUND, "That resource does not exist."));
        }
        if (cause instanceof ConcurrencyException) {
            return respond(problem(HttpStatus.CONFLICT,
                    "Someone else changed this at the same moment; nothing was applied. Read it again and retry."));
        }
        String reference = RequestContext.current().map(RequestContext::correlationId).orElse("unknown");
        log.error("Request failed with an unexpected error (correlation id {})", reference, thrown);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side and nothing was changed. Quote correlation id " + reference
                        + " when you report it."));
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof Refused || current instanceof AccessDenied
                    || current instanceof AggregateNotFoundException || current instanceof ConcurrencyException) {
                return current;
            }
            if (current instanceof CommandExecutionException execution && execution.getDetails().isPresent()
                    && execution.getDetails().get() instanceof Throwable detail) {
                current = detail;
                continue;
            }
            current = current.getCause();
        }
        return thrown;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(problem(HttpStatus.BAD_REQUEST, describe(ex.getCause())));
    }

    /** Jackson's own messages can quote the input (which may be a secret); these sentences never do. */
    static String describe(@Nullable Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "The request body has an unknown field '" + path(unknown) + "'; expected only: " + known + ".";
        }
        if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .map(String::toLowerCase).collect(Collectors.joining(", "));
            return "Field '" + path(invalid) + "' must be one of: " + allowed + ".";
        }
        if (cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                && !mismatched.getPath().isEmpty()) {
            return "Field '" + path(mismatched) + "' must be " + typeName(mismatched.getTargetType()) + ".";
        }
        if (cause instanceof JsonParseException parse) {
            return "The request body is not valid JSON (line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr() + ").";
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "Field '" + path(mapping) + "' has a value of the wrong shape.";
        }
        return "The request needs a JSON body (Content-Type: application/json).";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "There is no endpoint " + ex.getHttpMethod() + " /"
                + ex.getResourcePath() + ". The API is described at /v3/api-docs."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String accepted = ex.getSupportedMediaTypes().stream().map(MediaType::toString)
                .collect(Collectors.joining(", "));
        String sent = ex.getContentType() == null ? "A request without a Content-Type"
                : "Content-Type '" + ex.getContentType() + "'";
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, sent + " is not accepted here"
                + (accepted.isEmpty() ? "." : "; send one of: " + accepted + "."));
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException ex) {
        return respond(problem(HttpStatus.BAD_REQUEST, "Parameter '" + ex.getName() + "' must be "
                + (ex.getRequiredType() == null ? "well-formed" : typeName(ex.getRequiredType())) + "."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        // Spring's own problems (404 route, 405, 415, missing parameter) already carry a plain sentence.
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : problem(statusCode, ex.getMessage() == null ? "The request could not be handled." : ex.getMessage());
        Problems.decorate(problem);
        return ResponseEntity.status(statusCode).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        Problems.decorate(problem);
        return problem;
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static URI type(HttpStatusCode status) {
        return URI.create("https://tasman.dev/problems/" + status.value());
    }
}
