package io.github.caistatus.page;

/** Escaping for text and attribute values: everything the page shows from data goes through here. */
final class Html {

    private Html() {
    }

    /**
     * Escapes text for an HTML element or a double-quoted attribute.
     *
     * @param s the text
     * @return the escaped text
     */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
