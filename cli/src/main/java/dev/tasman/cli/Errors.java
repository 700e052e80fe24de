package dev.tasman.cli;

import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Failure;
import dev.tasman.cli.shared.Sentences;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Exit codes and the one line a failure prints on stderr: 2 and the parse error for a wrong command line
 * (picocli's default would add the whole usage help), 1 and the {@link Failure}'s sentence when the
 * operation failed. A stack trace only with {@code --debug}.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    private final Context context;

    Errors(Context context) {
        this.context = context;
    }

    @Override
    public int handleParseException(ParameterException thrown, String[] args) {
        ParameterException e = unknownFirst(thrown);
        String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
        StringBuilder line = new StringBuilder(sentence(e.getMessage()));
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append(" Did you mean ").append(String.join(" or ", suggestions.subList(0,
                        Math.min(3, suggestions.size())))).append('?');
            }
        }
        line.append(" See `").append(command).append(" --help`.");
        context.err().println(line);
        if (context.debug()) {
            e.printStackTrace(context.err());
        }
        context.err().flush();
        return Failure.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        int code;
        if (e instanceof Failure failure) {
            context.err().println(failure.getMessage());
            code = failure.exitCode();
        } else {
            context.err().println("tasman failed unexpectedly: " + e + (context.debug() ? ""
                    : ". Run it again with --debug for the details."));
            code = Failure.FAILED;
        }
        if (context.debug()) {
            e.printStackTrace(context.err());
        }
        context.err().flush();
        return code;
    }

    /**
     * Picocli checks required options before it complains about unknown ones, so {@code deploy --prjoect x}
     * would say "missing --project"; the misspelt option is the thing to fix, so it is named instead.
     */
    private static ParameterException unknownFirst(ParameterException e) {
        CommandLine commandLine = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException || commandLine == null
                || commandLine.getUnmatchedArguments().isEmpty()) {
            return e;
        }
        return new UnmatchedArgumentException(commandLine, commandLine.getUnmatchedArguments());
    }

    /** Picocli's messages as one sentence. */
    static String sentence(String message) {
        String line = Sentences.of(message == null ? "" : message.replaceFirst("^Error: ", ""));
        return line.isEmpty() ? "The command line is not valid." : line;
    }
}
