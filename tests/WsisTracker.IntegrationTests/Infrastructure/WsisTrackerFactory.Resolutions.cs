using System.Net;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>Intent methods for resolutions: import one through the page as an administrator, remove it again.</summary>
public partial class WsisTrackerFactory
{
    /// <summary>Uploads <paramref name="text"/> on <c>/admin/resolutions/import</c>, checks the preview reports no problem, and confirms it.</summary>
    public async Task ImportResolutionThroughThePageAsync(string fileName, byte[] text)
    {
        using var admin = await CreateClientAsAsync(StaffRoles.Administrator);
        var page = await admin.GetPageAsync("/admin/resolutions/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(text), "file", fileName },
        };

        using var previewed = await admin.Http.PostAsync("/admin/resolutions/import/preview", content);

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await PageClient.ParseAsync(previewed);
        Assert.Null(preview.QuerySelector("#problems"));
        using var confirmed = await admin.SubmitAsync(preview, "/admin/resolutions/import");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    /// <summary>
    /// Removes an imported resolution and every commitment's citation of it, so the other tests of the collection
    /// read the list of resolutions as seeded.
    /// </summary>
    public Task<int> RemoveResolutionAsync(string slug) => WithDbAsync(async db =>
    {
        await db.Set<CommitmentParagraph>().Where(l => l.Paragraph!.Resolution!.Slug == slug).ExecuteDeleteAsync();
        var paragraphs = db.Paragraphs.Where(p => p.Resolution!.Slug == slug);
        await db.Set<FootnoteReference>().Where(r => paragraphs.Any(p => p.Id == r.ParagraphId)).ExecuteDeleteAsync();
        await paragraphs.ExecuteDeleteAsync();
        await db.Sections.Where(s => db.Resolutions.Any(r => r.Id == s.ResolutionId && r.Slug == slug)).ExecuteDeleteAsync();
        await db.Footnotes.Where(f => db.Resolutions.Any(r => r.Id == f.ResolutionId && r.Slug == slug)).ExecuteDeleteAsync();
        return await db.Resolutions.Where(r => r.Slug == slug).ExecuteDeleteAsync();
    });
}
