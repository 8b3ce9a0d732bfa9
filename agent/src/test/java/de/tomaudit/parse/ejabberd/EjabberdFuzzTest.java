package de.tomaudit.parse.ejabberd;

import com.code_intelligence.jazzer.junit.FuzzTest;
import de.tomaudit.parse.source.ConfigSource;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** ejabberd YAML (fast_yaml atoms, macros, includes): a config with problems, never a crash. */
class EjabberdFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void ejabberdYaml(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ConfigSource source = new ConfigSource() {
            @Override
            public String read(String path) throws SourceException {
                if (path.equals("/etc/ejabberd/ejabberd.yml")) {
                    return text;
                }
                throw new SourceException(path + " does not exist", true);
            }

            @Override
            public List<String> glob(String pattern) {
                return List.of();
            }
        };
        EjabberdConfigReader.read("/etc/ejabberd/ejabberd.yml", List.of(), "/var/lib/ejabberd", source);
    }
}
