using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.Data.Seeding;

/// <summary>
/// Adds synthetic commitments with progress histories for dashboards and benchmarks. Only ever run on request
/// (<c>seed-demo --commitments N</c>); everything it makes is marked <see cref="Commitment.IsSynthetic"/>.
/// Commitments and their histories are made in memory through the domain methods, then written by binary COPY,
/// so a hundred thousand commitments with a million updates load in minutes.
/// </summary>
public sealed class DemoDataSeeder(WsisTrackerDbContext db, TimeProvider time, ILogger<DemoDataSeeder> logger)
{
    public const string DemoCodePrefix = "demo-";
    public const string DemoAuthor = "Synthetic demo data";
    private const int BatchSize = 5_000;

    private static readonly CommitmentStatus[] ProgressStatuses =
        [CommitmentStatus.OnTrack, CommitmentStatus.OnTrack, CommitmentStatus.AtRisk, CommitmentStatus.OffTrack];

    public async Task<DemoDataResult> AddAsync(int count, int updatesPerCommitment, int randomSeed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(updatesPerCommitment);

        var paragraphIds = await db.Paragraphs.Where(p => p.Kind == ParagraphKind.Operative).Select(p => p.Id).ToListAsync(cancellationToken);
        var actionLineIds = await db.ActionLines.Select(a => a.Id).ToListAsync(cancellationToken);
        var stakeholderIds = await db.Stakeholders.Select(s => s.Id).ToListAsync(cancellationToken);
        if (paragraphIds.Count == 0 || actionLineIds.Count == 0 || stakeholderIds.Count == 0)
        {
            throw new InvalidOperationException("Demo data needs the seeded resolutions, action lines and stakeholders: run migrations first.");
        }

        var random = new Random(randomSeed);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var run = Guid.NewGuid().ToString("N")[..8];
        var updates = 0;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var done = 0; done < count; done += BatchSize)
            {
                var batch = Enumerable.Range(done + 1, Math.Min(BatchSize, count - done))
                    .Select(index => Make(run, index, updatesPerCommitment, random, today, now, paragraphIds, actionLineIds, stakeholderIds))
                    .ToList();
                await WriteBatchAsync(connection, batch, cancellationToken);
                updates += batch.Sum(c => c.ProgressUpdates.Count);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            db.ReadCache?.Invalidate();
        }

        logger.LogInformation("Added {Count} synthetic commitments with {Updates} progress updates.", count, updates);
        return new DemoDataResult(count, updates, $"{DemoCodePrefix}{run}-");
    }

    /// <summary>One transaction per batch: commitments with reserved ids, then their links and history, by COPY.</summary>
    private async Task WriteBatchAsync(NpgsqlConnection connection, List<Commitment> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = await BulkCopy.ReserveIdsAsync(connection, "commitments", batch.Count, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var commitment = batch[i];
            commitment.Id = ids[i];
            commitment.Paragraphs.ForEach(p => p.CommitmentId = commitment.Id);
            commitment.ActionLines.ForEach(a => a.CommitmentId = commitment.Id);
            commitment.Stakeholders.ForEach(s => s.CommitmentId = commitment.Id);
            commitment.ProgressUpdates.ForEach(u => u.CommitmentId = commitment.Id);
        }

        await BulkCopy.WriteAsync(db, connection, batch, includeKey: true, cancellationToken);
        await BulkCopy.WriteAsync(db, connection, batch.SelectMany(c => c.Paragraphs), includeKey: true, cancellationToken);
        await BulkCopy.WriteAsync(db, connection, batch.SelectMany(c => c.ActionLines), includeKey: true, cancellationToken);
        await BulkCopy.WriteAsync(db, connection, batch.SelectMany(c => c.Stakeholders), includeKey: true, cancellationToken);
        await BulkCopy.WriteAsync(db, connection, batch.SelectMany(c => c.ProgressUpdates), includeKey: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Commitment Make(
        string run, int index, int updates, Random random, DateOnly today, DateTimeOffset now,
        List<int> paragraphIds, List<int> actionLineIds, List<int> stakeholderIds)
    {
        var start = today.AddDays(-random.Next(400, 3_000));
        var commitment = new Commitment
        {
            Code = $"{DemoCodePrefix}{run}-{index}",
            Title = $"Synthetic commitment {index} ({run})",
            Description = "Synthetic demo data made by seed-demo. It is not taken from any resolution.",
            TargetDate = random.Next(4) == 0 ? null : today.AddDays(random.Next(-700, 1_500)),
            IsSynthetic = true,
            CreatedAt = now,
            UpdatedAt = now,
            Paragraphs = Pick(paragraphIds, random, 1, 2).Select(id => new CommitmentParagraph { ParagraphId = id }).ToList(),
            ActionLines = Pick(actionLineIds, random, 1, 3).Select(id => new CommitmentActionLine { ActionLineId = id }).ToList(),
            Stakeholders = Pick(stakeholderIds, random, 1, 3)
                .Select((id, i) => new CommitmentStakeholder { StakeholderId = id, Role = i == 0 ? StakeholderRole.Lead : StakeholderRole.Partner })
                .ToList(),
        };

        var progress = 0;
        var asOf = start;
        var step = Math.Max(1, (today.DayNumber - start.DayNumber) / Math.Max(1, updates));
        for (var u = 0; u < updates; u++)
        {
            asOf = asOf.AddDays(random.Next(1, step + 1));
            if (asOf > today)
            {
                asOf = today;
            }

            progress = Math.Min(100, progress + random.Next(0, 15));
            var status = progress == 100 ? CommitmentStatus.Achieved : ProgressStatuses[random.Next(ProgressStatuses.Length)];
            var input = new RecordProgressInput(status, progress, $"Synthetic update {u + 1}.", [], asOf);
            var result = commitment.RecordProgress(input, DemoAuthor, now);
            if (!result.Succeeded || status == CommitmentStatus.Achieved)
            {
                break;
            }
        }

        return commitment;
    }

    private static IEnumerable<int> Pick(List<int> ids, Random random, int min, int max)
    {
        var howMany = Math.Min(ids.Count, random.Next(min, max + 1));
        return Enumerable.Range(0, howMany).Select(_ => ids[random.Next(ids.Count)]).Distinct();
    }
}

/// <summary>What one <c>seed-demo</c> run added; every code it made starts with <see cref="CodePrefix"/>.</summary>
public sealed record DemoDataResult(int Commitments, int ProgressUpdates, string CodePrefix);
