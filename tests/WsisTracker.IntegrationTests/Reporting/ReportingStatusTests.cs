using System.Text.Json;
using WsisTracker.Core.Commitments;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Reporting;

/// <summary>The reporting status (decision 085) through HTTP: JSON, filters, pages, the dashboard, and the day it depends on.</summary>
[Collection(AppCollection.Name)]
public sealed class ReportingStatusTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task CommitmentJson_ReportingStatus_FollowsCadenceAndLatestReport()
    {
        var marker = $"rs{Guid.NewGuid():N}"[..14];
        var today = app.Clock.Today;
        var upToDate = await ReportingArrange.CommitmentAsync(app, $"{marker} fresh", ReportingCadence.Annual);
        var due = await ReportingArrange.CommitmentAsync(app, $"{marker} due", ReportingCadence.Annual);
        var overdue = await ReportingArrange.CommitmentAsync(app, $"{marker} overdue", ReportingCadence.Annual);
        var inactive = await ReportingArrange.CommitmentAsync(app, $"{marker} inactive", ReportingCadence.Biennial);
        var none = await ReportingArrange.CommitmentAsync(app, $"{marker} none", null);
        await ReportingArrange.ReportAsync(app, upToDate, today.AddMonths(-1));
        await ReportingArrange.ReportAsync(app, due, today.AddMonths(-11));
        await ReportingArrange.ReportAsync(app, overdue, today.AddMonths(-13));
        await ReportingArrange.ReportAsync(app, inactive, today.AddMonths(-49));

        var json = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{overdue}");
        Assert.Equal("overdue", json.GetProperty("reportingStatus").GetString());
        Assert.Equal(today.AddMonths(-13).ToString("yyyy-MM-dd"), json.GetProperty("lastReportedOn").GetString());
        Assert.Equal(today.AddMonths(-13).AddMonths(12).ToString("yyyy-MM-dd"), json.GetProperty("nextReportDue").GetString());
        Assert.Equal("upToDate", (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{upToDate}")).GetProperty("reportingStatus").GetString());
        Assert.Equal("due", (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{due}")).GetProperty("reportingStatus").GetString());
        Assert.Equal("inactive", (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{inactive}")).GetProperty("reportingStatus").GetString());
        var unknown = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{none}");
        Assert.Equal("notApplicable", unknown.GetProperty("reportingStatus").GetString());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("lastReportedOn").ValueKind);

        var list = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments?q={marker}&reportingStatus=overdue");
        Assert.Equal([overdue], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal("overdue", list.GetProperty("items")[0].GetProperty("reportingStatus").GetString());
    }

    [Fact]
    public async Task ListPage_FiltersByReportingStatus_AndSaysNoReportYetForCommitmentsNobodyReportedOn()
    {
        var marker = $"rp{Guid.NewGuid():N}"[..14];
        var overdue = await ReportingArrange.CommitmentAsync(app, $"{marker} overdue", ReportingCadence.Annual);
        var silent = await ReportingArrange.CommitmentAsync(app, $"{marker} silent", ReportingCadence.Annual);
        await ReportingArrange.ReportAsync(app, overdue, app.Clock.Today.AddMonths(-14));

        var page = await app.GetPageAsync($"/commitments?q={marker}&reportingStatus=overdue");
        var rows = page.QuerySelectorAll("table.commitments tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains($"/commitments/{overdue}", row.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("report overdue", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("overdue", page.QuerySelector("#f-reporting option[selected]")!.GetAttribute("value"));

        var all = await app.GetPageAsync($"/commitments?q={marker}");
        var silentRow = all.QuerySelectorAll("table.commitments tbody tr").Single(r => r.InnerHtml.Contains($"/commitments/{silent}\"", StringComparison.Ordinal));
        Assert.Contains("no report yet", silentRow.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("not started", silentRow.TextContent, StringComparison.Ordinal);

        var detail = await app.GetPageAsync($"/commitments/{silent}");
        var facts = detail.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("no report yet", facts, StringComparison.Ordinal);
        Assert.DoesNotContain("not started", facts, StringComparison.Ordinal);
        Assert.Contains("report overdue", (await app.GetPageAsync($"/commitments/{overdue}")).QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);

        var bad = await app.GetPageAsync($"/commitments?q={marker}&reportingStatus=late", System.Net.HttpStatusCode.BadRequest);
        Assert.NotNull(bad.QuerySelector("#e-reporting"));
        using var client = app.CreateClient();
        using var problem = await client.GetAsync("/api/v1/commitments?reportingStatus=late");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, problem.StatusCode);
    }

    [Fact]
    public async Task Dashboard_CountsReportingStatusBesideImplementationStatus_ByActionLineAndGroup()
    {
        var marker = $"rd{Guid.NewGuid():N}"[..14];
        var before = await app.GetJsonAsync<JsonElement>("/api/v1/dashboard");
        var overdue = await ReportingArrange.CommitmentAsync(app, $"{marker} overdue", ReportingCadence.Annual, actionLine: "C9");
        await ReportingArrange.ReportAsync(app, overdue, app.Clock.Today.AddMonths(-15));
        await ReportingArrange.CommitmentAsync(app, $"{marker} silent", ReportingCadence.Once, actionLine: "C9", target: app.Clock.Today.AddYears(2));

        var after = await app.GetJsonAsync<JsonElement>("/api/v1/dashboard");
        Assert.Equal(Count(before, "overdue") + 1, Count(after, "overdue"));
        Assert.Equal(Count(before, "upToDate") + 1, Count(after, "upToDate"));
        Assert.Equal(NoReport(before) + 1, NoReport(after));
        Assert.Equal(Line(before, "C9", "overdue") + 1, Line(after, "C9", "overdue"));

        var page = await app.GetPageAsync("/");
        var reporting = page.GetElementById("reporting")!.ParentElement!;
        Assert.Contains("report overdue", reporting.TextContent, StringComparison.Ordinal);
        Assert.NotNull(reporting.QuerySelector("a[href='/commitments?reportingStatus=overdue']"));
        Assert.Contains("Reporting status by action line", reporting.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reporting status by stakeholder group", reporting.TextContent, StringComparison.Ordinal);
        var statusTable = page.QuerySelector("#by-status-title")!.ParentElement!.QuerySelector("table")!;
        Assert.Contains("No report yet", statusTable.TextContent, StringComparison.Ordinal);

        static int Count(JsonElement d, string status) =>
            d.GetProperty("totals").GetProperty("reporting").GetProperty("byStatus").TryGetProperty(status, out var v) ? v.GetInt32() : 0;
        static int NoReport(JsonElement d) => d.GetProperty("totals").GetProperty("reporting").GetProperty("noReportYet").GetInt32();
        static int Line(JsonElement d, string code, string status) =>
            d.GetProperty("actionLines").EnumerateArray().Single(a => a.GetProperty("code").GetString() == code)
                .GetProperty("reporting").GetProperty("byStatus").TryGetProperty(status, out var v) ? v.GetInt32() : 0;
    }

    [Fact]
    public async Task ReportingStatus_ChangesAtMidnight_ThoughTheDashboardAndDetailAreCached()
    {
        var marker = $"rm{Guid.NewGuid():N}"[..14];
        var id = await ReportingArrange.CommitmentAsync(app, $"{marker} turning", ReportingCadence.Annual, actionLine: "C10");
        var today = app.Clock.Today;
        await ReportingArrange.ReportAsync(app, id, today.AddMonths(-12));
        Assert.Equal("due", (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}")).GetProperty("reportingStatus").GetString());
        var dashboardToday = await app.GetJsonAsync<JsonElement>("/api/v1/dashboard");
        var pageToday = (await app.GetPageAsync("/")).GetElementById("reporting")!.ParentElement!.TextContent;

        await app.Clock.MoveAsync(TimeSpan.FromDays(2), async () =>
        {
            Assert.Equal("overdue", (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}")).GetProperty("reportingStatus").GetString());
            var dashboardLater = await app.GetJsonAsync<JsonElement>("/api/v1/dashboard");
            Assert.Equal(Line(dashboardToday, "overdue") + 1, Line(dashboardLater, "overdue"));
            Assert.Equal(Line(dashboardToday, "due") - 1, Line(dashboardLater, "due"));
            var pageLater = (await app.GetPageAsync("/")).GetElementById("reporting")!.ParentElement!.TextContent;
            Assert.NotEqual(pageToday, pageLater);
        });

        static int Line(JsonElement d, string status) =>
            d.GetProperty("actionLines").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "C10")
                .GetProperty("reporting").GetProperty("byStatus").TryGetProperty(status, out var v) ? v.GetInt32() : 0;
    }
}
