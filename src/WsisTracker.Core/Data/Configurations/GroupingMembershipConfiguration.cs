using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;

namespace WsisTracker.Core.Data.Configurations;

public sealed class GroupingMembershipConfiguration : IEntityTypeConfiguration<GroupingMembership>
{
    public void Configure(EntityTypeBuilder<GroupingMembership> builder)
    {
        builder.Property(m => m.CountryIso3).HasMaxLength(Limits.CountryCode).IsFixedLength();
        builder.Property(m => m.GroupingCode).HasMaxLength(Limits.GroupingCode);
        builder.Property(m => m.Source).HasMaxLength(Limits.SourceNotes);
        builder.Property(m => m.Version).IsRowVersion();
        builder.HasOne<Country>().WithMany().HasForeignKey(m => m.CountryIso3).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Grouping>().WithMany().HasForeignKey(m => m.GroupingCode).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.GroupingCode, m.CountryIso3 });
        builder.HasIndex(m => m.CountryIso3);
        builder.ToTable(t => t.HasCheckConstraint("ck_grouping_memberships_period", "\"from\" IS NULL OR \"to\" IS NULL OR \"to\" > \"from\""));
    }
}
