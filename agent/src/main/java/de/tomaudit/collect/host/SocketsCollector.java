package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.sockets.ListeningSocket;
import de.tomaudit.parse.sockets.ProcNetParser;
import de.tomaudit.parse.sockets.SocketList;
import de.tomaudit.parse.sockets.SocketProblem;
import de.tomaudit.parse.sockets.SsOutputParser;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listening sockets: {@code ss -H -tulpn} where commands run, else the kernel tables
 * /proc/net/{tcp,tcp6,udp,udp6} (these also work over SSH without ss, but name no process).
 * Facts: {@code sockets.listening} (list of {proto, address, port, process ("" when unknown),
 * public, service ("" or the sensitive service, see {@link SocketsSensitiveServices}), source}),
 * {@code sockets.public} (the public ones), {@code sockets.sensitive_public} (public sockets of
 * sensitive services) and {@code sockets.source} ({@code ss} or {@code proc}).
 * Public means any address but loopback (127.0.0.0/8, ::1); wildcards 0.0.0.0, :: and * are public.
 */
public final class SocketsCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(SocketsCollector.class);
    static final List<String> PROC_FILES = List.of("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6");

    @Override public String id() { return "sockets"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("sockets"); }

    @Override
    public List<PlannedAccess> plan() {
        List<PlannedAccess> p = new ArrayList<>();
        p.add(PlannedAccess.run(CommandCatalog.command("ss-listening")));
        PROC_FILES.forEach(f -> p.add(PlannedAccess.read(f, "listening sockets when ss cannot run")));
        return p;
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        Command ss = CommandCatalog.command("ss-listening");
        String ssWhy = AuditTexts.get("evidence.host.sockets.no-commands");
        if (target.canRunCommands()) {
            try {
                CommandResult r = target.run(ss);
                if (r.ok()) {
                    SocketList list = SsOutputParser.parse(r.stdout(), ss.line());
                    if (usable(list, r.stdout())) {
                        publish(list, "ss", evidenceSource(ss), facts);
                        return;
                    }
                    ssWhy = AuditTexts.get("evidence.host.sockets.unusable", ss.line(), problems(list));
                } else {
                    ssWhy = AuditTexts.get("evidence.host.exited", ss.line(), String.valueOf(r.exitCode()), firstLine(r.stderr()));
                }
            } catch (TargetException e) {
                ssWhy = e.getMessage();
            }
            LOG.info("{}: falling back to /proc/net ({})", target.name(), ssWhy);
        }
        fromProc(target, ssWhy, facts);
    }

    private static void fromProc(Target target, String ssWhy, FactSet.Builder facts) {
        List<ListeningSocket> all = new ArrayList<>();
        List<SocketProblem> problems = new ArrayList<>();
        int read = 0;
        for (String path : PROC_FILES) {
            try {
                String text = target.read(path).text();
                SocketList l = ProcNetParser.parse(text, path.contains("udp") ? "udp" : "tcp", path);
                all.addAll(l.sockets());
                problems.addAll(l.problems());
                read++;
            } catch (TargetException e) {
                if (e.reason() != TargetException.Reason.NOT_FOUND) {
                    facts.error("sockets", "read", AuditTexts.get("evidence.host.sockets.also", e.getMessage(), ssWhy));
                    return;
                }
            }
        }
        if (read == 0) {
            facts.notApplicable("sockets", AuditTexts.get("evidence.host.sockets.none-visible", ssWhy));
            return;
        }
        SocketList list = new SocketList(all, problems);
        if (!usable(list, "x")) {
            facts.error("sockets", "parse", AuditTexts.get("evidence.host.sockets.proc-unreadable", problems(list)));
            return;
        }
        publish(list, "proc", "/proc/net", facts);
    }

    /** Some sockets read, or a clean empty output; garbage alone is not a socket list. */
    private static boolean usable(SocketList list, String output) {
        return !list.sockets().isEmpty() || list.problems().isEmpty() || output.isBlank();
    }

    private static void publish(SocketList list, String how, String source, FactSet.Builder facts) {
        if (!list.problems().isEmpty()) {
            LOG.warn("{}", AuditTexts.get("collect.sockets.skipped", problems(list)));
        }
        List<Map<String, Object>> listening = new ArrayList<>();
        List<Map<String, Object>> pub = new ArrayList<>();
        List<Map<String, Object>> sensitive = new ArrayList<>();
        List<Evidence> all = new ArrayList<>();
        List<Evidence> pubEv = new ArrayList<>();
        List<Evidence> sensEv = new ArrayList<>();
        for (ListeningSocket s : list.sockets()) {
            Optional<String> service = SocketsSensitiveServices.classify(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("proto", s.proto());
            m.put("address", s.address());
            m.put("port", (long) s.port());
            m.put("process", s.process().orElse(""));
            m.put("public", s.isPublic());
            m.put("service", service.orElse(""));
            m.put("source", s.origin());
            listening.add(m);
            String shown = s.endpoint() + s.process().map(p -> " (" + p + ")").orElse("")
                    + service.map(v -> " [" + v + "]").orElse("");
            Evidence e = evidence(how, how.equals("ss") ? source : s.origin(), shown);
            all.add(e);
            if (s.isPublic()) {
                pub.add(m);
                pubEv.add(e);
                if (service.isPresent()) {
                    sensitive.add(m);
                    sensEv.add(e);
                }
            }
        }
        Evidence summary = evidence(how, source, AuditTexts.get("evidence.host.sockets.summary", listening.size(), pub.size()));
        facts.put("sockets.source", how, summary);
        facts.put("sockets.listening", listening, all.isEmpty() ? List.of(summary) : all);
        facts.put("sockets.public", pub, pubEv.isEmpty() ? List.of(summary) : pubEv);
        facts.put("sockets.sensitive_public", sensitive, sensEv.isEmpty()
                ? List.of(evidence(how, source, AuditTexts.get("evidence.host.sockets.none-sensitive")))
                : sensEv);
    }

    private static Evidence evidence(String how, String source, String value) {
        return how.equals("ss") ? Evidence.command(source, value) : Evidence.file(source, value);
    }

    private static String evidenceSource(Command c) {
        return c.line();
    }

    private static String problems(SocketList l) {
        return l.problems().stream().limit(3).map(SocketProblem::toString).collect(Collectors.joining("; "));
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
