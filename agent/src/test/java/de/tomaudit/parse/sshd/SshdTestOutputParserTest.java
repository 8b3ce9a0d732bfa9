package de.tomaudit.parse.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SshdTestOutputParserTest {

    private static final String OUT = String.join("\n", "port 22", "port 2222", "listenaddress [::]:22",
            "listenaddress 0.0.0.0:22", "permitrootlogin without-password", "passwordauthentication no",
            "ciphers chacha20-poly1305@openssh.com,aes128-cbc", "hostkey /etc/ssh/ssh_host_rsa_key",
            "hostkey /etc/ssh/ssh_host_ed25519_key", "authorizedkeysfile .ssh/authorized_keys .ssh/authorized_keys2",
            "subsystem sftp /usr/lib/openssh/sftp-server", "");

    @Test
    void repeatedLinesAccumulateAndListsSplit() throws SshdSyntaxException {
        SshdSettings s = SshdTestOutputParser.parse(OUT, "sshd -T");
        assertEquals(List.of("22", "2222"), s.get("port").orElseThrow().values());
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes128-cbc"), s.get("ciphers").orElseThrow().values());
        assertEquals("prohibit-password", s.get("permitrootlogin").orElseThrow().value());
        assertEquals(List.of(".ssh/authorized_keys .ssh/authorized_keys2"), s.get("authorizedkeysfile").orElseThrow().values());
        SettingSource src = s.get("passwordauthentication").orElseThrow().sources().get(0);
        assertEquals("sshd -T:6", src.location());
        assertEquals("passwordauthentication no", src.text());
    }

    @Test
    void garbageAndIncompleteOutputAreRefused() {
        assertThrows(SshdSyntaxException.class, () -> SshdTestOutputParser.parse(
                "<html>\n<body>\nnot\nsshd\noutput\nat all\n</body>\n", "sshd -T"));
        assertThrows(SshdSyntaxException.class, () -> SshdTestOutputParser.parse("port 22\n", "sshd -T"));
        assertThrows(SshdSyntaxException.class, () -> SshdTestOutputParser.parse("", "sshd -T"));
    }

    @Test
    void aFewOddLinesAreTolerated() throws SshdSyntaxException {
        SshdSettings s = SshdTestOutputParser.parse("Warning: something\n" + OUT, "sshd -T");
        assertEquals("no", s.get("passwordauthentication").orElseThrow().value());
    }
}
