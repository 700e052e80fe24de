package dev.tasman.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The query side: read models built from the control plane's event store, the audit trail, replay. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QueryApplication {

    static {
        // Axon reports usage to AxonIQ unless told not to by a JVM property; a self-hosted platform does not
        // phone home (the same switch as the control plane's).
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(QueryApplication.class, args);
    }
}
