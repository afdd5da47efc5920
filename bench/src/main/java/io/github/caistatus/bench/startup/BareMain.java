package io.github.caistatus.bench.startup;

/** Start-up baseline: a JVM that prints one line and exits. */
public final class BareMain {

    private BareMain() {
    }

    /**
     * Prints and exits.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("bare: hello from the fallback");
        Answered.print();
    }
}
