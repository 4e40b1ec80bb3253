package io.cellwatch.deploy;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The modules depend one way, checked on the compiled main classes of every module (all of them are
 * on this module's class path): {@code model} ← {@code ingest} ← {@code simulator}; {@code model} ←
 * {@code streams}, {@code alerts}; {@code simulator} + {@code streams} ← {@code evaluate};
 * everything ← {@code deploy}. A dependency added against these arrows fails the build here.
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
}
