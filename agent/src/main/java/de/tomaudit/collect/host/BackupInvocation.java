package de.tomaudit.collect.host;

import de.tomaudit.parse.cron.ShellCommand;
import de.tomaudit.parse.cron.ShellPipeline;
import java.util.List;
import java.util.Map;

/**
 * A backup tool run by a scheduled job: the tool, its effective argument vector (wrappers such as
 * sudo, su -c, nice or flock removed), the pipeline around it (for gpg/age and output
 * redirections), where it is written, and the variables it sees.
 *
 * @param source {@code file:line} of the line that runs the tool (the crontab line, or the line of the
 *               script it calls)
 */
record BackupInvocation(String tool, List<String> argv, ShellPipeline pipeline, ShellCommand command, String source,
                        String commandLine, Map<String, String> env, BackupTrigger trigger) {

    BackupInvocation {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }
}
