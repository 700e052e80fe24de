package dev.tasman.cli.shared;

import java.io.Console;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Optional;

/**
 * What every command runs with: the environment, the streams, whether a person is at a terminal, and
 * the way to the API. Made once per run; tests make their own with other streams and variables.
 */
public final class Context {

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final Console console;
    private boolean debug;

    public Context(Map<String, String> env, PrintWriter out, PrintWriter err, InputStream in, Console console) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.in = in;
        this.console = console;
    }

    public static Context system() {
        Console console = System.console();
        return new Context(System.getenv(), writer(System.out, "stdout.encoding"),
                writer(System.err, "stderr.encoding"), System.in,
                console != null && console.isTerminal() ? console : null);
    }

    private static PrintWriter writer(PrintStream stream, String encodingProperty) {
        return new PrintWriter(new OutputStreamWriter(stream, charset(encodingProperty)), true);
    }

    private static Charset charset(String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        return encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding) : Charset.defaultCharset();
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    /** The terminal a person types at, or null when stdin or stdout is redirected. */
    public Console console() {
        return console;
    }

    /** Whether stdout's charset has the block characters of a progress bar (under LANG=C it has not). */
    public boolean blocksPrintable() {
        return charset("stdout.encoding").newEncoder().canEncode("█░");
    }

    /** A person watches stdout on a terminal that understands cursor movement: redraw lines in place. */
    public boolean redraw() {
        return console != null && !"dumb".equals(env.get("TERM"));
    }

    public Style style(boolean json) {
        return new Style(Style.colourWanted(console != null, env.get("TERM"), env.get("NO_COLOR"), json));
    }

    public boolean debug() {
        return debug;
    }

    public void debug(boolean on) {
        this.debug = on;
    }

    /** With {@code --debug}: one line on stderr. */
    public void trace(String line) {
        if (debug) {
            err.println(line);
            err.flush();
        }
    }

    /** An environment variable, or null when it is unset or blank. */
    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public ConfigFile config() {
        return ConfigFile.in(env);
    }

    /**
     * The API as this person reaches it: {@code TASMAN_TOKEN} (with {@code TASMAN_URL}, else the saved
     * URL), else the saved login. A saved token goes only to the URL it was saved for: with
     * {@code TASMAN_URL} naming another server and no {@code TASMAN_TOKEN}, the command stops rather than
     * hand that server the token.
     */
    public Api api() {
        ConfigFile.Saved login = login();
        return api(login.url(), login.token());
    }

    /**
     * The query side (logs, audit, replay) with the same token: {@code TASMAN_QUERY_URL}, else the URL
     * {@code login --query-url} saved with this login, else what the control plane says in
     * {@code GET /v1/platform}.
     */
    public Api queryApi() {
        ConfigFile.Saved login = login();
        Api control = api(login.url(), login.token());
        String url = env("TASMAN_QUERY_URL") != null ? env("TASMAN_QUERY_URL") : login.queryUrl();
        if (url == null) {
            url = QuerySide.discover(control);
        }
        return control.sibling(Api.base(url), "Tasman query side");
    }

    /** The URL and token in use; the saved query side only when the saved login is the one in use. */
    private ConfigFile.Saved login() {
        String url = env("TASMAN_URL");
        String token = env("TASMAN_TOKEN");
        if (token != null) {
            Optional<ConfigFile.Saved> saved = url != null ? savedIfReadable() : config().read();
            String base = url != null ? url : saved.map(ConfigFile.Saved::url).orElse(null);
            if (base == null) {
                throw Failure.notLoggedIn();
            }
            String queryUrl = saved.filter(login -> Api.sameServer(base, login.url()))
                    .map(ConfigFile.Saved::queryUrl).orElse(null);
            return new ConfigFile.Saved(base, token, queryUrl);
        }
        ConfigFile.Saved login = config().read().orElseThrow(Failure::notLoggedIn);
        if (url != null && !Api.sameServer(url, login.url())) {
            throw new Failure("TASMAN_URL is " + url + " but the saved login is for " + login.url()
                    + ": set TASMAN_TOKEN as well, or run `tasman login --url " + url + "`.");
        }
        return login;
    }

    /** With TASMAN_URL and TASMAN_TOKEN set, a damaged saved login does not matter. */
    private Optional<ConfigFile.Saved> savedIfReadable() {
        try {
            return config().read();
        } catch (Failure damaged) {
            return Optional.empty();
        }
    }

    public Api api(String url, String token) {
        return new Api(this, Api.base(url), token);
    }
}
