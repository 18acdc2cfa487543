using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Reports;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Reports;

/// <summary>
/// Every transition of a progress report and every refusal, through <see cref="ProgressReportService"/> on the real
/// database: what is stored, who is recorded, and that a refusal changes nothing.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ProgressReportTests(WsisTrackerFactory app)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task DraftSubmitApprove_RecordsTheProgressUpdateUnderTheStakeholder_AndAuditsEachStepWithWhoAndWhen()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var draft = await app.DraftReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(40, "Halfway through the pilots.", ["ken", "BRA"]));
        Assert.Equal(ReportState.Draft, draft.State);
        Assert.Equal(["BRA", "KEN"], draft.Countries);
        Assert.Equal(GeographicScopeKind.National, draft.Scope.Kind);
        Assert.Equal(["BRA", "KEN"], draft.Scope.Countries);

        var submitted = await app.ReportsAsync(r => r.SubmitAsync(contributor.Principal, draft.Id, draft.Version, None), contributor.Login.Email);
        Assert.Equal(ReportState.Submitted, submitted.Value!.State);
        Assert.NotNull(submitted.Value.SubmittedAt);

        var approved = await app.ReportsAsync(r => r.ApproveAsync(WsisTrackerFactory.Reviewer(), draft.Id, submitted.Value.Version, None), "reviewer@example.org");
        Assert.True(approved.Succeeded, approved.Error?.Message);
        Assert.Equal(ReportState.Approved, approved.Value!.State);

        var update = Assert.Single(await app.ProgressUpdatesOfAsync(commitmentId));
        Assert.Equal(approved.Value.ProgressUpdateId, update.Id);
        Assert.Equal(CommitmentStatus.OnTrack, update.Status);
        Assert.Equal(40, update.ProgressPercent);
        Assert.Equal("Halfway through the pilots.", update.Note);
        Assert.Equal("reviewer@example.org", update.Author);
        var stakeholderId = await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
        Assert.Equal(stakeholderId, update.ReportingStakeholderId);

        Assert.Collection(approved.Value.Events,
            e => Assert.Equal((null, ReportState.Draft, contributor.Login.Email), (e.From, e.To, e.Actor)),
            e => Assert.Equal((ReportState.Draft, ReportState.Submitted, contributor.Login.Email), ((ReportState?)e.From!.Value, e.To, e.Actor)),
            e => Assert.Equal((ReportState.Submitted, ReportState.Approved, "reviewer@example.org"), ((ReportState?)e.From!.Value, e.To, e.Actor)));
        Assert.All(approved.Value.Events, e => Assert.Equal(ActorKind.User, e.ActorKind));
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ProgressReportEvent)).Select(a => a.After!).ToListAsync());
        Assert.Equal(3, audited.Count(after => after.Contains($"\"ReportId\": {draft.Id},", StringComparison.Ordinal) || after.Contains($"\"ReportId\":{draft.Id},", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReturnWithComment_ThenRevise_MakesADraftAgain_KeepsBothRevisions_AndCanBeSubmittedAgain()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(20));

        var returned = await app.ReportsAsync(r => r.ReturnAsync(WsisTrackerFactory.Reviewer(), submitted.Id, "Give the evidence of the second pilot.", submitted.Version, None));
        Assert.Equal(ReportState.Returned, returned.Value!.State);
        Assert.Equal("Give the evidence of the second pilot.", returned.Value.ReviewComment);

        var revised = await app.ReportsAsync(r => r.ReviseAsync(contributor.Principal, submitted.Id, WsisTrackerFactory.OnTrack(25, "Both pilots."), returned.Value.Version, None));
        Assert.True(revised.Succeeded, revised.Error?.Message);
        Assert.Equal(ReportState.Draft, revised.Value!.State);
        Assert.Equal(2, revised.Value.Revision);
        Assert.Equal([2, 1], revised.Value.Revisions.Select(v => v.Number));
        Assert.Equal([25, 20], revised.Value.Revisions.Select(v => v.ProgressPercent));

        var again = await app.ReportsAsync(r => r.SubmitAsync(contributor.Principal, submitted.Id, revised.Value.Version, None));
        Assert.Equal(ReportState.Submitted, again.Value!.State);
        Assert.Equal(
            [ReportState.Draft, ReportState.Submitted, ReportState.Returned, ReportState.Draft, ReportState.Submitted],
            again.Value.Events.Select(e => e.To));
        Assert.Equal("Give the evidence of the second pilot.", again.Value.Events[2].Comment);
        Assert.Empty(await app.ProgressUpdatesOfAsync(commitmentId));
    }

    [Fact]
    public async Task RejectWithReason_IsFinal_NothingMoreCanBeDoneToIt()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(20));
        var reviewer = WsisTrackerFactory.Reviewer();
        var rejected = await app.ReportsAsync(r => r.RejectAsync(reviewer, submitted.Id, "This is another commitment's work.", submitted.Version, None));
        Assert.Equal(ReportState.Rejected, rejected.Value!.State);
        var v = rejected.Value.Version;

        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ReviseAsync(contributor.Principal, submitted.Id, WsisTrackerFactory.OnTrack(30), v, None))).Error, "report-state");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.SubmitAsync(contributor.Principal, submitted.Id, v, None))).Error, "report-state");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ApproveAsync(reviewer, submitted.Id, v, None))).Error, "report-state");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ReturnAsync(reviewer, submitted.Id, "Again", v, None))).Error, "report-state");
        var after = await app.ReportsAsync(r => r.GetAsync(reviewer, submitted.Id, None));
        Assert.Equal((ReportState.Rejected, v, 3), (after.Value!.State, after.Value.Version, after.Value.Events.Count));
    }

    [Fact]
    public async Task ReturnWithoutComment_AndRejectWithoutReason_AreRefused_AndChangeNothing()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(20));
        var reviewer = WsisTrackerFactory.Reviewer();

        var returned = await app.ReportsAsync(r => r.ReturnAsync(reviewer, submitted.Id, "  ", submitted.Version, None));
        WsisTrackerFactory.AssertError(returned.Error, "validation");
        Assert.Contains("comment", returned.Error!.FieldErrors!.Keys);
        var rejected = await app.ReportsAsync(r => r.RejectAsync(reviewer, submitted.Id, null, submitted.Version, None));
        Assert.Contains("reason", rejected.Error!.FieldErrors!.Keys);
        var after = await app.ReportsAsync(r => r.GetAsync(reviewer, submitted.Id, None));
        Assert.Equal((ReportState.Submitted, submitted.Version), (after.Value!.State, after.Value.Version));
    }

    [Fact]
    public async Task DraftsAndApprovalsOutOfOrder_AreRefused()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var draft = await app.DraftReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(20));
        var reviewer = WsisTrackerFactory.Reviewer();

        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ApproveAsync(reviewer, draft.Id, draft.Version, None))).Error, "report-state");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ReturnAsync(reviewer, draft.Id, "No", draft.Version, None))).Error, "report-state");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.RejectAsync(reviewer, draft.Id, "No", draft.Version, None))).Error, "report-state");
        var submitted = await app.ReportsAsync(r => r.SubmitAsync(contributor.Principal, draft.Id, draft.Version, None));
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.SubmitAsync(contributor.Principal, draft.Id, submitted.Value!.Version, None))).Error, "report-state");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ReviseAsync(contributor.Principal, draft.Id, WsisTrackerFactory.OnTrack(30), submitted.Value!.Version, None))).Error, "report-state");
        Assert.Empty(await app.ProgressUpdatesOfAsync(commitmentId));
    }

    [Fact]
    public async Task AStaleVersion_IsRefused_AndChangesNothing()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var draft = await app.DraftReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(20));
        var revised = await app.ReportsAsync(r => r.ReviseAsync(contributor.Principal, draft.Id, WsisTrackerFactory.OnTrack(25), draft.Version, None));
        Assert.True(revised.Succeeded);

        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ReviseAsync(contributor.Principal, draft.Id, WsisTrackerFactory.OnTrack(30), draft.Version, None))).Error, "version-mismatch");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.SubmitAsync(contributor.Principal, draft.Id, draft.Version, None))).Error, "version-mismatch");
        var after = await app.ReportsAsync(r => r.GetAsync(contributor.Principal, draft.Id, None));
        Assert.Equal((ReportState.Draft, 25), (after.Value!.State, after.Value.ProgressPercent));
    }

    [Fact]
    public async Task ApprovalAfterTheCommitmentMovedOn_FailsWithTheRulesReason_AndTheReportStaysSubmitted()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(30));
        // Meanwhile the secretariat records 60 %: the report's 30 % is now a fall in progress without a note.
        await app.RecordProgressAsync(commitmentId, CommitmentStatus.OnTrack, 60);

        var reviewer = WsisTrackerFactory.Reviewer();
        var review = await app.ReportsAsync(r => r.GetForReviewAsync(reviewer, submitted.Id, None));
        Assert.NotNull(review.Value!.WouldRefuse);
        var approved = await app.ReportsAsync(r => r.ApproveAsync(reviewer, submitted.Id, submitted.Version, None));
        WsisTrackerFactory.AssertError(approved.Error, "report-refused");
        Assert.Contains("A fall in progress needs a note", approved.Error!.Message, StringComparison.Ordinal);

        var after = await app.ReportsAsync(r => r.GetAsync(reviewer, submitted.Id, None));
        Assert.Equal((ReportState.Submitted, submitted.Version), (after.Value!.State, after.Value.Version));
        Assert.Equal([60], (await app.ProgressUpdatesOfAsync(commitmentId)).Select(u => u.ProgressPercent));
    }

    [Fact]
    public async Task ContentTheRulesRefuse_IsNotSaved_AndBadCountryCodesAreNamed()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var achievedAt80 = await app.ReportsAsync(r => r.CreateDraftAsync(contributor.Principal, commitmentId, null, new ReportInput(CommitmentStatus.Achieved, 80, null, null, today, null), None));
        Assert.Contains("progressPercent", achievedAt80.Error!.FieldErrors!.Keys);
        var future = await app.ReportsAsync(r => r.CreateDraftAsync(contributor.Principal, commitmentId, null, new ReportInput(CommitmentStatus.OnTrack, 10, null, ["ftp://example.org/x"], today.AddDays(3), null), None));
        Assert.Contains("asOf", future.Error!.FieldErrors!.Keys);
        Assert.Contains("evidenceLinks", future.Error.FieldErrors.Keys);
        var countries = await app.ReportsAsync(r => r.CreateDraftAsync(contributor.Principal, commitmentId, null, WsisTrackerFactory.OnTrack(10, null, ["KEN", "KE", "12A"]), None));
        var messages = countries.Error!.FieldErrors!["countries"];
        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.Contains("'KE'", StringComparison.Ordinal));

        Assert.False(await app.WithDbAsync(db => db.ProgressReports.AnyAsync(r => r.CommitmentId == commitmentId)));
    }

    [Fact]
    public async Task ASecondOpenReportOfOneStakeholderOnOneCommitment_IsRefused_ButAnotherCanFollowAnApproval()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var first = await app.CreateContributorAsync(slug);
        var second = await app.CreateContributorAsync(slug);
        var draft = await app.DraftReportAsync(first, commitmentId, WsisTrackerFactory.OnTrack(10));

        var again = await app.ReportsAsync(r => r.CreateDraftAsync(second.Principal, commitmentId, null, WsisTrackerFactory.OnTrack(15), None));
        WsisTrackerFactory.AssertError(again.Error, "report-open");
        // A colleague of the same organisation continues the open report.
        var continued = await app.ReportsAsync(r => r.ReviseAsync(second.Principal, draft.Id, WsisTrackerFactory.OnTrack(15), draft.Version, None), second.Login.Email);
        Assert.True(continued.Succeeded, continued.Error?.Message);
        Assert.Equal(second.Login.Email, continued.Value!.Revisions[0].Author);

        var submitted = await app.ReportsAsync(r => r.SubmitAsync(second.Principal, draft.Id, continued.Value.Version, None));
        await app.ReportsAsync(r => r.ApproveAsync(WsisTrackerFactory.Reviewer(), draft.Id, submitted.Value!.Version, None));
        Assert.True((await app.ReportsAsync(r => r.CreateDraftAsync(first.Principal, commitmentId, null, WsisTrackerFactory.OnTrack(20), None))).Succeeded);
    }

    [Fact]
    public async Task AContributorOfAnotherStakeholder_SeesAndDoesNothing_OnAnotherOrganisationsCommitmentOrReport()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var (otherSlug, otherCommitment) = await app.CreateLedCommitmentAsync();
        var owner = await app.CreateContributorAsync(slug);
        var outsider = await app.CreateContributorAsync(otherSlug);
        var draft = await app.DraftReportAsync(owner, commitmentId, WsisTrackerFactory.OnTrack(10));

        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.CreateDraftAsync(outsider.Principal, commitmentId, null, WsisTrackerFactory.OnTrack(10), None))).Error, "not-found");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.GetReportingContextAsync(outsider.Principal, commitmentId, None))).Error, "not-found");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.GetAsync(outsider.Principal, draft.Id, None))).Error, "not-found");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ReviseAsync(outsider.Principal, draft.Id, WsisTrackerFactory.OnTrack(50), draft.Version, None))).Error, "not-found");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.SubmitAsync(outsider.Principal, draft.Id, draft.Version, None))).Error, "not-found");
        var own = await app.ReportsAsync(r => r.ListForContributorAsync(outsider.Principal, null, None));
        Assert.DoesNotContain(own.Value!, s => s.Id == draft.Id);
        var listed = await app.ReportsAsync(r => r.ListCommitmentsAsync(outsider.Principal, None));
        Assert.Equal([otherCommitment], listed.Value!.Select(c => c.Id));

        // Naming a stakeholder the contributor is not focal point of is no way in either.
        var posing = await app.ReportsAsync(r => r.CreateDraftAsync(outsider.Principal, otherCommitment, slug, WsisTrackerFactory.OnTrack(10), None));
        WsisTrackerFactory.AssertError(posing.Error, "validation");
        var unchanged = await app.ReportsAsync(r => r.GetAsync(owner.Principal, draft.Id, None));
        Assert.Equal((10, draft.Version), (unchanged.Value!.ProgressPercent, unchanged.Value.Version));
    }

    [Fact]
    public async Task AContributorCannotReview_AndAReviewerWithoutStakeholdersCannotReport()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(10));
        var p = contributor.Principal;

        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ApproveAsync(p, submitted.Id, submitted.Version, None))).Error, "not-a-reviewer");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ReturnAsync(p, submitted.Id, "Mine", submitted.Version, None))).Error, "not-a-reviewer");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.RejectAsync(p, submitted.Id, "Mine", submitted.Version, None))).Error, "not-a-reviewer");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ReviewQueueAsync(p, new ReviewFilter(), None))).Error, "not-a-reviewer");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.GetForReviewAsync(p, submitted.Id, None))).Error, "not-a-reviewer");

        var reviewer = WsisTrackerFactory.Reviewer();
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.CreateDraftAsync(reviewer, commitmentId, null, WsisTrackerFactory.OnTrack(10), None))).Error, "not-a-contributor");
        WsisTrackerFactory.AssertError((await app.ReportsAsync(r => r.ListCommitmentsAsync(reviewer, None))).Error, "not-a-contributor");
        var after = await app.ReportsAsync(r => r.GetAsync(reviewer, submitted.Id, None));
        Assert.Equal(ReportState.Submitted, after.Value!.State);
    }

    [Fact]
    public async Task AWithdrawnCommitment_TakesNoReport()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var contributor = await app.CreateContributorAsync(slug);
        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE commitments SET withdrawn_at = now(), withdrawal_reason = 'Merged' WHERE id = {commitmentId}"));
        var drafted = await app.ReportsAsync(r => r.CreateDraftAsync(contributor.Principal, commitmentId, null, WsisTrackerFactory.OnTrack(10), None));
        WsisTrackerFactory.AssertError(drafted.Error, "commitment-withdrawn");
    }

    [Fact]
    public async Task TheReviewQueue_ListsSubmittedReportsOldestFirst_FilteredByStakeholderAndActionLine()
    {
        var (slugA, c4) = await app.CreateLedCommitmentAsync("C4");
        var (slugB, c7) = await app.CreateLedCommitmentAsync("C7");
        var a = await app.CreateContributorAsync(slugA);
        var b = await app.CreateContributorAsync(slugB);
        var first = await app.SubmittedReportAsync(b, c7, WsisTrackerFactory.OnTrack(10));
        var second = await app.SubmittedReportAsync(a, c4, WsisTrackerFactory.OnTrack(10));
        var reviewer = WsisTrackerFactory.Reviewer();

        var all = (await app.ReportsAsync(r => r.ReviewQueueAsync(reviewer, new ReviewFilter(), None))).Value!.Select(s => s.Id).ToList();
        Assert.True(all.IndexOf(first.Id) < all.IndexOf(second.Id), "the oldest submission comes first");
        var ofA = (await app.ReportsAsync(r => r.ReviewQueueAsync(reviewer, new ReviewFilter(Stakeholder: slugA), None))).Value!;
        Assert.Equal([second.Id], ofA.Select(s => s.Id));
        var onC7 = (await app.ReportsAsync(r => r.ReviewQueueAsync(reviewer, new ReviewFilter(ActionLine: "c7"), None))).Value!;
        Assert.Contains(onC7, s => s.Id == first.Id);
        Assert.DoesNotContain(onC7, s => s.Id == second.Id);
    }
}
