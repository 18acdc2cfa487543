using System.Linq.Expressions;

namespace WsisTracker.Core.Commitments;

/// <summary>
/// Whether a commitment's reports arrive as its reporting cadence asks, apart from how far it has come
/// (<see cref="CommitmentStatus"/>): "no news" is not "no progress" (decision 085).
/// </summary>
public enum ReportingStatus
{
    UpToDate,
    Due,
    Overdue,
    Inactive,
    NotApplicable,
}

/// <summary>A commitment's reporting status with the date of its latest report and the date the next is expected.</summary>
public sealed record ReportingSchedule(ReportingStatus Status, DateOnly? LastReportedOn, DateOnly? NextReportDue);

/// <summary>
/// The reporting-status rule (decision 085), in C# (<see cref="Of"/>) and as a query PostgreSQL evaluates
/// (<see cref="StatusOn"/>), side by side like the overdue rule. The latest report is the latest progress update
/// (approved contributor reports become progress updates), dated by its as-of date (<c>LastProgressAsOf</c>):
/// <list type="bullet">
/// <item><c>notApplicable</c>: withdrawn, achieved or discontinued, or no reporting cadence recorded (the text asks
/// no regular report of it; the cadence is data, never assumed);</item>
/// <item>once: a report received is <c>upToDate</c> for good; before it, the target date is when it is expected
/// (<c>overdue</c> once passed, <c>due</c> within <see cref="DueWindowDays"/> days of it or when there is no date);</item>
/// <item>annual, biennial: the next report is expected one cadence after the latest (or, with none yet, after the
/// commitment was entered): <c>due</c> within <see cref="DueWindowDays"/> days of that date, <c>overdue</c> after
/// it, <c>inactive</c> when two cadences have passed without a report (as the UN Partnerships platform marks
/// initiatives), <c>upToDate</c> before the window.</item>
/// </list>
/// </summary>
public static class ReportingRules
{
    /// <summary>How many days before its date a report is shown as due.</summary>
    public const int DueWindowDays = 90;

    /// <summary>The months between two reports of a cadence; null for a one-off report.</summary>
    public static int? CadenceMonths(ReportingCadence cadence) => cadence switch
    {
        ReportingCadence.Annual => 12,
        ReportingCadence.Biennial => 24,
        _ => null,
    };

    /// <summary>The reporting status of a commitment on <paramref name="today"/>, with its latest and next report dates.</summary>
    public static ReportingSchedule Of(
        ReportingCadence? cadence,
        CommitmentStatus status,
        DateTimeOffset? withdrawnAt,
        DateOnly? lastReportedOn,
        DateTimeOffset createdAt,
        DateOnly? targetDate,
        DateOnly today)
    {
        if (withdrawnAt is not null || status is CommitmentStatus.Achieved or CommitmentStatus.Discontinued || cadence is not { } known)
        {
            return new ReportingSchedule(ReportingStatus.NotApplicable, lastReportedOn, null);
        }

        if (CadenceMonths(known) is not { } months)
        {
            if (lastReportedOn is not null)
            {
                return new ReportingSchedule(ReportingStatus.UpToDate, lastReportedOn, null);
            }

            var once = targetDate is not { } target ? ReportingStatus.Due
                : target < today ? ReportingStatus.Overdue
                : target <= today.AddDays(DueWindowDays) ? ReportingStatus.Due
                : ReportingStatus.UpToDate;
            return new ReportingSchedule(once, null, targetDate);
        }

        var anchor = lastReportedOn ?? DateOnly.FromDateTime(createdAt.UtcDateTime);
        var periodic = anchor < today.AddMonths(-2 * months) ? ReportingStatus.Inactive
            : anchor < today.AddMonths(-months) ? ReportingStatus.Overdue
            : anchor < DueFrom(today, months) ? ReportingStatus.Due
            : ReportingStatus.UpToDate;
        return new ReportingSchedule(periodic, lastReportedOn, anchor.AddMonths(months));
    }

