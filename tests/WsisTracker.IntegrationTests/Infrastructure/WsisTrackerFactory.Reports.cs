using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Reports;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>A contributor made for a test: the sign-in, the account id and the principal the service sees.</summary>
public sealed record Contributor(StaffLogin Login, string UserId, ReportPrincipal Principal);

/// <summary>Intent methods for contributors and progress reports.</summary>
public partial class WsisTrackerFactory
{
    /// <summary>Creates a contributor account, focal point of <paramref name="stakeholderSlugs"/>.</summary>
    public async Task<Contributor> CreateContributorAsync(params string[] stakeholderSlugs)
    {
        var email = $"contributor-{Guid.NewGuid():N}@example.org";
        var password = $"correct horse {Guid.NewGuid():N}";
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, StaffRoles.Contributor, password, stakeholderSlugs);
        Assert.True(created.Succeeded, created.Error?.Message);
        var principal = await scope.ServiceProvider.GetRequiredService<ContributorScope>().ForUserAsync(created.Value!.Id, StaffRoles.Contributor, CancellationToken.None);
        return new Contributor(new StaffLogin(email, password, StaffRoles.Contributor), created.Value.Id, principal);
    }

    /// <summary>A reviewer's principal (a secretariat user id that need not exist: the service trusts the principal it is given).</summary>
    public static ReportPrincipal Reviewer() => ReportPrincipal.User($"reviewer-{Guid.NewGuid():N}", isReviewer: true, []);

    /// <summary>A new stakeholder leading a new commitment (action line <paramref name="actionLine"/>); answers both.</summary>
    public async Task<(string Stakeholder, int CommitmentId)> CreateLedCommitmentAsync(string actionLine = "C5")
    {
        var stakeholder = await CreateStakeholderAsync();
        var id = await CreateCommitmentAsync($"Reported commitment {Guid.NewGuid():N}", "Arranged by a report test.", new ParagraphKey("a-res-70-125", 63), actionLine, stakeholder.Slug);
        return (stakeholder.Slug, id);
    }

    /// <summary>Runs <paramref name="action"/> on the report service in a scope of its own, acting as <paramref name="actorName"/>.</summary>
    public async Task<T> ReportsAsync<T>(Func<ProgressReportService, Task<T>> action, string actorName = "report-test@example.org")
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set(actorName, ActorKind.User);
        return await action(scope.ServiceProvider.GetRequiredService<ProgressReportService>());
    }

    /// <summary>A draft as a contributor, asserted to succeed.</summary>
    public async Task<ProgressReportDetail> DraftReportAsync(Contributor contributor, int commitmentId, ReportInput input)
    {
        var drafted = await ReportsAsync(r => r.CreateDraftAsync(contributor.Principal, commitmentId, null, input, CancellationToken.None), contributor.Login.Email);
        Assert.True(drafted.Succeeded, drafted.Error?.Message);
        return drafted.Value!;
    }

    /// <summary>A submitted report as a contributor, asserted to succeed.</summary>
    public async Task<ProgressReportDetail> SubmittedReportAsync(Contributor contributor, int commitmentId, ReportInput input)
    {
        var draft = await DraftReportAsync(contributor, commitmentId, input);
        var submitted = await ReportsAsync(r => r.SubmitAsync(contributor.Principal, draft.Id, draft.Version, CancellationToken.None), contributor.Login.Email);
        Assert.True(submitted.Succeeded, submitted.Error?.Message);
        return submitted.Value!;
    }

    public static ReportInput OnTrack(int percent, string? narrative = null, IReadOnlyList<string>? countries = null) =>
        new(CommitmentStatus.OnTrack, percent, narrative, ["https://example.org/evidence"], DateOnly.FromDateTime(DateTime.UtcNow), countries);

    /// <summary>The progress updates stored for a commitment, oldest first.</summary>
    public Task<List<ProgressUpdate>> ProgressUpdatesOfAsync(int commitmentId) =>
        WithDbAsync(db => db.ProgressUpdates.AsNoTracking().Where(u => u.CommitmentId == commitmentId).OrderBy(u => u.Id).ToListAsync());

    public static void AssertError(Error? error, string code)
    {
        Assert.NotNull(error);
        Assert.True(error.Code == code, $"Expected the error {code}, got {error.Code}: {error.Message}");
    }
}
