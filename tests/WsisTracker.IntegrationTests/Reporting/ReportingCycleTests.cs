using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Reporting;
using WsisTracker.IntegrationTests.Infrastructure;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace WsisTracker.IntegrationTests.Reporting;

/// <summary>Reporting cycles through HTTP (decision 086) and their compiled report as a page and a Word document (decision 087).</summary>
[Collection(AppCollection.Name)]
public sealed class ReportingCycleTests(WsisTrackerFactory app)
{
    /// <summary>Three commitments led by a new stakeholder (C4, C5, C7.3), so a cycle scoped to it covers exactly them.</summary>
    private async Task<(string Slug, string Name, int OnTime, int Late, int Silent)> ArrangeAsync(string marker)
    {
        var lead = await ReportingArrange.StakeholderAsync(app, $"Reporting lead {marker}");
        var onTime = await ReportingArrange.CommitmentAsync(app, $"{marker} on time", ReportingCadence.Annual, lead.Slug, "C4");
        var late = await ReportingArrange.CommitmentAsync(app, $"{marker} late", ReportingCadence.Biennial, lead.Slug, "C5");
        var silent = await ReportingArrange.CommitmentAsync(app, $"{marker} silent", ReportingCadence.Annual, lead.Slug, "C7.3");
        return (lead.Slug, lead.Name, onTime, late, silent);
    }

    private static async Task<JsonElement> OpenAsync(HttpClient writer, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reporting-cycles") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await writer.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(WsisTrackerFactory.Json);
    }

    private static async Task<HttpResponseMessage> CloseAsync(HttpClient writer, int id, uint version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reporting-cycles/{id}/close");
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await writer.SendAsync(request);
    }

    [Fact]
    public async Task Cycle_CountsOnTimeLateAndMissingReports_AndClosingFreezesItsFigures()
    {
        var marker = $"cy{Guid.NewGuid():N}"[..14];
        var (slug, name, onTime, late, silent) = await ArrangeAsync(marker);
        using var writer = await app.CreateWriterAsync();
        var today = app.Clock.Today;
        var opened = await OpenAsync(writer, new { name = $"Cycle {marker}", opensOn = today.AddDays(-3), dueOn = today.AddDays(4), stakeholder = slug });
        var id = opened.GetProperty("id").GetInt32();
        Assert.Equal("open", opened.GetProperty("state").GetString());

        await ReportingArrange.ReportAsync(app, onTime, today, 40, $"Schools connected {marker}", "https://example.org/evidence/schools");
        await app.Clock.MoveAsync(TimeSpan.FromDays(8), () => ReportingArrange.ReportAsync(app, late, app.Clock.Today, 10, $"Late word {marker}"));

        var detail = await app.GetJsonAsync<JsonElement>($"/api/v1/reporting-cycles/{id}");
        AssertRate(detail.GetProperty("responseRate"), 3, 2, 1, 67);
        var byLead = detail.GetProperty("byStakeholder").EnumerateArray().Single(r => r.GetProperty("key").GetString() == slug);
        AssertRate(byLead.GetProperty("rate"), 3, 2, 1, 67);
        Assert.Equal(name, byLead.GetProperty("label").GetString());
        var byLine = detail.GetProperty("byActionLine").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("rate"));
        Assert.Equal(["C4", "C5", "C7"], byLine.Keys.Order(StringComparer.Ordinal));
        AssertRate(byLine["C7"], 1, 0, 0, 0);
        Assert.Equal([silent], detail.GetProperty("notAnswered").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal([late], detail.GetProperty("late").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));

