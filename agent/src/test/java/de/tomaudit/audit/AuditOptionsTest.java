package de.tomaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.target.Limits;
import de.tomaudit.target.ssh.SshOptions;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditOptionsTest {

    /** A fleet target's own kinds change the kinds and nothing else (they once reset the probe settings). */
    @Test
    void withKindsKeepsEveryOtherSetting() throws Exception {
        AuditOptions o = new AuditOptions(Set.of(), List.of(), List.of(), "de", 7, Limits.DEFAULT,
                SshOptions.defaults().withSudo(true), Optional.empty(), ProbeSettings.DEFAULT.disabled());
        AuditOptions k = o.withKinds(Set.of("prosody"));
        assertEquals(Set.of("prosody"), k.kinds());
        for (RecordComponent c : AuditOptions.class.getRecordComponents()) {
            if (!c.getName().equals("kinds")) {
                assertEquals(c.getAccessor().invoke(o), c.getAccessor().invoke(k), c.getName());
            }
        }
    }
}
