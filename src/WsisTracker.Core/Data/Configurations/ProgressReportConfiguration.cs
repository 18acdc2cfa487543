using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Reports;

namespace WsisTracker.Core.Data.Configurations;

public sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.ToTable("progress_reports", t => t.HasCheckConstraint("ck_progress_reports_progress_percent", "progress_percent BETWEEN 0 AND 100"));
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Narrative).HasMaxLength(Limits.Note);
        builder.Property(r => r.ReviewComment).HasMaxLength(Limits.Note);

        // A report stored before reports had a scope is national when it named countries, else global (decision 131).
        builder.Property(r => r.ScopeKind).HasConversion<string>().HasMaxLength(16)
            .HasDefaultValue(GeographicScopeKind.Global).HasSentinel(GeographicScopeKind.Global);
        builder.PrimitiveCollection(r => r.ScopeRegions).HasDefaultValueSql("'{}'").ElementType().HasMaxLength(Limits.M49Code);
        builder.PrimitiveCollection(r => r.Countries).ElementType().HasMaxLength(Limits.CountryCode);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasOne(r => r.Commitment).WithMany().HasForeignKey(r => r.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Stakeholder).WithMany().HasForeignKey(r => r.StakeholderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProgressUpdate>().WithMany().HasForeignKey(r => r.ProgressUpdateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Revisions).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);

        // An organisation has at most one open report per commitment: two contributors racing to open one meet here.
        builder.HasIndex(r => new { r.CommitmentId, r.StakeholderId })
            .IsUnique()
            .HasFilter("state IN ('Draft', 'Submitted', 'Returned')")
            .HasDatabaseName("ix_progress_reports_one_open_per_stakeholder");
        builder.HasIndex(r => r.StakeholderId);
        builder.HasIndex(r => new { r.State, r.SubmittedAt });
        builder.HasIndex(r => r.ProgressUpdateId);
    }
}

public sealed class ProgressReportRevisionConfiguration : IEntityTypeConfiguration<ProgressReportRevision>
{
    public void Configure(EntityTypeBuilder<ProgressReportRevision> builder)
    {
        builder.ToTable("progress_report_revisions", t => t.HasCheckConstraint("ck_progress_report_revisions_progress_percent", "progress_percent BETWEEN 0 AND 100"));
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Narrative).HasMaxLength(Limits.Note);
        builder.Property(v => v.Author).HasMaxLength(Limits.ShortText);
        builder.Property(v => v.ScopeKind).HasConversion<string>().HasMaxLength(16)
            .HasDefaultValue(GeographicScopeKind.Global).HasSentinel(GeographicScopeKind.Global);
        builder.PrimitiveCollection(v => v.ScopeRegions).HasDefaultValueSql("'{}'").ElementType().HasMaxLength(Limits.M49Code);
        builder.PrimitiveCollection(v => v.Countries).ElementType().HasMaxLength(Limits.CountryCode);
        builder.HasIndex(v => new { v.ReportId, v.Number }).IsUnique();
    }
}

public sealed class ProgressReportEventConfiguration : IEntityTypeConfiguration<ProgressReportEvent>
{
    public void Configure(EntityTypeBuilder<ProgressReportEvent> builder)
    {
        builder.ToTable("progress_report_events");
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Comment).HasMaxLength(Limits.Note);
        builder.Property(e => e.Actor).HasMaxLength(Limits.ShortText);
        builder.HasIndex(e => e.ReportId);
    }
}
