using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.ActionLines;
using WsisTracker.Core.Common;

namespace WsisTracker.Core.Data.Configurations;

public sealed class ActionLineConfiguration : IEntityTypeConfiguration<ActionLine>
{
    public void Configure(EntityTypeBuilder<ActionLine> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(Limits.ActionLineCode);
        builder.Property(a => a.Title).HasMaxLength(Limits.Title);
        builder.Property(a => a.ProvenanceNotes).HasMaxLength(Limits.SourceNotes);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasOne(a => a.Parent).WithMany(a => a.SubLines).HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Facilitators).WithOne().HasForeignKey(f => f.ActionLineId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(a => a.DisplayCode);
    }
}

public sealed class ActionLineFacilitatorConfiguration : IEntityTypeConfiguration<ActionLineFacilitator>
{
    public void Configure(EntityTypeBuilder<ActionLineFacilitator> builder)
    {
        builder.ToTable("action_line_facilitators");
        builder.HasKey(f => new { f.ActionLineId, f.StakeholderId });
        builder.Property(f => f.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(f => f.Stakeholder).WithMany().HasForeignKey(f => f.StakeholderId).OnDelete(DeleteBehavior.Restrict);
    }
}
