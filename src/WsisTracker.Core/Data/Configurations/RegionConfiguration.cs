using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;

namespace WsisTracker.Core.Data.Configurations;

public sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(Limits.M49Code).IsFixedLength();
        builder.Property(r => r.ParentCode).HasMaxLength(Limits.M49Code).IsFixedLength();
        builder.Property(r => r.Level).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.NameEn).HasMaxLength(Limits.ShortText);
        builder.Property(r => r.NameFr).HasMaxLength(Limits.ShortText);
        builder.Property(r => r.NameEs).HasMaxLength(Limits.ShortText);
        builder.Property(r => r.NameAr).HasMaxLength(Limits.ShortText);
        builder.Property(r => r.NameZh).HasMaxLength(Limits.ShortText);
        builder.Property(r => r.NameRu).HasMaxLength(Limits.ShortText);
        builder.HasOne<Region>().WithMany().HasForeignKey(r => r.ParentCode).OnDelete(DeleteBehavior.Restrict);
    }
}
