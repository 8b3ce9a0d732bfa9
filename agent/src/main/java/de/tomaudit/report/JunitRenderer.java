package de.tomaudit.report;

import de.tomaudit.facts.Evidence;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Jenkins and GitLab read it (StAX): one {@code <testsuite>} per target, one
 * {@code <testcase>} per finding. fail is a {@code <failure>}, error an {@code <error>};
 * not-applicable, waived and manual are {@code <skipped>} with their reason. A target's own errors
 * (unreachable, partial) are one {@code <error>} test case each, so CI sees them too.
 */
public final class JunitRenderer implements Renderer {
    static final int VALUE_MAX = 4_000;

    @Override public String format() { return "junit"; }
    @Override public String extension() { return "junit.xml"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        ReportTexts t = ReportTexts.of(options.lang());
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            nl(x, 0);
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "tomaudit");
            int[] all = new int[4];
            for (TargetResult tr : result.targets()) {
                int[] c = counts(tr);
                for (int i = 0; i < 4; i++) {
                    all[i] += c[i];
                }
            }
            countAttributes(x, all);
            x.writeAttribute("time", "0");
            for (TargetResult tr : result.targets()) {
                suite(x, tr, result.startedAt(), t);
            }
            nl(x, 0);
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("JUnit XML: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** tests, failures, errors, skipped. */
    private static int[] counts(TargetResult tr) {
        int[] c = new int[4];
        c[0] = tr.findings().size() + tr.errors().size();
        c[2] = tr.errors().size();
        for (Finding f : tr.findings()) {
            switch (f.status()) {
                case FAIL -> c[1]++;
                case ERROR -> c[2]++;
                case NOT_APPLICABLE, WAIVED, MANUAL -> c[3]++;
                default -> { }
            }
        }
        return c;
    }

    private static void countAttributes(XMLStreamWriter x, int[] c) throws XMLStreamException {
        x.writeAttribute("tests", Integer.toString(c[0]));
        x.writeAttribute("failures", Integer.toString(c[1]));
        x.writeAttribute("errors", Integer.toString(c[2]));
        x.writeAttribute("skipped", Integer.toString(c[3]));
    }

    private static void suite(XMLStreamWriter x, TargetResult tr, String startedAt, ReportTexts t) throws XMLStreamException {
        nl(x, 1);
        x.writeStartElement("testsuite");
        x.writeAttribute("name", VisibleText.oneLine(tr.name()));
        countAttributes(x, counts(tr));
        x.writeAttribute("time", "0");
        if (startedAt != null && startedAt.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z")) {
            x.writeAttribute("timestamp", startedAt.substring(0, 19));
        }
        nl(x, 2);
        x.writeStartElement("properties");
        property(x, "address", tr.address());
        property(x, "kinds", String.join(",", tr.kinds()));
        property(x, "status", tr.status().json());
        nl(x, 2);
        x.writeEndElement();
        String classBase = "tomaudit." + tr.name().replaceAll("[^A-Za-z0-9_-]", "_");
        for (TargetError e : tr.errors()) {
            testcase(x, classBase + ".target", "target " + e.stage());
            nl(x, 4);
            x.writeStartElement("error");
            x.writeAttribute("type", VisibleText.oneLine(e.stage()));
            x.writeAttribute("message", VisibleText.oneLine(e.message()));
            String affects = e.affects().isEmpty() ? "" : t.get("error.affects") + ": " + String.join(", ", e.affects());
            x.writeCharacters(VisibleText.escape(affects));
            x.writeEndElement();
            endTestcase(x);
        }
        for (Finding f : tr.findings()) {
            testcase(x, classBase + "." + ReportModel.pack(f.ruleId()).replaceAll("[^A-Za-z0-9_-]", "_"), f.ruleId());
            verdict(x, f, t);
            endTestcase(x);
        }
        nl(x, 1);
        x.writeEndElement();
    }

    private static void testcase(XMLStreamWriter x, String classname, String name) throws XMLStreamException {
        nl(x, 3);
        x.writeStartElement("testcase");
        x.writeAttribute("name", VisibleText.oneLine(name));
        x.writeAttribute("classname", VisibleText.oneLine(classname));
        x.writeAttribute("time", "0");
    }

    private static void endTestcase(XMLStreamWriter x) throws XMLStreamException {
        nl(x, 3);
        x.writeEndElement();
    }

    private static void verdict(XMLStreamWriter x, Finding f, ReportTexts t) throws XMLStreamException {
        Status s = f.status();
        switch (s) {
            case FAIL -> {
                nl(x, 4);
                x.writeStartElement("failure");
                x.writeAttribute("type", VisibleText.oneLine(f.severity()));
                x.writeAttribute("message", VisibleText.oneLine(f.why().isEmpty() ? f.title() : f.why()));
                x.writeCharacters(VisibleText.escape(details(f, t, true)));
                x.writeEndElement();
            }
            case ERROR -> {
                nl(x, 4);
                x.writeStartElement("error");
                x.writeAttribute("type", "error");
                x.writeAttribute("message", VisibleText.oneLine(!f.why().isEmpty() ? f.why() : f.reason().isEmpty() ? f.title() : f.reason()));
                x.writeCharacters(VisibleText.escape(details(f, t, false)));
                x.writeEndElement();
            }
            case NOT_APPLICABLE, WAIVED, MANUAL -> {
                nl(x, 4);
                x.writeEmptyElement("skipped");
                String why = f.reason().isEmpty() ? f.title() : f.reason();
                x.writeAttribute("message", VisibleText.oneLine(ReportModel.statusLabel(s, t) + ": " + why));
            }
            default -> {
                if (!f.evidence().isEmpty()) {
                    nl(x, 4);
                    x.writeStartElement("system-out");
                    x.writeCharacters(VisibleText.escape(evidence(f.evidence(), t)));
                    x.writeEndElement();
                }
            }
        }
    }

    private static String details(Finding f, ReportTexts t, boolean remediation) {
        StringBuilder b = new StringBuilder();
        b.append(f.title()).append('\n');
        if (!f.why().isEmpty()) {
            b.append(t.get("finding.why")).append(": ").append(f.why()).append('\n');
        }
        if (!f.reason().isEmpty()) {
            b.append(t.get("finding.reason")).append(": ").append(f.reason()).append('\n');
        }
        b.append(t.get("finding.evidence")).append(":\n").append(evidence(f.evidence(), t));
        if (remediation) {
            b.append('\n').append(t.get("finding.remediation")).append(": ").append(f.remediation());
        }
        return b.toString();
    }

    private static String evidence(List<Evidence> evidence, ReportTexts t) {
        StringBuilder b = new StringBuilder();
        for (Evidence e : evidence) {
            b.append("  ").append(EvidenceKind.shown(e.source(), k -> t.get("evidence.kind." + k)));
            if (!e.value().isEmpty()) {
                b.append(" = ").append(VisibleText.shorten(e.value(), VALUE_MAX, t.format("value.shortened", e.value().length())));
            }
            b.append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        nl(x, 3);
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", VisibleText.oneLine(value));
    }

    private static void nl(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }
}
