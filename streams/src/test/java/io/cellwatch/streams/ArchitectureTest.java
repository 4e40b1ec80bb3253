package io.cellwatch.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The streams module's layering, checked on its compiled classes: a Kafka-free functional core
 * (segmentation, summaries, detectors, the channel pipeline, offline replay) that knows nothing of
 * the Kafka shell around it, a shell whose parts depend on each other only as drawn below, and no
 * dependency on any cellwatch module but {@code model}.
 */
@AnalyzeClasses(packages = "io.cellwatch.streams", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] CORE = {
        "io.cellwatch.streams.cycle..",
        "io.cellwatch.streams.detect..",
        "io.cellwatch.streams.pipeline..",
        "io.cellwatch.streams.replay.."
    };

    @ArchTest
    static final ArchRule theCoreIsFreeOfKafka = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..")
            .because("the core runs in replay, evaluate and tests without a broker");

    @ArchTest
    static final ArchRule theCoreIsFreeOfMetricsLibraries = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.micrometer..", "io.prometheus..")
            .because("detectors report readings through ReadingSink; publishing them is the shell's job");

    @ArchTest
    static final ArchRule streamsDependsOnNoCellwatchModuleButModel = noClasses()
            .that()
            .resideInAPackage("io.cellwatch.streams..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.cellwatch.ingest..",
                    "io.cellwatch.simulator..",
                    "io.cellwatch.alerts..",
                    "io.cellwatch.evaluate..",
                    "io.cellwatch.deploy..",
                    "io.cellwatch.bench..")
            .because("modules depend one way: model <- streams <- evaluate, deploy");

    @ArchTest
    static final ArchRule theShellDependsOnTheCoreNeverTheOtherWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Core")
            .definedBy(
                    "io.cellwatch.streams.cycle..", "io.cellwatch.streams.detect..", "io.cellwatch.streams.pipeline..")
            .layer("Replay")
            .definedBy("io.cellwatch.streams.replay..")
            .layer("State")
            .definedBy("io.cellwatch.streams.state..")
            .layer("Metrics")
            .definedBy("io.cellwatch.streams.metrics..")
            .layer("Topology")
            .definedBy("io.cellwatch.streams.topology..")
            .layer("Query")
            .definedBy("io.cellwatch.streams.query..")
            .layer("Http")
            .definedBy("io.cellwatch.streams.http..")
            .layer("Config")
            .definedBy("io.cellwatch.streams.config..")
            .layer("Service")
            .definedBy("io.cellwatch.streams")
            .whereLayer("Service")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Replay")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Topology")
            .mayOnlyBeAccessedByLayers("Query", "Service")
            .whereLayer("Query")
            .mayOnlyBeAccessedByLayers("Topology", "Service")
            .whereLayer("State")
            .mayOnlyBeAccessedByLayers("Topology")
            .whereLayer("Metrics")
            .mayOnlyBeAccessedByLayers("Topology", "Query", "Service")
            .whereLayer("Http")
            .mayOnlyBeAccessedByLayers("Query", "Service")
            .whereLayer("Config")
            .mayOnlyBeAccessedByLayers("Topology", "Service");
}
