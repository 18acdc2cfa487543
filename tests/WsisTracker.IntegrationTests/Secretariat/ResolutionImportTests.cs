using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Data.Seeding;
using WsisTracker.Core.Resolutions;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class ResolutionImportTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Import_PreviewThenConfirm_StoresTheResolutionForCitation_AndAuditsItUnderTheAdministrator()
    {
        try
        {
            await PreviewThenConfirmAsync();
        }
        finally
        {
            // Other tests of this collection read the list of resolutions; leave it as seeded.
            await RemoveAsync("a-res-99-173");
        }
    }

    private async Task PreviewThenConfirmAsync()
    {
        // The WSIS+20 text under a symbol no database holds yet.
        var text = SeedData.ReadText("A-RES-80-173.txt").Replace("80/173", "99/173", StringComparison.Ordinal);
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(await admin.GetPageAsync("/admin/resolutions/import"))), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text)), "file", "A-RES-99-173.txt" },
        };

        using var previewed = await admin.Http.PostAsync("/admin/resolutions/import/preview", content);

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await PageClient.ParseAsync(previewed);
        Assert.Null(preview.QuerySelector("#problems"));
        Assert.Contains("A/RES/99/173", preview.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Matches("[0-9]+ operative paragraphs", preview.QuerySelector("#counts")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.Resolutions.AnyAsync(r => r.Slug == "a-res-99-173")));

        using var confirmed = await admin.SubmitAsync(preview, "/admin/resolutions/import");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var stored = await app.GetJsonAsync<JsonElement>("/api/v1/resolutions/a-res-99-173");
        var original = await app.GetJsonAsync<JsonElement>("/api/v1/resolutions/a-res-80-173");
        Assert.Equal(original.GetProperty("operativeParagraphCount").GetInt32(), stored.GetProperty("operativeParagraphCount").GetInt32());
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "Resolution" && e.Action == "Added").Select(e => new { e.Actor, e.After }).ToListAsync());
        Assert.Equal([admin.Login!.Email], audited.Where(e => e.After!.Contains("a-res-99-173", StringComparison.Ordinal)).Select(e => e.Actor));
    }

    [Fact]
    public async Task Import_OfAMalformedText_NamesTheProblemByLineAndStoresNothing()
    {
        var before = await app.WithDbAsync(db => db.Resolutions.CountAsync());
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var page = await admin.GetPageAsync("/admin/resolutions/import");

        using var previewed = await admin.SubmitAsync(page, "/admin/resolutions/import/preview", new Dictionary<string, object?> { ["text"] = "United Nations\nA/RES/99/1\nnot a resolution \u0001 at all\n" });

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await PageClient.ParseAsync(previewed);
        Assert.Matches("^Line [0-9]+: ", preview.QuerySelector("#problems li")!.TextContent);
        Assert.Null(preview.QuerySelector("form[action='/admin/resolutions/import']"));

        using var forced = await admin.SubmitAsync(page, "/admin/resolutions/import/preview", new Dictionary<string, object?> { ["text"] = "nothing" });
        using var confirmed = await admin.Http.PostAsync("/admin/resolutions/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(await PageClient.ParseAsync(forced)),
            ["text"] = "United Nations\nA/RES/99/2\nnot a resolution \u0001 at all\n",
        }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Resolutions.CountAsync()));
    }

    [Fact]
    public async Task Import_OfAStoredResolution_IsRefused()
    {
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var page = await admin.GetPageAsync("/admin/resolutions/import");

        using var previewed = await admin.SubmitAsync(page, "/admin/resolutions/import/preview", new Dictionary<string, object?> { ["text"] = SeedData.ReadText("A-RES-70-125.txt") });

        var preview = await PageClient.ParseAsync(previewed);
        Assert.Contains("already stored", preview.QuerySelector("p.conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("form[action='/admin/resolutions/import']"));
    }

    [Fact]
    public async Task Import_ForTheSecretariat_IsDenied()
    {
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);

        using var response = await client.Http.GetAsync("/admin/resolutions/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_OfATextWhoseFormValueIsOver4MiB_IsReadLikeItsPreview_NotRefusedForItsSize()
    {
        // Under the importer's character limit, but over 4 MiB once form-encoded (each 'é' is six bytes: %C3%A9),
        // the size of form value ASP.NET Core refuses by default.
        var text = SeedData.ReadText("A-RES-80-173.txt").Replace("80/173", "98/173", StringComparison.Ordinal)
            + "\n" + new string('é', 800_000) + "\n";
        Assert.True(text.Length < ResolutionImporter.MaxLength);
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(await admin.GetPageAsync("/admin/resolutions/import")),
            ["text"] = text,
        });
        Assert.True(await form.ReadAsByteArrayAsync() is { Length: > 4 * 1024 * 1024 });

        using var confirmed = await admin.Http.PostAsync("/admin/resolutions/import", form);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var page = await PageClient.ParseAsync(confirmed);
        Assert.NotNull(page.QuerySelector("#problems"));
        Assert.False(await app.WithDbAsync(db => db.Resolutions.AnyAsync(r => r.Slug == "a-res-98-173")));
    }

    private Task<int> RemoveAsync(string slug) => app.WithDbAsync(async db =>
    {
        var paragraphs = db.Paragraphs.Where(p => p.Resolution!.Slug == slug);
        await db.Set<Core.Resolutions.FootnoteReference>().Where(r => paragraphs.Any(p => p.Id == r.ParagraphId)).ExecuteDeleteAsync();
        await paragraphs.ExecuteDeleteAsync();
        await db.Sections.Where(s => db.Resolutions.Any(r => r.Id == s.ResolutionId && r.Slug == slug)).ExecuteDeleteAsync();
        await db.Footnotes.Where(f => db.Resolutions.Any(r => r.Id == f.ResolutionId && r.Slug == slug)).ExecuteDeleteAsync();
        return await db.Resolutions.Where(r => r.Slug == slug).ExecuteDeleteAsync();
    });

    private static string Token(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
}
