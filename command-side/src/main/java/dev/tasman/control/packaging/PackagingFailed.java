package dev.tasman.control.packaging;

/**
 * The build output cannot become a deployment. The message is a sentence for the person whose build it
 * is (it ends up in {@code BuildFailed}): what was wrong with the output and, where it helps, what to do.
 */
public class PackagingFailed extends RuntimeException {

    public PackagingFailed(String message) {
        super(message);
    }

    public PackagingFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
