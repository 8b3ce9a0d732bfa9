package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.result.AuditResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredResultTest {
    @TempDir Path tmp;

    @Test
    void everyGoldenResultReadsBackEqualToWhatWasWritten() throws Exception {
        for (var e : GoldenResults.all().entrySet()) {
            Path file = tmp.resolve(e.getKey() + ".json");
            JsonRenderer.mapper().writeValue(file.toFile(), e.getValue());
            AuditResult back = StoredResult.read(file);
            assertEquals(e.getValue(), back, e.getKey());
        }
    }

    @Test
    void aFileOverTheCapIsRefusedWithoutReadingIt() throws Exception {
        Path file = tmp.resolve("big.json");
        JsonRenderer.mapper().writeValue(file.toFile(), GoldenResults.all().get("many-targets"));
        long size = Files.size(file);
        StoredResult.StoredResultException e = assertThrows(StoredResult.StoredResultException.class,
                () -> StoredResult.read(file, size - 1));
        assertEquals("result file " + file + ": is larger than " + (size - 1) + " bytes", e.getMessage());
        assertEquals(GoldenResults.all().get("many-targets"), StoredResult.read(file, size));
    }

    @Test
    void deepNestingIsAClearErrorNotAStackOverflow() throws Exception {
        Path file = Files.writeString(tmp.resolve("deep.json"), "{\"extra\":".repeat(100_000));
        StoredResult.StoredResultException e = assertThrows(StoredResult.StoredResultException.class, () -> StoredResult.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON") && e.getMessage().contains("nesting depth"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
