using System.Text;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Data;
using WsisTracker.Core.Email;
using WsisTracker.Core.Reports;

namespace WsisTracker.Core.Reporting;

/// <summary>What a reminder is about, as the outbox's <see cref="OutboxMessage.Kind"/> names it.</summary>
public static class ReminderKinds
{
    public const string CycleOpened = "cycle-opened";
    public const string CycleDueSoon = "cycle-due-soon";
    public const string CycleOverdue = "cycle-overdue";
    public const string ReportSubmitted = "report-submitted";
    public const string ReportReturned = "report-returned";
}

/// <summary>A commitment a reminder names: what a person is asked to report on.</summary>
public sealed record RemindedCommitment(int Id, string Code, string Title);

/// <summary>
/// Who gets which reminder and what it says (decision 089): the reviewers when a report is submitted, the
/// contributors of its stakeholder when it is returned, and the contributors whose organisations' commitments a
/// reporting cycle still awaits when it opens, a week before it is due and when it is overdue. Every reminder is
/// added to the caller's unit of work (<see cref="Outbox.AddReminder(WsisTrackerDbContext, StaffUser, Func{string, Reminder})"/>), so it is committed with the event that
/// causes it or not at all; a cycle's reminders carry a once-key (kind, cycle, person) so each goes once per person
/// and cycle, whichever instance writes it.
/// </summary>
public static class ReportingReminders
{
    /// <summary>How many commitments a reminder lists by name; the rest are counted.</summary>
    private const int Listed = 10;

    /// <summary>How long before the due day the "due soon" reminder goes.</summary>
    public const int DueSoonDays = 7;

