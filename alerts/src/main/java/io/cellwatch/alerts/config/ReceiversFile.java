package io.cellwatch.alerts.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a receivers file (YAML; JSON works too):
 *
 * <pre>
 * alertmanager:
 *   urls: [http://am-1:9093, http://am-2:9093]     # members of one cluster
 *   resendIntervalSeconds: 60                      # optional; firing alerts are repeated this often
 *   headers: {Authorization: "Bearer ${AM_TOKEN}"} # optional
 *   labels: {lab: battery-lab-3}                   # optional, added to every alert
 * webhooks:
 *   - name: lab-chat                               # optional; names the receiver in logs and the ledger
 *     url: https://chat.example.org/hooks/${CHAT_HOOK_TOKEN}
 *     headers: {X-Api-Key: "${CHAT_KEY}"}
 * pause:
 *   severity: critical                             # pause requests on the commands topic from this severity up
 * </pre>
 *
 * <p>{@code ${NAME}} is replaced by the environment variable NAME, so secrets need not sit in the
 * file ({@code $${} writes a literal {@code ${}). Errors name the file, the line and the field;
 * they never quote a value.
 */
public final class ReceiversFile {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ReceiversFile() {}

    public static ReceiversConfig load(Path file) {
        return load(file, System::getenv);
    }

    /** @param environment looks up {@code ${NAME}}; null when unset */
    public static ReceiversConfig load(Path file, UnaryOperator<String> environment) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ReceiversFileException(file + ": no such file");
        } catch (IOException e) {
            throw new ReceiversFileException(file + ": cannot read (" + e.getMessage() + ")");
        }
        String expanded = expand(file, text, environment);
        try {
            JsonNode tree = YAML.readTree(expanded);
            if (tree == null || tree.isMissingNode() || tree.isNull() || tree.isEmpty()) {
                throw new ReceiversFileException(
                        file + ": names no receiver; expected alertmanager, webhooks and/or pause");
            }
            return YAML.readValue(expanded, ReceiversConfig.class);
        } catch (JsonMappingException e) {
            if (isSyntaxError(e)) {
                throw new ReceiversFileException(file + ":" + line(e.getLocation()) + ": not valid YAML: "
                        + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            if (e instanceof UnrecognizedPropertyException unknown) {
                // Jackson reports unknown fields of a record after reading the whole object: find the field's own line.
                line = lineOfField(expanded, unknown.getPropertyName(), line);
            }
            throw new ReceiversFileException(
                    file + ":" + (line < 1 ? "?" : line) + ": field '" + path(e.getPath()) + "': " + reason(e));
        } catch (JsonProcessingException e) {
            throw new ReceiversFileException(file + ":" + line(e.getLocation()) + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** The last line at or before {@code before} that starts the mapping entry {@code field}. */
    private static int lineOfField(String text, String field, int before) {
        Pattern entry = Pattern.compile("^\\s*(?:-\\s+)?[\"']?" + Pattern.quote(field) + "[\"']?\\s*:");
        String[] lines = text.split("\n", -1);
        for (int i = Math.min(before < 1 ? lines.length : before, lines.length); i >= 1; i--) {
            if (entry.matcher(lines[i - 1]).find()) {
                return i;
            }
        }
        return before;
    }

    private static String expand(Path file, String text, UnaryOperator<String> environment) {
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = VARIABLE.matcher(lines[i]);
            StringBuilder line = new StringBuilder();
            while (m.find()) {
                String replacement;
                if (m.group(1) == null) {
                    replacement = "${";
                } else {
                    replacement = environment.apply(m.group(1));
                    if (replacement == null) {
                        throw new ReceiversFileException(
                                file + ":" + (i + 1) + ": environment variable " + m.group(1) + " is not set");
                    }
                }
                m.appendReplacement(line, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(line);
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Jackson reports some YAML syntax errors as mapping errors of the field being read. */
    private static boolean isSyntaxError(JsonMappingException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof YAMLException || t instanceof StreamReadException) {
                return true;
            }
        }
        return false;
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "?" : Integer.toString(location.getLineNr());
    }

    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "(top level)" : field.toString();
    }

    /** Why, in words that do not repeat the offending value (it may be a secret). */
    private static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "' (known: "
                    + String.join(
                            ", ",
                            unknown.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .toList()) + ")";
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                return iae.getMessage().contains("Severity") || iae.getMessage().contains("No enum constant")
                        ? "must be warning or critical"
                        : iae.getMessage();
            }
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String type = mismatch.getTargetType().getSimpleName();
            return switch (type) {
                case "Severity" -> "must be warning or critical";
                case "Integer", "int" -> "must be a whole number";
                case "List" -> "must be a list";
                case "Map", "LinkedHashMap" -> "must be a map of names to values";
                case "String" -> "must be a single value";
                default -> "must be a " + type.replace("Receiver", " receiver").toLowerCase(Locale.ROOT);
            };
        }
        return e.getOriginalMessage().lines().findFirst().orElse("invalid");
    }

    /** The receivers file is wrong; the message names file, line and field. */
    public static final class ReceiversFileException extends RuntimeException {
        public ReceiversFileException(String message) {
            super(message);
        }
    }
}
