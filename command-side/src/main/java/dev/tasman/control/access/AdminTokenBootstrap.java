package dev.tasman.control.access;

import dev.tasman.api.access.IssueToken;
import dev.tasman.api.access.TokenKind;
import dev.tasman.control.shared.ControlProperties;
import dev.tasman.control.shared.Ids;
import dev.tasman.control.shared.PrivateFiles;
import dev.tasman.control.shared.RequestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On first start there is nobody to call the API, so the platform issues one admin token and writes it
 * to {@code <data>/admin-token}, readable by this user only. The log names the file, never the token.
 */
@Component
class AdminTokenBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);

    private final TokenView tokens;
    private final CommandGateway commands;
    private final ControlProperties properties;

    AdminTokenBootstrap(TokenView tokens, CommandGateway commands, ControlProperties properties) {
        this.tokens = tokens;
        this.commands = commands;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        Path file = properties.dataDirectory().resolve("admin-token").toAbsolutePath();
        if (tokens.anyActiveAdminToken()) {
            log.info("Admin token file: {}{}", file, Files.exists(file) ? "" : " (missing; an admin can issue a new one)");
            return;
        }
        String token = Tokens.generate();
        // File first: a crash before the command leaves a dead token that the next start replaces; the
        // other order could leave a live admin token that nobody holds.
        writePrivately(file, token + "\n");
        try (RequestContext.Scope ignored = RequestContext.open(RequestContext.system())) {
            commands.sendAndWait(new IssueToken(Ids.token(), "admin", TokenKind.ADMIN, null, "first admin",
                    Tokens.hash(token)));
        }
        log.info("Created the first admin token and wrote it to {} (mode 0600)", file);
    }

    static void writePrivately(Path file, String content) {
        try {
            PrivateFiles.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the admin token to " + file, e);
        }
    }
}
