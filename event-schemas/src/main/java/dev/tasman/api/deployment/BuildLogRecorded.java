package dev.tasman.api.deployment;

import java.util.List;
import org.axonframework.serialization.Revision;

/** Build output, in batches; once {@code truncated} is true no more lines of this build are recorded. */
@Revision("1")
public record BuildLogRecorded(String deploymentId, String projectId, List<LogLine> lines, boolean truncated) {
}
