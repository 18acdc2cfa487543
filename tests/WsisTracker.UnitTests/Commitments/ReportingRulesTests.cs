using WsisTracker.Core.Commitments;

namespace WsisTracker.UnitTests.Commitments;

/// <summary>The reporting-status rule (decision 085): its values, and its C# and query forms agreeing everywhere.</summary>
public sealed class ReportingRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly DateTimeOffset Created = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ReportingCadence.Annual, "2026-11-01", ReportingStatus.UpToDate, "2027-11-01")]
    [InlineData(ReportingCadence.Annual, "2026-01-05", ReportingStatus.Due, "2027-01-05")]
    [InlineData(ReportingCadence.Annual, "2025-12-02", ReportingStatus.Due, "2026-12-02")]
    [InlineData(ReportingCadence.Annual, "2025-12-01", ReportingStatus.Overdue, "2026-12-01")]
    [InlineData(ReportingCadence.Annual, "2024-12-01", ReportingStatus.Inactive, "2025-12-01")]
    [InlineData(ReportingCadence.Biennial, "2025-06-01", ReportingStatus.UpToDate, "2027-06-01")]
    [InlineData(ReportingCadence.Biennial, "2025-01-01", ReportingStatus.Due, "2027-01-01")]
    [InlineData(ReportingCadence.Biennial, "2024-11-01", ReportingStatus.Overdue, "2026-11-01")]
    [InlineData(ReportingCadence.Biennial, "2022-12-01", ReportingStatus.Inactive, "2024-12-01")]
    [InlineData(ReportingCadence.Once, "2026-03-01", ReportingStatus.UpToDate, null)]
    public void Of_ALatestReport_GivesStatusAndNextDate(ReportingCadence cadence, string last, ReportingStatus expected, string? next)
    {
        var schedule = ReportingRules.Of(cadence, CommitmentStatus.OnTrack, null, DateOnly.Parse(last), Created, null, Today);
        Assert.Equal(expected, schedule.Status);
        Assert.Equal(next is null ? null : DateOnly.Parse(next), schedule.NextReportDue);
    }

    [Fact]
    public void Of_NoReportYet_CountsFromWhenTheCommitmentWasEntered_OrItsTargetForAOneOff()
    {
        Assert.Equal(new ReportingSchedule(ReportingStatus.Due, null, new DateOnly(2027, 1, 10)),
            ReportingRules.Of(ReportingCadence.Annual, CommitmentStatus.NotStarted, null, null, Created, null, Today));
        Assert.Equal(ReportingStatus.Overdue, ReportingRules.Of(ReportingCadence.Once, CommitmentStatus.NotStarted, null, null, Created, new DateOnly(2026, 6, 30), Today).Status);
        Assert.Equal(ReportingStatus.Due, ReportingRules.Of(ReportingCadence.Once, CommitmentStatus.NotStarted, null, null, Created, null, Today).Status);
        Assert.Equal(ReportingStatus.UpToDate, ReportingRules.Of(ReportingCadence.Once, CommitmentStatus.NotStarted, null, null, Created, new DateOnly(2030, 1, 1), Today).Status);
    }

    [Theory]
    [InlineData(CommitmentStatus.Achieved, false, ReportingCadence.Annual)]
    [InlineData(CommitmentStatus.Discontinued, false, ReportingCadence.Annual)]
    [InlineData(CommitmentStatus.OnTrack, true, ReportingCadence.Annual)]
    [InlineData(CommitmentStatus.OnTrack, false, null)]
    public void Of_WithdrawnFinishedOrWithoutCadence_IsNotApplicable(CommitmentStatus status, bool withdrawn, ReportingCadence? cadence) =>
        Assert.Equal(ReportingStatus.NotApplicable,
            ReportingRules.Of(cadence, status, withdrawn ? Created : null, new DateOnly(2020, 1, 1), Created, null, Today).Status);

    [Fact]
    public void StatusOn_TheQueryForm_AgreesWithOf_OnEveryCombination()
    {
        var cadences = new ReportingCadence?[] { null, ReportingCadence.Once, ReportingCadence.Annual, ReportingCadence.Biennial };
        var statuses = Enum.GetValues<CommitmentStatus>();
        var lasts = Enumerable.Range(0, 80).Select(m => (DateOnly?)Today.AddDays(-23 * m)).Append(null).ToList();
        var targets = new DateOnly?[] { null, Today.AddDays(-1), Today, Today.AddDays(90), Today.AddDays(91), Today.AddYears(3) };
        foreach (var today in new[] { Today, new DateOnly(2028, 2, 29), new DateOnly(2027, 3, 31) })
        {
            var query = ReportingRules.StatusOn(today).Compile();
            foreach (var cadence in cadences)
            {
                foreach (var status in statuses)
                {
                    foreach (var last in lasts)
                    {
                        foreach (var target in targets)
                        {
                            foreach (var withdrawn in new DateTimeOffset?[] { null, Created })
                            {
                                var created = last is { } l ? Created : new DateTimeOffset(today.AddMonths(-13).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(0)).AddHours(23);
                                var commitment = new Commitment { Code = "c", Title = "t", Description = "d", ReportingCadence = cadence, TargetDate = target, CreatedAt = created };
                                Arrange(commitment, status, last, withdrawn);
                                Assert.Equal(ReportingRules.Of(cadence, status, withdrawn, last, created, target, today).Status, query(commitment));
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Sets the private state a progress history and a withdrawal leave behind.</summary>
    private static void Arrange(Commitment commitment, CommitmentStatus status, DateOnly? last, DateTimeOffset? withdrawn)
    {
        typeof(Commitment).GetProperty(nameof(Commitment.Status))!.SetValue(commitment, status);
        typeof(Commitment).GetProperty(nameof(Commitment.LastProgressAsOf))!.SetValue(commitment, last);
        typeof(Commitment).GetProperty(nameof(Commitment.WithdrawnAt))!.SetValue(commitment, withdrawn);
    }
}
