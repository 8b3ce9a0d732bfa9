package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's "fixes that matter most" and each finding's {@code fix:} show a remediation's first
 * sentence, so that sentence must be the action (issue 12): not a statement about the product or a
 * fact ("ejabberd never deletes the message archive (mod_mam) by itself."), which belongs after it.
 */
class RemediationFirstSentenceTest {

    /**
     * A product or a pronoun as the subject of a statement, before any colon ("Prosody: set …" names
     * whose setting follows and is fine).
     */
    static final Pattern STATEMENT = Pattern.compile(
            "^(?:ejabberd|Prosody|nginx|sshd|Mastodon|BigBlueButton|Redis|PostgreSQL|journald|logrotate|The|This|It|There)\\b"
                    + "[^:]*?\\b(?:is|are|does|do|never|keeps|stores|rotates|deletes|has|have|logs|writes|sends|accepts|listens)\\b");

    @Test
    void theHeuristicTellsAStatementFromAnAction() {
        assertTrue(STATEMENT.matcher("ejabberd never deletes the message archive (mod_mam) by itself.").find());
        assertTrue(STATEMENT.matcher("BigBlueButton never deletes /var/bigbluebutton/published or /unpublished, and playback URLs are public.").find());
        assertTrue(STATEMENT.matcher("ejabberd rotates ejabberd.log and error.log by size only (\"log_rotate_size\", \"log_rotate_count\"), "
                + "so a quiet server keeps old lines for any length of time.").find());
        assertFalse(STATEMENT.matcher("Schedule the deletion of the message archive (mod_mam), e.g. /etc/cron.d/ejabberd-mam.").find());
        assertFalse(STATEMENT.matcher("Prosody: \"default_archive_policy = false\" in /etc/prosody/prosody.cfg.lua, then \"prosodyctl reload\".").find());
    }

    @Test
    void everyRemediationBeginsWithTheAction() throws Exception {
        List<String> statements = new ArrayList<>();
        for (Rule r : RuleLoader.loadBuiltIn()) {
            if (r.remediation() == null || r.remediation().en() == null || r.remediation().en().isBlank()) {
                continue;
            }
            String first = ConsoleRenderer.firstSentences(r.remediation().en(), 0);
            if (STATEMENT.matcher(first).find()) {
                statements.add(r.id() + ": " + first);
            }
        }
        assertTrue(statements.isEmpty(), "remediations whose first sentence states a fact instead of the action:\n"
                + String.join("\n", statements));
    }
}
