using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

/// <summary>The "Measured on an indicator" fieldset of the workspace commitment form: set, change, remove, refuse.</summary>
[Collection(AppCollection.Name)]
public sealed class CommitmentIndicatorFormTests(WsisTrackerFactory app)
{
    private async Task<JsonElement> LinkAsync(int id) =>
        (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}")).GetProperty("indicator");

    [Fact]
    public async Task TheForm_SetsChangesAndRemovesTheLink_EachEditAudited()
    {
        var share = await app.ImportIndicatorAsync("Schools with Internet (% of schools)", suffix: ".ZS");
        var count = await app.ImportIndicatorAsync("Community access points (per 100,000 people)");
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var url = $"/workspace/commitments/{commitment.Id}/edit";

        var form = await client.GetPageAsync(url);
        var option = form.QuerySelector($"select#Indicator_Code option[value='{share}']")!;
        Assert.Equal($"Schools with Internet (% of schools) ({share})", option.TextContent);
        using var set = await client.SubmitAsync(form, url, new Dictionary<string, object?>
        {
            ["Indicator.Code"] = share,
            ["Indicator.Target"] = "100",
            ["Indicator.TargetYear"] = "2030",
        }, submit: "Intent=save");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var link = await LinkAsync(commitment.Id);
        Assert.Equal((share, 100.0, 2030), (link.GetProperty("code").GetString(), link.GetProperty("target").GetDouble(), link.GetProperty("targetYear").GetInt32()));

        // In French the target is written with a decimal comma, and the form shows it so.
        var french = await client.GetPageAsync($"/fr{url}");
        Assert.True(((IHtmlOptionElement)french.QuerySelector($"select#Indicator_Code option[value='{share}']")!).IsSelected);
        Assert.Equal("100", ((IHtmlInputElement)french.QuerySelector("#Indicator_Target")!).Value);
        using var changed = await client.SubmitAsync(french, $"/fr{url}", new Dictionary<string, object?>
        {
            ["Indicator.Code"] = count,
            ["Indicator.Target"] = "12,5",
            ["Indicator.TargetYear"] = "2028",
        }, submit: "Intent=save");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        link = await LinkAsync(commitment.Id);
        Assert.Equal((count, 12.5, 2028), (link.GetProperty("code").GetString(), link.GetProperty("target").GetDouble(), link.GetProperty("targetYear").GetInt32()));
        Assert.Equal("12,5", ((IHtmlInputElement)(await client.GetPageAsync($"/fr{url}")).QuerySelector("#Indicator_Target")!).Value);

        using var removed = await client.SubmitAsync(await client.GetPageAsync(url), url, new Dictionary<string, object?>
        {
            ["Indicator.Code"] = "",
            ["Indicator.Target"] = "",
            ["Indicator.TargetYear"] = "",
        }, submit: "Intent=save");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await LinkAsync(commitment.Id)).ValueKind);

        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Actor == client.Login!.Email && e.EntityType == "Commitment" && e.EntityKey.Contains(commitment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(e => e.Id).Select(e => e.After).ToListAsync());
        Assert.Equal(3, audited.Count);
        Assert.Contains(share, audited[0], StringComparison.Ordinal);
        Assert.Contains(count, audited[1], StringComparison.Ordinal);
        Assert.DoesNotContain(count, audited[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadLink_InFrench_IsAFormErrorBesideItsField_AndChangesNothing()
    {
        var share = await app.ImportIndicatorAsync("Individuals with a mobile phone (% of population)", suffix: ".ZS");
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var url = $"/fr/workspace/commitments/{commitment.Id}/edit";
        var version = await app.WithDbAsync(db => db.Commitments.Where(c => c.Id == commitment.Id).Select(c => c.Version).SingleAsync());

        using var tooHigh = await client.SubmitAsync(await client.GetPageAsync(url), url, new Dictionary<string, object?>
        {
            ["Title"] = "Jamais enregistré",
            ["Indicator.Code"] = share,
            ["Indicator.Target"] = "150",
            ["Indicator.TargetYear"] = "1990",
        }, submit: "Intent=save");

        Assert.Equal(HttpStatusCode.OK, tooHigh.StatusCode);
        var page = await PageClient.ParseAsync(tooHigh);
        Assert.Equal("Cet indicateur est une part en pourcentage : indiquez une cible comprise entre 0 et 100.", page.QuerySelector("#Indicator_Target")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim());
        Assert.Equal("Indiquez une année cible comprise entre 2000 et 2100.", page.QuerySelector("#Indicator_TargetYear")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim());
        Assert.Equal("150", ((IHtmlInputElement)page.QuerySelector("#Indicator_Target")!).Value);

        using var onlyYear = await client.SubmitAsync(await client.GetPageAsync(url), url, new Dictionary<string, object?>
        {
            ["Indicator.Code"] = "",
            ["Indicator.Target"] = "",
            ["Indicator.TargetYear"] = "2030",
        }, submit: "Intent=save");

        var incomplete = await PageClient.ParseAsync(onlyYear);
        Assert.Equal("Indiquez l’indicateur, sa valeur cible et son année cible ensemble, ou aucun des trois.", incomplete.QuerySelector("fieldset#indicator > .field-error")!.TextContent.Trim());
        var stored = await app.WithDbAsync(db => db.Commitments.AsNoTracking().Where(c => c.Id == commitment.Id).Select(c => new { c.Version, c.Title, c.IndicatorCode }).SingleAsync());
        Assert.Equal((version, commitment.Title, null), (stored.Version, stored.Title, stored.IndicatorCode));
    }

    [Fact]
    public async Task ACsvRevision_OfAFileWithoutTheIndicatorColumns_KeepsTheLink()
    {
        var share = await app.ImportIndicatorAsync("Businesses online (% of firms)", suffix: ".ZS");
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var url = $"/workspace/commitments/{commitment.Id}/edit";
        using var set = await client.SubmitAsync(await client.GetPageAsync(url), url, new Dictionary<string, object?>
        {
            ["Indicator.Code"] = share,
            ["Indicator.Target"] = "75",
            ["Indicator.TargetYear"] = "2030",
        }, submit: "Intent=save");
        // A file as exported before decision 132 or edited down to it: the scope columns stay, the indicator ones are left out.
        var records = WsisTracker.Core.Common.Csv.Records(new StringReader(await client.Http.GetStringAsync("/workspace/csv/commitments.csv")));
        var kept = Enumerable.Range(0, records[0].Cells.Length).Where(i => !records[0].Cells[i].StartsWith("indicator_", StringComparison.Ordinal)).ToList();
        var header = WsisTracker.Core.Common.Csv.Row(kept.Select(i => records[0].Cells[i]));
        var row = WsisTracker.Core.Common.Csv.Row(kept.Select(i => records.Single(r => r.Cells[0] == commitment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Cells[i]));
        Assert.Equal(3, records[0].Cells.Length - kept.Count);
        var title = $"Renamed by CSV {Guid.NewGuid():N}";

        var csvPage = await client.GetPageAsync("/workspace/csv");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(csvPage.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(header + row.Replace(commitment.Title, title, StringComparison.Ordinal))), "file", "commitments.csv" },
        };
        using var previewed = await client.Http.PostAsync("/workspace/csv/preview", content);
        using var applied = await client.SubmitAsync(await PageClient.ParseAsync(previewed), "/workspace/csv/import");

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var api = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}");
        Assert.Equal(title, api.GetProperty("title").GetString());
        Assert.Equal(share, api.GetProperty("indicator").GetProperty("code").GetString());
        Assert.Equal(75, api.GetProperty("indicator").GetProperty("target").GetDouble());
    }
}
