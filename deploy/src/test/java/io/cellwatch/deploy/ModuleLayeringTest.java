package io.cellwatch.deploy;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The modules depend one way, checked on the compiled main classes of every module (all of them are
 * on this module's class path): {@code model} ← {@code ingest} ← {@code simulator}; {@code model} ←
 * {@code streams}, {@code alerts}; {@code simulator} + {@code streams} ← {@code evaluate};
 * everything ← {@code deploy}. A dependency added against these arrows fails the build here. (Every
 * layer must hold classes, so a module missing from the class path fails too rather than passing.)
 *
 * <p>The simulator and the detectors never share a number. The arrows keep each out of the other's
 * module, so the only classes both can reach are {@code model}'s wire records; two more rules close
 * the other ways a number could pass: {@code model} declares no numeric constant (a compile-time
 * constant is copied into the classes that read it, so the declaration is what can be checked), and
 * the detectors' settings records are built only in {@code streams} (from its defaults and the
 * detection-config file), never in {@code evaluate} or {@code deploy}, which also hold the simulator.
 */
@AnalyzeClasses(packages = "io.cellwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleLayeringTest {

    @ArchTest
    static final ArchRule modulesDependOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("model")
            .definedBy("io.cellwatch.model..")
            .layer("ingest")
            .definedBy("io.cellwatch.ingest..")
            .layer("simulator")
            .definedBy("io.cellwatch.simulator..")
            .layer("streams")
            .definedBy("io.cellwatch.streams..")
            .layer("alerts")
            .definedBy("io.cellwatch.alerts..")
            .layer("evaluate")
            .definedBy("io.cellwatch.evaluate..")
            .layer("deploy")
            .definedBy("io.cellwatch.deploy..")
            .whereLayer("deploy")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("evaluate")
            .mayOnlyBeAccessedByLayers("deploy")
            .whereLayer("alerts")
            .mayOnlyBeAccessedByLayers("deploy")
            .whereLayer("streams")
            .mayOnlyBeAccessedByLayers("evaluate", "deploy")
            .whereLayer("simulator")
            .mayOnlyBeAccessedByLayers("evaluate", "deploy")
            .whereLayer("ingest")
            .mayOnlyBeAccessedByLayers("simulator", "evaluate", "deploy")
            .whereLayer("model")
            .mayOnlyBeAccessedByLayers("ingest", "simulator", "streams", "alerts", "evaluate", "deploy");

    private static final Set<Class<?>> NUMBERS = Set.of(
            byte.class,
            short.class,
            int.class,
            long.class,
            float.class,
            double.class,
            Byte.class,
            Short.class,
            Integer.class,
            Long.class,
            Float.class,
            Double.class);

    private static final DescribedPredicate<JavaField> NUMERIC_CONSTANTS = describe(
            "numeric constants",
            field -> field.getModifiers().contains(JavaModifier.STATIC)
                    && field.getModifiers().contains(JavaModifier.FINAL)
                    && NUMBERS.stream().anyMatch(type -> field.getRawType().isEquivalentTo(type)));

    @ArchTest
    static final ArchRule theWireRecordsCarryNoNumberButTheirSchemaVersion = fields().that()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.cellwatch.model..")
            .and(NUMERIC_CONSTANTS)
            .should()
            .haveName("SCHEMA_VERSION")
            .orShould()
            .haveName("serialVersionUID")
            .because("model is all the simulator and the detectors both see: a physical number there would be"
                    + " one they share");

    /** The detectors' settings records and the profiles that bundle them: the thresholds. */
    private static final DescribedPredicate<JavaClass> DETECTOR_THRESHOLDS = describe(
            "the detectors' settings records or their profiles",
            type -> type.getFullName().equals("io.cellwatch.streams.detect.profile.DetectorProfile")
                    || (type.getPackageName().startsWith("io.cellwatch.streams.detect")
                            && !type.getPackageName().startsWith("io.cellwatch.streams.detect.profile")
                            && type.getSimpleName().endsWith("Settings")));

    @ArchTest
    static final ArchRule detectorThresholdsAreSetOnlyInStreams = noClasses()
            .that()
            .resideOutsideOfPackage("io.cellwatch.streams..")
            .should()
            .callConstructorWhere(describe(
                    "a constructor of " + DETECTOR_THRESHOLDS.getDescription(),
                    call -> DETECTOR_THRESHOLDS.test(call.getTargetOwner())))
            .orShould()
            .callMethodWhere(describe(
                    "a with... copy of " + DETECTOR_THRESHOLDS.getDescription(),
                    call -> DETECTOR_THRESHOLDS.test(call.getTargetOwner())
                            && call.getName().startsWith("with")))
            .because("thresholds come from streams' defaults and the detection-config file; set in evaluate"
                    + " or deploy, which hold the simulator too, they could take one of its numbers");
}
