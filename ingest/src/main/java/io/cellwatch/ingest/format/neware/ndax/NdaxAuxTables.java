package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.neware.nda.AuxChannels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auxiliary tables of an {@code .ndax} (temperatures, auxiliary voltages): which members they are
 * and which channel each reads, from {@code TestInfo.xml}, and the decoder for each member's ndc
 * version. A member the archive's records cannot use, or of a version cellwatch does not read, is
 * reported and left out; the records are read without it.
 */
final class NdaxAuxTables {
    private static final Logger LOG = LoggerFactory.getLogger(NdaxAuxTables.class);
    static final String TEST_INFO = "TestInfo.xml";
    private static final int TEST_INFO_LIMIT = 1 << 20;

    private NdaxAuxTables() {}

    /** The archive's auxiliary tables its TestInfo.xml names, open at their first record. */
    static List<NdcAuxTable> open(NdaxArchive archive, boolean legacy) throws IOException {
        List<String> members =
                archive.members().stream().filter(TestInfoAux::isAuxMember).toList();
        if (members.isEmpty()) {
            return List.of();
        }
        List<TestInfoAux.Channel> channels = List.of();
        if (archive.has(TEST_INFO)) {
            try {
                channels = TestInfoAux.channels(archive.small(TEST_INFO, TEST_INFO_LIMIT));
            } catch (BinaryFormatException e) {
                LOG.warn("{}: auxiliary channels not read: {}", archive.file(), e.getMessage());
            }
        }
        Map<String, TestInfoAux.Channel> matched = TestInfoAux.match(members, channels);
        if (matched.size() < members.size()) {
            LOG.warn(
                    "{}: {} auxiliary tables, {} of them named in {}; the others are not read",
                    archive.file(),
                    members.size(),
                    matched.size(),
                    TEST_INFO);
        }
        List<NdcAuxTable> tables = new ArrayList<>();
        try {
            for (Map.Entry<String, TestInfoAux.Channel> e : matched.entrySet()) {
                NdcAuxTable table = table(archive, e.getKey(), e.getValue(), legacy);
                if (table != null) {
                    tables.add(table);
                }
            }
        } catch (IOException | RuntimeException e) {
            new Closer(tables).close();
            throw e;
        }
        return tables;
    }

    private static NdcAuxTable table(NdaxArchive archive, String name, TestInfoAux.Channel channel, boolean legacy)
            throws IOException {
        NdcMember member = NdcMember.open(archive, name);
        int version = member.version();
        if (member.fileType() != NdcMember.AUX || (version <= 5) != legacy) {
            LOG.warn("{}: {} is not an auxiliary table this archive's records can use; not read", archive.file(), name);
            member.close();
            return null;
        }
        return switch (version) {
            case 2, 5 -> new NdcLegacyAuxTable(member, channel.auxId());
            case 11, 16 -> NdcAuxMarkedTable.open(member, channel.auxId());
            case 14, 17 -> new NdcAuxFloatTable(member, AuxChannels.forChannelType(channel.chlType(), channel.auxId()));
            default -> {
                LOG.warn(
                        "{}: {} has ndc version {}, which cellwatch does not read; not read",
                        archive.file(),
                        name,
                        version);
                member.close();
                yield null;
            }
        };
    }

    /** Closes a list of tables, keeping the first failure. */
    record Closer(List<NdcAuxTable> tables) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            IOException first = null;
            for (NdcAuxTable t : tables) {
                try {
                    t.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
