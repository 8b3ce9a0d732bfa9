package de.tomaudit.waiver;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import de.tomaudit.parse.yaml.YamlException;
import java.time.LocalDate;

/** Waiver files and waiver target globs: a result or a YamlException, and matching stays linear. */
class WaiversFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void waivers(FuzzedDataProvider data) {
        String name = data.consumeString(300);
        String glob = data.consumeString(300);
        new Waiver("r", glob, "j", LocalDate.MAX, "w.yaml:1").matches("r", name, name);
        try {
            WaiverFile.parse("waivers.yaml", data.consumeRemainingAsString());
        } catch (YamlException e) {
            // refused with file and line: fine
        }
    }
}
