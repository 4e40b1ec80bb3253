package io.cellwatch.ingest.format.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Neware file of the shared real data that has a peer's reference frame gives the reference's
 * rows, row for row, within that peer's tolerance ({@link PeerComparison}). Iterates over what is
 * present; skips when the data is absent.
 */
class NewareReferenceTest {
    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicTest> samplesEqualThePeersFrames() {
        List<RealNewareFiles.Case> cases = RealNewareFiles.withReferences();
        if (cases.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest(
                    "no Neware reference files",
                    () -> assumeTrue(false, "no Neware files with references under " + RealNewareFiles.binaryRoot())));
        }
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
                    NewareRead read = NewareRead.of(c.materialise(scratch));
                    ReferenceFrame ref = ReferenceFrame.read(c.reference());
                    assertThat(read.errors).as("unreadable records").isEmpty();
                    Discrepancies d = c.peer() == RealNewareFiles.Peer.NEWARE_NDA
                            ? PeerComparison.newareNda(c.name(), read, ref)
                            : PeerComparison.btsda(c.name(), read, ref);
                    System.out.println(d.summary());
                    assertThat(d.none()).as(d::toString).isTrue();
                }));
    }
}
