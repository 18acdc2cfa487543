using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Data.Configurations;

public sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(Limits.Code);
        builder.Property(c => c.Title).HasMaxLength(Limits.ShortText);
        builder.Property(c => c.Description).HasMaxLength(Limits.Description);
        builder.Property(c => c.TargetDateText).HasMaxLength(Limits.ShortText);
        builder.Property(c => c.IndicatorCode).HasMaxLength(Limits.IndicatorCode);
        builder.HasOne<WsisTracker.Core.Indicators.Indicator>().WithMany().HasForeignKey(c => c.IndicatorCode).OnDelete(DeleteBehavior.SetNull);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ReportingCadence).HasConversion<string>().HasMaxLength(16);
        // A commitment stored before scopes existed is global (decision 113).
        builder.Property(c => c.ScopeKind).HasConversion<string>().HasMaxLength(16)
            .HasDefaultValue(GeographicScopeKind.Global).HasSentinel(GeographicScopeKind.Global);
        builder.PrimitiveCollection(c => c.ScopeRegions).HasDefaultValueSql("'{}'").ElementType().HasMaxLength(Limits.M49Code);
        builder.PrimitiveCollection(c => c.ScopeCountries).HasDefaultValueSql("'{}'").ElementType().HasMaxLength(Limits.CountryCode);
        builder.Property(c => c.WithdrawalReason).HasMaxLength(Limits.Note);
        builder.Property(c => c.Version).IsRowVersion();
        builder.ToTable(t => t.HasCheckConstraint("ck_commitments_progress_percent", "progress_percent BETWEEN 0 AND 100"));
        builder.Ignore(c => c.IsProposed);
        builder.HasQueryFilter(Commitment.IsPublic);
        builder.HasOne<Stakeholder>().WithMany().HasForeignKey(c => c.ProposedByStakeholderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => c.Status);
        builder.HasIndex(c => new { c.UpdatedAt, c.Id });
        // The list's text filter q is a case-insensitive substring of the title, description or code (ILIKE): one
        // trigram index per column, so PostgreSQL answers it with a BitmapOr of the three (decision 121).
        builder.HasIndex(c => c.Title, "ix_commitments_title_trgm").HasDatabaseName("ix_commitments_title_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(c => c.Description, "ix_commitments_description_trgm").HasDatabaseName("ix_commitments_description_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(c => c.Code, "ix_commitments_code_trgm").HasDatabaseName("ix_commitments_code_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasGeneratedTsVectorColumn(c => c.SearchVector!, "english", c => new { c.Code, c.Title, c.Description }).HasIndex(c => c.SearchVector).HasMethod("GIN");
        builder.HasMany(c => c.Paragraphs).WithOne().HasForeignKey(p => p.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.ActionLines).WithOne().HasForeignKey(a => a.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Stakeholders).WithOne().HasForeignKey(s => s.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.ProgressUpdates).WithOne().HasForeignKey(u => u.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Milestones).WithOne().HasForeignKey(m => m.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Lineage).WithOne().HasForeignKey(l => l.CommitmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CommitmentParagraphConfiguration : IEntityTypeConfiguration<CommitmentParagraph>
{
    public void Configure(EntityTypeBuilder<CommitmentParagraph> builder)
    {
        builder.ToTable("commitment_paragraphs");
        builder.HasKey(p => new { p.CommitmentId, p.ParagraphId });
        builder.HasIndex(p => p.ParagraphId);
        builder.Property(p => p.SubParagraph).HasMaxLength(Limits.SubParagraphPath);
        builder.HasOne(p => p.Paragraph).WithMany().HasForeignKey(p => p.ParagraphId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CommitmentActionLineConfiguration : IEntityTypeConfiguration<CommitmentActionLine>
{
    public void Configure(EntityTypeBuilder<CommitmentActionLine> builder)
    {
        builder.ToTable("commitment_action_lines");
        builder.HasKey(a => new { a.CommitmentId, a.ActionLineId });
        builder.HasIndex(a => a.ActionLineId);
        builder.HasOne(a => a.ActionLine).WithMany().HasForeignKey(a => a.ActionLineId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CommitmentStakeholderConfiguration : IEntityTypeConfiguration<CommitmentStakeholder>
{
    public void Configure(EntityTypeBuilder<CommitmentStakeholder> builder)
    {
        builder.ToTable("commitment_stakeholders");
        builder.HasKey(s => new { s.CommitmentId, s.StakeholderId });
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => s.StakeholderId);
        builder.HasOne(s => s.Stakeholder).WithMany().HasForeignKey(s => s.StakeholderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CommitmentLineageConfiguration : IEntityTypeConfiguration<CommitmentLineage>
{
    public void Configure(EntityTypeBuilder<CommitmentLineage> builder)
    {
        builder.ToTable("commitment_lineage");
        builder.HasKey(l => new { l.CommitmentId, l.EarlierCommitmentId });
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Evidence).HasMaxLength(Limits.SourceNotes);
        builder.HasIndex(l => l.EarlierCommitmentId);
        builder.HasOne(l => l.EarlierCommitment).WithMany().HasForeignKey(l => l.EarlierCommitmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ProgressUpdateConfiguration : IEntityTypeConfiguration<ProgressUpdate>
{
    public void Configure(EntityTypeBuilder<ProgressUpdate> builder)
    {
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.Note).HasMaxLength(Limits.Note);
        builder.Property(u => u.Author).HasMaxLength(Limits.ShortText);
        builder.HasOne(u => u.ReportingStakeholder).WithMany().HasForeignKey(u => u.ReportingStakeholderId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_progress_updates_progress_percent", "progress_percent BETWEEN 0 AND 100"));
        builder.HasIndex(u => new { u.CommitmentId, u.AsOf });
        builder.HasIndex(u => u.RecordedAt);

        // The id of the transaction that wrote the row (xid8 as bigint): the change feed serves rows in
        // (transaction, id) order and only from transactions that have ended, so no row commits behind the reader.
        builder.Property<long>(ChangeFeed.TransactionIdProperty)
            .HasDefaultValueSql("(pg_current_xact_id()::text)::bigint")
            .ValueGeneratedOnAdd();
        builder.HasIndex(ChangeFeed.TransactionIdProperty, nameof(ProgressUpdate.Id));
    }
}

public sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(Limits.ShortText);
        builder.HasIndex(m => new { m.CommitmentId, m.Order });
    }
}
