using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Reporting;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Writes a cycle's compiled report as a Word document (Office Open XML, decision 087): the same content as the
/// printable page, accessible: real heading styles (with outline levels, so they navigate), tables with a repeated
/// header row and a caption and description, the chart with alternative text and its data table beside it. It is
/// written in the language of the page it is downloaded from (<c>/fr/reporting-cycles/4/report.docx</c>), through the
/// pages' resources; stored text (names, titles, notes) stays as stored. English reads exactly as it always did.
/// </summary>
public static class ReportDocument
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The title of the response-rate chart, also its data table's caption.</summary>
    public const string ChartTitle = "Response rate by action line";

    public static byte[] Write(CycleReport report, string baseUrl, PageText t)
    {
        var language = PageText.IsEnglish ? "en-GB" : PageText.Culture.Name;
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = report.Name;
            document.PackageProperties.Subject = t["Compiled input to the report on the implementation of the WSIS outcomes"];
            document.PackageProperties.Language = PageText.IsEnglish ? "en" : PageText.Culture.Name;
            var main = document.AddMainDocumentPart();
            AddStyles(main, language, PageText.IsEnglish ? false : Cultures.IsRightToLeft(PageText.Culture.Name));
            var body = new Body();
            main.Document = new Document(body);

            body.Append(Para(report.Name, "Title"));
            body.Append(Para(report.IsFinal
                ? t["Final: the cycle closed on {0}; these figures are those stored at its close.", Date(report.ProducedAt)]
                : t["Draft: the cycle is open; figures as of {0}.", Instant(report.ProducedAt)]));
            body.Append(Para($"{t["Reports counted from"]} {Date(report.OpensOn)}, {t["due by"]} {Date(report.DueOn)}. {t["Commitments covered: {0}.", t.Scope(report.Scope)]}"));

            body.Append(Heading(1, t["Response rate"]));
            body.Append(Para(t.Rate(report.Overall)));
            body.Append(Chart(main, report, t, language));
            body.Append(RateTable(t, t[ChartTitle], t["Action line"], report.ByActionLine, t["The data of the chart: expected, answered and late reports per action line."], labelsAreKeys: true));
            body.Append(RateTable(t, t["Response rate by lead stakeholder"], t["Lead stakeholder"], report.ByStakeholder, t["Expected, answered and late reports per lead stakeholder."], labelsAreKeys: false));

            foreach (var section in report.ActionLines)
            {
                body.Append(Heading(1, $"{section.Code} {t[section.Title]}"));
                body.Append(Para(t.Rate(section.Rate)));
                var commitments = report.In(section).ToList();
                body.Append(Table(
                    t["Commitments under {0}", section.Code],
                    t["Each commitment under {0} with its implementation status, progress and reporting status.", section.Code],
                    [t["Commitment"], t["Status"], t["Progress"], t["Reporting status"]],
                    commitments.Select(c => (IReadOnlyList<string>)[c.Title, t[StateText(c)], t.Percent(c.ProgressPercent), t.Reporting(c.ReportingStatus)])));
                foreach (var commitment in commitments.Where(c => c.Answered))
                {
                    body.Append(Heading(2, commitment.Title));
                    foreach (var narrative in commitment.Reports)
                    {
                        body.Append(Para(NarrativeHeading(narrative, t)));
                        if (narrative.Note is { } note)
                        {
                            body.Append(Para(note));
                        }

                        foreach (var link in narrative.EvidenceLinks)
                        {
                            body.Append(LinkParagraph(main, link));
                        }
                    }

                    body.Append(LinkParagraph(main, $"{baseUrl}/commitments/{commitment.Id}", t["The commitment in the tracker"]));
                }
            }

            body.Append(Heading(1, t["Not answered"]));
            var missing = report.NotAnswered.ToList();
            body.Append(missing.Count == 0
                ? Para(t["Every commitment the cycle covers has answered."])
                : Table(t["Commitments not answered"], t["The commitments without a report in the cycle, with their lead stakeholders."],
                    [t["Commitment"], t["Lead stakeholders"]], missing.Select(c => (IReadOnlyList<string>)[c.Title, Leads(c)])));
            body.Append(Heading(1, t["Arrived late"]));
            var late = report.ArrivedLate.ToList();
            body.Append(late.Count == 0
                ? Para(t["No report arrived after the due date."])
                : Table(t["Reports that arrived late"], t["The commitments whose first report in the cycle came after the due date."],
                    [t["Commitment"], t["Lead stakeholders"], Capitalized(t["received"])], late.Select(c => (IReadOnlyList<string>)[c.Title, Leads(c), Date(c.Reports[0].RecordedAt)])));

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Right = 1134, Bottom = 1134, Left = 1134, Header = 708, Footer = 708, Gutter = 0 }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>What the report writes for a commitment's implementation status: "no report yet" when nobody has reported.</summary>
    public static string StateText(CycleCommitment c) =>
        c.LastReportedOn is null && c.Status == CommitmentStatus.NotStarted ? PageFormat.NoReportYet : PageFormat.Status(c.Status);

    public static string RateText(ResponseRate rate) =>
        $"{rate.Answered} of {PageFormat.Count(rate.Expected, "commitment")} answered ({rate.Percent} %), {rate.Late} late.";

    public static string NarrativeHeading(CycleNarrative n) =>
        $"As of {PageFormat.Date(n.AsOf)}, reported by {n.Author} on {PageFormat.Date(DateOnly.FromDateTime(n.RecordedAt.UtcDateTime))}{(n.Late ? " (late)" : "")}: {PageFormat.Status(n.Status)}, {PageFormat.Percent(n.ProgressPercent)}.";

    /// <summary>A narrative's heading in the page's culture; English exactly as <see cref="NarrativeHeading(CycleNarrative)"/>.</summary>
    public static string NarrativeHeading(CycleNarrative n, PageText t) => PageText.IsEnglish ? NarrativeHeading(n)
        : t[n.Late ? "As of {0}, reported by {1} on {2} (late): {3}, {4}." : "As of {0}, reported by {1} on {2}: {3}, {4}.",
            PageText.Date(n.AsOf), n.Author, PageText.Date(DateOnly.FromDateTime(n.RecordedAt.UtcDateTime)), t.Status(n.Status), t.Percent(n.ProgressPercent)];

    public static string ScopeText(CycleScope scope) => scope.IsAll
        ? "all"
        : string.Join(", ", new[]
        {
            scope.Resolution is { } r ? $"resolution {r}" : null,
            scope.ActionLine is { } a ? $"action line {a}" : null,
            scope.Stakeholder is { } s ? $"stakeholder {s}" : null,
        }.Where(x => x is not null));

    public static string ChartAlternativeText(CycleReport report, PageText t) =>
        t["Bar chart of the response rate by action line: {0}. The same figures are in the table that follows.",
            string.Join(t["; "], report.ByActionLine.Select(r => t["{0} {1} % ({2} of {3})", r.Key, Number(r.Rate.Percent), Number(r.Rate.Answered), Number(r.Rate.Expected)]))];

    private static string Leads(CycleCommitment c) => string.Join(", ", c.Leads.Select(l => l.Name));

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], PageText.Culture) + text[1..];

    private static string Date(DateOnly date) => PageText.Date(date);

    private static string Date(DateTimeOffset instant) => PageText.Date(DateOnly.FromDateTime(instant.UtcDateTime));

    private static string Instant(DateTimeOffset instant) => PageFormat.Instant(instant);

    private static Paragraph Para(string text, string? style = null)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static Paragraph Heading(int level, string text) => Para(text, $"Heading{level}");

    private static Paragraph LinkParagraph(MainDocumentPart main, string url, string? text = null)
    {
        var paragraph = new Paragraph();
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var relationship = main.AddHyperlinkRelationship(uri, true, $"link{main.HyperlinkRelationships.Count() + 1}");
            paragraph.Append(new Hyperlink(new Run(
                new RunProperties(new RunStyle { Val = "Hyperlink" }),
                new Text(text ?? url) { Space = SpaceProcessingModeValues.Preserve }))
            { Id = relationship.Id });
        }
        else
        {
            paragraph.Append(new Run(new Text(text ?? url)));
        }

        return paragraph;
    }

    /// <summary>A response-rate table; <paramref name="labelsAreKeys"/> when its labels are resource text (action-line titles), not stored names.</summary>
    private static Table RateTable(PageText t, string caption, string keyHeading, IReadOnlyList<ResponseRateRow> rows, string description, bool labelsAreKeys) =>
        Table(caption, description, [keyHeading, t["Expected"], t["Answered"], t["Late"], t["Response rate"]],
            rows.Select(r => (IReadOnlyList<string>)[$"{r.Key} {(labelsAreKeys && r.Label.Length > 0 ? t[r.Label] : r.Label)}".Trim(), Number(r.Rate.Expected), Number(r.Rate.Answered), Number(r.Rate.Late), $"{Number(r.Rate.Percent)} %"]));

    private static string Number(int value) => PageText.IsEnglish ? value.ToString(CultureInfo.InvariantCulture) : PageText.Number(value);

    /// <summary>A table whose first row is a header repeated on each page, with a caption and a description for assistive technology.</summary>
    private static Table Table(string caption, string description, IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table(new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableLook { Val = "04A0", FirstRow = true, FirstColumn = false, LastRow = false, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true },
            new TableCaption { Val = caption },
            new TableDescription { Val = description }));
        var grid = new TableGrid();
        foreach (var _ in headings)
        {
            grid.Append(new GridColumn());
        }

        table.Append(grid);
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        foreach (var heading in headings)
        {
            header.Append(new TableCell(new Paragraph(new Run(new RunProperties(new Bold()), new Text(heading)))));
        }

        table.Append(header);
        foreach (var row in rows)
        {
            var tr = new TableRow();
            foreach (var cell in row)
            {
                tr.Append(new TableCell(new Paragraph(new Run(new Text(cell) { Space = SpaceProcessingModeValues.Preserve }))));
            }

            table.Append(tr);
        }

        return table;
    }

    /// <summary>A bar chart of the response rate by action line, its values embedded in the chart, with alternative text.</summary>
    private static Paragraph Chart(MainDocumentPart main, CycleReport report, PageText t, string language)
    {
        var chartPart = main.AddNewPart<ChartPart>("chart1");
        var rows = report.ByActionLine;
        var categories = new C.StringLiteral(new C.PointCount { Val = (uint)rows.Count });
        var values = new C.NumberLiteral(new C.FormatCode("General"), new C.PointCount { Val = (uint)rows.Count });
        for (var i = 0; i < rows.Count; i++)
        {
            categories.Append(new C.StringPoint(new C.NumericValue(rows[i].Key)) { Index = (uint)i });
            values.Append(new C.NumericPoint(new C.NumericValue(Number(rows[i].Rate.Percent))) { Index = (uint)i });
        }

        chartPart.ChartSpace = new C.ChartSpace(
            new C.EditingLanguage { Val = language },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.Title(new C.ChartText(new C.RichText(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.Text(t[ChartTitle] + " (%)"))))), new C.Overlay { Val = false }),
                new C.AutoTitleDeleted { Val = false },
                new C.PlotArea(
                    new C.Layout(),
                    new C.BarChart(
                        new C.BarDirection { Val = C.BarDirectionValues.Bar },
                        new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
                        new C.VaryColors { Val = false },
                        new C.BarChartSeries(
                            new C.Index { Val = 0 },
                            new C.Order { Val = 0 },
                            new C.SeriesText(new C.NumericValue(t["Response rate (%)"])),
                            new C.InvertIfNegative { Val = false },
                            new C.DataLabels(new C.ShowLegendKey { Val = false }, new C.ShowValue { Val = true }, new C.ShowCategoryName { Val = false }, new C.ShowSeriesName { Val = false }, new C.ShowPercent { Val = false }, new C.ShowBubbleSize { Val = false }),
                            new C.CategoryAxisData(categories),
                            new C.Values(values)),
                        new C.GapWidth { Val = 60 },
                        new C.AxisId { Val = 1 },
                        new C.AxisId { Val = 2 }),
                    new C.CategoryAxis(
                        new C.AxisId { Val = 1 },
                        new C.Scaling(new C.Orientation { Val = C.OrientationValues.MaxMin }),
                        new C.Delete { Val = false },
                        new C.AxisPosition { Val = C.AxisPositionValues.Left },
                        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                        new C.CrossingAxis { Val = 2 },
                        new C.Crosses { Val = C.CrossesValues.AutoZero }),
                    new C.ValueAxis(
                        new C.AxisId { Val = 2 },
                        new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }, new C.MaxAxisValue { Val = 100 }, new C.MinAxisValue { Val = 0 }),
                        new C.Delete { Val = false },
                        new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                        new C.MajorGridlines(),
                        new C.NumberingFormat { FormatCode = "General", SourceLinked = false },
                        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                        new C.CrossingAxis { Val = 1 },
                        new C.Crosses { Val = C.CrossesValues.AutoZero })),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));
        chartPart.ChartSpace.Save();

        const long width = 5_760_000;
        var height = 900_000L + (rows.Count * 300_000L);
        var inline = new DW.Inline(
            new DW.Extent { Cx = width, Cy = height },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = 1U, Name = "Response rate chart", Title = t[ChartTitle], Description = ChartAlternativeText(report, t) },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = main.GetIdOfPart(chartPart) })
            {
                Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart",
            }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        };
        return new Paragraph(new Run(new Drawing(inline)));
    }

    private static void AddStyles(MainDocumentPart main, string language, bool rightToLeft)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>("styles1");
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = "22" },
                    new Languages { Val = language, Bidi = rightToLeft ? language : null })),
                new ParagraphPropertiesDefault(rightToLeft
                    ? new ParagraphPropertiesBaseStyle(new BiDi(), new SpacingBetweenLines { After = "120" })
                    : new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            HeadingStyle("Title", "Title", null, "40"),
            HeadingStyle("Heading1", "heading 1", 0, "32"),
            HeadingStyle("Heading2", "heading 2", 1, "26"),
            new Style(new StyleName { Val = "Hyperlink" }, new StyleRunProperties(new Color { Val = "0563C1" }, new Underline { Val = UnderlineValues.Single }))
            {
                Type = StyleValues.Character,
                StyleId = "Hyperlink",
            },
            new Style(
                new StyleName { Val = "Table Grid" },
                new StyleTableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 },
                    new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })))
            {
                Type = StyleValues.Table,
                StyleId = "TableGrid",
            });
        styles.Styles.Save();
    }

    private static Style HeadingStyle(string id, string name, int? outlineLevel, string size)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" });
        if (outlineLevel is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Bold(), new FontSize { Val = size }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
    }
}
