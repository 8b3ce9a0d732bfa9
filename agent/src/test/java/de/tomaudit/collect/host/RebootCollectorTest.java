package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static de.tomaudit.collect.host.HostFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebootCollectorTest {

    @TempDir Path root;

    private FactSet collect(Target t) {
        FactSet.Builder b = FactSet.builder();
        new RebootCollector().collect(t, b);
        return b.build();
    }

    private static Object v(FactSet f, String key) {
        return f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    private void kernels(String... releases) {
        for (String r : releases) {
            write(root, "/boot/vmlinuz-" + r, "kernel image stand-in\n");
        }
    }

    @Test
    void newerKernelInstalledMeansPending() {
        kernels("6.1.0-9-amd64", "6.1.0-18-amd64", "6.1.0-21-amd64", "6.1.0-25-cloud-amd64");
        FactSet f = collect(new CannedTarget(root).answer("uname-release", "6.1.0-18-amd64\n"));
        assertEquals("6.1.0-21-amd64", v(f, "reboot.newest_kernel"));
        assertEquals(true, v(f, "reboot.kernel_update_pending"));
        assertEquals(false, v(f, "reboot.required_file"));
        assertEquals(true, v(f, "reboot.pending"));
    }

    @Test
    void runningTheNewestAndNoFlagIsNoReboot() {
        kernels("6.1.0-9-amd64", "6.1.0-21-amd64", "6.1.0-25-cloud-amd64");
        FactSet f = collect(new CannedTarget(root).answer("uname-release", "6.1.0-21-amd64\n"));
        assertEquals(false, v(f, "reboot.kernel_update_pending"));
        assertEquals(false, v(f, "reboot.pending"));
    }

    @Test
    void flagFileWithPackages() {
        kernels("6.1.0-21-amd64");
        write(root, "/var/run/reboot-required", "*** System restart required ***\n");
        write(root, "/var/run/reboot-required.pkgs", "libc6\nlibssl3\nlibc6\n");
        FactSet f = collect(new CannedTarget(root).answer("uname-release", "6.1.0-21-amd64\n"));
        assertEquals(true, v(f, "reboot.required_file"));
        assertEquals(List.of("libc6", "libssl3"), v(f, "reboot.required_pkgs"));
        assertEquals(true, v(f, "reboot.pending"));
    }

    @Test
    void flagUnderRunViaSymlinkedVarRun() {
        write(root, "/run/reboot-required", "*** System restart required ***\n");
        HostFixtures.symlink(root, "/var/run", "/run");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(true, v(f, "reboot.pending"), "the flag alone is enough, even without uname");
    }

    @Test
    void dirTargetWithoutFlagCannotTell() {
        kernels("6.1.0-21-amd64");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(false, v(f, "reboot.required_file"));
        Unavailable u = f.whyMissing("reboot.pending").orElseThrow();
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
    }

    @Test
    void customKernelWithoutImagesInBoot() {
        FactSet f = collect(new CannedTarget(root).answer("uname-release", "6.18.44-fc-v669\n"));
        assertEquals(false, v(f, "reboot.kernel_update_pending"));
        assertEquals(Optional.empty(), f.get("reboot.newest_kernel"));
        assertEquals(false, v(f, "reboot.pending"));
    }

    @Test
    void garbageFromUnameIsAnError() {
        FactSet f = collect(new CannedTarget(root).answer("uname-release", "\u0000\u0001 not a release\n"));
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("reboot.kernel_update_pending").orElseThrow().kind());
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("reboot.pending").orElseThrow().kind());
    }

    @Test
    void flavourAndOrdering() {
        assertEquals("-cloud-amd64", RebootKernels.flavour("6.1.0-25-cloud-amd64"));
        assertEquals("-generic", RebootKernels.flavour("5.15.0-91-generic"));
        assertEquals(Optional.of("5.15.0-101-generic"), RebootKernels.newest("5.15.0-91-generic",
                List.of("5.15.0-91-generic", "5.15.0-101-generic", "6.5.0-1-lowlatency")));
        assertTrue(RebootKernels.newest("6.1.0-18-amd64", List.of()).isEmpty());
    }
}
