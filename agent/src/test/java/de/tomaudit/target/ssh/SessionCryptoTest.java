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
}
