package io.github.caistatus.history;

/**
 * A history data file that cannot be read: names the file and the line at fault.
 *
 * <pre>{@code
 * try (Reader in = Files.newBufferedReader(path)) {
 *     BundledHistory history = BundledHistory.parse(in, path.toString());
 * } catch (HistoryFormatException e) {
 *     System.err.println(e.getMessage());   // "history.tsv line 12: unknown health 'DOWN'"
 * }
 * }</pre>
 */
public final class HistoryFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String resource;
    private final int line;

    /**
     * A problem at one line of a resource.
     *
     * @param resource the resource's name
     * @param line     the 1-based line number, or 0 when the problem is not one line's
     * @param problem  what is wrong
     * @param cause    the underlying exception, or null
     */
    public HistoryFormatException(String resource, int line, String problem, Throwable cause) {
        super(resource + (line > 0 ? " line " + line : "") + ": " + problem, cause);
        this.resource = resource;
        this.line = line;
    }

    /**
     * The resource's name.
     *
     * @return the name given to the parser
     */
    public String resource() {
        return resource;
    }

    /**
     * The 1-based line number at fault.
     *
     * @return the line, or 0 when the problem is not one line's
     */
    public int line() {
        return line;
    }
}
