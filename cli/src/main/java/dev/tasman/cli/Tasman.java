package dev.tasman.cli;

import dev.tasman.cli.audit.AuditCommand;
import dev.tasman.cli.deploy.DeployCommand;
import dev.tasman.cli.deploy.PromoteCommand;
import dev.tasman.cli.deploy.RollbackCommand;
import dev.tasman.cli.deploy.StatusCommand;
import dev.tasman.cli.edge.EdgesCommand;
import dev.tasman.cli.login.LoginCommand;
import dev.tasman.cli.login.LogoutCommand;
import dev.tasman.cli.login.WhoamiCommand;
import dev.tasman.cli.logs.LogsCommand;
import dev.tasman.cli.project.DomainsCommand;
import dev.tasman.cli.project.EnvCommand;
import dev.tasman.cli.project.ProjectsCommand;
import dev.tasman.cli.replay.ReplayCommand;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code tasman}: the command-line client of the control plane's API. */
@Command(name = "tasman", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Tasman.VersionProvider.class, usageHelpAutoWidth = true,
        description = {"Deploy web applications to every Tasman edge, roll back, manage projects, and read logs "
                + "and the audit trail.", "",
            "Reads TASMAN_URL and TASMAN_TOKEN, or what `tasman login` saved. Exit codes: 0 done, 1 the "
                    + "operation failed or was refused, 2 the command line is wrong."},
        subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, ProjectsCommand.class,
            EnvCommand.class, DomainsCommand.class, DeployCommand.class, StatusCommand.class,
            RollbackCommand.class, PromoteCommand.class, EdgesCommand.class, LogsCommand.class, AuditCommand.class,
            ReplayCommand.class})
public final class Tasman implements Runnable {

    private final Context context;

    @Spec
    CommandSpec spec;

    Tasman(Context context) {
        this.context = context;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace; trace every HTTP exchange on stderr (token redacted).")
    void debug(boolean on) {
        context.debug(on);
    }

    /** {@code tasman} alone: what it can do. */
    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    public static void main(String[] args) {
        System.exit(run(Context.system(), args));
    }

    static int run(Context context, String... args) {
        return commandLine(context).execute(args);
    }

    static CommandLine commandLine(Context context) {
        CommandLine commandLine = new CommandLine(new Tasman(context), new Factory(context));
        Errors errors = new Errors(context);
        commandLine.setOut(context.out()).setErr(context.err())
                .setColorScheme(CommandLine.Help.defaultColorScheme(context.style(false).colour() ? Ansi.ON
                        : Ansi.OFF))
                .setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
        return commandLine;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {"tasman " + Version.current()};
        }
    }
}
