package de.tomaudit.report.tom;

import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.xmlbeans.XmlException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;

/**
 * {@code --format tom-docx}: the annex as a Word document built with Apache POI: Word's own heading
 * styles (Title, Heading 1-3: the navigation pane and a table of contents work), real tables with a
 * repeated header row, an empty answer column for the questions to document by hand, A4 pages with
 * page numbers. Styles come from {@code reports/tom/docx-styles.xml}, so a DPO can restyle it at once.
 */
public final class TomDocxRenderer implements Renderer {
    /** Text width of an A4 page with 2 cm margins, in twentieths of a point. */
    private static final int TEXT_WIDTH = 11906 - 2 * 1134;

    @Override public String format() { return "tom-docx"; }
    @Override public String extension() { return "tom.docx"; }
    @Override public String fileName() { return "tomaudit-annex.docx"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        TomAnnex a = TomAnnexBuilder.build(result, options.lang(), options.tomGroup(), options.org());
        TomTexts t = TomTexts.of(a.lang());
        try (XWPFDocument doc = new XWPFDocument()) {
            styles(doc, a.lang());
            page(doc, a);
            properties(doc, a, result);
            new Writer(doc, t, a).write();
            doc.write(out);
        }
        out.flush();
    }

    private static void styles(XWPFDocument doc, String lang) throws IOException {
        try (InputStream in = TomDocxRenderer.class.getClassLoader().getResourceAsStream("reports/tom/docx-styles.xml")) {
            if (in == null) {
                throw new IOException("reports/tom/docx-styles.xml is missing from the jar");
            }
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!"de".equals(lang)) {
                xml = xml.replace("w:val=\"de-DE\"", "w:val=\"en-GB\"");
            }
            CTStyles styles = StylesDocument.Factory.parse(xml).getStyles();
            doc.createStyles().setStyles(styles);
        } catch (XmlException e) {
            throw new IOException("reports/tom/docx-styles.xml: " + e.getMessage(), e);
        }
    }

    private static void page(XWPFDocument doc, TomAnnex a) {
        CTSectPr sect = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar mar = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
        mar.setTop(BigInteger.valueOf(1134));
        mar.setBottom(BigInteger.valueOf(1134));
        mar.setLeft(BigInteger.valueOf(1134));
        mar.setRight(BigInteger.valueOf(1134));
        mar.setHeader(BigInteger.valueOf(567));
        mar.setFooter(BigInteger.valueOf(567));
        XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph p = footer.createParagraph();
        p.setAlignment(ParagraphAlignment.RIGHT);
        XWPFRun r = p.createRun();
        r.setFontSize(7);
        r.setText(a.header().title() + (a.header().orgGiven() ? " – " + a.header().org() : "") + " – ");
        p.getCTP().addNewFldSimple().setInstr("PAGE");
    }

    private static void properties(XWPFDocument doc, TomAnnex a, AuditResult result) {
        var core = doc.getProperties().getCoreProperties();
        core.setTitle(a.header().title());
        core.setCreator(a.header().tool());
        core.setDescription(a.header().subtitle());
        parse(result.finishedAt()).ifPresent(d -> {
            core.setCreated(Optional.of(d));
            core.setModified(Optional.of(d));
        });
    }

    private static Optional<Date> parse(String instant) {
        try {
            return Optional.of(Date.from(Instant.parse(instant)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Lays out one annex; mirrors reports/tom/annex.html.peb section by section. */
    private static final class Writer {
        private final XWPFDocument doc;
        private final TomTexts t;
        private final TomAnnex a;

        Writer(XWPFDocument doc, TomTexts t, TomAnnex a) {
            this.doc = doc;
            this.t = t;
            this.a = a;
        }

        void write() {
            styled("Title", a.header().title());
            styled("Subtitle", a.header().subtitle());
            XWPFTable meta = table(new int[] {28, 72});
            meta.removeRow(0);
            kv(meta, "doc.org", a.header().org());
            kv(meta, "doc.date", a.header().date());
            kv(meta, "doc.period", a.header().period());
            kv(meta, "doc.tool", a.header().tool());
            kv(meta, "doc.rules", a.header().rules());
            kv(meta, "doc.grouping", a.header().groupingShort());

            styled("Heading1", "1 " + t.get("intro.heading"));
            text(t.get("intro.p1"));
            text(t.format("intro.p2", a.header().grouping()));
            text(t.get("intro.p3"));
            text(t.get("intro.p4"));

            styled("Heading1", "2 " + t.get("doc.targets"));
            XWPFTable targets = table(new int[] {26, 34, 22, 18}, "target.name", "target.address", "target.kinds", "target.status");
            for (TomAnnex.TargetRow x : a.targets()) {
                row(targets, plain(x.name()), plain(x.address()), plain(x.kinds()), plain(x.status()));
            }
            if (a.problems().isEmpty()) {
                text(t.get("target.problems.none"));
            } else {
                styled("Heading2", t.get("problems.heading"));
                XWPFTable problems = table(new int[] {22, 12, 66}, "target.name", "problems.stage", "problems.message");
                for (TomAnnex.Problem p : a.problems()) {
                    row(problems, plain(p.target()), plain(p.stage()), plain(p.message()));
                }
            }

            styled("Heading1", "3 " + t.get("summary.heading"));
            XWPFTable counts = table(new int[] {70, 30}, "summary.status", "summary.count");
            count(counts, "summary.pass", a.counts().pass());
            count(counts, "summary.fail", a.counts().fail());
            count(counts, "summary.waived", a.counts().waived());
            count(counts, "summary.error", a.counts().error());
            count(counts, "summary.manual", a.counts().manual());
            count(counts, "summary.na", a.counts().notApplicable());

            String grouping = a.header().groupingShort();
            styled("Heading1", "4 " + Character.toUpperCase(grouping.charAt(0)) + grouping.substring(1));
            for (TomAnnex.Group g : a.groups()) {
                group(g);
            }
            retentions();
            processors();
            XWPFParagraph foot = doc.createParagraph();
            foot.setSpacingBefore(400);
            XWPFRun r = foot.createRun();
            r.setFontSize(8);
            r.setColor("555555");
            r.setText(a.footer());
        }

        private void group(TomAnnex.Group g) {
            styled("Heading2", g.number() + " " + g.label());
            if (!g.description().isEmpty()) {
                text(g.description());
            }
            if (g.empty()) {
                text(t.get("group.empty"));
            }
            if (!g.verified().isEmpty()) {
                styled("Heading3", t.get("section.verified"));
                XWPFTable tb = table(new int[] {36, 18, 46}, "col.measure", "col.targets", "col.evidence");
                for (TomAnnex.Item i : g.verified()) {
                    items(tb, i, (o, first) -> List.of(measure(i, false), plain(o.targets()), evidence(o)));
                }
            }
            if (!g.gaps().isEmpty()) {
                styled("Heading3", t.get("section.gaps"));
                XWPFTable tb = table(new int[] {36, 12, 16, 36}, "col.measure", "col.severity", "col.targets", "col.evidence");
                for (TomAnnex.Item i : g.gaps()) {
                    items(tb, i, (o, first) -> List.of(measure(i, true), bold(o.severity()), plain(o.targets()),
                            c -> {
                                why(o, c);
                                evidence(o).accept(c);
                                if (!o.reason().isEmpty()) {
                                    para(c).createRun().setText(o.reason());
                                }
                            }));
                }
            }
            if (!g.waived().isEmpty()) {
                styled("Heading3", t.get("section.waived"));
                XWPFTable tb = table(new int[] {30, 16, 28, 14, 12}, "col.measure", "col.targets", "col.justification",
                        "col.approver", "col.expires");
                for (TomAnnex.Item i : g.waived()) {
                    items(tb, i, (o, first) -> List.of(measure(i, false), plain(o.targets()), plain(o.justification()),
                            plain(o.approver()), plain(o.expires())));
                }
            }
            if (!g.errors().isEmpty()) {
                styled("Heading3", t.get("section.error"));
                XWPFTable tb = table(new int[] {36, 18, 46}, "col.measure", "col.targets", "col.reason");
                for (TomAnnex.Item i : g.errors()) {
                    items(tb, i, (o, first) -> List.of(measure(i, false), plain(o.targets()), c -> {
                        why(o, c);
                        next(c).createRun().setText(o.reason());
                    }));
                }
            }
            if (!g.manual().isEmpty()) {
                styled("Heading3", t.get("section.manual"));
                XWPFTable tb = table(new int[] {44, 16, 40}, "col.question", "col.targets", "col.answer");
                for (TomAnnex.Item i : g.manual()) {
                    for (TomAnnex.Occurrence o : i.occurrences()) {
                        row(tb, c -> {
                            XWPFParagraph p = c.getParagraphs().get(0);
                            XWPFRun r = p.createRun();
                            r.setBold(true);
                            r.setText(i.title());
                            para(c).createRun().setText(i.question());
                            ruleId(para(c), i.ruleId());
                        }, plain(o.targets()), plain(""));
                    }
                }
            }
        }

        private void retentions() {
            styled("Heading1", "5 " + t.get("retention.heading"));
            text(t.get("retention.intro"));
            if (a.retentions().isEmpty()) {
                text(t.get("retention.none"));
                return;
            }
            XWPFTable tb = table(new int[] {13, 19, 17, 24, 27}, "target.name", "retention.subject", "retention.period",
                    "retention.source", "retention.checked");
            for (TomAnnex.RetentionRow r : a.retentions()) {
                row(tb, plain(r.target()), plain(r.subject()),
                        c -> {
                            c.getParagraphs().get(0).createRun().setText(r.period());
                            code(para(c), r.iso());
                        },
                        c -> {
                            code(c.getParagraphs().get(0), r.source());
                            para(c).createRun().setText(r.origin());
                        },
                        c -> {
                            if (r.oldest().isEmpty()) {
                                c.getParagraphs().get(0).createRun().setText(r.checkedIn());
                                return;
                            }
                            code(c.getParagraphs().get(0), r.checkedIn());
                            para(c).createRun().setText(t.get("retention.oldest") + ": " + r.oldest());
                            XWPFParagraph p = para(c);
                            p.createRun().setText(t.get("retention.holds") + ": ");
                            XWPFRun b = p.createRun();
                            b.setBold(true);
                            b.setText(r.holds());
                        });
            }
        }

        private void processors() {
            if (a.processors().isEmpty()) {
                return;
            }
            styled("Heading1", "6 " + t.get("processors.heading"));
            text(t.get("processors.intro"));
            XWPFTable tb = table(new int[] {14, 18, 20, 20, 28}, "target.name", "processors.service", "processors.host",
                    "processors.transfer", "processors.source");
            for (TomAnnex.ProcessorRow p : a.processors()) {
                row(tb, plain(p.target()), plain(p.service()), plain(p.host()),
                        c -> {
                            c.getParagraphs().get(0).createRun().setText(p.jurisdiction());
                            para(c).createRun().setText(p.transfer());
                        },
                        c -> code(c.getParagraphs().get(0), p.source()));
            }
        }

        // ---- building blocks ---------------------------------------------------------------

        @FunctionalInterface
        private interface Cells {
            List<Consumer<XWPFTableCell>> of(TomAnnex.Occurrence o, boolean first);
        }

        /** One row per occurrence; the measure's cell spans them (a vertical merge). */
        private void items(XWPFTable tb, TomAnnex.Item i, Cells cells) {
            boolean first = true;
            int n = i.occurrences().size();
            for (TomAnnex.Occurrence o : i.occurrences()) {
                List<Consumer<XWPFTableCell>> cs = new java.util.ArrayList<>(cells.of(o, first));
                if (!first) {
                    cs.set(0, c -> { });
                }
                XWPFTableRow row = row(tb, cs.toArray(Consumer[]::new));
                if (n > 1) {
                    CTTcPr pr = tcPr(row.getCell(0));
                    pr.addNewVMerge().setVal(first ? STMerge.RESTART : STMerge.CONTINUE);
                }
                first = false;
            }
        }

        private Consumer<XWPFTableCell> measure(TomAnnex.Item i, boolean remediation) {
            return c -> {
                XWPFRun r = c.getParagraphs().get(0).createRun();
                r.setBold(remediation);
                r.setText(i.title());
                ruleId(para(c), i.ruleId());
                if (remediation) {
                    para(c).createRun().setText(t.get("col.remediation") + ": " + i.remediation());
                }
            };
        }

        private Consumer<XWPFTableCell> evidence(TomAnnex.Occurrence o) {
            return c -> {
                XWPFParagraph p = next(c);
                if (o.evidence().isEmpty()) {
                    p.createRun().setText(t.get("evidence.none"));
                }
                boolean first = true;
                for (TomAnnex.EvidenceLine e : o.evidence()) {
                    XWPFParagraph line = first ? p : para(c);
                    first = false;
                    code(line, e.value().isEmpty() ? e.source() : e.source() + " = " + e.value());
                }
                if (!o.more().isEmpty()) {
                    para(c).createRun().setText(o.more());
                }
            };
        }

        private static Consumer<XWPFTableCell> plain(String s) {
            return c -> c.getParagraphs().get(0).createRun().setText(s == null ? "" : s);
        }

        private static Consumer<XWPFTableCell> bold(String s) {
            return c -> {
                XWPFRun r = c.getParagraphs().get(0).createRun();
                r.setBold(true);
                r.setText(s);
            };
        }

        private static void code(XWPFParagraph p, String s) {
            XWPFRun r = p.createRun();
            r.setStyle("Evidence");
            r.setText(s);
        }

        private static void ruleId(XWPFParagraph p, String id) {
            XWPFRun r = p.createRun();
            r.setStyle("RuleId");
            r.setText(id);
        }

        /** The finding's why-line, first in its cell (a failed or errored occurrence). */
        private void why(TomAnnex.Occurrence o, XWPFTableCell c) {
            if (!o.why().isEmpty()) {
                XWPFRun r = next(c).createRun();
                r.setItalic(true);
                r.setText(t.get("why.label") + ": " + o.why());
            }
        }

        /** The cell's first paragraph while it is still empty, else a new one. */
        private static XWPFParagraph next(XWPFTableCell c) {
            List<XWPFParagraph> ps = c.getParagraphs();
            XWPFParagraph last = ps.get(ps.size() - 1);
            return ps.size() == 1 && last.getRuns().isEmpty() ? last : c.addParagraph();
        }

        private static XWPFParagraph para(XWPFTableCell c) {
            return c.addParagraph();
        }

        private void styled(String style, String text) {
            XWPFParagraph p = doc.createParagraph();
            p.setStyle(style);
            p.createRun().setText(text);
        }

        private void text(String text) {
            doc.createParagraph().createRun().setText(text);
        }

        private void kv(XWPFTable tb, String key, String value) {
            XWPFTableRow row = row(tb, bold(t.get(key)), plain(value));
            row.getCell(0).setColor("F3F3F3");
        }

        private void count(XWPFTable tb, String key, int n) {
            row(tb, plain(t.get(key)), plain(Integer.toString(n)));
        }

        /** A full-width table with these column widths (percent) and a repeated, shaded header row. */
        private XWPFTable table(int[] percent, String... headerKeys) {
            XWPFTable tb = doc.createTable(1, percent.length);
            tb.setStyleID("TableGrid");
            CTTblWidth w = tb.getCTTbl().getTblPr().isSetTblW() ? tb.getCTTbl().getTblPr().getTblW()
                    : tb.getCTTbl().getTblPr().addNewTblW();
            w.setType(STTblWidth.DXA);
            w.setW(BigInteger.valueOf(TEXT_WIDTH));
            var grid = tb.getCTTbl().getTblGrid() == null ? tb.getCTTbl().addNewTblGrid() : tb.getCTTbl().getTblGrid();
            while (grid.sizeOfGridColArray() > 0) {
                grid.removeGridCol(0);
            }
            for (int p : percent) {
                grid.addNewGridCol().setW(BigInteger.valueOf((long) TEXT_WIDTH * p / 100));
            }
            XWPFTableRow head = tb.getRow(0);
            head.setRepeatHeader(true);
            head.setCantSplitRow(true);
            for (int i = 0; i < percent.length; i++) {
                XWPFTableCell c = head.getCell(i);
                width(c, percent[i]);
                c.setColor("E8E8E8");
                if (i < headerKeys.length) {
                    XWPFRun r = c.getParagraphs().get(0).createRun();
                    r.setBold(true);
                    r.setText(t.get(headerKeys[i]));
                }
            }
            return tb;
        }

        @SafeVarargs
        private XWPFTableRow row(XWPFTable tb, Consumer<XWPFTableCell>... cells) {
            XWPFTableRow row = tb.createRow();
            row.setCantSplitRow(true);
            List<CTTblWidthHolder> widths = widths(tb);
            for (int i = 0; i < cells.length; i++) {
                XWPFTableCell c = row.getCell(i) == null ? row.addNewTableCell() : row.getCell(i);
                if (i < widths.size()) {
                    tcPr(c).addNewTcW().setW(widths.get(i).w());
                    tcPr(c).getTcW().setType(STTblWidth.DXA);
                }
                cells[i].accept(c);
            }
            return row;
        }

        private record CTTblWidthHolder(BigInteger w) { }

        private static List<CTTblWidthHolder> widths(XWPFTable tb) {
            return tb.getCTTbl().getTblGrid().getGridColList().stream()
                    .map(g -> new CTTblWidthHolder((BigInteger) g.getW())).toList();
        }

        private static void width(XWPFTableCell c, int percent) {
            CTTblWidth w = tcPr(c).isSetTcW() ? tcPr(c).getTcW() : tcPr(c).addNewTcW();
            w.setType(STTblWidth.DXA);
            w.setW(BigInteger.valueOf((long) TEXT_WIDTH * percent / 100));
        }

        private static CTTcPr tcPr(XWPFTableCell c) {
            return c.getCTTc().isSetTcPr() ? c.getCTTc().getTcPr() : c.getCTTc().addNewTcPr();
        }
    }
}