    /// <summary>Writes "a report waits for your review" to every reviewer who receives reminders.</summary>
    public static async Task<int> ReportSubmittedAsync(WsisTrackerDbContext db, ProgressReport report, CancellationToken cancellationToken)
    {
        var about = await AboutAsync(db, report, cancellationToken);
        string[] reviewerRoles = [StaffRoles.Administrator, StaffRoles.Secretariat];
        var reviewers = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && reviewerRoles.Contains(r.Name!))))
            .OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
        Reminder Compose(string culture) => new(
            ReminderKinds.ReportSubmitted,
            MailText.Format(culture, "A progress report to review: {0}, from {1}", about.Code, about.Stakeholder),
            MailText.Format(culture, "{0} submitted a progress report on {1} \"{2}\" (revision {3}). It waits in the review queue.", about.Stakeholder, about.Code, about.Title, report.Revision),
            MailText.Get(culture, "You review progress reports as a member of the secretariat."),
            $"/workspace/reviews/{report.Id}",
            Culture: culture);
        return reviewers.Count(reviewer => Outbox.AddReminder(db, reviewer, Compose));
    }

    /// <summary>Writes "your report was returned", with the reviewer's comment, to the contributors of the report's stakeholder.</summary>
    public static async Task<int> ReportReturnedAsync(WsisTrackerDbContext db, ProgressReport report, CancellationToken cancellationToken)
    {
        var about = await AboutAsync(db, report, cancellationToken);
        var contributors = await db.Users.AsNoTracking()
            .Where(u => db.Set<StaffUserStakeholder>().Any(l => l.StaffUserId == u.Id && l.StakeholderId == report.StakeholderId))
            .OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
        Reminder Compose(string culture) => new(
            ReminderKinds.ReportReturned,
            MailText.Format(culture, "Your report on {0} was returned", about.Code),
            $"""
            {MailText.Format(culture, "The secretariat returned {0}'s progress report on {1} \"{2}\" with this comment:", about.Stakeholder, about.Code, about.Title)}

            {report.ReviewComment}

            {MailText.Get(culture, "Revise the report and submit it again.")}
            """,
            MailText.Format(culture, "You are a focal point of {0}, which wrote the report.", about.Stakeholder),
            $"/contribute/commitments/{report.CommitmentId}/report",
            Culture: culture);
        return contributors.Count(contributor => Outbox.AddReminder(db, contributor, Compose));
    }

    /// <summary>
    /// Writes one reminder of <paramref name="kind"/> about <paramref name="cycle"/> to each contributor whose
    /// organisations lead or partner on one of the <paramref name="awaiting"/> commitments, except those already
    /// written (by any instance: the once-key). Returns how many were added to the caller's unit of work.
    /// </summary>
    public static async Task<int> CycleAsync(WsisTrackerDbContext db, ReportingCycle cycle, string kind, IReadOnlyList<RemindedCommitment> awaiting, DateOnly today, CancellationToken cancellationToken)
    {
        if (awaiting.Count == 0)
        {
            return 0;
        }

        var ids = awaiting.Select(c => c.Id).ToList();
        var links = await db.Set<StaffUserStakeholder>().AsNoTracking()
            .SelectMany(l => db.Set<CommitmentStakeholder>().Where(cs => cs.StakeholderId == l.StakeholderId && ids.Contains(cs.CommitmentId)),
                (l, cs) => new { l.StaffUserId, Stakeholder = l.Stakeholder!.Name, cs.CommitmentId })
            .Distinct()
            .ToListAsync(cancellationToken);
        var byUser = links.GroupBy(l => l.StaffUserId).ToDictionary(g => g.Key, g => g.ToList());
        var keys = byUser.Keys.ToDictionary(user => user, user => OnceKey(kind, cycle.Id, user));
        var sent = await db.OutboxMessages.AsNoTracking().Where(m => keys.Values.Contains(m.OnceKey!)).Select(m => m.OnceKey!).ToListAsync(cancellationToken);
        var pending = byUser.Keys.Where(user => !sent.Contains(keys[user])).ToList();
        var users = await db.Users.AsNoTracking().Where(u => pending.Contains(u.Id)).OrderBy(u => u.Email).ToListAsync(cancellationToken);

        var added = 0;
        foreach (var user in users)
        {
            var theirs = byUser[user.Id];
            var stakeholders = theirs.Select(l => l.Stakeholder).Distinct().Order(StringComparer.Ordinal).ToList();
            var commitmentIds = theirs.Select(l => l.CommitmentId).ToHashSet();
            var commitments = awaiting.Where(c => commitmentIds.Contains(c.Id)).ToList();
            if (Outbox.AddReminder(db, user, culture => CycleReminder(culture, cycle, kind, stakeholders, commitments, today, keys[user.Id])))
            {
                added++;
            }
        }

        return added;
    }

    /// <summary>
    /// Which of a cycle's scheduled reminders are due on <paramref name="today"/>: "opened" from its opening day; "due
    /// soon" in the week before its due day, unless it opened in that week (the opening message said when it is due);
    /// "overdue" after its due day, unless it opened after it.
    /// </summary>
    public static IReadOnlyList<string> DueOn(ReportingCycle cycle, DateOnly today)
    {
        if (cycle.IsClosed || today < cycle.OpensOn)
        {
            return [];
        }

        var openedOn = DateOnly.FromDateTime(cycle.OpenedAt.UtcDateTime);
        var announcedOn = openedOn > cycle.OpensOn ? openedOn : cycle.OpensOn;
        var kinds = new List<string> { ReminderKinds.CycleOpened };
        var weekBefore = cycle.DueOn.AddDays(-DueSoonDays);
        if (today >= weekBefore && today <= cycle.DueOn && announcedOn < weekBefore)
        {
            kinds.Add(ReminderKinds.CycleDueSoon);
        }

        if (today > cycle.DueOn && announcedOn <= cycle.DueOn)
        {
            kinds.Add(ReminderKinds.CycleOverdue);
        }

        return kinds;
    }

    /// <summary>The once-key of a cycle's reminder to one person: at most one such row exists (a unique index).</summary>
    public static string OnceKey(string kind, int cycleId, string userId) => $"{kind}:{cycleId}:{userId}";

    private static Reminder CycleReminder(string culture, ReportingCycle cycle, string kind, IReadOnlyList<string> stakeholders, IReadOnlyList<RemindedCommitment> commitments, DateOnly today, string onceKey)
    {
        var due = MailText.Date(culture, cycle.DueOn);
        var organisations = string.Join(MailText.Get(culture, ", "), stakeholders);
        var count = MailText.Count(culture, commitments.Count, "commitment");
        var (subject, opening) = kind switch
        {
            ReminderKinds.CycleOpened => (
                MailText.Format(culture, "Reporting cycle open: {0}, reports due {1}", cycle.Name, due),
                MailText.Format(culture, "The secretariat opened the reporting cycle \"{0}\". It asks {1} for a progress report on {2} by {3}:", cycle.Name, organisations, count, due)),
            ReminderKinds.CycleDueSoon => (
                MailText.Format(culture, "Reports due in {0}: {1}", MailText.Count(culture, cycle.DueOn.DayNumber - today.DayNumber, "day"), cycle.Name),
                MailText.Format(culture, "The reporting cycle \"{0}\" is due on {1}, and it still awaits a report from {2} on {3}:", cycle.Name, due, organisations, count)),
            ReminderKinds.CycleOverdue => (
                MailText.Format(culture, "Reports overdue: {0}", cycle.Name),
                MailText.Format(culture, "The reporting cycle \"{0}\" was due on {1}, and it still awaits a report from {2} on {3}. A report submitted now still counts, as arrived late:", cycle.Name, due, organisations, count)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a reporting cycle's reminder."),
        };

        var body = new StringBuilder(opening).Append('\n').Append('\n');
        foreach (var c in commitments.OrderBy(c => c.Code, StringComparer.Ordinal).Take(Listed))
        {
            body.Append("- ").Append(c.Code).Append(' ').Append(c.Title).Append('\n');
        }

        if (commitments.Count > Listed)
        {
            body.Append("- ").Append(MailText.Format(culture, "and {0} more on your page", commitments.Count - Listed)).Append('\n');
        }

        return new Reminder(
            kind,
            subject,
            body.ToString(),
            MailText.Format(culture, stakeholders.Count == 1
                ? "You are a focal point of {0}, which leads or partners on commitments the cycle covers."
                : "You are a focal point of {0}, which lead or partner on commitments the cycle covers.", organisations),
            "/contribute",
            onceKey,
            culture);
    }

    private static async Task<(string Code, string Title, string Stakeholder)> AboutAsync(WsisTrackerDbContext db, ProgressReport report, CancellationToken cancellationToken)
    {
        var about = await db.Commitments.AsNoTracking().IgnoreQueryFilters().Where(c => c.Id == report.CommitmentId)
            .Select(c => new { c.Code, c.Title, Stakeholder = db.Stakeholders.Where(s => s.Id == report.StakeholderId).Select(s => s.Name).Single() })
            .SingleAsync(cancellationToken);
        return (about.Code, about.Title, about.Stakeholder);
    }
}
