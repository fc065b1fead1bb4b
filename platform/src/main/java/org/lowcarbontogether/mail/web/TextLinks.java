package org.lowcarbontogether.mail.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A message's plain text cut into pieces, each web address its own piece, so a page can show those as links. */
final class TextLinks {

    /** A piece of text; {@code link} when it is a web address. */
    record Piece(String text, boolean link) {}

    private static final Pattern ADDRESS = Pattern.compile("https?://[^\\s<>\"']+");
    private static final String TRAILING = ".,;:!?)]}。，；：！？）";

    private TextLinks() {}

    static List<Piece> pieces(String text) {
        var pieces = new ArrayList<Piece>();
        var matcher = ADDRESS.matcher(text);
        int at = 0;
        while (matcher.find()) {
            int end = matcher.end();
            // Punctuation ending a sentence is not part of the address.
            while (end > matcher.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (matcher.start() > at) {
                pieces.add(new Piece(text.substring(at, matcher.start()), false));
            }
            pieces.add(new Piece(text.substring(matcher.start(), end), true));
            at = end;
        }
        if (at < text.length()) {
            pieces.add(new Piece(text.substring(at), false));
        }
        return pieces;
    }
}
