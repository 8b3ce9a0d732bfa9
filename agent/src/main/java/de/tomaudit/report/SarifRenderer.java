package de.tomaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.tomaudit.facts.Evidence;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 (Jackson over typed records): one run; the rules seen with their title and
 * remediation as help text; one result per finding with its SARIF kind (fail, pass, open for error,
 * notApplicable, review for manual), a level from the severity for failures, a physical location for
 * each {@code file:line} evidence, and waived findings as failures with an accepted external
 * suppression and its justification.
 */
public final class SarifRenderer implements Renderer {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final int VALUE_MAX = 4_000;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    @Override public String format() { return "sarif"; }
    @Override public String extension() { return "sarif.json"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        ReportTexts t = ReportTexts.of(options.lang());
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<Rule> rules = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        for (TargetResult tr : result.targets()) {
            for (Finding f : tr.findings()) {
                Integer index = ruleIndex.get(f.ruleId());
                if (index == null) {
                    index = rules.size();
                    ruleIndex.put(f.ruleId(), index);
                    rules.add(rule(f, t));
                }
                results.add(result(f, index, tr, t));
            }
        }
        String version = result.tool() == null ? "" : VisibleText.oneLine(result.tool().version());
        String name = result.tool() == null ? "tomaudit" : VisibleText.oneLine(result.tool().name());
        Run run = new Run(new Tool(new Driver(name, version, rules)), results, options.lang());
        MAPPER.writeValue(out, new Log(SCHEMA, "2.1.0", List.of(run)));
        out.write('\n');
        out.flush();
    }

    private static Rule rule(Finding f, ReportTexts t) {
        List<String> tags = new ArrayList<>();
        if (f.tom() != null) {
            f.tom().kontrolle().forEach(x -> tags.add(VisibleText.oneLine(x)));
            f.tom().gdpr().forEach(x -> tags.add(VisibleText.oneLine(x)));
            f.tom().sdm().forEach(x -> tags.add(VisibleText.oneLine(x)));
        }
        String remediation = VisibleText.escape(f.remediation());
        String help = remediation + (f.references().isEmpty() ? ""
                : "\n" + t.get("finding.references") + ": " + VisibleText.escape(String.join("; ", f.references())));
        return new Rule(VisibleText.oneLine(f.ruleId()), new Message(VisibleText.oneLine(f.title())), new Message(help),
                new Configuration(level(f.severity())), new RuleProperties(tags, VisibleText.oneLine(f.severity())));
    }

    private static Result result(Finding f, int index, TargetResult tr, ReportTexts t) {
        Status s = f.status();
        String kind = switch (s) {
            case FAIL, WAIVED -> "fail";
            case PASS -> "pass";
            case ERROR -> "open";
            case NOT_APPLICABLE -> "notApplicable";
            case MANUAL -> "review";
        };
        String level = "fail".equals(kind) ? level(f.severity()) : "none";
        StringBuilder text = new StringBuilder(VisibleText.oneLine(f.title()));
        if (!f.reason().isEmpty() && s != Status.WAIVED) {
            text.append(" (").append(VisibleText.oneLine(f.reason())).append(')');
        }
        text.append(" [").append(VisibleText.oneLine(tr.name())).append(']');
        List<Location> locations = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Evidence e : f.evidence()) {
            String value = VisibleText.shorten(VisibleText.escape(e.value()), VALUE_MAX, t.format("value.shortened", e.value().length()));
            evidence.add(VisibleText.oneLine(e.source()) + (value.isEmpty() ? "" : " = " + value));
            location(e, value).ifPresent(locations::add);
        }
        List<Suppression> suppressions = s == Status.WAIVED
                ? List.of(new Suppression("external", "accepted", VisibleText.escape(f.reason())))
                : List.of();
        return new Result(VisibleText.oneLine(f.ruleId()), index, kind, level, new Message(text.toString()), locations,
                suppressions, new ResultProperties(VisibleText.oneLine(tr.name()), VisibleText.oneLine(tr.address()),
                        s.json(), VisibleText.oneLine(f.severity()), evidence));
    }

    private static Optional<Location> location(Evidence e, String value) {
        return EvidenceKind.fileLine(e.source()).flatMap(fl -> uri(fl.path())
                .map(u -> new Location(new PhysicalLocation(new ArtifactLocation(u), new Region(fl.line())),
                        value.isEmpty() ? null : new Message(VisibleText.oneLine(value)))));
    }

    /** An absolute path as a {@code file:} URI, a relative one as a relative reference; empty when not a path. */
    static Optional<String> uri(String path) {
        try {
            if (path.startsWith("/")) {
                return Optional.of(new URI("file", "", path, null).toASCIIString());
            }
            return Optional.of(new URI(null, null, path, null).toASCIIString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    static String level(String severity) {
        return switch (severity) {
            case "critical", "high" -> "error";
            case "medium" -> "warning";
            default -> "note";
        };
    }

    @JsonPropertyOrder({"$schema", "version", "runs"})
    record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) { }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Run(Tool tool, List<Result> results, String language) { }

    record Tool(Driver driver) { }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Driver(String name, String version, List<Rule> rules) { }

    @JsonPropertyOrder({"id", "shortDescription", "help", "defaultConfiguration", "properties"})
    record Rule(String id, Message shortDescription, Message help, Configuration defaultConfiguration,
                RuleProperties properties) { }

    record Configuration(String level) { }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record RuleProperties(List<String> tags, String severity) { }

    record Message(String text) { }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"ruleId", "ruleIndex", "kind", "level", "message", "locations", "suppressions", "properties"})
    record Result(String ruleId, int ruleIndex, String kind, String level, Message message, List<Location> locations,
                  List<Suppression> suppressions, ResultProperties properties) { }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Location(PhysicalLocation physicalLocation, Message message) { }

    record PhysicalLocation(ArtifactLocation artifactLocation, Region region) { }

    record ArtifactLocation(String uri) { }

    record Region(int startLine) { }

    record Suppression(String kind, String status, String justification) { }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ResultProperties(String target, String address, String status, String severity, List<String> evidence) { }
}
