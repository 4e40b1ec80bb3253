package io.cellwatch.evaluate;

import java.util.Locale;

/** The two pieces of SVG text every part of a plot writes: a label, and text made safe for XML. */
final class SvgText {
    private SvgText() {}

    static void text(StringBuilder svg, double x, double y, int size, String anchor, String text) {
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x,
                y,
                size,
                anchor,
                escape(text)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