    /// <summary>The rule of <see cref="Of"/> as one SQL <c>CASE</c>; every date it compares with is computed here.</summary>
    public static Expression<Func<Commitment, ReportingStatus>> StatusOn(DateOnly today)
    {
        var onceDueBefore = today.AddDays(DueWindowDays + 1);
        var annualInactive = today.AddMonths(-24);
        var annualOverdue = today.AddMonths(-12);
        var annualDue = DueFrom(today, 12);
        var biennialInactive = today.AddMonths(-48);
        var biennialOverdue = today.AddMonths(-24);
        var biennialDue = DueFrom(today, 24);
        var annualInactiveAt = Start(annualInactive);
        var annualOverdueAt = Start(annualOverdue);
        var annualDueAt = Start(annualDue);
        var biennialInactiveAt = Start(biennialInactive);
        var biennialOverdueAt = Start(biennialOverdue);
        var biennialDueAt = Start(biennialDue);
        return c =>
            c.WithdrawnAt != null || c.Status == CommitmentStatus.Achieved || c.Status == CommitmentStatus.Discontinued || c.ReportingCadence == null
                ? ReportingStatus.NotApplicable
            : c.ReportingCadence == ReportingCadence.Once
                ? (c.LastProgressAsOf != null ? ReportingStatus.UpToDate
                    : c.TargetDate == null ? ReportingStatus.Due
                    : c.TargetDate < today ? ReportingStatus.Overdue
                    : c.TargetDate < onceDueBefore ? ReportingStatus.Due
                    : ReportingStatus.UpToDate)
            : c.ReportingCadence == ReportingCadence.Annual
                ? ((c.LastProgressAsOf != null && c.LastProgressAsOf < annualInactive) || (c.LastProgressAsOf == null && c.CreatedAt < annualInactiveAt) ? ReportingStatus.Inactive
                    : (c.LastProgressAsOf != null && c.LastProgressAsOf < annualOverdue) || (c.LastProgressAsOf == null && c.CreatedAt < annualOverdueAt) ? ReportingStatus.Overdue
                    : (c.LastProgressAsOf != null && c.LastProgressAsOf < annualDue) || (c.LastProgressAsOf == null && c.CreatedAt < annualDueAt) ? ReportingStatus.Due
                    : ReportingStatus.UpToDate)
            : (c.LastProgressAsOf != null && c.LastProgressAsOf < biennialInactive) || (c.LastProgressAsOf == null && c.CreatedAt < biennialInactiveAt) ? ReportingStatus.Inactive
            : (c.LastProgressAsOf != null && c.LastProgressAsOf < biennialOverdue) || (c.LastProgressAsOf == null && c.CreatedAt < biennialOverdueAt) ? ReportingStatus.Overdue
            : (c.LastProgressAsOf != null && c.LastProgressAsOf < biennialDue) || (c.LastProgressAsOf == null && c.CreatedAt < biennialDueAt) ? ReportingStatus.Due
            : ReportingStatus.UpToDate;
    }

    /// <summary>Commitments whose reporting status on <paramref name="today"/> is <paramref name="status"/>.</summary>
    public static Expression<Func<Commitment, bool>> Is(ReportingStatus status, DateOnly today)
    {
        var of = StatusOn(today);
        return Expression.Lambda<Func<Commitment, bool>>(Expression.Equal(of.Body, Expression.Constant(status)), of.Parameters);
    }

    /// <summary>Each commitment's id with its reporting status, for aggregates that join it to other rows.</summary>
    public static Expression<Func<Commitment, CommitmentReportingRow>> Rows(DateOnly today)
    {
        var of = StatusOn(today);
        var c = of.Parameters[0];
        var row = Expression.MemberInit(
            Expression.New(typeof(CommitmentReportingRow)),
            Expression.Bind(typeof(CommitmentReportingRow).GetProperty(nameof(CommitmentReportingRow.Id))!, Expression.Property(c, nameof(Commitment.Id))),
            Expression.Bind(typeof(CommitmentReportingRow).GetProperty(nameof(CommitmentReportingRow.Status))!, of.Body),
            Expression.Bind(typeof(CommitmentReportingRow).GetProperty(nameof(CommitmentReportingRow.Implementation))!, Expression.Property(c, nameof(Commitment.Status))),
            Expression.Bind(
                typeof(CommitmentReportingRow).GetProperty(nameof(CommitmentReportingRow.HasReport))!,
                Expression.NotEqual(Expression.Property(c, nameof(Commitment.LastProgressAsOf)), Expression.Constant(null, typeof(DateOnly?)))));
        return Expression.Lambda<Func<Commitment, CommitmentReportingRow>>(row, c);
    }

    /// <summary>
    /// A report whose latest (the anchor) is before this date is due: its next date, one cadence on, falls within the
    /// window (<c>anchor + cadence ≤ today + window</c>, kept as a comparison with the anchor so SQL needs no date arithmetic).
    /// </summary>
    private static DateOnly DueFrom(DateOnly today, int months) => today.AddDays(DueWindowDays).AddMonths(-months).AddDays(1);

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>A commitment's id and reporting status, as <see cref="ReportingRules.Rows"/> projects them.</summary>
public sealed class CommitmentReportingRow
{
    public int Id { get; init; }

    public ReportingStatus Status { get; init; }

    /// <summary>Its implementation status.</summary>
    public CommitmentStatus Implementation { get; init; }

    /// <summary>Whether anybody has reported on it (it has a progress update).</summary>
    public bool HasReport { get; init; }
}

/// <summary>How many commitments stand in each reporting status, and how many nobody has reported on yet.</summary>
public sealed record ReportingCounts(IReadOnlyDictionary<ReportingStatus, int> ByStatus, int NoReportYet)
{
    public static readonly ReportingCounts None = new(new Dictionary<ReportingStatus, int>(), 0);

    public int Count(ReportingStatus status) => ByStatus.GetValueOrDefault(status);

    /// <summary>The counts of grouped rows (reporting status, whether reported, how many).</summary>
    public static ReportingCounts From(IEnumerable<(ReportingStatus Status, bool HasReport, int Count)> groups)
    {
        var list = groups.ToList();
        return new ReportingCounts(
            list.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            list.Where(g => !g.HasReport).Sum(g => g.Count));
    }
}
