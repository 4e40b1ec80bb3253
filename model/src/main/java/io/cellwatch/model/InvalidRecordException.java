package io.cellwatch.model;

/** A wire record that cannot be accepted; {@link #field()} names the offending field. */
public class InvalidRecordException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidRecordException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
