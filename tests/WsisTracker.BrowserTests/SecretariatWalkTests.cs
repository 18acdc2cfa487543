using System.Xml.Linq;
using Microsoft.Playwright;
using WsisTracker.BrowserTests.Infrastructure;
using WsisTracker.Core.Accounts;
using static Microsoft.Playwright.Assertions;

namespace WsisTracker.BrowserTests;

/// <summary>
/// Secretariat staff sign in through the real form in Chromium and edit through the real workspace forms; what they
/// record is then read back as a visitor with no account would. axe-core checks each workspace page on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecretariatWalkTests(BrowserApp app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task EditorRecordsProgress_ItShowsOnThePublicPageTheDashboardAndTheFeed()
    {
        var editor = await app.CreateStaffUserAsync(StaffRoles.Secretariat);
        var commitment = await app.CreateCommitmentAsync();
        var marker = Guid.NewGuid().ToString("N");
        var note = $"Browser note {marker}";
        var evidence = $"https://example.org/evidence/{marker}";
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd");
        var (staffContext, staff) = await app.NewPageAsync();
        await using var _ = staffContext;

        await staff.GotoAsync("/account/login");
        await staff.AssertNoViolationsAsync(app);
        await staff.SignInAsync(editor);
        await staff.AssertNoViolationsAsync(app);

        await staff.GotoAsync($"/workspace/commitments/{commitment.Id}");
        await Expect(staff.Locator("h1")).ToHaveTextAsync(commitment.Title);
        await staff.AssertNoViolationsAsync(app);
        await staff.GetByLabel("Status", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("OnTrack");
        await staff.GetByLabel("Progress (%)").FillAsync("40");
        await staff.GetByLabel("Note", new PageGetByLabelOptions { Exact = true }).FillAsync(note);
        await staff.GetByLabel("Evidence links (one per line)").FillAsync(evidence);
        await staff.GetByLabel("As of").FillAsync(asOf);
        await staff.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Record progress" }).ClickAsync();

        await Expect(staff.Locator("p.notice")).ToHaveTextAsync("Progress recorded: on track.");
        await Expect(staff.Locator("ol.history > li").First).ToContainTextAsync(note);
        await staff.AssertNoViolationsAsync(app);

        var (visitorContext, visitor) = await app.NewPageAsync();
        await using var __ = visitorContext;
        await visitor.GotoAsync($"/commitments/{commitment.Id}");
        var latest = visitor.Locator("ol.history > li").First;
        await Expect(latest).ToContainTextAsync(note);
        await Expect(latest).ToContainTextAsync("40");
        await Expect(latest.Locator($"time[datetime='{asOf}']")).ToBeVisibleAsync();
        await Expect(latest.Locator($"a[href='{evidence}']")).ToBeVisibleAsync();
        await Expect(latest).ToContainTextAsync("Recorded by Secretariat");
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync(editor.Email);

        var feedHref = await visitor.Locator("link[rel=alternate][type='application/atom+xml'][href$='/feed']").Last.GetAttributeAsync("href");
        Assert.Equal($"/commitments/{commitment.Id}/feed", feedHref);
        var response = await visitor.APIRequest.GetAsync(feedHref!);
        Assert.Equal(200, response.Status);
        var feed = XDocument.Parse(await response.TextAsync());
        Assert.Contains(feed.Root!.Elements(Atom + "entry"), entry => entry.Element(Atom + "summary")!.Value.Contains(note, StringComparison.Ordinal));

        await visitor.GotoAsync("/");
        var recent = visitor.Locator("section[aria-labelledby=recent] ul.updates li", new PageLocatorOptions { HasTextString = commitment.Title });
        await Expect(recent).ToHaveCountAsync(1);
        await Expect(recent.Locator($"a[href='/commitments/{commitment.Id}']")).ToHaveTextAsync(commitment.Title);
        await Expect(recent).ToContainTextAsync("on track");
    }

    [Fact]
    public async Task TwoEditorsSaveTheSameForm_TheSecondMeetsTheConflictPage_AndTheFirstEditStays()
    {
        var commitment = await app.CreateCommitmentAsync();
        var marker = Guid.NewGuid().ToString("N");
        var firstTitle = $"Title by the first editor {marker}";
        var secondDescription = $"Description by the second editor {marker}";
        var (firstContext, first) = await app.NewSignedInPageAsync(await app.CreateStaffUserAsync(StaffRoles.Secretariat));
        await using var _ = firstContext;
        var (secondContext, second) = await app.NewSignedInPageAsync(await app.CreateStaffUserAsync(StaffRoles.Secretariat));
        await using var __ = secondContext;
        var editUrl = $"/workspace/commitments/{commitment.Id}/edit";
        await first.GotoAsync(editUrl);
        await second.GotoAsync(editUrl);
        await first.AssertNoViolationsAsync(app);

        await first.GetByLabel("Title", new PageGetByLabelOptions { Exact = true }).FillAsync(firstTitle);
        await SaveAsync(first);
        await Expect(first.Locator("p.notice")).ToHaveTextAsync("Commitment saved.");

        await second.GetByLabel("Description", new PageGetByLabelOptions { Exact = true }).FillAsync(secondDescription);
        var stale = await second.RunAndWaitForResponseAsync(() => SaveAsync(second), r => r.Request.Method == "POST" && r.Url.EndsWith(editUrl, StringComparison.Ordinal));

        Assert.Equal(409, stale.Status);
        var conflict = second.Locator("section.conflict");
        await Expect(conflict.Locator("h2")).ToHaveTextAsync("Someone else changed this commitment");
        var titleRow = conflict.Locator("tr", new LocatorLocatorOptions { Has = second.Locator("th", new PageLocatorOptions { HasTextString = "Title" }) });
        await Expect(titleRow.Locator("td")).ToHaveTextAsync([commitment.Title, firstTitle]);
        await Expect(second.GetByLabel("Description", new PageGetByLabelOptions { Exact = true })).ToHaveValueAsync(secondDescription);
        await second.AssertNoViolationsAsync(app);

        var (visitorContext, visitor) = await app.NewPageAsync();
        await using var ___ = visitorContext;
        await visitor.GotoAsync($"/commitments/{commitment.Id}");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync(firstTitle);
        await Expect(visitor.Locator("main")).Not.ToContainTextAsync(secondDescription);
        await first.GotoAsync(editUrl);
        await Expect(first.GetByLabel("Title", new PageGetByLabelOptions { Exact = true })).ToHaveValueAsync(firstTitle);
    }

    [Fact]
    public async Task SameEditorRecordsProgressFromTwoStaleTabs_TheSecondMeetsTheConflictPage_AndTheFirstNoteStays()
    {
        var commitment = await app.CreateCommitmentAsync();
        var marker = Guid.NewGuid().ToString("N");
        var firstNote = $"First tab's note {marker}";
        var secondNote = $"Second tab's note {marker}";
        var editor = await app.CreateStaffUserAsync(StaffRoles.Secretariat);
        var (firstContext, first) = await app.NewSignedInPageAsync(editor);
        await using var _ = firstContext;
        var (secondContext, second) = await app.NewSignedInPageAsync(editor);
        await using var __ = secondContext;
        var progressUrl = $"/workspace/commitments/{commitment.Id}";
        await first.GotoAsync(progressUrl);
        await second.GotoAsync(progressUrl);

        await RecordProgressAsync(first, "OnTrack", "30", firstNote);
        await Expect(first.Locator("p.notice")).ToHaveTextAsync("Progress recorded: on track.");

        var stale = await second.RunAndWaitForResponseAsync(
            () => RecordProgressAsync(second, "AtRisk", "20", secondNote),
            r => r.Request.Method == "POST" && r.Url.EndsWith($"{progressUrl}/progress", StringComparison.Ordinal));

        Assert.Equal(409, stale.Status);
        var conflict = second.Locator("section.conflict");
        await Expect(conflict.Locator("h2")).ToHaveTextAsync("Someone else changed this commitment");
        var noteRow = conflict.Locator("tr", new LocatorLocatorOptions { Has = second.Locator("th", new PageLocatorOptions { HasTextString = "Latest note" }) });
        await Expect(noteRow.Locator("td")).ToHaveTextAsync([secondNote, firstNote]);
        await Expect(second.GetByLabel("Note", new PageGetByLabelOptions { Exact = true })).ToHaveValueAsync(secondNote);
        await second.AssertNoViolationsAsync(app);

        var (visitorContext, visitor) = await app.NewPageAsync();
        await using var ___ = visitorContext;
        await visitor.GotoAsync($"/commitments/{commitment.Id}");
        var history = visitor.Locator("ol.history > li");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history).ToContainTextAsync(firstNote);
    }

    private static async Task RecordProgressAsync(IPage page, string status, string percent, string note)
    {
        await page.GetByLabel("Status", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync(status);
        await page.GetByLabel("Progress (%)").FillAsync(percent);
        await page.GetByLabel("Note", new PageGetByLabelOptions { Exact = true }).FillAsync(note);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Record progress" }).ClickAsync();
    }

    /// <summary>The edit form has a Save button at its top and at its bottom; both save.</summary>
    private static Task SaveAsync(IPage page) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save", Exact = true }).First.ClickAsync();
}
