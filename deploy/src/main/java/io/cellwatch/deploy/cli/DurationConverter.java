package io.cellwatch.deploy.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations the way people type them: {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d}, {@code 0}; ISO-8601 also works. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            if (text.startsWith("p")) {
                return Duration.parse(value.trim());
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new TypeConversionException(message(value));
            };
        } catch (RuntimeException e) {
            if (e instanceof TypeConversionException t) {
                throw t;
            }
            throw new TypeConversionException(message(value));
        }
    }

    private static String message(String value) {
        return "'" + value + "' is not a duration: use a number with s, m, h or d (e.g. 24h), 0, or ISO-8601 (PT24H)";
    }
}
