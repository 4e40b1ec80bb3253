package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.Units;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a charge that is not ending showed against the charge it was compared with, and the alert's
 * evidence and message from it.
 *
 * @param passedAh       charge passed since the step began
 * @param referenceAh    the charge compared with: the usual one, or the bound of the recent charges when deep
 * @param referenceRiseV how far that charge's voltage climbed
 * @param riseFraction   how far this charge's voltage has climbed, as a fraction of that rise
 * @param slopeFraction  the recent dV/dQ as a fraction of that charge's mean dV/dQ
 * @param deep           true when judged past the deep overrun (against the bound), false against the usual
 * @param declared       true when the reference is the lab's declared capacity (a charge slower than all recent ones)
 */
record ImminentShortOverrun(
        double passedAh,
        double referenceAh,
        double referenceRiseV,
        double riseFraction,
        double slopeFraction,
        boolean deep,
        boolean declared) {

    /** The open charge measured against a charge of this size and voltage rise. */
    static ImminentShortOverrun measured(
            ImminentShortState state, Sample sample, double passedAh, RecentCharges.Reference reference, boolean deep) {
        double riseFraction = (sample.voltageV() - state.chargeStartV) / reference.riseV();
        double slopeFraction = state.recentSlopeVPerAh / (reference.riseV() / reference.chargeAh());
        return new ImminentShortOverrun(
                passedAh,
                reference.chargeAh(),
                reference.riseV(),
                riseFraction,
                slopeFraction,
                deep,
                reference.declared());
    }

    Map<String, Double> evidence(ImminentShortState state, Sample sample, ImminentShortSettings settings) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("chargeAh", passedAh());
        evidence.put("usualChargeAh", referenceAh());
        evidence.put("emptiedBeforeChargeAh", state.emptiedAh);
        evidence.put("overrunFraction", passedAh() / referenceAh());
        evidence.put("thresholdOverrunFraction", deep() ? settings.deepOverrunFraction() : settings.overrunFraction());
        evidence.put("deepOverrun", deep() ? 1.0 : 0.0);
        if (declared()) {
            evidence.put("declaredCapacityAh", referenceAh());
        }
        evidence.put("voltageV", sample.voltageV());
        evidence.put("chargeStartVoltageV", state.chargeStartV);
        evidence.put("riseFraction", riseFraction());
        evidence.put("usualRiseV", referenceRiseV());
        if (!deep()) {
            evidence.put("thresholdRiseFraction", settings.maxRiseFraction());
        }
        evidence.put("recentSlopeVPerAh", state.recentSlopeVPerAh);
        evidence.put("usualSlopeVPerAh", referenceRiseV() / referenceAh());
        evidence.put("slopeFraction", slopeFraction());
        evidence.put("thresholdSlopeFraction", deep() ? settings.deepSlopeFraction() : settings.maxSlopeFraction());
        evidence.put("currentA", sample.currentA());
        return evidence;
    }

    String message(Sample sample, String leak) {
        return deep()
                ? String.format(
                        Locale.ROOT,
                        "Imminent short: charge has taken %s, %.1f× the most (%s) %s, "
                                + "and the voltage %.3f V climbs at %.0f %% of that charge's mean dV/dQ: over half of the current "
                                + "is not being stored, the charge is not ending; %s",
                        Units.capacity(passedAh()),
                        passedAh() / referenceAh(),
                        Units.capacity(referenceAh()),
                        declared()
                                ? "the cell holds by its declared capacity (a charge slower than all its recent ones)"
                                : "the cell took in its recent charges",
                        sample.voltageV(),
                        100 * slopeFraction(),
                        leak)
                : String.format(
                        Locale.ROOT,
                        "Imminent short: charge has taken %s (%.0f %% of the usual %s) but the voltage %.3f V has climbed "
                                + "only %.0f %% of its usual %.0f mV rise, dV/dQ at %.0f %% of usual: the charge is not "
                                + "ending; %s",
                        Units.capacity(passedAh()),
                        100 * passedAh() / referenceAh(),
                        Units.capacity(referenceAh()),
                        sample.voltageV(),
                        100 * riseFraction(),
                        1000 * referenceRiseV(),
                        100 * slopeFraction(),
                        leak);
    }
}
