using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Caching;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Email;
using WsisTracker.Core.Indicators;
using WsisTracker.Core.Reporting;
using WsisTracker.Core.Reports;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Data;

/// <summary>
/// The database. When an <see cref="ActorContext"/> names who is acting, every save also writes the audit trail of
/// its changes, in the same transaction. It also stores the staff accounts (ASP.NET Core Identity, tables
/// <c>staff_*</c>). Instances are pooled (one constructor, taking only the options): each lease is bound to its
/// request's actor, the clock and the read cache by <see cref="Bind"/>.
/// </summary>
public sealed class WsisTrackerDbContext(DbContextOptions<WsisTrackerDbContext> options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    private ActorContext? _actor;
    private TimeProvider _time = TimeProvider.System;
    private ReadCache? _readCache;

    /// <summary>
    /// Binds this lease to who is acting (whose saves are audited), the clock and the process's read cache. The
    /// container does it on every lease from the pool, so no lease keeps another request's actor.
    /// </summary>
    public WsisTrackerDbContext Bind(ActorContext? actor, TimeProvider time, ReadCache? readCache)
    {
        _actor = actor;
        _time = time;
        _readCache = readCache;
        return this;
    }

    public DbSet<Resolution> Resolutions => Set<Resolution>();

    public DbSet<Section> Sections => Set<Section>();

    public DbSet<Paragraph> Paragraphs => Set<Paragraph>();

    public DbSet<Footnote> Footnotes => Set<Footnote>();

    public DbSet<ActionLine> ActionLines => Set<ActionLine>();

    public DbSet<Stakeholder> Stakeholders => Set<Stakeholder>();

    /// <summary>The M49 areas: the world, regions, sub-regions and intermediate regions.</summary>
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Country> Countries => Set<Country>();

    public DbSet<Grouping> Groupings => Set<Grouping>();

    /// <summary>Dated memberships of the groupings, maintained by the secretariat (decision 110).</summary>
    public DbSet<GroupingMembership> GroupingMemberships => Set<GroupingMembership>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    /// <summary>Indicator values by country and year; not audited (the import of a series is a replacement of them all).</summary>
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<Commitment> Commitments => Set<Commitment>();

    public DbSet<ProgressUpdate> ProgressUpdates => Set<ProgressUpdate>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>ASP.NET Core Data Protection keys, shared by every instance so cookies and antiforgery tokens work across them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();

    /// <summary>Which stakeholders each contributor is focal point of.</summary>
    public DbSet<StaffUserStakeholder> StaffUserStakeholders => Set<StaffUserStakeholder>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>E-mail waiting to be sent or sent, written in the transaction of the event that causes it (decision 089).</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>The shared rate limits' windows (decision 123), written by raw SQL only.</summary>
    public DbSet<RateLimiting.RateLimitWindow> RateLimitWindows => Set<RateLimiting.RateLimitWindow>();

    /// <summary>"Now" from the clock this lease is bound to.</summary>
    public DateTimeOffset UtcNow => _time.GetUtcNow();
    public DbSet<ReportingCycle> ReportingCycles => Set<ReportingCycle>();

    /// <summary>
    /// The process's read cache, told of every save and (by <see cref="CommitInvalidatesReadCache"/>) of every commit, so
    /// cached read models never outlive a local write, not even one read between a save and its outer transaction's commit.
    /// </summary>
    public ReadCache? ReadCache => _readCache;

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_actor is not { Name: { } name } actor)
        {
            return await SaveUnauditedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var trail = AuditTrail.Capture(ChangeTracker);
        return trail.IsEmpty
            ? await SaveUnauditedAsync(acceptAllChangesOnSuccess, cancellationToken)
            : await SaveAndAuditAsync(trail, name, actor.Kind, cancellationToken);
    }

    private async Task<int> SaveUnauditedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            _readCache?.Invalidate();
        }
    }

    /// <summary>Saves the tracked changes and their audit rows in one <see cref="AuditedTransaction"/>.</summary>
    private async Task<int> SaveAndAuditAsync(AuditTrail trail, string actor, ActorKind kind, CancellationToken cancellationToken)
    {
        await using var transaction = await AuditedTransaction.BeginAsync(this, cancellationToken);
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = !transaction.IsOwn && savepoints;

        // The capture has just detected the changes; detecting them again inside the save would find nothing new.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            await transaction.CompleteAsync(trail, actor, kind, _time.GetUtcNow(), cancellationToken);
            return written;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>Synchronous saves are for framework stores that need no audit (Data Protection keys); audited writes are async.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        _actor?.Name is null
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new NotSupportedException("Use SaveChangesAsync, which writes the audit trail.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Trigram indexes for the list's text filter (decision 121); a trusted extension, so the database's owner may create it.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WsisTrackerDbContext).Assembly);
    }
}
