package io.cellwatch.streams.detect.profile;

import io.cellwatch.model.ChannelInfo;
import java.util.Locale;

/**
 * The standard choice of profile per channel:
 * <ul>
 *   <li>symmetric cells → {@code symmetric};</li>
 *   <li>half cells → {@code half-cell};</li>
 *   <li>full cells whose anode (the last component of {@code chemistry}, e.g. {@code NCM622|Li6PS5Cl|Li-In})
 *       is lithium metal or a lithium alloy (Li, Li-In, Li-Mg, LMA@Li, "Li metal", anode-free) →
 *       {@code lithium-metal};</li>
 *   <li>every other full cell, and channels without a chemistry → {@code li-ion}.</li>
 * </ul>
 */
public final class DetectorProfiles implements ProfileSelector {
    static final DetectorProfiles STANDARD = new DetectorProfiles(
            DetectorProfile.liIon(),
            DetectorProfile.lithiumMetal(),
            DetectorProfile.halfCell(),
            DetectorProfile.symmetric());

    private final DetectorProfile liIon;
    private final DetectorProfile lithiumMetal;
    private final DetectorProfile halfCell;
    private final DetectorProfile symmetric;

    public DetectorProfiles(
            DetectorProfile liIon, DetectorProfile lithiumMetal, DetectorProfile halfCell, DetectorProfile symmetric) {
        this.liIon = liIon;
        this.lithiumMetal = lithiumMetal;
        this.halfCell = halfCell;
        this.symmetric = symmetric;
    }

    @Override
    public DetectorProfile forChannel(ChannelInfo channel) {
        return switch (channel.cellType()) {
            case SYMMETRIC -> symmetric;
            case HALF -> halfCell;
            case FULL -> lithiumMetalAnode(channel.chemistry()) ? lithiumMetal : liIon;
        };
    }

    /** True when the chemistry's last component names a lithium-metal, lithium-alloy or anode-free anode. */
    static boolean lithiumMetalAnode(String chemistry) {
        if (chemistry == null || chemistry.isBlank()) {
            return false;
        }
        String anode =
                chemistry.substring(chemistry.lastIndexOf('|') + 1).trim().toLowerCase(Locale.ROOT);
        if (anode.contains("anode-free")
                || anode.contains("anode free")
                || anode.contains("li metal")
                || anode.contains("li-metal")
                || anode.contains("lithium")) {
            return true;
        }
        // "Li", "Li-In", "Li–Mg", "LMA@Li", "Li foil": lithium as an element, not inside a compound name
        // like "LiC6" or "Li4Ti5O12" (those are Li-ion anodes).
        String element = anode.contains("@") ? anode.substring(anode.lastIndexOf('@') + 1) : anode;
        return element.equals("li")
                || element.startsWith("li-")
                || element.startsWith("li–")
                || element.startsWith("li ");
    }
}
