package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.HostKeyRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host keys: fingerprints as ssh prints them, known_hosts (plain, hashed), unknown, changed, accept-new. */
class HostKeyVerifierTest {
    /** Made with ssh-keygen 9.2 (ssh-keygen -t ed25519; ssh-keygen -lf; ssh-keygen -H for the hashed line). */
    private static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBBRbt3tx8SrFRlao61Gh5/ZTUHhB0ih+it0iXnmZ0HV";
    private static final String ED25519_FP = "SHA256:xYX3ryJOmj6DL901OLx1e6Q7r8bjIFx2o21jUOI8Pc4";
    private static final String ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJx2Jf2FRMA/"
            + "IGU139gzYaLtK1oFI1Kjz1SIqMQnEZlaFcy//Q1FpRA5Tq8u9ZTr6z3B2xlkgj3OOO1fHayVpFA=";
    private static final String ECDSA_FP = "SHA256:jXTTFKU87chGjmA+l4Hs1kjtX3+G/ioxwYGoDT0+UaQ";
    private static final String HASHED_LINE = "|1|c7Ee3F/dcSa4CZfuniLoqpqQS4M=|FUBB1ivpaqE2TbBLzKMl5sz4nmU= " + ED25519;
    private static final String HOST = "[127.0.0.1]:2222";

    @TempDir Path dir;

    private static byte[] blob(String line) {
        return Base64.getDecoder().decode(line.split(" ")[1]);
    }

    @Test
    void fingerprintAndTypeAreWhatSshPrints() {
        assertEquals(ED25519_FP, new PresentedHostKey(HOST, blob(ED25519)).fingerprint());
        assertEquals("ED25519", new PresentedHostKey(HOST, blob(ED25519)).type());
        assertEquals(ECDSA_FP, new PresentedHostKey(HOST, blob(ECDSA)).fingerprint());
        assertEquals("ECDSA", new PresentedHostKey(HOST, blob(ECDSA)).type());
        assertEquals("unknown", new PresentedHostKey(HOST, new byte[] {1, 2}).algorithm());
    }

    @Test
    void hashingMatchesOpenSsh() {
        byte[] salt = Base64.getDecoder().decode("c7Ee3F/dcSa4CZfuniLoqpqQS4M=");
        assertEquals(HASHED_LINE.split(" ")[0], KnownHostsFile.hashedName(HOST, salt));
    }

    @Test
    void knownPlainAndHashedEntriesPass() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "# comment\nother.example " + ECDSA + "\n" + HOST + " " + ED25519 + "\n");
        Path hashed = Files.writeString(dir.resolve("hashed"), HASHED_LINE + "\n");
        for (Path f : List.of(plain, hashed)) {
            HostKeyVerifier v = HostKeyVerifier.load(f, false);
            assertEquals(HostKeyRepository.OK, v.check(HOST, blob(ED25519)), f.toString());
            assertEquals(HostKeyVerifier.Outcome.KNOWN, v.verdict().orElseThrow().outcome());
        }
        assertEquals(HostKeyRepository.NOT_INCLUDED, HostKeyVerifier.load(hashed, false).check("[127.0.0.1]:2223", blob(ED25519)),
                "a hashed entry is for its own host and port only");
    }

    @Test
    void unknownKeyIsRefusedWithFingerprintAndTheWayToAcceptIt() throws Exception {
        Path f = dir.resolve("missing");
        HostKeyVerifier v = HostKeyVerifier.load(f, false);
        assertEquals(HostKeyRepository.NOT_INCLUDED, v.check(HOST, blob(ED25519)));
        String msg = HostKeyRefusal.message(v.verdict().orElseThrow(), f);
        assertTrue(msg.contains(ED25519_FP) && msg.contains("ED25519") && msg.contains(HOST), msg);
        assertTrue(msg.contains("--accept-new-host-key"), msg);
        assertFalse(Files.exists(f), "nothing is written without --accept-new-host-key");
    }

    @Test
    void acceptNewAddsAHashedEntryThatIsKnownNextTime() throws Exception {
        Path f = dir.resolve("ssh/known_hosts");
        assertEquals(HostKeyRepository.OK, HostKeyVerifier.load(f, true).check(HOST, blob(ED25519)));
        String text = Files.readString(f);
        assertTrue(text.startsWith("|1|") && text.endsWith(" " + ED25519 + "\n") && !text.contains("127.0.0.1"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
        HostKeyVerifier again = HostKeyVerifier.load(f, false);
        assertEquals(HostKeyRepository.OK, again.check(HOST, blob(ED25519)));
    }

    @Test
    void anUnchangedFileIsParsedOncePerRunAChangedOneAgain() throws Exception {
        Path f = Files.writeString(dir.resolve("fleet_known_hosts"), HOST + " " + ED25519 + "\n");
        HostKeyVerifier first = HostKeyVerifier.load(f, false);
        assertSame(first.known(), HostKeyVerifier.load(f, false).known(), "one parse for every target of a fleet");
        // the same size, another host: only the modification time tells the change
        Files.writeString(f, HOST.replace("2222", "2223") + " " + ED25519 + "\n");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 2000));
        HostKeyVerifier changed = HostKeyVerifier.load(f, false);
        assertNotSame(first.known(), changed.known());
        assertEquals(HostKeyRepository.NOT_INCLUDED, changed.check(HOST, blob(ED25519)));
        assertEquals(HostKeyRepository.OK, changed.check("[127.0.0.1]:2223", blob(ED25519)));
    }

    @Test
    void changedKeyIsRefusedAlwaysAndTheFileIsNotTouched() throws Exception {
        Path f = Files.writeString(dir.resolve("kh"), "# mine\n" + HOST + " " + ECDSA.replace("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256") + "\n"
                + HOST + " " + "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC1zy1yilqyCq0eaIAg1P1oBgHGqVLQ53ftAZu7ZuqAY\n");
        String before = Files.readString(f);
        HostKeyVerifier v = HostKeyVerifier.load(f, true);
        assertEquals(HostKeyRepository.CHANGED, v.check(HOST, blob(ED25519)));
        assertEquals(before, Files.readString(f), "--accept-new-host-key never replaces a changed key");
        String msg = HostKeyRefusal.message(v.verdict().orElseThrow(), f);
        assertTrue(msg.contains("CHANGED") && msg.contains("man-in-the-middle") && msg.contains(ED25519_FP), msg);
        assertTrue(msg.contains("ssh-keygen -R '" + HOST + "' -f " + f), msg);
    }

    @Test
    void appendKeepsExistingLinesAndParallelAppendsDoNotInterleave() throws Exception {
        Path f = Files.writeString(dir.resolve("kh"), "# last line without newline");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    KnownHostsFile.append(f, new PresentedHostKey("[10.0.0." + n + "]:22", blob(ED25519)));
                    return null;
                }));
            }
            for (Future<?> x : futures) {
                x.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals("# last line without newline", lines.get(0));
        assertEquals(41, lines.size());
        for (String l : lines.subList(1, lines.size())) {
            assertTrue(l.matches("\\|1\\|[A-Za-z0-9+/=]{28}\\|[A-Za-z0-9+/=]{28} " + java.util.regex.Pattern.quote(ED25519)), l);
        }
        HostKeyVerifier v = HostKeyVerifier.load(f, false);
        assertEquals(HostKeyRepository.OK, v.check("[10.0.0.39]:22", blob(ED25519)));
    }
}
