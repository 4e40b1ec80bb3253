package io.cellwatch.ingest.format.neware.ndax;

import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auxiliary channels {@code TestInfo.xml} lists ({@code <Aux1 AuxID="1" RealChlID="9"
 * ChlType="103" .../>}) and which {@code .ndc} member holds each.
 *
 * <p>The XML is GB2312 and is sometimes damaged (a published example carries invalid characters),
 * so it is scanned element by element rather than parsed whole: one bad attribute costs that
 * channel, not the file. Members are matched to channels first by name, {@code
 * data_AUX_<RealChlID>_<ChlType − 100>_<n>.ndc}, which every named member in the shared files
 * follows; what remains is paired in order (members sorted by the numbers in their names, channels
 * in document order), which is the peers' only rule (NewareNDA, fastnda) and which needs equal
 * counts. A member with no channel is not read: without its type its values cannot be named.
 */
final class TestInfoAux {
    /** One {@code <AuxN>} entry. */
    record Channel(int auxId, int realChannel, int chlType) {}

    private static final Pattern ELEMENT = Pattern.compile("<(Aux\\w*)\\s([^<>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern NAMED_MEMBER = Pattern.compile("data_AUX_(\\d{1,9})_(\\d{1,9})_(\\d{1,9})\\.ndc");
    private static final Pattern NUMBERED_MEMBER = Pattern.compile(".*_(\\d{1,9})\\.ndc");

    private TestInfoAux() {}

    /** Whether a member's name is an auxiliary table's. */
    static boolean isAuxMember(String name) {
        return NAMED_MEMBER.matcher(name).matches()
                || NUMBERED_MEMBER.matcher(name).matches();
    }

    /** The channels listed in a {@code TestInfo.xml}, in document order; entries without an AuxID are left out. */
    static List<Channel> channels(byte[] xml) {
        String text = decode(xml);
        List<Channel> channels = new ArrayList<>();
        Matcher element = ELEMENT.matcher(text);
        while (element.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher a = ATTRIBUTE.matcher(element.group(2));
            while (a.find()) {
                attributes.put(a.group(1), a.group(2));
            }
            Integer auxId = integer(attributes.get("AuxID"));
            if (auxId != null) {
                Integer real = integer(attributes.get("RealChlID"));
                Integer type = integer(attributes.get("ChlType"));
                channels.add(new Channel(auxId, real == null ? -1 : real, type == null ? -1 : type));
            }
        }
        return channels;
    }

    /** Which channel each auxiliary member holds; members without one are absent. */
    static Map<String, Channel> match(List<String> auxMembers, List<Channel> channels) {
        List<String> members = new ArrayList<>(auxMembers);
        members.sort(Comparator.comparing(TestInfoAux::numbers, TestInfoAux::compareNumbers));
        List<Channel> free = new ArrayList<>(channels);
        Map<String, Channel> matched = new LinkedHashMap<>();
        for (String member : members) {
            Matcher m = NAMED_MEMBER.matcher(member);
            if (m.matches()) {
                int real = Integer.parseInt(m.group(1));
                int type = Integer.parseInt(m.group(2)) + 100;
                free.stream()
                        .filter(c -> c.realChannel() == real && c.chlType() == type)
                        .findFirst()
                        .ifPresent(c -> {
                            matched.put(member, c);
                            free.remove(c);
                        });
            }
        }
        List<String> unmatched =
                members.stream().filter(m -> !matched.containsKey(m)).toList();
        if (unmatched.size() == free.size()) {
            for (int i = 0; i < unmatched.size(); i++) {
                matched.put(unmatched.get(i), free.get(i));
            }
        }
        Map<String, Channel> inMemberOrder = new LinkedHashMap<>();
        for (String member : members) {
            if (matched.containsKey(member)) {
                inMemberOrder.put(member, matched.get(member));
            }
        }
        return inMemberOrder;
    }

    private static int[] numbers(String member) {
        Matcher named = NAMED_MEMBER.matcher(member);
        if (named.matches()) {
            return new int[] {
                Integer.parseInt(named.group(1)), Integer.parseInt(named.group(2)), Integer.parseInt(named.group(3))
            };
        }
        Matcher numbered = NUMBERED_MEMBER.matcher(member);
        return numbered.matches() ? new int[] {Integer.parseInt(numbered.group(1)), 0, 0} : new int[] {0, 0, 0};
    }

    private static int compareNumbers(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Integer.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static Integer integer(String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > 9
                || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(value);
    }

    private static String decode(byte[] xml) {
        Charset gb2312;
        try {
            gb2312 = Charset.forName("GB2312");
        } catch (UnsupportedCharsetException e) {
            gb2312 = StandardCharsets.ISO_8859_1; // the attributes read here are ASCII either way
        }
        try {
            return gb2312.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(xml))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(xml, StandardCharsets.ISO_8859_1);
        }
    }
}
