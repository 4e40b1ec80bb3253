package io.cellwatch.deploy.metrics;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading for the dashboard and rule checks: the metric names an expression
 * selects, and Grafana's template variables replaced by values.
 */
final class PromQl {
    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");
    private static final Pattern NAME_REGEX = Pattern.compile("__name__\\s*=~\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "inf",
            "nan",
            "start",
            "end",
            "atan2");

    private PromQl() {}

    /** The metric names {@code expr} selects, in order of appearance. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher byName = NAME_MATCHER.matcher(expr);
        while (byName.find()) {
            names.add(byName.group(1));
        }
        String rest = STRING.matcher(expr).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Matcher identifiers = IDENTIFIER.matcher(rest);
        while (identifiers.find()) {
            String word = identifiers.group(1);
            if (KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) || followedByParenthesis(rest, identifiers.end())) {
                continue; // an operator, a modifier, or a function / aggregation call
            }
            names.add(word);
        }
        return names;
    }

    /**
     * What must exist for {@code expr} to select anything, as selectors to count: one per metric name,
     * and one per regular-expression name matcher ({@code {__name__=~"a|b"}}: at least one of the
     * metrics it matches).
     */
    static Set<String> metricSelectors(String expr) {
        Set<String> selectors = new LinkedHashSet<>();
        for (String name : metricNames(expr)) {
            selectors.add("{__name__=\"" + name + "\"}");
        }
        Matcher regex = NAME_REGEX.matcher(expr);
        while (regex.find()) {
            selectors.add("{__name__=~\"" + regex.group(1) + "\"}");
        }
        return selectors;
    }

    /** Replaces {@code $name} and {@code ${name}} (longest names first, so {@code $channel_x} is not cut short). */
    static String substitute(String text, Map<String, String> values) {
        String result = text;
        for (String name : values.keySet().stream()
                .sorted((a, b) -> b.length() - a.length())
                .toList()) {
            result = result.replace("${" + name + "}", values.get(name)).replace("$" + name, values.get(name));
        }
        return result;
    }

    private static boolean followedByParenthesis(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '(';
            }
        }
        return false;
    }
}
