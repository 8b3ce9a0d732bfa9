package de.tomaudit.parse.sshd;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import de.tomaudit.parse.source.ConfigSource;
import java.util.List;

/** sshd_config parsing and resolution never throw and never run away (seeds replay in every build; scripts/fuzz fuzzes). */
class SshdFuzzTest {
    private static final ConfigSource NO_INCLUDES = new ConfigSource() {
        @Override
        public String read(String path) throws SourceException {
            throw new SourceException(path + " does not exist", true);
        }

        @Override
        public List<String> glob(String pattern) {
            return List.of();
        }
    };

    @FuzzTest(maxDuration = "60s")
    void sshdConfig(FuzzedDataProvider data) {
        String user = data.consumeString(16);
        SshdConfig config = SshdConfigParser.parseText("/etc/ssh/sshd_config", data.consumeRemainingAsString(), NO_INCLUDES);
        SshdConfigResolver.resolve(config, MatchContext.none());
        SshdConfigResolver.resolve(config, MatchContext.none().withUser(user).withHost(user).withAddress("192.0.2.1"));
        MatchOverrides.find(config).forEach(o -> MatchContextSynthesizer.satisfying(o.directive().matches()));
    }
}
