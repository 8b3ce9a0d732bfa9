package de.tomaudit.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void numbersAreFormattedInTheTextsLanguageEvenWhenItsPatternIsKeptForReuse() {
        // the same pattern, parsed once per language: a German number keeps its German grouping
        assertEquals(Texts.of("en").get("evidence.host.does-not-exist", 12345), Texts.of("en").get("evidence.host.does-not-exist", 12345));
        assertEquals("12,345 does not exist", Texts.of("en").get("evidence.host.does-not-exist", 12345));
        String de = Texts.of("de").get("evidence.host.does-not-exist", 12345);
        assertEquals(true, de.startsWith("12.345 "), de);
    }

    @Test
    void aKeptPatternFormatsCorrectlyFromManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String path = "/etc/t" + thread + "-" + i;
                        if (!Texts.of("en").get("evidence.host.does-not-exist", path).equals(path + " does not exist")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : all) {
                assertEquals(true, f.get(), "every text holds its own argument");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
