package dev.tasman.control.build;

import java.util.concurrent.Executors;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds are handed out through a pooled streaming processor over the event store: each BuildStarted
 * belongs to one segment, a segment to one worker at a time (claimed in the token table), so two
 * workers never run the same build, and more worker processes share the segments. The coordinator
 * keeps extending a segment's claim while a long build runs; if the worker dies, the claim lapses,
 * another worker takes the segment and the build is claimed again (a retry, see Deployment#ClaimBuild).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tasman.control.builds.enabled", havingValue = "true", matchIfMissing = true)
class BuildConfiguration {

    static final int SEGMENTS = 8;

    @Bean
    ConfigurerModule buildProcessor(BuildProperties properties) {
        return configurer -> configurer.eventProcessing(processing -> processing.registerPooledStreamingEventProcessor(
                BuildWorker.GROUP, org.axonframework.config.Configuration::eventStore,
                (config, builder) -> builder
                        .initialSegmentCount(SEGMENTS)
                        .batchSize(1)
                        .enableCoordinatorClaimExtension()
                        .claimExtensionThreshold(5_000)
                        .workerExecutor(Executors.newScheduledThreadPool(properties.parallel(), r -> {
                            Thread thread = new Thread(r, "build-worker");
                            thread.setDaemon(true);
                            return thread;
                        }))));
    }
}
