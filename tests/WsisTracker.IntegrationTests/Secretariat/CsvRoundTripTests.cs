using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

using static WsisTracker.IntegrationTests.Secretariat.WorkspaceCsv;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class CsvRoundTripTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task ExportThenImport_WithoutEdits_ChangesNothing()
    {
        await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var exported = await client.Http.GetStringAsync("/workspace/csv/commitments.csv");
        var versions = await app.WithDbAsync(db => db.Commitments.OrderBy(c => c.Id).Select(c => c.Version).ToListAsync());

        var preview = await PreviewAsync(client, exported);

        Assert.Null(preview.QuerySelector("#errors"));
        Assert.Matches("^0 to create, 0 to change, [0-9]+ unchanged", preview.QuerySelector("#summary")!.TextContent);
        Assert.Null(preview.QuerySelector("form[action='/workspace/csv/import']"));
        using var forced = await client.SubmitAsync(preview, "/workspace/csv/preview", new Dictionary<string, object?>());
        using var applied = await client.Http.PostAsync("/workspace/csv/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(preview),
            ["text"] = exported,
        }));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(versions, await app.WithDbAsync(db => db.Commitments.OrderBy(c => c.Id).Select(c => c.Version).ToListAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Actor == client.Login!.Email)));
    }

    [Fact]
    public async Task Import_OfAnEditedRowAndANewRow_PreviewsThenAppliesThem()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var lines = (await client.Http.GetStringAsync("/workspace/csv/commitments.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var row = lines.Single(l => l.StartsWith($"{commitment.Id},", StringComparison.Ordinal));
        var newTitle = $"Renamed by CSV {Guid.NewGuid():N}";
        var created = $"Created by CSV {Guid.NewGuid():N}";
        var csv = lines[0] + "\r\n" + row.Replace(commitment.Title, newTitle, StringComparison.Ordinal) + "\r\n"
            + $",,,{created},Made in a spreadsheet.,a-res-80-173:12,C3;C4,itu;unesco,,2029-12-31,,Annual,,,,,,,,,\r\n";

        var preview = await PreviewAsync(client, csv);

        Assert.Null(preview.QuerySelector("#errors"));
        Assert.StartsWith("1 to create, 1 to change", preview.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(commitment.Title, (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}")).GetProperty("title").GetString());

        using var applied = await client.SubmitAsync(preview, "/workspace/csv/import");

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var api = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}");
        Assert.Equal(newTitle, api.GetProperty("title").GetString());
        Assert.Equal("First step", api.GetProperty("milestones")[0].GetProperty("title").GetString());
        var made = await app.WithDbAsync(db => db.Commitments.Include(c => c.Stakeholders).SingleAsync(c => c.Title == created));
        Assert.Equal(2, made.Stakeholders.Count);
    }

    [Fact]
    public async Task Import_WithErrors_ReportsEachByRowAndColumnAndStoresNothing()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var lines = (await client.Http.GetStringAsync("/workspace/csv/commitments.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var row = lines.Single(l => l.StartsWith($"{commitment.Id},", StringComparison.Ordinal));
        var unknown = $"Never stored {Guid.NewGuid():N}";
        var formula = $"=HYPERLINK(\"http://evil.example/{Guid.NewGuid():N}\",\"click\")";
        var csv = lines[0] + "\r\n"
            + row.Replace(commitment.Title, "A valid new title", StringComparison.Ordinal) + "\r\n"
            + $",,,{unknown},Text,a-res-70-125:999,C99,itu,,2030-02-31,,,,,,,,,,,\r\n"
            + $",,,\"{formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\",Text,a-res-70-125:63,C1,nobody,,,,,,,,,,,,,\r\n";

        var preview = await PreviewAsync(client, csv);

        var errors = preview.QuerySelectorAll("#errors tbody tr").Select(r => string.Join('|', r.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();
        Assert.Contains(errors, e => e.StartsWith("3|target_date|", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("3|paragraphs|", StringComparison.Ordinal) && e.Contains("999", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("3|action_lines|", StringComparison.Ordinal) && e.Contains("C99", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("4|title|", StringComparison.Ordinal) && e.Contains("formula", StringComparison.Ordinal));
        Assert.Null(preview.QuerySelector("form[action='/workspace/csv/import']"));

        using var forced = await client.Http.PostAsync("/workspace/csv/import", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(preview), ["text"] = csv }));

        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(commitment.Title, (await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Id}")).GetProperty("title").GetString());
        Assert.False(await app.WithDbAsync(db => db.Commitments.AnyAsync(c => c.Title == unknown || c.Title == formula)));
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0001)]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    public async Task Import_WithAForbiddenCharacterInACell_NamesTheRowAndColumnAndOffersNoApply(int character)
    {
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var header = (await client.Http.GetStringAsync("/workspace/csv/commitments.csv")).Split("\r\n")[0];
        var title = $"Never stored {Guid.NewGuid():N}";

        var preview = await PreviewAsync(client, header + "\r\n" + $",,,{title},A {(char)character} in the text,a-res-70-125:63,C1,itu,,,,,,,,,,,,,\r\n");

        var errors = preview.QuerySelectorAll("#errors tbody tr").Select(r => string.Join('|', r.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();
        Assert.Contains(errors, e => e.StartsWith("2|description|", StringComparison.Ordinal) && e.Contains("control character", StringComparison.Ordinal));
        Assert.Null(preview.QuerySelector("form[action='/workspace/csv/import']"));
        Assert.False(await app.WithDbAsync(db => db.Commitments.AnyAsync(c => c.Title == title)));
    }

    [Fact]
    public async Task Import_OfAMalformedCsv_SaysSo()
    {
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var header = (await client.Http.GetStringAsync("/workspace/csv/commitments.csv")).Split("\r\n")[0];

        var unbalanced = await PreviewAsync(client, header + "\r\n1,2,\"unclosed,title\r\n");
        var missing = await PreviewAsync(client, "id,title\r\n1,x\r\n");

        Assert.Contains("not valid CSV", unbalanced.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("This column is missing", missing.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_NeutralisesFormulaCells_AndTheirImportKeepsTheText()
    {
        var commitment = await app.CreateCommitmentAsync($"=HYPERLINK(\"http://evil.example\",\"{Guid.NewGuid():N}\")");
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);

        var exported = await client.Http.GetStringAsync("/workspace/csv/commitments.csv");

        var row = exported.Split("\r\n").Single(l => l.StartsWith($"{commitment.Id},", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", row, StringComparison.Ordinal);
        var preview = await PreviewAsync(client, exported);
        Assert.Null(preview.QuerySelector("#errors"));
        Assert.StartsWith("0 to create, 0 to change", preview.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCsvExport_QuotesSemicolons_SoASemicolonLocaleCannotSplitAFormulaIntoACell()
    {
        var marker = Guid.NewGuid().ToString("N");
        var split = await app.CreateCommitmentAsync($"Plan {marker};=2+2");
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        using var anonymous = app.CreateClient();
        using var apiRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/commitments?q={marker}&limit=10");
        apiRequest.Headers.Accept.ParseAdd("text/csv");
        using var api = await anonymous.SendAsync(apiRequest);

        var exports = new Dictionary<string, string>
        {
            ["workspace"] = await client.Http.GetStringAsync("/workspace/csv/commitments.csv"),
            ["public"] = await anonymous.GetStringAsync($"/commitments/export?q={marker}"),
            ["api"] = await api.Content.ReadAsStringAsync(),
        };

        foreach (var (name, csv) in exports)
        {
            Assert.True(csv.Contains($"\"Plan {marker};=2+2\"", StringComparison.Ordinal), $"{name}: the cell with ';' is not quoted: {csv}");
        }

        var preview = await PreviewAsync(client, exports["workspace"]);
        Assert.Null(preview.QuerySelector("#errors"));
        Assert.StartsWith("0 to create, 0 to change", preview.QuerySelector("#summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{split.Id},", exports["workspace"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_OfAFileThatIsNotUtf8_IsRefusedWithAClearError()
    {
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var header = (await client.Http.GetStringAsync("/workspace/csv/commitments.csv")).Split("\r\n")[0];
        var latin1 = Encoding.Latin1.GetBytes(header + "\r\n,,,Caf\u00e9 in Latin-1,Described,a-res-70-125:63,C1,itu,,,,,,,,,,,,,\r\n");

        var page = await client.GetPageAsync("/workspace/csv");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(latin1), "file", "commitments.csv" },
        };
        using var response = await client.Http.PostAsync("/workspace/csv/preview", content);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not UTF-8", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", html, StringComparison.Ordinal);
        Assert.DoesNotContain("form action=\"/workspace/csv/import\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgressExport_NeutralisesFormulaNotes()
    {
        var commitment = await app.CreateCommitmentAsync();
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var page = await client.GetPageAsync($"/workspace/commitments/{commitment.Id}");
        using var recorded = await client.SubmitAsync(page, $"/workspace/commitments/{commitment.Id}/progress", new Dictionary<string, object?>
        {
            ["Status"] = "OnTrack",
            ["ProgressPercent"] = "10",
            ["Note"] = "@SUM(A1:A9) reported",
            ["AsOf"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        var exported = await client.Http.GetStringAsync("/workspace/csv/progress-updates.csv");

        var row = exported.Split("\r\n").Single(l => l.StartsWith($"{commitment.Id},", StringComparison.Ordinal));
        Assert.Contains(",\"'@SUM(A1:A9) reported\",", row, StringComparison.Ordinal);
        Assert.Contains(",Secretariat,", row, StringComparison.Ordinal);
        Assert.DoesNotContain(client.Login!.Email, exported, StringComparison.OrdinalIgnoreCase);
    }
}
