package io.cellwatch.streams.detect.profile;

/**
 * A detection-config file that cannot be used: the message names the file, the line and the key,
 * e.g. {@code lab.yaml:12: key 'rules[1].settings.capacityDivergence.persistenceCycles': expected
 * a whole number, found '2.5'}.
 */
public final class DetectionConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String key;

    public DetectionConfigException(String source, int line, String key, String reason) {
        super(source + ":" + line + ": " + (key == null ? "" : "key '" + key + "': ") + reason);
        this.source = source;
        this.line = line;
        this.key = key;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    /** The key's path in the file ({@code rules[0].settings.dataQuality.stalledAfterS}), or null. */
    public String key() {
        return key;
    }
}
