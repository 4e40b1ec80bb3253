package io.cellwatch.streams.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.util.ArrayList;
import java.util.List;

/**
 * The names state fields are written under: a three-character token per field name instead of the
 * name itself. Field names were two thirds of a channel's state bytes (a state is a few dozen
 * numbers, each under a name like {@code lastDischargeEnergyCounterWh}); a token costs four bytes
 * in Smile where the name cost up to thirty.
 *
 * <p>Schema evolution stays what it was, by name: a field's token is a function of its name alone
 * (FNV-1a of the name, in base 62), so a field added in a new version starts at its default on old
 * records and a removed one is ignored, as before. A state written with names in full (by versions
 * before the tokens) still reads: every field also answers to its full name. Two fields of one class
 * whose names gave the same token would make the state codec fail to build; the state tests build
 * it for every detector, so such a rename shows at once.
 */
final class StateFieldNames {
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int TOKEN_SPACE = 62 * 62 * 62;

    private StateFieldNames() {}

    /** The token a field of this name is written under. */
    static String token(String fieldName) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < fieldName.length(); i++) {
            hash ^= fieldName.charAt(i);
            hash *= 0x01000193;
        }
        int value = Integer.remainderUnsigned(hash, TOKEN_SPACE);
        char[] token = new char[3];
        for (int i = 2; i >= 0; i--) {
            token[i] = DIGITS.charAt(value % 62);
            value /= 62;
        }
        return new String(token);
    }

    /** Writes (and reads) every field under its token. */
    static final class Tokens extends PropertyNamingStrategies.NamingBase {
        private static final long serialVersionUID = 1L;

        @Override
        public String translate(String propertyName) {
            return token(propertyName);
        }
    }

    /**
     * Reads a field under its full name too (states written before the tokens), and leaves out a
     * field whose value is what a freshly made state of its class holds: reading starts from such a
     * state, so the field comes back as it was.
     */
    static final class FullNamesStillRead extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonInclude.Value findPropertyInclusion(Annotated member) {
            JsonInclude.Value declared = super.findPropertyInclusion(member);
            return member instanceof AnnotatedClass
                    ? declared.withValueInclusion(JsonInclude.Include.NON_DEFAULT)
                    : declared;
        }

        @Override
        public List<PropertyName> findPropertyAliases(Annotated member) {
            List<PropertyName> aliases = new ArrayList<>();
            List<PropertyName> declared = super.findPropertyAliases(member);
            if (declared != null) {
                aliases.addAll(declared);
            }
            if (member instanceof AnnotatedField field) {
                aliases.add(PropertyName.construct(field.getName()));
            }
            return aliases;
        }
    }
}
