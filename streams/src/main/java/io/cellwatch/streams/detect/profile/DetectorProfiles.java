package io.cellwatch.streams.detect.profile;

import io.cellwatch.model.ChannelInfo;
import java.util.List;
import java.util.Locale;

/**
 * The standard choice of profile per channel:
 * <ul>
 *   <li>symmetric cells → {@code symmetric};</li>
 *   <li>half cells → {@code half-cell};</li>
 *   <li>anode-free full cells (an end of {@code chemistry} is a bare copper or nickel current collector,
 *       or says "anode-free") → {@code anode-free};</li>
 *   <li>full cells whose anode is lithium metal or a lithium alloy (Li, Li-In, Li-Mg, LMA@Li, "Li metal")
 *       → {@code lithium-metal};</li>
 *   <li>every other full cell, and channels without a chemistry → {@code li-ion}.</li>
 * </ul>
 * The anode is either end of {@code chemistry} ({@code NCM622|Li6PS5Cl|Li-In} or {@code Li-In|Li6PS5Cl|NCM622}:
 * labs write cells from either electrode); a full cell's cathode is never lithium metal or copper.
 */
public final class DetectorProfiles implements ProfileSelector {
    static final DetectorProfiles STANDARD = new DetectorProfiles(
            DetectorProfile.liIon(),
            DetectorProfile.lithiumMetal(),
            DetectorProfile.halfCell(),
            DetectorProfile.symmetric(),
            DetectorProfile.anodeFree());

    private final DetectorProfile liIon;
    private final DetectorProfile lithiumMetal;
    private final DetectorProfile halfCell;
    private final DetectorProfile symmetric;
    private final DetectorProfile anodeFree;

    public DetectorProfiles(
            DetectorProfile liIon,
            DetectorProfile lithiumMetal,
            DetectorProfile halfCell,
            DetectorProfile symmetric,
            DetectorProfile anodeFree) {
        this.liIon = liIon;
        this.lithiumMetal = lithiumMetal;
        this.halfCell = halfCell;
        this.symmetric = symmetric;
        this.anodeFree = anodeFree;
    }

    @Override
    public DetectorProfile forChannel(ChannelInfo channel) {
        return switch (channel.cellType()) {
            case SYMMETRIC -> symmetric;
            case HALF -> halfCell;
            case FULL ->
                anodeFree(channel.chemistry())
                        ? anodeFree
                        : lithiumMetalAnode(channel.chemistry()) ? lithiumMetal : liIon;
        };
    }

    /** True when either end of the chemistry is a bare current collector (Cu, Ni) or says anode-free. */
    static boolean anodeFree(String chemistry) {
        for (String end : ends(chemistry)) {
            if (end.contains("anode-free") || end.contains("anode free") || end.equals("cu") || end.equals("ni")) {
                return true;
            }
        }
        return false;
    }

    /** True when either end of the chemistry names a lithium-metal or lithium-alloy anode. */
    static boolean lithiumMetalAnode(String chemistry) {
        for (String anode : ends(chemistry)) {
            if (anode.contains("li metal") || anode.contains("li-metal") || anode.contains("lithium")) {
                return true;
            }
            // "Li", "Li-In", "Li–Mg", "LMA@Li", "Li foil": lithium as an element, not inside a compound name
            // like "LiC6" or "Li4Ti5O12" (those are Li-ion anodes).
            String element = anode.contains("@") ? anode.substring(anode.lastIndexOf('@') + 1) : anode;
            if (element.equals("li")
                    || element.startsWith("li-")
                    || element.startsWith("li–")
                    || element.startsWith("li ")) {
                return true;
            }
        }
        return false;
    }

    /** The first and last components of a chemistry, lower case; none without one. */
    private static List<String> ends(String chemistry) {
        if (chemistry == null || chemistry.isBlank()) {
            return List.of();
        }
        String first = chemistry.substring(0, chemistry.contains("|") ? chemistry.indexOf('|') : chemistry.length());
        String last = chemistry.substring(chemistry.lastIndexOf('|') + 1);
        return List.of(first.trim().toLowerCase(Locale.ROOT), last.trim().toLowerCase(Locale.ROOT));
    }
}
