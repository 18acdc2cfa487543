using System.Text.Json;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;

namespace WsisTracker.UnitTests.Commitments;

public sealed class RecordProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void RecordProgress_Valid_AppendsHistoryAndMovesStatus()
    {
        var commitment = NewCommitment();

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 40, " Half the pilots run. ", ["https://example.org/report"], Today), "editor@un.org", Now);

        Assert.True(result.Succeeded);
        Assert.Equal(CommitmentStatus.OnTrack, commitment.Status);
        Assert.Equal(40, commitment.ProgressPercent);
        Assert.Equal(Now, commitment.UpdatedAt);
        var update = Assert.Single(commitment.ProgressUpdates);
        Assert.Equal("Half the pilots run.", update.Note);
        Assert.Equal("editor@un.org", update.Author);
        Assert.Equal(["https://example.org/report"], update.EvidenceLinks);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void RecordProgress_ProgressOutside0To100_IsRejected(int progress)
    {
        var commitment = NewCommitment();

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, progress, null, null, Today), "a", Now);

        AssertRejected(result, commitment, Field(nameof(RecordProgressInput.ProgressPercent)));
    }

    [Theory]
    [InlineData(CommitmentStatus.OffTrack)]
    [InlineData(CommitmentStatus.Discontinued)]
    public void RecordProgress_ToOffTrackOrDiscontinuedWithoutNote_IsRejected(CommitmentStatus status)
    {
        var commitment = NewCommitment();

        var result = commitment.RecordProgress(new RecordProgressInput(status, 10, "   ", null, Today), "a", Now);

        AssertRejected(result, commitment, Field(nameof(RecordProgressInput.Note)));
    }

    [Fact]
    public void RecordProgress_ToOffTrackWithNote_IsAccepted()
    {
        var commitment = NewCommitment();

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OffTrack, 10, "Funding withdrawn.", null, Today), "a", Now);

        Assert.True(result.Succeeded);
        Assert.Equal(CommitmentStatus.OffTrack, commitment.Status);
    }

    [Fact]
    public void RecordProgress_DatedInTheFuture_IsRejected()
    {
        var commitment = NewCommitment();

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 10, null, null, Today.AddDays(1)), "a", Now);

        AssertRejected(result, commitment, Field(nameof(RecordProgressInput.AsOf)));
    }

    [Fact]
    public void RecordProgress_DatedBeforeTheLatestUpdate_IsRejected()
    {
        var commitment = NewCommitment();
        Assert.True(commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 10, null, null, Today), "a", Now).Succeeded);

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 20, null, null, Today.AddDays(-1)), "a", Now);

        Assert.False(result.Succeeded);
        Assert.Contains(Field(nameof(RecordProgressInput.AsOf)), result.Error.FieldErrors!.Keys);
        Assert.Single(commitment.ProgressUpdates);
        Assert.Equal(10, commitment.ProgressPercent);
    }

    [Fact]
    public void ChangeStatus_FromAchievedToNotStarted_IsRejected()
    {
        var commitment = NewCommitment();
        Assert.True(commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.Achieved, null, null, null, Today), "a", Now).Succeeded);

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.NotStarted, 0, "Recorded by mistake.", null, Today), "a", Now);

        Assert.False(result.Succeeded);
        Assert.Contains(Field(nameof(RecordProgressInput.Status)), result.Error.FieldErrors!.Keys);
        Assert.Equal(CommitmentStatus.Achieved, commitment.Status);
    }

    [Fact]
    public void RecordProgress_ReopeningAnAchievedCommitmentWithoutNote_IsRejected()
    {
        var commitment = NewCommitment();
        Assert.True(commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.Achieved, 100, null, null, Today), "a", Now).Succeeded);

        var rejected = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 100, null, null, Today), "a", Now);
        var accepted = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 100, "Reopened: the evaluation found gaps.", null, Today), "a", Now);

        Assert.False(rejected.Succeeded);
        Assert.True(accepted.Succeeded);
        Assert.Equal(CommitmentStatus.OnTrack, commitment.Status);
    }

    [Fact]
    public void RecordProgress_Achieved_IsAt100Percent()
    {
        var commitment = NewCommitment();

        var implied = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.Achieved, null, null, null, Today), "a", Now);
        var contradicted = NewCommitment().RecordProgress(new RecordProgressInput(CommitmentStatus.Achieved, 80, null, null, Today), "a", Now);

        Assert.True(implied.Succeeded);
        Assert.Equal(100, commitment.ProgressPercent);
        Assert.False(contradicted.Succeeded);
    }

    [Fact]
    public void RecordProgress_NotStartedWithProgress_IsRejected()
    {
        var commitment = NewCommitment();

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.NotStarted, 5, null, null, Today), "a", Now);

        AssertRejected(result, commitment, Field(nameof(RecordProgressInput.ProgressPercent)));
    }

    [Fact]
    public void RecordProgress_FallInProgressWithoutNote_IsRejected()
    {
        var commitment = NewCommitment();
        Assert.True(commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 60, null, null, Today), "a", Now).Succeeded);

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.AtRisk, 40, null, null, Today), "a", Now);

        Assert.False(result.Succeeded);
        Assert.Contains(Field(nameof(RecordProgressInput.Note)), result.Error.FieldErrors!.Keys);
        Assert.Equal(60, commitment.ProgressPercent);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/file")]
    [InlineData("not a link")]
    public void RecordProgress_EvidenceThatIsNotAnHttpLink_IsRejected(string link)
    {
        var commitment = NewCommitment();

        var result = commitment.RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 10, null, [link], Today), "a", Now);

        AssertRejected(result, commitment, Field(nameof(RecordProgressInput.EvidenceLinks)));
    }

    [Fact]
    public void RecordProgress_TooManyEvidenceLinksOrOverlongNote_IsRejected()
    {
        var links = Enumerable.Range(1, Limits.EvidenceLinks + 1).Select(i => $"https://example.org/{i}").ToList();

        var tooMany = NewCommitment().RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 10, null, links, Today), "a", Now);
        var tooLong = NewCommitment().RecordProgress(new RecordProgressInput(CommitmentStatus.OnTrack, 10, new string('x', Limits.Note + 1), null, Today), "a", Now);

        Assert.Contains(Field(nameof(RecordProgressInput.EvidenceLinks)), tooMany.Error!.FieldErrors!.Keys);
        Assert.Contains(Field(nameof(RecordProgressInput.Note)), tooLong.Error!.FieldErrors!.Keys);
    }

    [Fact]
    public void RecordProgress_SeveralProblems_AreAllReported()
    {
        var result = NewCommitment().RecordProgress(new RecordProgressInput(CommitmentStatus.OffTrack, 150, null, ["x"], Today.AddDays(3)), "a", Now);

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(
            new[] { "asOf", "evidenceLinks", "note", "progressPercent" },
            result.Error.FieldErrors!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2026-03-09", CommitmentStatus.OnTrack, true)]
    [InlineData("2026-03-10", CommitmentStatus.OnTrack, false)]
    [InlineData("2026-03-09", CommitmentStatus.Achieved, false)]
    [InlineData("2026-03-09", CommitmentStatus.Discontinued, false)]
    [InlineData(null, CommitmentStatus.AtRisk, false)]
    public void IsOverdue_TargetPassedAndNotClosed(string? target, CommitmentStatus status, bool expected)
    {
        var date = target is null ? (DateOnly?)null : DateOnly.Parse(target, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, Commitment.IsOverdue(date, status, Today));
    }

    private static string Field(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static Commitment NewCommitment() => new() { Code = "test", Title = "Test", Description = "Test" };

    private static void AssertRejected(Result<ProgressUpdate> result, Commitment commitment, string field)
    {
        Assert.False(result.Succeeded);
        Assert.Contains(field, result.Error.FieldErrors!.Keys);
        Assert.Empty(commitment.ProgressUpdates);
        Assert.Equal(CommitmentStatus.NotStarted, commitment.Status);
        Assert.Null(commitment.ProgressPercent);
    }
}
