package dev.tasman.query.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Problem documents ({@code application/problem+json}) as the control plane writes them: {@code type},
 * {@code title}, {@code status}, a {@code detail} sentence, the {@code correlationId}, and {@code field} when one
 * request parameter is at fault. Also for filters, which answer outside Spring MVC.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        decorate(problem);
        return problem;
    }

    static void decorate(ProblemDetail problem) {
        HttpStatus status = HttpStatus.resolve(problem.getStatus());
        if (status != null) {
            problem.setTitle(status.getReasonPhrase());
        }
        problem.setType(type(problem.getStatus()));
        RequestContext.current().ifPresent(c -> problem.setProperty("correlationId", c.correlationId()));
    }

    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type(status.value()).toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        RequestContext.current().ifPresent(c -> problem.put("correlationId", c.correlationId()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    private static URI type(int status) {
        return URI.create("https://tasman.dev/problems/" + status);
    }
}
