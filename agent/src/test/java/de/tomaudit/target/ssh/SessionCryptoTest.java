package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.Test;

class SessionCryptoTest {

    @Test
    void theSameCiphersAreOfferedWithChaChaFirst() throws Exception {
        Session s = new JSch().getSession("audit", "127.0.0.1", 22);
        SessionCrypto.apply(s);
        String ours = s.getConfig("cipher.c2s");
        String jsch = JSch.getConfig("cipher.c2s");
        assertTrue(ours.startsWith(SessionCrypto.FIRST_CIPHER + ","), ours);
        assertEquals(SessionCrypto.FIRST_CIPHER + "," + jsch.replace(SessionCrypto.FIRST_CIPHER + ",", ""), ours,
                "JSch's own list follows, unchanged");
        assertEquals(ours, s.getConfig("cipher.s2c"));
        assertEquals("b,a,c", SessionCrypto.first("b", "a,b,c"));
        assertEquals("b,a,c", SessionCrypto.first("b", "a,c"));
    }

    @Test
    void theBouncyCastleImplementationsAreThere() throws Exception {
        Session s = new JSch().getSession("audit", "127.0.0.1", 22);
        SessionCrypto.apply(s);
        for (String key : new String[] {"xdh", "ssh-ed25519", "keypairgen.eddsa"}) {
            String cls = s.getConfig(key);
            assertTrue(cls.startsWith("com.jcraft.jsch.bc."), key + " = " + cls);
            Class.forName(cls).getDeclaredConstructor().newInstance();
        }
    }

    @Test
    void theKeyLoginSignsWithBouncyCastleAndTheSignatureVerifies() throws Exception {
        SessionCrypto.init();
        // JSch's identities sign through its static configuration, not the session's
        assertTrue(JSch.getConfig("ssh-ed25519").startsWith("com.jcraft.jsch.bc."), JSch.getConfig("ssh-ed25519"));
        assertTrue(JSch.getConfig("keypairgen_fromprivate.eddsa").startsWith("com.jcraft.jsch.bc."));
        com.jcraft.jsch.KeyPair pair = com.jcraft.jsch.KeyPair.genKeyPair(new JSch(), com.jcraft.jsch.KeyPair.ED25519);
        byte[] data = "session id and userauth request".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] blob = pair.getSignature(data);
        // the wire form: string "ssh-ed25519", string signature; the public key blob: string type, string key
        java.nio.ByteBuffer sig = java.nio.ByteBuffer.wrap(blob);
        sig.position(4 + sig.getInt(0));
        byte[] raw = new byte[sig.getInt()];
        sig.get(raw);
        java.nio.ByteBuffer pub = java.nio.ByteBuffer.wrap(pair.getPublicKeyBlob());
        pub.position(4 + pub.getInt(0));
        byte[] key = new byte[pub.getInt()];
        pub.get(key);
        org.bouncycastle.crypto.signers.Ed25519Signer verifier = new org.bouncycastle.crypto.signers.Ed25519Signer();
        verifier.init(false, new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(key, 0));
        verifier.update(data, 0, data.length);
        assertTrue(verifier.verifySignature(raw), "an Ed25519 signature of the identity that Bouncy Castle verifies");
        pair.dispose();
    }

    @Test
    void jschsKeyExchangeCheckRunsOncePerJvmAndOnlyWhenEverythingWorksIsItSkipped() throws Exception {
        Session first = new JSch().getSession("audit", "127.0.0.1", 22);
        String list = first.getConfig("CheckKexes");
        assertTrue(list.contains("mlkem768x25519-sha256") && list.contains("curve25519-sha256"), list);
        SessionCrypto.apply(first);
        String proposal = first.getConfig("kex");
        for (String kex : list.split(",")) {
            if (java.util.Arrays.asList(proposal.split(",")).contains(kex)) {
                assertEquals(true, KexChecks.known().get(kex), kex + " works with the bundled Bouncy Castle: " + KexChecks.known());
            }
        }
        assertEquals(true, KexChecks.known().get("mlkem768x25519-sha256"), KexChecks.known().toString());
        assertEquals("", first.getConfig("CheckKexes"), "checked once: the session itself skips JSch's check");
        Session second = new JSch().getSession("audit", "127.0.0.1", 22);
        SessionCrypto.apply(second);
        assertEquals("", second.getConfig("CheckKexes"));
        assertTrue(second.getConfig("kex").startsWith("mlkem768x25519-sha256,"), "the proposal is unchanged: " + second.getConfig("kex"));

        Session odd = new JSch().getSession("audit", "127.0.0.1", 22);
        odd.setConfig("CheckKexes", "tomaudit-test-kex," + list);
        odd.setConfig("tomaudit-test-kex", "no.such.KeyExchange");
        odd.setConfig("kex", "tomaudit-test-kex," + odd.getConfig("kex"));
        SessionCrypto.apply(odd);
        assertEquals(false, KexChecks.known().get("tomaudit-test-kex"));
        assertEquals("tomaudit-test-kex," + list, odd.getConfig("CheckKexes"),
                "one algorithm does not work here: JSch checks this session itself and leaves it out");
    }
}