        using (var closed = await CloseAsync(writer, id, detail.GetProperty("version").GetUInt32()))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<JsonElement>(WsisTrackerFactory.Json)).GetProperty("state").GetString());
        }

        var firstDocument = await DocumentTextAsync(id);
        await ReportingArrange.ReportAsync(app, silent, today, 5, "After the close");
        var frozen = await app.GetJsonAsync<JsonElement>($"/api/v1/reporting-cycles/{id}");
        AssertRate(frozen.GetProperty("responseRate"), 3, 2, 1, 67);
        Assert.Equal([silent], frozen.GetProperty("notAnswered").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal(firstDocument, await DocumentTextAsync(id));

        using var again = await CloseAsync(writer, id, frozen.GetProperty("version").GetUInt32());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("cycle-closed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var listed = await app.GetJsonAsync<JsonElement>("/api/v1/reporting-cycles");
        Assert.Equal("closed", listed.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == id).GetProperty("state").GetString());
    }

    [Fact]
    public async Task ClosedCycleDocument_HoldsTheSnapshotFigures_AccessiblyStructured()
    {
        var marker = $"cd{Guid.NewGuid():N}"[..14];
        var (slug, name, onTime, late, _) = await ArrangeAsync(marker);
        using var writer = await app.CreateWriterAsync();
        var today = app.Clock.Today;
        var id = (await OpenAsync(writer, new { name = $"Report of the Secretary-General {marker}", opensOn = today.AddDays(-1), dueOn = today.AddDays(2), stakeholder = slug })).GetProperty("id").GetInt32();
        await ReportingArrange.ReportAsync(app, onTime, today, 55, $"Narrative {marker}", $"https://example.org/{marker}");
        await app.Clock.MoveAsync(TimeSpan.FromDays(5), () => ReportingArrange.ReportAsync(app, late, app.Clock.Today, 15));
        var version = (await app.GetJsonAsync<JsonElement>($"/api/v1/reporting-cycles/{id}")).GetProperty("version").GetUInt32();
        using (var closed = await CloseAsync(writer, id, version))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        var snapshot = (await app.WithDbAsync(async db => await db.ReportingCycles.FindAsync(id)))!.Snapshot!;
        var report = JsonSerializer.Deserialize<CycleReport>(snapshot, ReportingCycles.SnapshotJson)!;
        Assert.True(report.IsFinal);

        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/reporting-cycles/{id}/report.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));

        var body = document.MainDocumentPart!.Document!.Body!;
        string StyleOf(W.Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        Assert.Equal(report.Name, body.Elements<W.Paragraph>().Single(p => StyleOf(p) == "Title").InnerText);
        var headings = body.Elements<W.Paragraph>().Where(p => StyleOf(p) == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(["Response rate", .. report.ActionLines.Select(s => $"{s.Code} {s.Title}"), "Not answered", "Arrived late"], headings);
        Assert.Contains($"{marker} on time", body.Elements<W.Paragraph>().Where(p => StyleOf(p) == "Heading2").Select(p => p.InnerText));
        var headingStyle = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<W.Style>().Single(s => s.StyleId == "Heading1");
        Assert.Equal(0, headingStyle.StyleParagraphProperties!.OutlineLevel!.Val!.Value);

        var tables = body.Elements<W.Table>().ToDictionary(t => t.GetFirstChild<W.TableProperties>()!.GetFirstChild<W.TableCaption>()!.Val!.Value!);
        foreach (var table in tables.Values)
        {
            Assert.NotNull(table.Elements<W.TableRow>().First().TableRowProperties?.GetFirstChild<W.TableHeader>());
            Assert.False(string.IsNullOrEmpty(table.GetFirstChild<W.TableProperties>()!.GetFirstChild<W.TableDescription>()?.Val?.Value));
        }

        var leadRow = Rows(tables["Response rate by lead stakeholder"]).Single(r => r[0].Contains(name, StringComparison.Ordinal));
        var snapshotLead = report.ByStakeholder.Single(r => r.Key == slug).Rate;
        Assert.Equal([$"{snapshotLead.Expected}", $"{snapshotLead.Answered}", $"{snapshotLead.Late}", $"{snapshotLead.Percent} %"], leadRow[1..]);
        Assert.Equal(["3", "2", "1", "67 %"], leadRow[1..]);
        var lineRows = Rows(tables[WsisTracker.Web.Infrastructure.ReportDocument.ChartTitle]);
        Assert.Equal(report.ByActionLine.Select(r => $"{r.Key} {r.Label}"), lineRows.Select(r => r[0]));
        Assert.Equal(report.ByActionLine.Select(r => $"{r.Rate.Percent} %"), lineRows.Select(r => r[4]));

        var c4 = Rows(tables["Commitments under C4"]).Single(r => r[0] == $"{marker} on time");
        Assert.Equal(["on track", "55 %", "up to date"], c4[1..]);
        Assert.Contains(Rows(tables["Commitments not answered"]), r => r[0] == $"{marker} silent" && r[1] == name);
        Assert.Contains(Rows(tables["Reports that arrived late"]), r => r[0] == $"{marker} late");
        Assert.Contains(body.Elements<W.Paragraph>(), p => p.InnerText == $"Narrative {marker}");
        Assert.Contains(body.Descendants<W.Paragraph>(), p => p.InnerText.Contains("reported by Secretariat", StringComparison.Ordinal));
        Assert.Contains(document.MainDocumentPart.HyperlinkRelationships, h => h.Uri.ToString() == $"https://example.org/{marker}");

        var chart = Assert.Single(document.MainDocumentPart.ChartParts);
        var values = chart.ChartSpace!.Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericPoint>().Select(p => p.InnerText).ToList();
        Assert.Equal(report.ByActionLine.Select(r => r.Rate.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)), values);
        var alt = body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Single();
        Assert.Contains("C4 100 %", alt.Description!.Value, StringComparison.Ordinal);

        var page = await app.GetPageAsync($"/reporting-cycles/{id}/report");
        Assert.Equal(report.Name, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Final", page.QuerySelector("p.lead")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='https://example.org/{marker}']"));
        Assert.Contains("response-rate-title", page.QuerySelector("figure.chart svg")!.GetAttribute("aria-labelledby"), StringComparison.Ordinal);

        // Downloaded from the French page, the document is in French (stored text as stored), and still valid.
        await using (var french = new MemoryStream(await client.GetByteArrayAsync($"/fr/reporting-cycles/{id}/report.docx")))
        {
            using var fr = WordprocessingDocument.Open(french, false);
            Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(fr).Select(e => $"{e.Path?.XPath}: {e.Description}"));
            Assert.Equal("fr", fr.PackageProperties.Language);
            var frBody = fr.MainDocumentPart!.Document!.Body!;
            Assert.Equal(report.Name, frBody.Elements<W.Paragraph>().Single(p => StyleOf(p) == "Title").InnerText);
            var frHeadings = frBody.Elements<W.Paragraph>().Where(p => StyleOf(p) == "Heading1").Select(p => p.InnerText).ToList();
            Assert.Equal("Taux de réponse", frHeadings[0]);
            Assert.Equal(["Sans réponse", "Arrivés en retard"], frHeadings[^2..]);
            Assert.Contains(frBody.Elements<W.Paragraph>(), p => p.InnerText.StartsWith("Version finale : le cycle a été clôturé le ", StringComparison.Ordinal));
            var frTables = frBody.Elements<W.Table>().ToDictionary(t => t.GetFirstChild<W.TableProperties>()!.GetFirstChild<W.TableCaption>()!.Val!.Value!);
            var frC4 = Rows(frTables["Engagements relevant de C4"]).Single(r => r[0] == $"{marker} on time");
            Assert.Equal(["en bonne voie", "55 %", "à jour"], frC4[1..].Select(c => c.Replace('\u00a0', ' ')));
            Assert.Contains(Rows(frTables["Engagements sans réponse"]), r => r[0] == $"{marker} silent" && r[1] == name);
            Assert.Contains(frBody.Elements<W.Paragraph>(), p => p.InnerText == $"Narrative {marker}");
            Assert.StartsWith("Diagramme en barres du taux de réponse", frBody.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Single().Description!.Value, StringComparison.Ordinal);
        }

        // In Arabic the paragraphs run right to left.
        await using var arabic = new MemoryStream(await client.GetByteArrayAsync($"/ar/reporting-cycles/{id}/report.docx"));
        using var ar = WordprocessingDocument.Open(arabic, false);
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(ar).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        Assert.NotNull(ar.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.ParagraphPropertiesDefault!.ParagraphPropertiesBaseStyle!.BiDi);
        Assert.Equal("معدل الاستجابة", ar.MainDocumentPart.Document!.Body!.Elements<W.Paragraph>().First(p => StyleOf(p) == "Heading1").InnerText);
    }

    [Fact]
    public async Task OpenCycle_WithBadInput_IsRefusedAndCreatesNothing()
    {
        using var writer = await app.CreateWriterAsync();
        var marker = $"cb{Guid.NewGuid():N}"[..14];
        using var response = await writer.PostAsJsonAsync("/api/v1/reporting-cycles", new { name = $"Bad {marker}", opensOn = "2027-03-01", dueOn = "2027-01-01", stakeholder = "no-such-stakeholder" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(WsisTrackerFactory.Json);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("dueOn", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("stakeholder", out _), errors.ToString());
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.ReportingCycles.Any(c => c.Name == $"Bad {marker}"))));

        using var anonymous = app.CreateClient();
        using var refused = await anonymous.PostAsJsonAsync("/api/v1/reporting-cycles", new { name = $"Anon {marker}", opensOn = "2027-01-01", dueOn = "2027-03-01" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task OpenCycle_ReplayedWithItsIdempotencyKey_OpensOne()
    {
        using var writer = await app.CreateWriterAsync();
        var marker = $"ci{Guid.NewGuid():N}"[..14];
        var body = new { name = $"Idempotent {marker}", opensOn = "2027-01-15", dueOn = "2027-03-31" };
        var first = await OpenAsync(writer, body, $"key-{marker}");
        var second = await OpenAsync(writer, body, $"key-{marker}");
        Assert.Equal(first.GetProperty("id").GetInt32(), second.GetProperty("id").GetInt32());
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.ReportingCycles.Count(c => c.Name == $"Idempotent {marker}"))));
    }

    [Fact]
    public async Task Workspace_OpensACycleThroughItsForm_ShowsWhoHasNotAnswered_AndClosesIt()
    {
        var marker = $"cw{Guid.NewGuid():N}"[..14];
        var (slug, _, onTime, _, silent) = await ArrangeAsync(marker);
        using var staff = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var today = app.Clock.Today;

        var form = await staff.GetPageAsync("/workspace/cycles");
        using (var bad = await staff.SubmitAsync(form, "/workspace/cycles", new Dictionary<string, object?> { ["Name"] = "", ["OpensOn"] = "2027-01-10", ["DueOn"] = "2027-01-01" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var page = await PageClient.ParseAsync(bad);
            Assert.Contains("name", page.QuerySelector("#Name")!.ParentElement!.QuerySelector(".field-error")!.TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("#DueOn")!.ParentElement!.QuerySelector(".field-error")!.TextContent));
        }

        using var opened = await staff.SubmitAsync(form, "/workspace/cycles", new Dictionary<string, object?>
        {
            ["Name"] = $"Workspace cycle {marker}",
            ["OpensOn"] = today.AddDays(-1).ToString("yyyy-MM-dd"),
            ["DueOn"] = today.AddDays(10).ToString("yyyy-MM-dd"),
            ["Stakeholder"] = slug,
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var location = opened.Headers.Location!.ToString();
        await ReportingArrange.ReportAsync(app, onTime, today);

        var cycle = await staff.GetPageAsync(location);
        Assert.Equal($"Workspace cycle {marker}", cycle.QuerySelector("h1")!.TextContent);
        var missing = cycle.QuerySelectorAll("ul.not-answered a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/commitments/{silent}", missing);
        Assert.DoesNotContain($"/commitments/{onTime}", missing);
        Assert.Contains("1 of 3 commitments answered (33 %)", cycle.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);

        using var closed = await staff.SubmitAsync(cycle, location + "/close");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var after = await staff.GetPageAsync(location);
        Assert.Null(after.QuerySelector($"form[action='{location}/close']"));
        Assert.Contains("closed", after.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectedOf_TellsAContributorWhatTheOpenCycleAwaits()
    {
        var marker = $"ce{Guid.NewGuid():N}"[..14];
        var (slug, _, onTime, late, silent) = await ArrangeAsync(marker);
        using var writer = await app.CreateWriterAsync();
        var today = app.Clock.Today;
        var id = (await OpenAsync(writer, new { name = $"Expecting {marker}", opensOn = today, dueOn = today.AddDays(30), stakeholder = slug })).GetProperty("id").GetInt32();
        await ReportingArrange.ReportAsync(app, onTime, today);

        var contributor = await app.CreateContributorAsync(slug);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var expected = await scope.ServiceProvider.GetRequiredService<ReportingCycles>().ExpectedOfAsync(contributor.Principal.StakeholderIds, CancellationToken.None);
            var mine = Assert.Single(expected, e => e.Cycle.Id == id);
            Assert.Equal(today.AddDays(30), mine.Cycle.DueOn);
            Assert.Equal(1, mine.Answered);
            Assert.Equal([late, silent], mine.Awaiting.Select(c => c.Id).Order());
        }

        using var client = await app.SignInAsync(contributor.Login);
        var page = await client.GetPageAsync("/contribute");
        var section = Assert.Single(page.QuerySelectorAll("section.cycle-expectation"), s => s.QuerySelector("h3")!.TextContent == $"Expecting {marker}");
        var text = string.Join(' ', section.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Reports due by {today.AddDays(30).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} (in 30 days).", text, StringComparison.Ordinal);
        Assert.Contains("1 commitment answered, 2 await a report.", text, StringComparison.Ordinal);
        Assert.Equal(
            [$"/contribute/commitments/{late}/report", $"/contribute/commitments/{silent}/report"],
            section.QuerySelectorAll("ul.awaiting a").Select(a => a.GetAttribute("href")!).Order(StringComparer.Ordinal));
    }

    private static void AssertRate(JsonElement rate, int expected, int answered, int late, int percent)
    {
        Assert.Equal(expected, rate.GetProperty("expected").GetInt32());
        Assert.Equal(answered, rate.GetProperty("answered").GetInt32());
        Assert.Equal(late, rate.GetProperty("late").GetInt32());
        Assert.Equal(percent, rate.GetProperty("percent").GetInt32());
    }

    private static List<string[]> Rows(W.Table table) =>
        table.Elements<W.TableRow>().Skip(1).Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList();

    private async Task<string> DocumentTextAsync(int id)
    {
        using var client = app.CreateClient();
        var bytes = await client.GetByteArrayAsync($"/reporting-cycles/{id}/report.docx");
        await using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        return document.MainDocumentPart!.Document!.Body!.OuterXml + document.MainDocumentPart.ChartParts.Single().ChartSpace!.OuterXml;
    }
}
