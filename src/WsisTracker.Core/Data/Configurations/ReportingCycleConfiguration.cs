using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Common;
using WsisTracker.Core.Reporting;

namespace WsisTracker.Core.Data.Configurations;

public sealed class ReportingCycleConfiguration : IEntityTypeConfiguration<ReportingCycle>
{
    public void Configure(EntityTypeBuilder<ReportingCycle> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Limits.ShortText);
        builder.Property(c => c.ResolutionSlug).HasMaxLength(Limits.Slug);
        builder.Property(c => c.ActionLineCode).HasMaxLength(Limits.Code);
        builder.Property(c => c.StakeholderSlug).HasMaxLength(Limits.Slug);
        builder.Property(c => c.Snapshot).HasColumnType("jsonb");
        builder.Property(c => c.Version).IsRowVersion();
        builder.Ignore(c => c.IsClosed);
        builder.HasIndex(c => c.ClosedAt);
        builder.ToTable(t => t.HasCheckConstraint("ck_reporting_cycles_window", "due_on >= opens_on"));
    }
}
