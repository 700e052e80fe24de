package dev.tasman.control;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The control plane: the API, the aggregates, the propagation process and the event store. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ControlPlaneApplication {

    static {
        // Axon 4.13 reports usage to AxonIQ unless told not to by a JVM property or environment variable
        // (a Spring property does not reach it). A self-hosted platform does not phone home.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(ControlPlaneApplication.class, args);
    }
}
