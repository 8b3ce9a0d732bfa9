package de.tomaudit.parse.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Algorithm list assembly, weak-algorithm classification and host key reading. */
class SshdAlgorithmsTest {

    private static final AlgorithmLists.Defaults CIPHERS =
            new AlgorithmLists.Defaults(OpenSsh92Defaults.CIPHERS, OpenSsh92Defaults.SUPPORTED_CIPHERS);

    @Test
    void emptyMeansDefaultAndUnknownNamesAreReported() {
        assertEquals(OpenSsh92Defaults.CIPHERS, AlgorithmLists.assemble("", CIPHERS).names());
        AlgorithmLists.Assembled a = AlgorithmLists.assemble("aes256-ctr,arcfour,aes256-ctr", CIPHERS);
        assertEquals(List.of("aes256-ctr"), a.names());
        assertEquals(List.of("arcfour"), a.unknown());
    }

    @Test
    void removalTakesPatternsAndPrependDeduplicates() {
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com"),
                AlgorithmLists.assemble("-aes*-ctr", CIPHERS).names());
        List<String> pre = AlgorithmLists.assemble("^aes256-gcm@openssh.com", CIPHERS).names();
        assertEquals("aes256-gcm@openssh.com", pre.get(0));
        assertEquals(OpenSsh92Defaults.CIPHERS.size(), pre.size());
        assertEquals(List.of("aes128-cbc", "aes192-cbc", "aes256-cbc"), AlgorithmLists.assemble("aes*-cbc", CIPHERS).names());
    }

    @Test
    void weakNamesWithReasons() {
        List<WeakAlgorithm> kex = WeakAlgorithms.classify(WeakAlgorithms.Kind.KEX, List.of("curve25519-sha256",
                "diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1", "diffie-hellman-group-exchange-sha1",
                "diffie-hellman-group14-sha256", "sntrup761x25519-sha512@openssh.com", "gss-gex-sha1-"));
        assertEquals(List.of("diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1", "diffie-hellman-group-exchange-sha1",
                "gss-gex-sha1-"), kex.stream().map(WeakAlgorithm::name).toList());
        assertTrue(kex.get(1).reason().contains("1024-bit"));
        assertEquals(List.of("3des-cbc", "aes128-cbc", "arcfour256", "blowfish-cbc"),
                WeakAlgorithms.classify(WeakAlgorithms.Kind.CIPHER, List.of("chacha20-poly1305@openssh.com", "3des-cbc",
                        "aes128-cbc", "aes256-gcm@openssh.com", "arcfour256", "blowfish-cbc", "aes128-ctr"))
                        .stream().map(WeakAlgorithm::name).toList());
        assertEquals(List.of("hmac-md5", "hmac-sha1", "hmac-sha1-96", "umac-64-etm@openssh.com", "hmac-sha1-etm@openssh.com",
                "hmac-md5-96-etm@openssh.com"), WeakAlgorithms.classify(WeakAlgorithms.Kind.MAC, List.of("hmac-md5", "hmac-sha1",
                "hmac-sha1-96", "umac-64-etm@openssh.com", "umac-128-etm@openssh.com", "hmac-sha2-256", "hmac-sha1-etm@openssh.com",
                "hmac-md5-96-etm@openssh.com", "hmac-sha2-512-etm@openssh.com")).stream().map(WeakAlgorithm::name).toList());
        assertEquals(List.of("ssh-rsa", "ssh-dss", "ssh-rsa-cert-v01@openssh.com"),
                WeakAlgorithms.classify(WeakAlgorithms.Kind.HOST_KEY_ALGORITHM, List.of("ssh-ed25519", "ssh-rsa", "rsa-sha2-512",
                        "ssh-dss", "ssh-rsa-cert-v01@openssh.com")).stream().map(WeakAlgorithm::name).toList());
        assertTrue(WeakAlgorithms.classify(WeakAlgorithms.Kind.MAC, OpenSsh92Defaults.MACS).stream()
                .map(WeakAlgorithm::name).toList().containsAll(List.of("hmac-sha1", "umac-64@openssh.com")),
                "OpenSSH 9.2 still offers SHA-1 and 64-bit-tag MACs by default");
        assertTrue(WeakAlgorithms.classify(WeakAlgorithms.Kind.CIPHER, OpenSsh92Defaults.CIPHERS).isEmpty());
        assertTrue(WeakAlgorithms.classify(WeakAlgorithms.Kind.KEX, OpenSsh92Defaults.KEX).isEmpty());
    }

    @Test
    void hostKeysByTypeAndSize() {
        // made with ssh-keygen -t rsa -b 1024 and -t ed25519 (OpenSSH 9.2)
        String rsa1024 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDBWf2nIb3MFc3yHAUplevYuaidfBOb1S7eCvZwkUKJsI+I0kH0+Bm6qq/F"
                + "voll7Ogxc6ZiE9PLwhVVrVSE1FpL0pZ4Thh+vkgl4e3bEeHv30aRjhBI2K4+QtD87vgHvssTFh9gQMcBQzbmg/b7XNdQ6ijfK4MwSV14xpktMjvOSw=="
                + " rsa1024";
        HostPublicKey k = HostPublicKey.parse(rsa1024).orElseThrow();
        assertEquals("ssh-rsa", k.type());
        assertEquals(1024, k.bits());
        assertTrue(WeakAlgorithms.hostKey(k.type(), k.bits()).orElseThrow().contains("1024 bit"));
        HostPublicKey ed = HostPublicKey.parse("# comment\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG3MCMpebkn58Mxo6mQCYV9dvUckpaPkdK4EZRcAR+W ed")
                .orElseThrow();
        assertEquals(256, ed.bits());
        assertTrue(WeakAlgorithms.hostKey(ed.type(), ed.bits()).isEmpty());
        assertTrue(WeakAlgorithms.hostKey("ssh-dss", 1024).isPresent());
        assertTrue(HostPublicKey.parse("ssh-rsa !!!notbase64").isEmpty());
        assertTrue(HostPublicKey.parse("ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQAB").isEmpty(), "declared type must match the blob");
        assertTrue(HostPublicKey.parse("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQ==").isEmpty(), "truncated blob");
    }
}
